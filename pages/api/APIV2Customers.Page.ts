import { Customer } from '../../entities/Sales/Customer.Table';
import { definePage } from '../Page';
import { field, idField, lastModifiedField } from './ApiPage';

/** BC API v2.0's customer properties, in page order; the Empire customers page adds its own. */
export const customerFields = [
  idField,
  field('number', 'no'),
  field('displayName', 'name'),
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
  fields: [...customerFields, lastModifiedField],
});
