import { SalespersonPurchaser } from '../entities/CRM/Team/SalespersonPurchaser.Table';
import { caption, definePage } from './Page';
import { TaskViews } from '../entities/CRM/Task/TaskViews';
import { TaskList } from './TaskList.Page';

/**
 * Page 14 "Salespersons/Purchasers" (Verkopers/inkopers): Empire's employees.
 * Navigeren | Taken opens the Task List with BC's salesperson link: Salesperson
 * Code = Code, System To-do Type = Organizer|Salesperson Attendee.
 */
export const SalespersonsPurchasers = definePage<SalespersonPurchaser>({
  id: 14,
  name: 'Salespersons/Purchasers',
  caption: caption('Salespersons/Purchasers', 'Verkopers/inkopers'),
  type: 'List',
  table: SalespersonPurchaser,
  editable: false,
  insertAllowed: false,
  modifyAllowed: false,
  deleteAllowed: false,
  searchable: true,
  keywords: ['Medewerkers'],
  description: "The employees; Taken shows one employee's own tasks.",
  columns: [
    { name: 'Code', source: 'code' },
    { name: 'Name', source: 'name' },
    { name: 'Job Title', source: 'jobTitle' },
    { name: 'E-Mail', source: 'eMail' },
    { name: 'Phone No.', source: 'phoneNo' },
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
          open: {
            page: () => TaskList,
            mode: 'view',
            filters: TaskViews.salesperson(ctx.rec!.code),
          },
        };
      },
    },
  ],
});
