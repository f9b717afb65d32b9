import { SalespersonPurchaser } from '../../entities/CRM/Team/SalespersonPurchaser.Table';
import { salespersonFields } from './APIV2SalespeoplePurchasers.Page';
import { definePage } from '../Page';
import { EmpireTasks } from './EmpireTasks.Page';
import { TaskViews } from '../../entities/CRM/Task/TaskViews';

/**
 * Verkopers/inkopers (Empire's medewerkers) with their Taken: Salesperson
 * Code = Code and System To-do Type = Organizer|Salesperson Attendee, the
 * filter of BC's salesperson pages (bc-domain-spec §5.3).
 */
export const EmpireSalespeoplePurchasers = definePage<SalespersonPurchaser>({
  name: 'Empire CRM - Salespeople/Purchasers',
  type: 'API',
  entityName: 'salespersonPurchaser',
  entitySetName: 'salespeoplePurchasers',
  table: SalespersonPurchaser,
  insertAllowed: true,
  modifyAllowed: true,
  deleteAllowed: true,
  fields: salespersonFields,
  navigation: {
    tasks: {
      description: "Taken: the salesperson's own tasks (System Task Type Organizer or Salesperson Attendee).",
      target: () => EmpireTasks,
      link: (sp) => TaskViews.salesperson(sp.code),
    },
  },
});
