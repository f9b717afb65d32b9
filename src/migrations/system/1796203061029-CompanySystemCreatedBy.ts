import { SchemaMigration } from '../../db/migration';
import type { SchemaOp } from '../../db/schema';

/**
 * CompanySystemCreatedBy (system schema). Written by `npm run migration:generate -- CompanySystemCreatedBy` from
 * the difference between the earlier migrations and the entities; a released
 * migration is never edited, a new one follows it.
 */
export class SystemCompanySystemCreatedBy1796203061029 extends SchemaMigration {
  readonly name = 'SystemCompanySystemCreatedBy1796203061029';
  readonly ops: SchemaOp[] = OPS;
}

const OPS: SchemaOp[] = [
  { op: 'addColumn', table: 'Company', column: { name: 'SystemCreatedBy', kind: 'string', length: 36, default: '' } },
  { op: 'addColumn', table: 'Company', column: { name: 'SystemModifiedBy', kind: 'string', length: 36, default: '' } },
];
