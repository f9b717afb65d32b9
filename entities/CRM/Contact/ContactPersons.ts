import { Not } from 'typeorm';
import { FieldValidationError } from '../../../src/runtime/BcError';
import { PlatformText } from '../../../src/runtime/PlatformErrors';
import { Localized } from '../../../src/runtime/Labels';
import { Customer } from '../../Sales/Customer.Table';
import { InteractionLogEntry } from '../Interaction/InteractionLogEntry.Table';
import { MarketingSetup } from '../Setup/MarketingSetup.Table';
import { Todo } from '../Task/Todo.Table';
import { Contact } from './Contact.Table';
import { ContactBusinessRelation } from './ContactBusinessRelation.Table';
import { ContactType, LinkToTable } from './ContactEnums';
import {
  ADDRESS_FIELDS,
  ContactField,
  fieldValue,
  FOLLOWED_COMMUNICATION_FIELDS,
  formatField,
  INHERITED_COMMUNICATION_FIELDS,
  setFieldValue,
} from './ContactFieldGroups';
import { ContactLabels } from './ContactLabels';
import { hasNameParts, nameBreakdown } from './ContactName';

/**
 * Table 5050's procedures between a company contact and its persons (Empire:
 * a household and its members): what a person inherits from its company, what
 * follows a company's change, a change of Type. Procedures of the Contact
 * table kept beside it; the table's triggers call them.
 */

/** DoModify, for a company: its persons follow its name, and each inherited value they still shared with it. */
export async function updatePersons(company: Contact, before: Contact): Promise<void> {
  const s = company.session;
  const setup = await s.get(MarketingSetup, '');
  const followedCodes: ContactField[] = [];
  if (setup.inheritSalespersonCode) followedCodes.push('salespersonCode');
  if (setup.inheritTerritoryCode) followedCodes.push('territoryCode');
  if (setup.inheritCountryRegionCode) followedCodes.push('countryRegionCode');
  if (setup.inheritLanguageCode) followedCodes.push('languageCode');
  const persons = await s.find(Contact, { companyNo: company.no, type: ContactType.Person, no: Not(company.no) });
  for (const person of persons) {
    const old = person.copy();
    let changed = false;
    if (company.name !== before.name) {
      person.companyName = company.name;
      changed = true;
    }
    for (const f of followedCodes) changed = follow(person, f, company, before) || changed;
    if (setup.inheritAddressDetails && before.identicalAddress(person)) {
      for (const f of ADDRESS_FIELDS) {
        if (fieldValue(before, f) !== fieldValue(company, f)) {
          setFieldValue(person, f, fieldValue(company, f));
          changed = true;
        }
      }
    }
    if (setup.inheritCommunicationDetails) {
      for (const f of FOLLOWED_COMMUNICATION_FIELDS) {
        if (fieldValue(before, f) !== fieldValue(company, f) && fieldValue(before, f) === fieldValue(person, f)) {
          if (f === 'eMail') await person.validate('eMail', company.eMail);
          else setFieldValue(person, f, fieldValue(company, f));
          changed = true;
        }
      }
    }
    if (changed) {
      await person.doModify(old);
      await person.modify();
    }
  }
}

/** DoModify's rule for an inherited code: follow only where the person still had the company's old value. */
function follow(person: Contact, field: ContactField, company: Contact, before: Contact): boolean {
  if (fieldValue(before, field) === fieldValue(company, field) || fieldValue(before, field) !== fieldValue(person, field)) return false;
  setFieldValue(person, field, fieldValue(company, field));
  return true;
}

/** InheritCompanyToPersonData(NewCompanyContact). */
export async function inheritCompanyToPersonData(person: Contact, company: Contact, xRec: Contact): Promise<void> {
  person.companyName = company.name;
  const setup = await person.session.get(MarketingSetup, '');
  if (setup.inheritSalespersonCode) person.salespersonCode = company.salespersonCode;
  if (setup.inheritTerritoryCode) person.territoryCode = company.territoryCode;
  if (setup.inheritCountryRegionCode) person.countryRegionCode = company.countryRegionCode;
  if (setup.inheritLanguageCode) person.languageCode = company.languageCode;
  if (setup.inheritAddressDetails && (await staleAddress(person, xRec))) {
    for (const f of ADDRESS_FIELDS) setFieldValue(person, f, fieldValue(company, f));
  }
  if (setup.inheritCommunicationDetails) {
    for (const f of INHERITED_COMMUNICATION_FIELDS) await updateFieldForNewCompany(person, f, xRec);
  }
}

/** StaleAddress(): the person's address is blank or still the old company's. */
async function staleAddress(person: Contact, xRec: Contact): Promise<boolean> {
  const oldCompany = xRec.companyNo !== '' ? await person.session.tryGet(Contact, xRec.companyNo) : null;
  return (oldCompany !== null && person.identicalAddress(oldCompany)) || person.identicalAddress(person.session.create(Contact));
}

/**
 * UpdateFieldForNewCompany(FieldNo): a field takes the new company's value
 * when it is empty or still the old company's. Values compare as Format()
 * does, so a blank Correspondence Type (' ') counts as filled in.
 */
