import { caption, definePage } from '../src/pageSession/PageTypes';
import { TeamSalesperson } from '../entities/CRM/Team/TeamSalesperson.Table';
import { UserSetup } from '../entities/System/UserSetup.Table';
import { TaskViews } from '../entities/CRM/Task/TaskViews';

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
    { name: 'NewContact', caption: caption('+ Contact', '+ Contact'), open: { pageId: 5050, mode: 'new' } },
    { name: 'Contacts', caption: caption('Contacts', 'Contacten'), open: { pageId: 5052 } },
    { name: 'Customers', caption: caption('Customers', 'Klanten'), open: { pageId: 22 } },
    { name: 'Teams', caption: caption('Teams', 'Teams'), open: { pageId: 5105 } },
    { name: 'Salespeople', caption: caption('Salespersons/Purchasers', 'Verkopers/inkopers'), open: { pageId: 14 } },
    { name: 'InteractionLogEntries', caption: caption('Interaction Log Entries', 'Interactielogposten'), open: { pageId: 5076 } },
  ],
  parts: [
    {
      name: 'MyTasks',
      caption: caption('My Tasks', 'Mijn taken'),
      pageId: 5096,
      async filters(session) {
        return TaskViews.openOfSalesperson(await UserSetup.salespersonOf(session));
      },
    },
    {
      name: 'TeamTasks',
      caption: caption('Team Tasks', 'Teamtaken'),
      pageId: 5096,
      async filters(session) {
        return TaskViews.openOfTeams(await TeamSalesperson.teamsOf(session, await UserSetup.salespersonOf(session)));
      },
    },
  ],
});
