import { caption, definePage } from './Page';
import { TeamSalesperson } from '../entities/CRM/Team/TeamSalesperson.Table';
import { UserSetup } from '../entities/System/UserSetup.Table';
import { TaskViews } from '../entities/CRM/Task/TaskViews';
import { ContactCard } from './ContactCard.Page';
import { ContactList } from './ContactList.Page';
import { CustomerList } from './CustomerList.Page';
import { InteractionLogEntries } from './InteractionLogEntries.Page';
import { SalespersonsPurchasers } from './SalespersonsPurchasers.Page';
import { TaskList } from './TaskList.Page';
import { Teams } from './Teams.Page';

/**
 * The Rolcentrum of a customer-contact employee (BC page 9026 "Sales &
 * Relationship Mgr. RC" as Empire configures it): the entry points of
 * "Afhandelen contactmoment" (+ Contact, Contacten, Klanten, Teams,
 * Verkopers/inkopers, Interactielogposten), "Mijn taken" and "Teamtaken".
 */
export const RoleCenter = definePage({
  id: 9026,
  name: 'Sales & Relationship Mgr. RC',
  caption: caption('Role Center', 'Rolcentrum'),
  type: 'RoleCenter',
  searchable: true,
  description: 'Start page: the entry points of the process and the user\'s own and team tasks.',
  links: [
    { name: 'NewContact', caption: caption('+ Contact', '+ Contact'), open: { page: () => ContactCard, mode: 'new' } },
    { name: 'Contacts', caption: caption('Contacts', 'Contacten'), open: { page: () => ContactList } },
    { name: 'Customers', caption: caption('Customers', 'Klanten'), open: { page: () => CustomerList } },
    { name: 'Teams', caption: caption('Teams', 'Teams'), open: { page: () => Teams } },
    {
      name: 'Salespeople',
      caption: caption('Salespersons/Purchasers', 'Verkopers/inkopers'),
      open: { page: () => SalespersonsPurchasers },
    },
    {
      name: 'InteractionLogEntries',
      caption: caption('Interaction Log Entries', 'Interactielogposten'),
      open: { page: () => InteractionLogEntries },
    },
  ],
  parts: [
    {
      name: 'MyTasks',
      caption: caption('My Tasks', 'Mijn taken'),
      page: () => TaskList,
      async filters(session) {
        return TaskViews.openOfSalesperson(await UserSetup.salespersonOf(session));
      },
    },
    {
      name: 'TeamTasks',
      caption: caption('Team Tasks', 'Teamtaken'),
      page: () => TaskList,
      async filters(session) {
        return TaskViews.openOfTeams(await TeamSalesperson.teamsOf(session, await UserSetup.salespersonOf(session)));
      },
    },
  ],
});
