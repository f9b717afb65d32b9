import { BooleanField, Field, Guid, Option, Table, Text } from '../../src/runtime/Metadata';
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

  /**
   * BC's system fields 2000000002/2000000004, kept on this table only: the User Security ID of the admin
   * who created the company through `/_sim/companies`; '' (the null GUID) for a company the simulator made
   * at its start, as BC shows for rows written by no user. A company row is never changed after that.
   */
  @Field(2000000002, 'SystemCreatedBy', Guid, { editable: false })
  systemCreatedBy!: string;

  @Field(2000000004, 'SystemModifiedBy', Guid, { editable: false })
  systemModifiedBy!: string;

  /** Simulator: the seed the company is reset to ('demo' or 'empty'). */
  @Field(99000001, 'Seed', Text(30))
  seed!: string;

  /**
   * Simulator: the screen words a class is trained in. The two work instructions describe two Empire versions
   * ('000': Initialen, Soort, Nieuw | + Nieuw — the default; '003': Voorletters, Bedrijf,Persoon (Type),
   * + Contact). Kept on the company row, not in the company's data, so a reset keeps it.
   */
  @Field(99000002, 'Caption Set', Option('000,003'))
  captionSet!: number;
}
