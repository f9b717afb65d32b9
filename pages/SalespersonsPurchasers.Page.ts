import { SalespersonPurchaser } from '../entities/CRM/Team/SalespersonPurchaser.Table';
import { caption, definePage } from './Page';
import { TaskViews } from '../entities/CRM/Task/TaskViews';
import { TaskCard } from './TaskCard.Page';

/**
 * Page 14 "Salespersons/Purchasers" (Verkopers/inkopers): Empire's employees.
 * Navigeren | Taken opens the open tasks the employee has in hand (Salesperson
 * Code = Code, System To-do Type = Organizer, no Team Code: not the copies of
 * their teams' tasks) on the Taakkaart, as both instructions describe it (seed 000 l.48, seed 003
 * step 10: "Een pagina verschijnt met de details van de geselecteerde taak");
 * the card browses the others (BC's TaskList here: docs/differences.md).
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
  description: "The employees; Navigeren | Taken shows one employee's open tasks on the Taakkaart.",
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
        return { kind: 'open', open: { page: () => TaskCard, mode: 'edit', filters: TaskViews.inHandOfSalesperson(ctx.rec!.code) } };
      },
    },
  ],
});
