import { SalespersonPurchaser } from '../../entities/CRM/Team/SalespersonPurchaser.Table';
import { TeamSalesperson } from '../../entities/CRM/Team/TeamSalesperson.Table';
import { definePage, field, idField, lastModifiedField } from './ApiPage';

/** Table 5084 "Team Salesperson" (the Teams page's members part) as an API page. */
export const EmpireTeamMembers = definePage<TeamSalesperson>({
  name: 'Empire CRM - Team Members',
  entityName: 'teamMember',
  entitySetName: 'teamMembers',
  table: TeamSalesperson,
  insertAllowed: true,
  modifyAllowed: true,
  deleteAllowed: true,
  fields: [
    idField,
    field('teamCode', 'teamCode'),
    field('salespersonCode', 'salespersonCode'),
    {
      name: 'salespersonName',
      type: 'string',
      caption: 'Salesperson Name',
      async compute(member, session) {
        return (await session.tryGet(SalespersonPurchaser, member.salespersonCode))?.name ?? '';
      },
    },
    lastModifiedField,
  ],
});
