import { Code, Field, Table, Text } from '../../../src/runtime/Metadata';
import { TableRecord } from '../../../src/runtime/Record';
import { TeamSalesperson } from './TeamSalesperson.Table';

/** Table 5083 "Team" (page 5105 Teams). */
@Table(5083, 'Team', { nl: 'Team', setup: true })
export class Team extends TableRecord {
  @Field(1, 'Code', Code(10), { primaryKey: true, notBlank: true, nl: 'Code' })
  code!: string;

  @Field(2, 'Name', Text(50), { nl: 'Naam' })
  name!: string;

  /** OnDelete deletes its members (no open-task check, as BC). */
  protected async onDelete(): Promise<void> {
    await this.session.deleteAll(TeamSalesperson, { teamCode: this.code });
  }
}
