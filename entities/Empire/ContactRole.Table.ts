import { BooleanField, Code, DateField, Field, Table } from '../../src/runtime/Metadata';
import { TableRecord } from '../../src/runtime/Record';
import { ContactType } from '../CRM/Contact/ContactEnums';
import { Contact } from '../CRM/Contact/Contact.Table';
import { Role } from './Role.Table';

/**
 * Empire's Rollen: a person's role in a household/company. A person can hold
 * roles in several households; "Toon als eerste" marks the contractant whose
 * name the household shows first.
 */
@Table(7000001, 'Contact Role', { nl: 'Contactrol', empire: true })
export class ContactRole extends TableRecord {
  @Field(1, 'Household Contact No.', Code(20), {
    primaryKey: true,
    notBlank: true,
    relation: { table: () => Contact, where: { type: ContactType.Company } },
    nl: 'Huishouden/bedrijf',
  })
  householdContactNo!: string;

  @Field(2, 'Person Contact No.', Code(20), {
    primaryKey: true,
    notBlank: true,
    relation: { table: () => Contact, where: { type: ContactType.Person } },
    nl: 'Persoon',
  })
  personContactNo!: string;

  @Field(3, 'Role Code', Code(20), { primaryKey: true, notBlank: true, relation: () => Role, nl: 'Rolcode' })
  roleCode!: string;

  @Field(4, 'Show First', BooleanField, { nl: 'Toon als eerste' })
  showFirst!: boolean;

  @Field(5, 'Starting Date', DateField, { nl: 'Begindatum' })
  startingDate!: string | null;

  @Field(6, 'Ending Date', DateField, { nl: 'Einddatum' })
  endingDate!: string | null;
}
