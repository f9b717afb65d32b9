import { NoSeries } from './Foundation/NoSeries.Table';
import { NoSeriesLine } from './Foundation/NoSeriesLine.Table';
import { BusinessRelation } from './CRM/Contact/BusinessRelation.Table';
import { Contact } from './CRM/Contact/Contact.Table';
import { ContactBusinessRelation } from './CRM/Contact/ContactBusinessRelation.Table';
import { InteractionGroup } from './CRM/Interaction/InteractionGroup.Table';
import { InteractionLogEntry } from './CRM/Interaction/InteractionLogEntry.Table';
import { InteractionTemplate } from './CRM/Interaction/InteractionTemplate.Table';
import { InterLogEntryCommentLine } from './CRM/Interaction/InterLogEntryCommentLine.Table';
import { MarketingSetup } from './CRM/Setup/MarketingSetup.Table';
import { Salutation } from './CRM/Setup/Salutation.Table';
import { SalutationFormula } from './CRM/Setup/SalutationFormula.Table';
import { RlshpMgtCommentLine } from './CRM/Task/RlshpMgtCommentLine.Table';
import { Todo } from './CRM/Task/Todo.Table';
import { SalespersonPurchaser } from './CRM/Team/SalespersonPurchaser.Table';
import { Team } from './CRM/Team/Team.Table';
import { TeamSalesperson } from './CRM/Team/TeamSalesperson.Table';
import { ContactRole } from './Empire/ContactRole.Table';
import { DutchAddress } from './Empire/DutchAddress.Table';
import { Role } from './Empire/Role.Table';
import { Customer } from './Sales/Customer.Table';
import { SalesReceivablesSetup } from './Sales/SalesReceivablesSetup.Table';
import { SimulatorDataVersion } from './Simulator/SimulatorDataVersion.Table';
import { SimulatorSetup } from './Simulator/SimulatorSetup.Table';
import { UserSetup } from './System/UserSetup.Table';

/** Every per-company table, in the order a snapshot is restored. */
export const companyTables = [
  SimulatorSetup,
  SimulatorDataVersion,
  NoSeries,
  NoSeriesLine,
  MarketingSetup,
  SalesReceivablesSetup,
  UserSetup,
  SalespersonPurchaser,
  Team,
  TeamSalesperson,
  Salutation,
  SalutationFormula,
  BusinessRelation,
  Contact,
  ContactBusinessRelation,
  Role,
  ContactRole,
  DutchAddress,
  Customer,
  InteractionGroup,
  InteractionTemplate,
  InteractionLogEntry,
  InterLogEntryCommentLine,
  Todo,
  RlshpMgtCommentLine,
];

export {
  BusinessRelation,
  Contact,
  ContactBusinessRelation,
  ContactRole,
  Customer,
  DutchAddress,
  InteractionGroup,
  InteractionLogEntry,
  InteractionTemplate,
  InterLogEntryCommentLine,
  MarketingSetup,
  NoSeries,
  NoSeriesLine,
  RlshpMgtCommentLine,
  Role,
  SalesReceivablesSetup,
  SalespersonPurchaser,
  Salutation,
  SalutationFormula,
  SimulatorDataVersion,
  SimulatorSetup,
  Team,
  TeamSalesperson,
  Todo,
  UserSetup,
};
