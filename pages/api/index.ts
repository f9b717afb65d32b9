import { ApiGroup, ApiPageDefinition } from './ApiPage';
import { APIV2Contacts } from './APIV2Contacts.Page';
import { APIV2Customers } from './APIV2Customers.Page';
import { APIV2SalespeoplePurchasers } from './APIV2SalespeoplePurchasers.Page';
import { EmpireContactRoles } from './EmpireContactRoles.Page';
import { EmpireContacts } from './EmpireContacts.Page';
import { EmpireCustomers } from './EmpireCustomers.Page';
import { EmpireInteractionLogEntries } from './EmpireInteractionLogEntries.Page';
import { EmpireSalespeoplePurchasers } from './EmpireSalespeoplePurchasers.Page';
import {
  EmpireDutchAddresses,
  EmpireInteractionGroups,
  EmpireInteractionTemplates,
  EmpireRoles,
  EmpireSalutations,
} from './EmpireSetupPages';
import { EmpireTasks } from './EmpireTasks.Page';
import { EmpireTeamMembers } from './EmpireTeamMembers.Page';
import { EmpireTeams } from './EmpireTeams.Page';

/** Microsoft's standard API: `/api/v2.0/companies({id})/...`. */
export const standardApi: ApiGroup = {
  publisher: '',
  group: '',
  version: 'v2.0',
  pages: [APIV2Contacts, APIV2Customers, APIV2SalespeoplePurchasers],
};

/**
 * Empire's CRM entities, which standard v2.0 does not have (interaction log
 * entries, tasks, teams): a custom API group, as a BC extension publishes
 * them (APIPublisher = 'empire', APIGroup = 'crm', APIVersion = 'v1.0').
 */
export const empireCrmApi: ApiGroup = {
  publisher: 'empire',
  group: 'crm',
  version: 'v1.0',
  pages: [
    EmpireContacts,
    EmpireCustomers,
    EmpireInteractionGroups,
    EmpireInteractionTemplates,
    EmpireInteractionLogEntries,
    EmpireTasks,
    EmpireTeams,
    EmpireTeamMembers,
    EmpireSalespeoplePurchasers,
    EmpireContactRoles,
    EmpireRoles,
    EmpireDutchAddresses,
    EmpireSalutations,
  ],
};

export const apiGroups: ApiGroup[] = [standardApi, empireCrmApi];

export type { ApiGroup, ApiPageDefinition };
