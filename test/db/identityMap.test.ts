// [FEATURE] [Database] — the record store keeps an inserted row's values in its identity map (a Get or
// Modify after an Insert reads no row): those values must be exactly what a fresh read of the stored row
// returns, for every column kind and its edge values. Runs on SQLite, and on PostgreSQL in `npm run test:pg`.
import { InteractionLogEntry, Todo } from '../../entities';
import { sqlStatements } from '../../src/db/statementCounter';
import { tableMeta, type FieldMeta, type TableClass } from '../../src/runtime/Metadata';
import type { RowValues } from '../../src/runtime/RecordStore';
import { closeSharedSimulator, newTestCompany } from '../library/LibraryMarketing';

afterAll(closeSharedSimulator);

/** Per BC field kind: a blank, a low edge and a high edge (what the runtime hands the store after coercion). */
function valueOf(field: FieldMeta, variant: number, keyNo: number): unknown {
  const t = field.type;
  const pick = <T>(...xs: T[]) => xs[variant % xs.length];
  switch (t.kind) {
    case 'Code':
      return field.primaryKey ? `K${keyNo}` : pick('', 'A-1 Ü', 'Z'.repeat(t.length ?? 10));
    case 'Text':
      return pick('', ` é "x" 'y' \\ ${String.fromCodePoint(0x1f600)} `, 'x'.repeat(t.length ?? 10));
    case 'DateFormula':
      return pick('', '<1D>', '<-CM+1Y>');
    case 'Guid':
      return pick('', '00000000-0000-0000-0000-000000000001', 'ffffffff-ffff-4fff-bfff-ffffffffffff');
    case 'Integer':
      return field.primaryKey ? keyNo : pick(0, -2_147_483_647, 2_147_483_647);
    case 'BigInteger':
      return pick(0, -9_007_199_254_740_991, 9_007_199_254_740_991);
    case 'Decimal':
      return pick(0, 0.1 + 0.2, -999_999_999_999_999.99, 1e-7);
    case 'Boolean':
      return pick(false, true);
    case 'Option': {
      const members = t.members ?? [];
      return pick(members[0].value, members[members.length - 1].value);
    }
    case 'Date':
      return pick(null, '0001-01-01', '9999-12-31', '2024-02-29');
    case 'Time':
      return pick(null, '00:00:00', '23:59:59');
    case 'DateTime':
      return pick(null, new Date(Date.UTC(1753, 0, 1)), new Date('9999-12-31T23:59:59.999Z'));
    default:
      throw new Error(`no test values for ${t.kind}`);
  }
}

function rowOf(cls: TableClass, variant: number, keyNo: number): RowValues {
  const meta = tableMeta(cls);
  const row: RowValues = {};
  for (const f of meta.fields) if (!f.calcFormula) row[f.property] = valueOf(f, variant, keyNo);
  row.systemId = `00000000-0000-4000-8000-${String(keyNo).padStart(12, '0')}`;
  row.systemCreatedAt = [new Date('2026-03-02T09:15:30.123Z'), new Date(Date.UTC(1753, 0, 1, 0, 0, 0, 1)), new Date('9999-12-31T23:59:59.999Z')][variant % 3];
  row.systemModifiedAt = new Date(row.systemCreatedAt as Date);
  row.rowVersion = 1;
  return row;
}

describe('an inserted row in the identity map', () => {
  const tables: TableClass[] = [InteractionLogEntry, Todo];
  // Guid and DateTime: every row's systemId and SystemCreatedAt/ModifiedAt (set below to their edges).
  test('the two tables cover every column kind', () => {
    const kinds = new Set(
      tables.flatMap((cls) =>
        tableMeta(cls)
          .fields.filter((f) => !f.calcFormula)
          .map((f) => f.type.kind),
      ),
    );
    for (const kind of ['Code', 'Text', 'DateFormula', 'Integer', 'BigInteger', 'Decimal', 'Boolean', 'Option', 'Date', 'Time']) expect(kinds).toContain(kind);
  });

  test.each(tables.map((cls) => [tableMeta(cls).name, cls] as const))(
    '%s: equals a fresh read of the stored row, for blank and edge values',
    async (_name, cls) => {
      const tc = await newTestCompany();
      const meta = tableMeta(cls);
      for (let variant = 0; variant < 4; variant++) {
        const keyNo = 100 + variant;
        const row = rowOf(cls, variant, keyNo);
        const key = meta.primaryKey.map((f) => row[f.property]);
        const remembered = await tc.run(async (s) => {
          expect(await s.store.insert(meta, row)).toBe(true);
          const before = sqlStatements.count;
          const values = await s.store.get(meta, key);
          // Served from the identity map: no statement.
          expect(sqlStatements.count - before).toBe(0);
          return values;
        });
        const fresh = await tc.run((s) => s.store.get(meta, key));
        expect(fresh).not.toBeNull();
        expect(remembered).toStrictEqual(fresh);
      }
    },
  );
});
