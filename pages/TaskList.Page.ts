import { Todo } from '../entities/CRM/Task/Todo.Table';
import { caption, definePage } from './Page';
import { TaskCard } from './TaskCard.Page';

/**
 * Page 5096 "Task List" (Taken). The same page serves the team's Taken
 * (Team Code, System To-do Type = Team), an employee's Taken (Salesperson
 * Code, Organizer|Salesperson Attendee) and a contact's: the filters come
 * from the page that opens it, as BC's RunPageLink. Bewerken opens the
 * Taakkaart (CardPageId 5098).
 */
export const TaskList = definePage<Todo>({
  id: 5096,
  name: 'Task List',
  caption: caption('Tasks', 'Taken'),
  type: 'List',
  table: Todo,
  cardPage: () => TaskCard,
  editable: false,
  insertAllowed: false,
  modifyAllowed: false,
  deleteAllowed: false,
  searchable: true,
  keywords: ['Taakoverzicht'],
  order: { date: 'ASC', no: 'ASC' },
  description: 'Tasks, filtered by the page that opens it (a team, an employee, a contact).',
  columns: [
    { name: 'No.', source: 'no', drillDown: true },
    { name: 'Description', source: 'description' },
    { name: 'Date', source: 'date' },
    { name: 'Status', source: 'status' },
    { name: 'Priority', source: 'priority' },
    { name: 'Team Code', source: 'teamCode', caption: caption('Team Code', 'Teamcode') },
    { name: 'Salesperson Code', source: 'salespersonCode', caption: caption('Salesperson Code', 'Medewerker') },
    { name: 'Contact No.', source: 'contactNo' },
    { name: 'Contact Name', source: 'contactName' },
    { name: 'Closed', source: 'closed' },
  ],
});