async function updateFieldForNewCompany(person: Contact, field: ContactField, xRec: Contact): Promise<void> {
  const s = person.session;
  const value = formatField(person, field);
  const newCompany = await s.tryGet(Contact, person.companyNo);
  if (!newCompany) return;
  const oldCompany = xRec.companyNo !== '' ? await s.tryGet(Contact, xRec.companyNo) : null;
  const stale = oldCompany !== null && value === formatField(oldCompany, field);
  if (stale || value === '') await person.validate(field, fieldValue(newCompany, field));
}

/** ProcessPersonNameChange(): the primary contact's name on the company's customer follows. */
export async function processPersonNameChange(person: Contact): Promise<void> {
  const s = person.session;
  const relation = await s.findFirst(ContactBusinessRelation, { linkToTable: LinkToTable.Customer, contactNo: person.companyNo });
  if (!relation) return;
  const customer = await s.tryGet(Customer, relation.no);
  if (customer && person.no !== '' && customer.primaryContactNo === person.no) {
    customer.contact = person.name;
    await customer.modify();
  }
}

/**
 * GetCompNo(ContactText): a contact by No., then a company by name, by the
 * start of its No. or name, then one company containing the text anywhere.
 * Without a client to pick from a list, anything else is an error.
 */
export async function getCompNo(contact: Contact, text: string): Promise<string> {
  if (text === '') return '';
  const s = contact.session;
  if (text.length <= 20) {
    const byNo = await s.tryGet(Contact, text.toUpperCase());
    if (byNo) return byNo.no;
  }
  const needle = text.toUpperCase();
  const companies = await s.find(Contact, { type: ContactType.Company });
  const up = (v: string) => v.toUpperCase();
  const exact = companies.find((c) => up(c.name) === needle);
  if (exact) return exact.no;
  const fromStart = companies.find((c) => c.no.startsWith(needle) || up(c.name).startsWith(needle));
  if (fromStart) return fromStart.no;
  const containing = companies.filter((c) => [c.no, c.name, c.city, c.phoneNo, c.postCode].some((v) => up(v).includes(needle)));
  if (containing.length === 1) return containing[0].no;
  contact.error(ContactLabels.SelectContactErr);
}

/** TypeChange(): BC's rules when Type changes (and on insert). */
export async function typeChange(contact: Contact, xRec: Contact): Promise<void> {
  const s = contact.session;
  const setup = await s.get(MarketingSetup, '');
  if (contact.type !== xRec.type) {
    if (await s.exists(InteractionLogEntry, { contactCompanyNo: contact.companyNo, contactNo: contact.no })) {
      contact.error(ContactLabels.Text003, contact.fieldCaption('type'));
    }
    if (await s.exists(Todo, { contactCompanyNo: contact.companyNo, contactNo: contact.no })) {
      contact.error(ContactLabels.CannotChangeWithOpenTasksErr, contact.fieldCaption('type'));
    }
    // Opportunities (Text006) are not simulated.
  }
  if (contact.type === ContactType.Company) {
    // Organizational Level Code and Job Responsibilities are not simulated, so their TestFields pass.
    // Empire keeps Initialen/Tussenvoegsels/Achternaam: a household's Naam is built from them.
    contact.jobTitle = '';
    contact.companyNo = contact.no;
    contact.companyName = contact.name;
    contact.salutationCode = setup.defCompanySalutationCode;
  } else {
    if (contact.no !== '' && (await s.exists(Contact, { companyNo: contact.no, type: ContactType.Person }))) {
      contact.error(ContactLabels.Text007, contact.fieldCaption('type'));
    }
    await checkIfTypeChangePossibleForPerson(contact, xRec);
    if (contact.companyNo === contact.no) {
      contact.companyNo = '';
      contact.companyName = '';
      contact.salutationCode = setup.defaultPersonSalutationCode;
      // Empire: name parts typed on the household stay; only a bare Name is broken down as BC does.
      if (!hasNameParts(contact)) nameBreakdown(contact);
    }
  }
  contact.lookupContactNo = contact.type === ContactType.Company ? '' : contact.no;
}

/** FlowField 5085 of BC's Contact, not simulated as a field; its Dutch caption is the simulator's (bc-domain-spec §8: not found). */
const NO_OF_BUSINESS_RELATIONS = new Localized('No. of Business Relations', 'Aantal zakenrelaties');

/** CheckIfTypeChangePossibleForPerson(). Industry groups are not simulated (always 0). */
async function checkIfTypeChangePossibleForPerson(contact: Contact, xRec: Contact): Promise<void> {
  if (contact.type === xRec.type) return;
  const relations = await contact.session.count(ContactBusinessRelation, { contactNo: contact.companyNo });
  if (relations !== 0) {
    throw new FieldValidationError(
      PlatformText.testFieldValue(NO_OF_BUSINESS_RELATIONS, '0', contact.tableCaption(), contact.keyUnquoted(), String(relations)),
    );
  }
  contact.testField('currencyCode', '');
  contact.testField('vatRegistrationNo', '');
}
