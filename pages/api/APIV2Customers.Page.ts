import { Customer } from '../../entities/Sales/Customer.Table';
import { definePage } from '../Page';
import { defineLabels } from '../../src/runtime/Labels';
import { field, idField, lastModifiedField, requiredDisplayName } from './ApiPage';

/** Labels of page 30009 "APIV2 - Customers", verbatim. */
export const APIV2CustomersLabels = defineLabels('APIV2 - Customers', {
  NotProvidedCustomerNameErr: 'A "displayName" must be provided.',
  BlankCustomerNameErr: 'The blank "displayName" is not allowed.',
});

/** The displayName rules, shared with the Empire customers page that extends this one. */
export const displayName = requiredDisplayName<Customer>({
  notProvided: APIV2CustomersLabels.NotProvidedCustomerNameErr,
  blank: APIV2CustomersLabels.BlankCustomerNameErr,
});

/** BC API v2.0's customer properties, in page order; the Empire customers page adds its own. */
export const customerFields = [
  idField,
  field('number', 'no'),
  displayName.control,
  field('type', 'contactType'),
  field('addressLine1', 'address'),
  field('city', 'city'),
  field('country', 'countryRegionCode'),
  field('postalCode', 'postCode'),
  field('phoneNumber', 'phoneNo'),
  field('email', 'eMail'),
  field('salespersonCode', 'salespersonCode'),
  field('blocked', 'blocked'),
];

/**
 * Microsoft's API v2.0 `customers` ("APIV2 - Customers"), restricted to the
 * fields the simulated Customer table has (no balances, tax, currency or
 * payment fields: Empire's tenants are not invoiced here).
 */
export const APIV2Customers = definePage<Customer>({
  name: 'APIV2 - Customers',
  type: 'API',
  entityName: 'customer',
  entitySetName: 'customers',
  table: Customer,
  insertAllowed: true,
  modifyAllowed: true,
  deleteAllowed: true,
  onInsertRecord: displayName.onInsertRecord,
  fields: [...customerFields, lastModifiedField],
});
