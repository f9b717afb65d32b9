import { BooleanField, Field, Table, Text } from '../../src/runtime/Metadata';
import { TableRecord } from '../../src/runtime/Record';

/** Table 2000000006 "Company" (system database). Its SystemId is the API's company id. */
@Table(2000000006, 'Company', { system: true, nl: 'Bedrijf' })
export class Company extends TableRecord {
  @Field(1, 'Name', Text(30), { primaryKey: true, notBlank: true, nl: 'Naam' })
  name!: string;

  @Field(2, 'Evaluation Company', BooleanField)
  evaluationCompany!: boolean;

  @Field(3, 'Display Name', Text(250), { nl: 'Weergavenaam' })
  displayName!: string;

  /** Simulator: the seed the company is reset to ('demo' or 'empty'). */
  @Field(99000001, 'Seed', Text(30))
  seed!: string;
}
