import { Customer } from '../../entities/Sales/Customer.Table';
import { definePage } from '../Page';
import { ComputedFieldDef, field, idField, lastModifiedField } from './ApiPage';

/**
 * FlowFields over Cust. Ledger Entry / Detailed Cust. Ledg. Entry that BC calculates in OnAfterGetRecord with Date
 * Filter 0D..WorkDate - 1; the simulator has no ledger entries, so they are what BC shows for a customer without
 * entries: 0 (docs/differences.md).
 */
const withoutEntries = (name: string): ComputedFieldDef<Customer> => ({ name, type: 'number', computeRows: { reads: [], compute: async (rows) => rows.map(() => 0) } });

/**
 * Microsoft's page 30048 "APIV2 - Cust Financial Details" (microsoft/BCApps
 * src/Apps/W1/APIV2/app/src/pages/APIV2CustFinancialDetails.Page.al): the customer's balances, reached through
 * `customers({id})/customerFinancialDetails` (a ZeroOrOne part on SystemId = SystemId). Editable = false.
 */
export const APIV2CustFinancialDetails = definePage<Customer>({
  name: 'APIV2 - Cust Financial Details',
  type: 'API',
  entityName: 'customerFinancialDetail',
  entitySetName: 'customerFinancialDetails',
  table: Customer,
  insertAllowed: false,
  modifyAllowed: false,
  deleteAllowed: false,
  fields: [
    idField,
    field('number', 'no', { editable: false }),
    withoutEntries('balance'),
    withoutEntries('totalSalesExcludingTax'),
    withoutEntries('overdueAmount'),
    lastModifiedField,
  ],
});
