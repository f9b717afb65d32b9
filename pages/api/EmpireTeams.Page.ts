import { Team } from '../../entities/CRM/Team/Team.Table';
import { definePage } from '../Page';
import { field, idField, lastModifiedField } from './ApiPage';
import { EmpireTasks } from './EmpireTasks.Page';
import { EmpireTeamMembers } from './EmpireTeamMembers.Page';
import { TaskViews } from '../../entities/CRM/Task/TaskViews';

/**
 * Page 5105 "Teams" as an API page. `tasks` is the page's Taken action: the
 * Task List with Team Code = Code and System To-do Type = Team, i.e. the
 * team's tasks nobody has taken yet (a taken task stops being a team task).
 */
export const EmpireTeams = definePage<Team>({
  name: 'Empire CRM - Teams',
  type: 'API',
  entityName: 'team',
  entitySetName: 'teams',
  table: Team,
  insertAllowed: true,
  modifyAllowed: true,
  deleteAllowed: true,
  fields: [idField, field('code', 'code'), field('name', 'name'), lastModifiedField],
  navigation: {
    tasks: {
      description: "Taken: the team's tasks nobody has taken yet (Team Code = code, System Task Type = Team).",
      target: () => EmpireTasks,
      link: (team) => TaskViews.team(team.code),
    },
    teamMembers: {
      description: 'The members of the team.',
      target: () => EmpireTeamMembers,
      link: (team) => ({ teamCode: team.code }),
    },
  },
});
