import { CustContUpdate } from '../../codeunits/process/CustContUpdate.Codeunit';
import { Customer } from '../../entities/Sales/Customer.Table';
import { customerFields, displayName } from './APIV2Customers.Page';
import { definePage } from '../Page';
import { field, lastModifiedField } from './ApiPage';
import { EmpireInteractionLogEntries } from './EmpireInteractionLogEntries.Page';
import { interactionFromTemplateAction } from './InteractionFromTemplateAction';
import { InteractionLogEntryViews } from '../../entities/CRM/Interaction/InteractionLogEntryViews';

/**
 * Empire's Klantkaart as an API page. A customer's contact moments are logged
 * on its household contact (Contact Business Relation), so its
 * `interactionLogEntries` are the household's.
 */
export const EmpireCustomers = definePage<Customer>({
  name: 'Empire CRM - Customers',
  type: 'API',
  entityName: 'customer',
  entitySetName: 'customers',
  table: Customer,
  insertAllowed: true,
  modifyAllowed: true,
  deleteAllowed: true,
  onInsertRecord: displayName.onInsertRecord,
  fields: [
    ...customerFields,
    field('searchName', 'searchName'),
    lastModifiedField,
  ],
  navigation: {
    interactionLogEntries: {
      description: "The contact moments of the customer's household contact.",
      target: () => EmpireInteractionLogEntries,
      async link(customer, session) {
        const household = await new CustContUpdate(session).linkedContact(customer.no);
        return household ? InteractionLogEntryViews.contact(household) : null;
      },
    },
  },
  actions: {
    createInteractionFromTemplate: interactionFromTemplateAction<Customer>((cu, customer, input) => cu.fromCustomer(customer.no, input)),
  },
});
