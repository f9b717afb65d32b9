import { Code, Field, Table, Text } from '../../../src/runtime/Metadata';
import { TableRecord } from '../../../src/runtime/Record';

/** Table 5063 "Interaction Group". */
@Table(5063, 'Interaction Group', { nl: 'Interactiegroep', setup: true })
export class InteractionGroup extends TableRecord {
  @Field(1, 'Code', Code(10), { primaryKey: true, notBlank: true, nl: 'Code' })
  code!: string;

  @Field(2, 'Description', Text(100), { nl: 'Omschrijving' })
  description!: string;
}
