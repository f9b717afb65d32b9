import { Code, Field, FlowField, Lookup, Table, Text } from '../../../src/runtime/Metadata';
import { TableRecord } from '../../../src/runtime/Record';
import type { Session } from '../../../src/runtime/Session';
import { SalespersonPurchaser } from './SalespersonPurchaser.Table';
import { Team } from './Team.Table';

/**
 * Table 5084 "Team Salesperson". No triggers, as BC: adding a member does not
 * give them copies of the team's existing tasks.
 */
@Table(5084, 'Team Salesperson', { nl: 'Teamverkoper', setup: true })
export class TeamSalesperson extends TableRecord {
  @Field(1, 'Team Code', Code(10), { primaryKey: true, notBlank: true, relation: () => Team, nl: 'Teamcode' })
  teamCode!: string;

  @Field(2, 'Salesperson Code', Code(20), {
    primaryKey: true,
    notBlank: true,
    relation: () => SalespersonPurchaser,
    nl: 'Verkoperscode',
  })
  salespersonCode!: string;

  @FlowField(3, 'Team Name', Text(50), Lookup(() => Team, 'name', { code: { field: 'teamCode' } }))
  teamName!: string;

  @FlowField(4, 'Salesperson Name', Text(50), Lookup(() => SalespersonPurchaser, 'name', { code: { field: 'salespersonCode' } }))
  salespersonName!: string;

  /** The teams a salesperson belongs to; none for no salesperson. */
  static async teamsOf(session: Session, salespersonCode: string): Promise<string[]> {
    if (salespersonCode === '') return [];
    return (await session.find(TeamSalesperson, { salespersonCode })).map((t) => t.teamCode);
  }
}
