import { Team } from '../entities/CRM/Team/Team.Table';
import { caption, definePage } from './Page';
import { TaskViews } from '../entities/CRM/Task/TaskViews';
import { TaskList } from './TaskList.Page';

/**
 * Page 5105 "Teams". Navigeren | Taken opens the Task List with BC's link
 * Team Code = Code, System To-do Type = Team: the team's tasks that no member
 * has taken yet (Afhandelen taak, step 1).
 */
export const Teams = definePage<Team>({
  id: 5105,
  name: 'Teams',
  caption: caption('Teams', 'Teams'),
  type: 'List',
  table: Team,
  editable: false,
  insertAllowed: false,
  modifyAllowed: false,
  deleteAllowed: false,
  searchable: true,
  description: "The teams; Taken shows a team's untaken tasks.",
  columns: [
    { name: 'Code', source: 'code' },
    { name: 'Name', source: 'name' },
  ],
  actions: [
    {
      name: 'Tasks',
      caption: caption('Tasks', 'Taken'),
      group: 'Navigate',
      promoted: true,
      requiresRecord: true,
      async run(ctx) {
        return {
          kind: 'open',
          open: { page: () => TaskList, mode: 'view', filters: TaskViews.team(ctx.rec!.code) },
        };
      },
    },
  ],
});
