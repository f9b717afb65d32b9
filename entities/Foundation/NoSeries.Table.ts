import { BooleanField, Code, Field, Table, Text } from '../../src/runtime/Metadata';
import { TableRecord } from '../../src/runtime/Record';

/** Table 308 "No. Series" (Business Foundation in BC 24). */
@Table(308, 'No. Series', { nl: 'Nr.-reeks', setup: true })
export class NoSeries extends TableRecord {
  @Field(1, 'Code', Code(20), { primaryKey: true, notBlank: true, nl: 'Code' })
  code!: string;

  @Field(2, 'Description', Text(100), { nl: 'Omschrijving' })
  description!: string;

  /** Automatic numbers allowed. */
  @Field(3, 'Default Nos.', BooleanField)
  defaultNos!: boolean;

  /** Typed numbers allowed. */
  @Field(4, 'Manual Nos.', BooleanField)
  manualNos!: boolean;

  @Field(5, 'Date Order', BooleanField)
  dateOrder!: boolean;
}
