import { SchemaMigration } from '../../db/migration';
import type { SchemaOp } from '../../db/schema';

/**
 * NoSeriesLineSequence (company schema). Written by `npm run migration:generate -- NoSeriesLineSequence` from
 * the difference between the earlier migrations and the entities; a released
 * migration is never edited, a new one follows it.
 */
export class CompanyNoSeriesLineSequence1796224256264 extends SchemaMigration {
  readonly name = 'CompanyNoSeriesLineSequence1796224256264';
  readonly ops: SchemaOp[] = OPS;
}

const OPS: SchemaOp[] = [
  { op: 'addColumn', table: 'No__Series_Line', column: { name: 'Sequence_Name', kind: 'string', length: 40, default: '' } },
  { op: 'addColumn', table: 'No__Series_Line', column: { name: 'Starting_Sequence_No_', kind: 'bigint', default: 0 } },
];
