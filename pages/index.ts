import { APIV2Contacts } from './api/APIV2Contacts.Page';
import { APIV2CustFinancialDetails } from './api/APIV2CustFinancialDetails.Page';
import { APIV2Customers } from './api/APIV2Customers.Page';
import { APIV2ContactPictures, APIV2CustomerPictures } from './api/APIV2Pictures.Page';
import { APIV2SalespeoplePurchasers } from './api/APIV2SalespeoplePurchasers.Page';
import type { ApiGroup } from './api/ApiPage';
import { EmpireContactRoles } from './api/EmpireContactRoles.Page';
import { EmpireContacts } from './api/EmpireContacts.Page';
import { EmpireCustomers } from './api/EmpireCustomers.Page';
import { EmpireInteractionLogEntries } from './api/EmpireInteractionLogEntries.Page';
import { EmpireSalespeoplePurchasers } from './api/EmpireSalespeoplePurchasers.Page';
import {
  EmpireDutchAddresses,
  EmpireInteractionGroups,
  EmpireInteractionTemplates,
  EmpireRoles,
  EmpireSalutations,
} from './api/EmpireSetupPages';
import { EmpireTasks } from './api/EmpireTasks.Page';
import { EmpireTeamMembers } from './api/EmpireTeamMembers.Page';
import { EmpireTeams } from './api/EmpireTeams.Page';
import { CompanyDetails } from './CompanyDetails.Page';
import { ContactCard } from './ContactCard.Page';
import { ContactList } from './ContactList.Page';
import { CreateInteraction } from './CreateInteraction.Page';
import { CustomerCard } from './CustomerCard.Page';
import { CustomerList } from './CustomerList.Page';
import { CustomerPortal } from './CustomerPortal.Page';
import { EmpireCreateInteraction } from './EmpireCreateInteraction.Page';
import { InteractionLogEntries } from './InteractionLogEntries.Page';
import { isUiPage, PageDefinition } from './Page';
import { PersonalDetails } from './PersonalDetails.Page';
import { RoleCenter } from './RoleCenter.Page';
import { Roles } from './Roles.Page';
import { SalespersonsPurchasers } from './SalespersonsPurchasers.Page';
import { TaskCard } from './TaskCard.Page';
import { TaskList } from './TaskList.Page';
import { Teams } from './Teams.Page';
import type { UiPageDefinition } from './UiPage';

/** Microsoft's standard API: `/api/v2.0/companies({id})/...`. */
export const standardApi: ApiGroup = {
  publisher: '',
  group: '',
  version: 'v2.0',
  pages: [APIV2Contacts, APIV2Customers, APIV2SalespeoplePurchasers],
  parts: [APIV2CustFinancialDetails, APIV2CustomerPictures, APIV2ContactPictures],
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

/**
 * The registry: every page of the simulator, UI and API, listed once (UI pages in the order docs/pages.md lists
 * them, then the API groups' pages). Page sessions (open by number, name or caption, modal pages, Vertel me), the
 * API's routes and $metadata, and the generated docs all read it, so a new page is added here and nowhere else.
 * Pages name each other by reference (PageRef), never by number; test/architecture/pageRefs.test.ts holds every
 * page they name to this list.
 */
export const pages: PageDefinition<any>[] = [
  RoleCenter,
  ContactList,
  ContactCard,
  CustomerList,
  CustomerCard,
  EmpireCreateInteraction,
  CreateInteraction,
  Roles,
  PersonalDetails,
  CompanyDetails,
  InteractionLogEntries,
  CustomerPortal,
  Teams,
  TaskList,
  TaskCard,
  SalespersonsPurchasers,
  ...apiGroups.flatMap((g) => [...g.pages, ...(g.parts ?? [])]),
];

/** The pages a page session opens: every page but the API's. */
export const uiPages: UiPageDefinition<any>[] = pages.filter(isUiPage);
