import { composeContactName, composeSearchName } from '../../../codeunits/foundation/DutchName';
import { strSubstNo } from '../../../src/runtime/Labels';
import { SalutationFormula, SalutationNamePart, SalutationType } from '../Setup/SalutationFormula.Table';
import type { Contact } from './Contact.Table';
import { ContactType } from './ContactEnums';
import { ContactLabels } from './ContactLabels';
import { processPersonNameChange } from './ContactPersons';

/**
 * Table 5050's name procedures: BC's name breakdown and search name with
 * Empire's name parts (Initialen, Tussenvoegsels, Achternaam), and the
 * salutation built from them. Kept beside the table, called by its triggers.
 */

/** Empire: Naam = Initialen + Tussenvoegsels + Achternaam (first name when there are no initials). */
export async function nameFromParts(contact: Contact, xRec: Contact): Promise<void> {
  contact.name = composeContactName(contact.initials || contact.firstName, contact.middleName, contact.surname);
  await processNameChange(contact, xRec);
}
/** ProcessNameChange(). */
export async function processNameChange(contact: Contact, xRec: Contact): Promise<void> {
  updateSearchName(contact, xRec);
  if (contact.type === ContactType.Company) contact.companyName = contact.name;
  else await processPersonNameChange(contact);
}

export function hasNameParts(contact: Contact): boolean {
  return contact.initials !== '' || contact.firstName !== '' || contact.middleName !== '' || contact.surname !== '';
}

/** NameBreakdown(): BC splits a typed Name of a person into First/Middle/Surname. */
export function nameBreakdown(contact: Contact): void {
  if (contact.type === ContactType.Company) return;
  const parts = contact.name.split(' ').filter((p) => p !== '');
  contact.firstName = '';
  contact.middleName = '';
  contact.surname = '';
  parts.forEach((part, i) => {
    const n = parts.length;
    if (i === n - 1 && n > 1) contact.surname = part.slice(0, 30);
    else if (i === n - 2 && n > 2) contact.middleName = part.slice(0, 30);
    else contact.firstName = `${contact.firstName} ${part}`.trimStart().slice(0, 30);
  });
}

/**
 * UpdateSearchName(): BC copies Name while nobody typed a search name of
 * their own. Empire's default sorts on the surname ("BERG, J.P. VAN DER"),
 * so a search name still equal to the old default follows too.
 */
export function updateSearchName(contact: Contact, xRec: Contact): void {
  const oldDefault = composeSearchName(xRec.initials || xRec.firstName, xRec.middleName, xRec.surname, xRec.name);
  if (contact.searchName === '' || contact.searchName === xRec.name.toUpperCase() || contact.searchName === oldDefault.toUpperCase()) {
    contact.searchName = composeSearchName(contact.initials || contact.firstName, contact.middleName, contact.surname, contact.name).toUpperCase();
  }
}

/**
 * GetSalutation(SalutationType, LanguageCode): the formula of the contact's
 * Salutation Code filled with its name parts; an empty part takes the space
 * after its placeholder with it.
 */
export async function salutationOf(contact: Contact, salutationType: SalutationType, languageCode: string): Promise<string> {
  const formula = await contact.session.tryGet(SalutationFormula, contact.salutationCode, languageCode, salutationType);
  if (!formula) {
    contact.error(ContactLabels.Text021, SalutationType[salutationType], languageCode, contact.no);
  }
  formula.testField('salutation');
  const parts = [formula.name1, formula.name2, formula.name3, formula.name4, formula.name5].map((p) => namePart(contact, p));
  let text = formula.salutation;
  parts.forEach((part, i) => {
    if (part !== '') return;
    const at = text.indexOf(`%${i + 1} `);
    if (at >= 0) text = text.slice(0, at) + text.slice(at + 3);
  });
  return strSubstNo(text, ...parts).slice(0, 260);
}

function namePart(contact: Contact, part: number): string {
  switch (part) {
    case SalutationNamePart.JobTitle:
      return contact.jobTitle;
    case SalutationNamePart.FirstName:
      return contact.firstName;
    case SalutationNamePart.MiddleName:
      return contact.middleName;
    case SalutationNamePart.Surname:
      return contact.surname;
    case SalutationNamePart.Initials:
      return contact.initials;
    case SalutationNamePart.CompanyName:
      return contact.companyName;
    default:
      return '';
  }
}
