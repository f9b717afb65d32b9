import { DutchAddressLookup } from '../../../codeunits/foundation/DutchAddressLookup.Codeunit';
import { UserSetup } from '../../System/UserSetup.Table';
import type { MarketingSetup } from '../Setup/MarketingSetup.Table';
import type { Contact } from './Contact.Table';
import { ContactType } from './ContactEnums';

/**
 * Table 5050's values that come from elsewhere: Marketing Setup's defaults on
 * insert, and Empire's Straat resolved to a whole Dutch address. Kept beside
 * the table, called by its triggers.
 */

/** OnInsert's defaults from Marketing Setup (and the user's own salesperson), unless SetSkipDefault was called. */
export async function applySetupDefaults(contact: Contact, setup: MarketingSetup): Promise<void> {
  if (contact.salespersonCode === '') {
    contact.salespersonCode = setup.defaultSalespersonCode;
    const mine = await UserSetup.salespersonOf(contact.session);
    if (mine !== '') contact.salespersonCode = mine;
  }
  if (contact.countryRegionCode === '') contact.countryRegionCode = setup.defaultCountryRegionCode;
  if (contact.languageCode === '') contact.languageCode = setup.defaultLanguageCode;
  if (contact.correspondenceType === 0) contact.correspondenceType = setup.defaultCorrespondenceType;
  if (contact.salutationCode === '') {
    contact.salutationCode =
      contact.type === ContactType.Company ? setup.defCompanySalutationCode : setup.defaultPersonSalutationCode;
  }
}

/** Empire: Straat. A postcode + house number (+ addition) resolves the whole address. */
export async function resolveStreet(contact: Contact): Promise<void> {
  const resolved = await new DutchAddressLookup(contact.session).resolve(contact.street);
  if (!resolved) return;
  contact.street = resolved.street;
  contact.houseNo = resolved.houseNo;
  contact.houseLetter = resolved.houseLetter;
  contact.houseNoAddition = resolved.houseNoAddition;
  contact.address = resolved.addressLine;
  contact.postCode = resolved.postCode;
  contact.city = resolved.city;
  contact.municipality = resolved.municipality;
  contact.county = resolved.province;
  contact.countryRegionCode = 'NL';
}
