import type { Contact } from './Contact.Table';
import { displayValue } from '../../../src/runtime/Format';

/** The contact's fields as groups that BC's procedures treat alike, and plain access to a field by name. */
export type ContactField = keyof Contact & string;

/** BC's address block (Address, Address 2, Post Code, City, County). */
export const BC_ADDRESS_FIELDS: ContactField[] = ['address', 'address2', 'postCode', 'city', 'county'];
/** Empire's address parts resolved by the Straat lookup travel with the BC address. */
export const EMPIRE_ADDRESS_FIELDS: ContactField[] = ['street', 'houseNo', 'houseLetter', 'houseNoAddition', 'municipality'];
export const ADDRESS_FIELDS: ContactField[] = [...BC_ADDRESS_FIELDS, ...EMPIRE_ADDRESS_FIELDS];

/** The communication fields of InheritCompanyToPersonData that the simulator has. */
export const INHERITED_COMMUNICATION_FIELDS: ContactField[] = ['phoneNo', 'eMail', 'mobilePhoneNo', 'correspondenceType'];
/** DoModify passes on fewer: Correspondence Type stays the person's own. */
export const FOLLOWED_COMMUNICATION_FIELDS: ContactField[] = ['phoneNo', 'eMail', 'mobilePhoneNo'];

/** IsUpdateNeeded(): a change in one of these is pushed to the linked customer. */
export const CUST_VEND_BANK_FIELDS: ContactField[] = [
  'name',
  'searchName',
  'name2',
  'address',
  'address2',
  'city',
  'phoneNo',
  'mobilePhoneNo',
  'territoryCode',
  'currencyCode',
  'languageCode',
  'salespersonCode',
  'countryRegionCode',
  'vatRegistrationNo',
  'postCode',
  'county',
  'eMail',
  'searchEMail',
  'type',
];

export function fieldValue(contact: Contact, field: ContactField): unknown {
  return (contact as unknown as Record<string, unknown>)[field];
}

export function setFieldValue(contact: Contact, field: ContactField, value: unknown): void {
  (contact as unknown as Record<string, unknown>)[field] = value;
}

/** A field as Format() writes it: an option by its name, so a blank Correspondence Type (' ') counts as filled in. */
export function formatField(contact: Contact, field: ContactField): string {
  return displayValue(contact.meta().field(field), fieldValue(contact, field));
}

/**
 * The filters of field 5068 "Date of Last Interaction" on Interaction Log Entry:
 * max(Date where "Contact Company No." = field("Company No."), "Contact No." =
 * field(filter("Lookup Contact No.")), "Attempt Failed" = const(false), Postponed = const(false)).
 */
export const LAST_INTERACTION_WHERE = {
  contactCompanyNo: { field: 'companyNo' },
  contactNo: { field: 'lookupContactNo', filter: true as const },
  attemptFailed: { const: false },
  postponed: { const: false },
};
