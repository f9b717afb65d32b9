import {
  Contact,
  ContactBusinessRelation,
  Customer,
  DutchAddress,
  InteractionLogEntry,
  MarketingSetup,
  NoSeries,
  Role,
  Salutation,
  SalutationFormula,
  Todo,
} from '../../entities';
import { ContactType } from '../../entities/CRM/Contact/ContactEnums';
import { SalutationNamePart, SalutationType } from '../../entities/CRM/Setup/SalutationFormula.Table';
import { EmpireContact } from '../../codeunits/process/EmpireContact.Codeunit';
import { BcError } from '../../src/runtime/BcError';
import { DialogPort } from '../../src/runtime/Dialogs';
import { Session } from '../../src/runtime/Session';
import { TestCompany } from './LibraryMarketing';

/**
 * Test library for "Aanmaken contact", next to LibraryMarketing: contacts made
 * the way the Contactkaart makes them (Insert with triggers, page validations,
 * Modify with triggers), the postcode table, roles, salutations, customers, and
 * the check that a failing operation wrote nothing.
 */

export interface NameParts {
  initials?: string;
  firstName?: string;
  middleName?: string;
  surname?: string;
}

/** A row of the postcode table: postcode without space, number, letter, addition, street, city. */
export type AddressRow = [postCode: string, houseNo: number, letter: string, addition: string, street: string, city: string];

/**
 * A small postcode table with each shape the Straat lookup meets: a plain
 * number, numbers with letters only, toevoegingen only, letter + toevoeging,
 * a word as toevoeging, and a number where `A-2` and `-A2` both exist.
 */
export const TEST_ADDRESSES: AddressRow[] = [
  ['7391AG', 12, '', '', 'Molenweg', 'Lindeveld'],
  ['7391AG', 12, 'A', '', 'Molenweg', 'Lindeveld'],
  ['7391AG', 12, 'B', '', 'Molenweg', 'Lindeveld'],
  ['7391AG', 14, '', '', 'Molenweg', 'Lindeveld'],
  ['7391BD', 14, 'A', '', 'Beukenstraat', 'Lindeveld'],
  ['7391BD', 14, 'B', '', 'Beukenstraat', 'Lindeveld'],
  ['7391BA', 2, '', '1', 'Kastanjehof', 'Lindeveld'],
  ['7391BA', 2, '', '2', 'Kastanjehof', 'Lindeveld'],
  ['7391BE', 20, 'A', '1', 'Populierenplein', 'Lindeveld'],
  ['7391BE', 20, 'A', '2', 'Populierenplein', 'Lindeveld'],
  ['7391CB', 27, '', '', 'Stationsweg', 'Lindeveld'],
  ['7391CB', 27, '', 'BIS', 'Stationsweg', 'Lindeveld'],
  ['7395AC', 10, '', '', 'Dorpsstraat', 'Eikhorst'],
  ['7395AC', 10, 'A', '', 'Dorpsstraat', 'Eikhorst'],
  ['7395AC', 10, '', 'A', 'Dorpsstraat', 'Eikhorst'],
  ['7395AC', 122, '', '', 'Dorpsstraat', 'Eikhorst'],
  ['7395AE', 5, 'A', '2', 'Kerkpad', 'Eikhorst'],
  ['7395AE', 5, '', 'A2', 'Kerkpad', 'Eikhorst'],
];

export const TEST_MUNICIPALITY = 'Lindeveld';
export const TEST_PROVINCE = 'Gelderland';

export async function createDutchAddresses(s: Session, rows: AddressRow[] = TEST_ADDRESSES): Promise<void> {
  for (const [postCode, houseNo, houseLetter, houseNoAddition, street, city] of rows) {
    const a = s.create(DutchAddress);
    Object.assign(a, { postCode, houseNo, houseLetter, houseNoAddition, street, city });
    a.municipality = TEST_MUNICIPALITY;
    a.province = TEST_PROVINCE;
    await a.insert(true);
  }
}

/** Contactkaart, Nieuw + Tab: the contact is inserted (a Huishouden / Bedrijf) and gets its number. */
export async function newContactCard(s: Session): Promise<Contact> {
  const c = s.create(Contact);
  await c.insert(true);
  return c;
}

/** Fills Initialen, Tussenvoegsels, Achternaam (and a first name) on the card, then the page saves (Modify with triggers). */
export async function fillName(contact: Contact, parts: NameParts): Promise<Contact> {
  for (const field of ['initials', 'firstName', 'middleName', 'surname'] as const) {
    const value = parts[field];
    if (value !== undefined) await contact.validate(field, value, { fromPage: true });
  }
  await contact.modify(true);
  return contact;
}

/** A household the way Aanmaken contact makes one: new card, name parts, Soort Huishouden / Bedrijf. */
export async function createHousehold(s: Session, parts: NameParts): Promise<Contact> {
  const c = await newContactCard(s);
  await fillName(c, parts);
  await c.validate('type', ContactType.Company, { fromPage: true });
  await c.modify(true);
  return c;
}

/** Types a value in a field of the card and saves. */
export async function setOnCard<K extends keyof Contact & string>(contact: Contact, field: K, value: unknown): Promise<Contact> {
  await contact.validate(field, value, { fromPage: true });
  await contact.modify(true);
  return contact;
}

