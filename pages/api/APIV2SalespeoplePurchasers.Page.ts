import { SalespersonPurchaser } from '../../entities/CRM/Team/SalespersonPurchaser.Table';
import { definePage } from '../Page';
import { field, idField, lastModifiedField, TableFieldDef } from './ApiPage';

/**
 * The fields of Microsoft's API v2.0 `salespeoplePurchasers`, with the
 * official misspelling `commisionPercent` (learn.microsoft.com
 * …/dynamics_salespersonpurchaser_get). Shared with the empire/crm page.
 */
export const salespersonFields: TableFieldDef[] = [
  idField,
  field('code', 'code'),
  field('displayName', 'name'),
  field('email', 'eMail'),
  field('email2', 'eMail2'),
  field('phoneNo', 'phoneNo'),
  field('jobTitle', 'jobTitle'),
  field('commisionPercent', 'commissionPercent'),
  field('privacyBlocked', 'privacyBlocked'),
  field('blocked', 'blocked'),
  lastModifiedField,
];

export const APIV2SalespeoplePurchasers = definePage<SalespersonPurchaser>({
  name: 'APIV2 - Salespeople/Purchasers',
  type: 'API',
  entityName: 'salespersonPurchaser',
  entitySetName: 'salespeoplePurchasers',
  table: SalespersonPurchaser,
  insertAllowed: true,
  modifyAllowed: true,
  deleteAllowed: true,
  fields: salespersonFields,
});
