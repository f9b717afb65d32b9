import { Enum, Option } from '../../../src/runtime/Metadata';

/** Enum 5050 "Contact Type". Empire calls it Soort: Huishouden/Bedrijf or Persoon. */
export enum ContactType {
  Company = 0,
  Person = 1,
}

/** Enum 5057 "Contact Business Relation Link To Table". */
export enum LinkToTable {
  Blank = 0,
  Customer = 1,
  Vendor = 2,
  BankAccount = 3,
  Employee = 4,
}

/** Enum 5056 "Contact Business Relation" (Contact field 5086). */
export enum ContactBusinessRelationKind {
  Blank = 0,
  Customer = 1,
  Vendor = 2,
  BankAccount = 3,
  Employee = 4,
  None = 100,
  Other = 101,
  Multiple = 102,
}

/** Enum 5076 "Correspondence Type". */
export enum CorrespondenceType {
  Blank = 0,
  HardCopy = 1,
  Email = 2,
}

/** Option "Correspondence Type" of Contact (5100), Interaction Log Entry (27), Segment Line (6) and the template's default. */
export const CORRESPONDENCE_TYPE = Enum('Correspondence Type', ' ,Hard Copy,Email', ' ,Afdruk,E-mail');

/** Field 5050 Type (Empire: Soort). */
export const CONTACT_TYPE = Enum('Contact Type', [
  [0, 'Company', 'Huishouden / Bedrijf'],
  [1, 'Person', 'Persoon'],
]);

/** Field 5086 Contact Business Relation. */
export const BUSINESS_RELATION = Enum('Contact Business Relation', [
  [0, ' '],
  [1, 'Customer', 'Klant'],
  [2, 'Vendor', 'Leverancier'],
  [3, 'Bank Account', 'Bankrekening'],
  [4, 'Employee', 'Werknemer'],
  [100, 'None', 'Geen'],
  [101, 'Other', 'Overig'],
  [102, 'Multiple', 'Meerdere'],
]);