/** Nieuw persoon voor huishouden/bedrijf, then the person's name on its card. */
export async function createPerson(s: Session, householdNo: string, roleCode: string, parts: NameParts = {}): Promise<Contact> {
  const person = await new EmpireContact(s).newPersonForHousehold(householdNo, roleCode);
  return fillName(person, parts);
}

export async function createRole(s: Session, code: string, description = code): Promise<Role> {
  const r = s.create(Role);
  r.code = code;
  r.description = description;
  await r.insert(true);
  return r;
}

export interface FormulaSpec {
  type: SalutationType;
  language?: string;
  text: string;
  parts?: SalutationNamePart[];
}

export async function createSalutation(s: Session, code: string, description: string, formulas: FormulaSpec[] = []): Promise<Salutation> {
  const sal = s.create(Salutation);
  sal.code = code;
  sal.description = description;
  await sal.insert(true);
  for (const f of formulas) {
    const formula = s.create(SalutationFormula);
    await formula.validate('salutationCode', code);
    formula.languageCode = f.language ?? '';
    formula.salutationType = f.type;
    await formula.validate('salutation', f.text);
    const parts = f.parts ?? [];
    [formula.name1, formula.name2, formula.name3, formula.name4, formula.name5] = [0, 1, 2, 3, 4].map(
      (i) => parts[i] ?? SalutationNamePart.Blank,
    );
    await formula.insert(true);
  }
  return sal;
}

/** Empire-style aanhefcodes (empire-nl.md §3.3, INFERRED): DHR, MEVR and BLANCO. */
export async function createEmpireSalutations(s: Session): Promise<void> {
  const { Formal, Informal } = SalutationType;
  const { Initials, MiddleName, Surname, FirstName } = SalutationNamePart;
  await createSalutation(s, 'DHR', 'De heer', [
    { type: Formal, text: 'Geachte heer %1 %2,', parts: [MiddleName, Surname] },
    { type: Informal, text: 'Beste %1,', parts: [FirstName] },
    { type: Formal, language: 'ENU', text: 'Dear Mr %1 %2 %3,', parts: [Initials, MiddleName, Surname] },
  ]);
  await createSalutation(s, 'MEVR', 'Mevrouw', [{ type: Formal, text: 'Geachte mevrouw %1 %2,', parts: [MiddleName, Surname] }]);
  await createSalutation(s, 'BLANCO', 'Blanco', [{ type: Formal, text: 'Geachte heer/mevrouw,' }]);
}

export async function updateMarketingSetup(s: Session, patch: Partial<MarketingSetup>): Promise<void> {
  const setup = await s.get(MarketingSetup, '');
  Object.assign(setup, patch);
  await setup.modify();
}

/** An interaction log entry on a contact, as SegManagement writes it (LibraryMarketing-style direct insert). */
export async function createInteractionLogEntry(s: Session, contact: Contact): Promise<InteractionLogEntry> {
  const last = await s.findFirst(InteractionLogEntry, {}, { entryNo: 'DESC' });
  const e = s.create(InteractionLogEntry);
  e.entryNo = (last?.entryNo ?? 0) + 1;
  e.contactNo = contact.no;
  e.contactCompanyNo = contact.companyNo;
  e.date = s.workDate();
  e.description = 'Vraag';
  await e.insert();
  return e;
}

/** A task for a contact (Contact No. validated, so Contact Company No. follows). */
export async function createTask(s: Session, contactNo: string, options: { closed?: boolean; salesperson?: string } = {}): Promise<Todo> {
  const t = s.create(Todo);
  await t.validate('contactNo', contactNo);
  t.salespersonCode = options.salesperson ?? '';
  t.date = s.workDate();
  t.description = 'Terugbellen';
  t.closed = options.closed ?? false;
  await t.insert(true);
  return t;
}

/** A klant: the Customer card, Nieuw (Insert with triggers) after typing the fields. */
export async function createCustomer(s: Session, name: string, fields: Partial<Customer> = {}): Promise<Customer> {
  const c = s.create(Customer);
  await c.validate('name', name);
  for (const [k, v] of Object.entries(fields)) await c.validate(k, v);
  await c.insert(true);
  return c;
}

export async function customerRelation(s: Session, customerNo: string): Promise<ContactBusinessRelation | null> {
  return s.findFirst(ContactBusinessRelation, { linkToTable: 1, no: customerNo });
}

/** A number series that allows typed numbers. */
export async function allowManualNos(s: Session, seriesCode: string): Promise<void> {
  const series = await s.get(NoSeries, seriesCode);
  series.manualNos = true;
  await series.modify();
}

/**
 * Runs an operation that must fail, returns its error, and checks in a second
 * transaction that it left every table of the company as it was.
 */
export async function failsWithoutWriting(
  tc: TestCompany,
  fn: (s: Session) => Promise<unknown>,
  options?: { user?: string; dialogs?: DialogPort },
): Promise<BcError> {
  const before = await tc.sim.snapshot(tc.companyId);
  let caught: unknown = null;
  try {
    await tc.run(fn, options);
  } catch (e) {
    caught = e;
  }
  if (caught === null) throw new Error('The operation did not fail');
  if (!(caught instanceof BcError)) throw caught;
  const after = await tc.sim.snapshot(tc.companyId);
  expect(after.tables).toEqual(before.tables);
  return caught;
}

/** Reads a contact in its own transaction. */
export function readContact(tc: TestCompany, no: string): Promise<Contact> {
  return tc.run((s) => s.get(Contact, no));
}
