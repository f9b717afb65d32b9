import { SchemaMigration } from '../../db/migration';
import type { SchemaOp } from '../../db/schema';

/**
 * ContactHomePage (company schema). Written by `npm run migration:generate -- ContactHomePage` from
 * the difference between the earlier migrations and the entities; a released
 * migration is never edited, a new one follows it.
 */
export class CompanyContactHomePage1796199403238 extends SchemaMigration {
  readonly name = 'CompanyContactHomePage1796199403238';
  readonly ops: SchemaOp[] = OPS;
}

const OPS: SchemaOp[] = [
  { op: 'addColumn', table: 'Contact', column: { name: 'Home_Page', kind: 'string', length: 255, default: '' } },
];
