import { SchemaMigration } from '../../db/migration';
import type { SchemaOp } from '../../db/schema';

/**
 * ApiTaskListKey (company schema). Written by `npm run migration:generate -- ApiTaskListKey` from
 * the difference between the earlier migrations and the entities; a released
 * migration is never edited, a new one follows it.
 */
export class CompanyApiTaskListKey1796190019465 extends SchemaMigration {
  readonly name = 'CompanyApiTaskListKey1796190019465';
  readonly ops: SchemaOp[] = OPS;
}

const OPS: SchemaOp[] = [
  { op: 'createIndex', table: 'To-do', index: { name: 'IX_To-do_teamCode_systemToDoType_status_no', columns: ['Team_Code', 'System_To-do_Type', 'Status', 'No_'] } },
];
