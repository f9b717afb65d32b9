import { TeamSalesperson } from '../../entities/CRM/Team/TeamSalesperson.Table';
import { definePage } from '../Page';
import { field, idField, lastModifiedField, readOnly } from './ApiPage';

/** Table 5084 "Team Salesperson" (the Teams page's members part) as an API page. */
export const EmpireTeamMembers = definePage<TeamSalesperson>({
  name: 'Empire CRM - Team Members',
  type: 'API',
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
    readOnly('salespersonName', 'salespersonName'),
    lastModifiedField,
  ],
});
