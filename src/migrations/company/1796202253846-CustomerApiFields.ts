import { SchemaMigration } from '../../db/migration';
import type { SchemaOp } from '../../db/schema';

/**
 * CustomerApiFields (company schema). Written by `npm run migration:generate -- CustomerApiFields` from
 * the difference between the earlier migrations and the entities; a released
 * migration is never edited, a new one follows it.
 */
export class CompanyCustomerApiFields1796202253846 extends SchemaMigration {
  readonly name = 'CompanyCustomerApiFields1796202253846';
  readonly ops: SchemaOp[] = OPS;
}

const OPS: SchemaOp[] = [
  { op: 'addColumn', table: 'Customer', column: { name: 'Address_2', kind: 'string', length: 50, default: '' } },
  { op: 'addColumn', table: 'Customer', column: { name: 'Credit_Limit_(LCY)', kind: 'decimal', precision: 38, scale: 20, default: 0 } },
  { op: 'addColumn', table: 'Customer', column: { name: 'Currency_Code', kind: 'string', length: 10, default: '' } },
  { op: 'addColumn', table: 'Customer', column: { name: 'VAT_Registration_No_', kind: 'string', length: 20, default: '' } },
  { op: 'addColumn', table: 'Customer', column: { name: 'County', kind: 'string', length: 30, default: '' } },
  { op: 'addColumn', table: 'Customer', column: { name: 'Home_Page', kind: 'string', length: 255, default: '' } },
  { op: 'addColumn', table: 'Customer', column: { name: 'Tax_Liable', kind: 'bool', default: false } },
  { op: 'addColumn', table: 'Customer', column: { name: 'Currency_Id', kind: 'string', length: 36, default: '' } },
  { op: 'addColumn', table: 'Customer', column: { name: 'Payment_Terms_Id', kind: 'string', length: 36, default: '' } },
  { op: 'addColumn', table: 'Customer', column: { name: 'Shipment_Method_Id', kind: 'string', length: 36, default: '' } },
  { op: 'addColumn', table: 'Customer', column: { name: 'Payment_Method_Id', kind: 'string', length: 36, default: '' } },
  { op: 'addColumn', table: 'Customer', column: { name: 'Tax_Area_ID', kind: 'string', length: 36, default: '' } },
];
