import { SchemaMigration } from '../../db/migration';
import type { SchemaOp } from '../../db/schema';

/**
 * CompanyCaptionSet (system schema). Written by `npm run migration:generate -- CompanyCaptionSet` from
 * the difference between the earlier migrations and the entities; a released
 * migration is never edited, a new one follows it.
 */
export class SystemCompanyCaptionSet1796209218164 extends SchemaMigration {
  readonly name = 'SystemCompanyCaptionSet1796209218164';
  readonly ops: SchemaOp[] = OPS;
}

const OPS: SchemaOp[] = [
  { op: 'addColumn', table: 'Company', column: { name: 'Caption_Set', kind: 'int', default: 0 } },
];
