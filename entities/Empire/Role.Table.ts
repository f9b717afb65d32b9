import { Code, Field, Table, Text } from '../../src/runtime/Metadata';
import { TableRecord } from '../../src/runtime/Record';

/**
 * Empire's role of a person in a household/company ("een rol beschrijft de
 * relatie van een Persoon tot een Huishouden/Bedrijf"): CONTRACT
 * (contractant), MEDECONTR, INWONER, CONTACTP, KIND. Table number is the
 * simulator's own (Empire's objects are not public).
 */
@Table(7000000, 'Role', { nl: 'Rol', empire: true, setup: true })
export class Role extends TableRecord {
  @Field(1, 'Code', Code(20), { primaryKey: true, notBlank: true, nl: 'Rolcode' })
  code!: string;

  @Field(2, 'Description', Text(100), { nl: 'Omschrijving' })
  description!: string;
}
