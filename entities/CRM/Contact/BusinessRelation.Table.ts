import { Code, Field, Table, Text } from '../../../src/runtime/Metadata';
import { TableRecord } from '../../../src/runtime/Record';

/** Table 5053 "Business Relation". */
@Table(5053, 'Business Relation', { nl: 'Zakenrelatie', setup: true })
export class BusinessRelation extends TableRecord {
  @Field(1, 'Code', Code(10), { primaryKey: true, notBlank: true, nl: 'Code' })
  code!: string;

  @Field(2, 'Description', Text(100), { nl: 'Omschrijving' })
  description!: string;
}
