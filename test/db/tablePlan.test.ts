// [FEATURE] [Database] — on SQLite the record store reads a row as one json_array(…) text and parses it
// (src/db/store/TablePlan.ts, readShape): for every column of every company table and every kind of stored
// value, what it maps a row to equals what the plain column list gave before (the same mapper, unpacked).
import BetterSqlite3 from 'better-sqlite3';
import { companyTables } from '../../entities';
import { EmpireDataSource } from '../../src/db/dataSource';
import { readShape, rowMapper, sqliteUtcDatetime, tablePlan } from '../../src/db/store/TablePlan';
import { tableMeta } from '../../src/runtime/Metadata';

/** Stored values of every SQLite storage class, and the edges of each. */
const STORED: unknown[] = [
  null,
  '',
  'KCC',
  ' é "x" \\ / \n\t\r \u0001 \u2028 😀 ',
  '{"looks":"like json"}',
  '[1,2]',
  'null',
  '2024-02-29',
  '0001-01-01',
  '23:59:59',
  '2026-03-02 09:15:30.123',
  '2026-03-02T09:15:30.123Z',
  0,
  -1,
  1,
  2_147_483_647,
  -2_147_483_648,
  9_007_199_254_740_991,
  0.1 + 0.2,
  1 / 3,
  -999_999_999_999_999.9,
  123.45,
  1e-7,
  5e-324,
  1.7976931348623157e308,
  2.5,
  -0.5,
];

async function sqliteMetadata(): Promise<EmpireDataSource> {
  return new EmpireDataSource({ type: 'better-sqlite3', database: ':memory:', entities: companyTables } as ConstructorParameters<typeof EmpireDataSource>[0]).buildMetadataOnly();
}

const comparable = (v: unknown): unknown => (v instanceof Date ? `Date(${v.getTime()})` : Number.isNaN(v) ? 'NaN' : v);

test('a row read as one JSON text maps to the same values as its columns read one by one, for every column and stored value', async () => {
  const ds = await sqliteMetadata();
  const db = new BetterSqlite3(':memory:');
  let compared = 0;
  try {
    for (const cls of companyTables) {
      const plan = tablePlan(ds, tableMeta(cls));
      expect(plan.selectList).toBe(`json_array(${plan.columnList})`);
      // The table's columns with their declared types (so SQLite's type affinity applies as in the real
      // schema) and without constraints, so every column can hold every stored value.
      const table = `t${compared}`;
      db.exec(`CREATE TABLE "${table}" (${plan.columns.map((c) => `${c.sql} ${ds.driver.normalizeType(c.metadata)}`).join(', ')})`);
      const insert = db.prepare(`INSERT INTO "${table}" VALUES (${plan.columns.map(() => '?').join(', ')})`);
      for (const v of STORED) insert.run(plan.columns.map(() => v));
      const plainRow = rowMapper('sqlite', plan.columns);
      const plain = db.prepare(`SELECT ${plan.columnList} FROM "${table}" ORDER BY rowid`).raw(true).all() as unknown[][];
      const packed = db.prepare(`SELECT ${plan.selectList} FROM "${table}" ORDER BY rowid`).raw(true).all() as unknown[][];
      expect(packed).toHaveLength(STORED.length);
      for (let r = 0; r < STORED.length; r++) {
        const expected = plainRow(plain[r]);
        const actual = plan.rowToValues(packed[r]);
        for (const c of plan.columns) {
          expect([plan.meta.name, c.property, STORED[r], comparable(actual[c.property])]).toEqual([
            plan.meta.name,
            c.property,
            STORED[r],
            comparable(expected[c.property]),
          ]);
          compared++;
        }
      }
      // A projection (an API list's $select) reads the same way.
      const some = plan.columns.slice(0, 3).map((c) => c.property);
      const projection = plan.projection(some);
      const projected = db.prepare(`SELECT ${projection.selectList} FROM "${table}" ORDER BY rowid`).raw(true).all() as unknown[][];
      const picked = (values: Record<string, unknown>) => some.map((p) => comparable(values[p]));
      expect(projected.map((row) => picked(projection.rowToValues(row)))).toEqual(packed.map((row) => picked(plan.rowToValues(row))));
    }
  } finally {
    db.close();
  }
  expect(compared).toBeGreaterThan(9_000);
});

test('a BLOB column keeps the plain column list (json_array would read its bytes as JSONB)', async () => {
  const ds = await sqliteMetadata();
  const plan = tablePlan(ds, tableMeta(companyTables[0]));
  const blob = { ...plan.columns[1], metadata: Object.assign(Object.create(Object.getPrototypeOf(plan.columns[1].metadata)), plan.columns[1].metadata, { type: 'blob' }) };
  expect(readShape('sqlite', [plan.columns[0], blob]).selectList).toBe(`${plan.columns[0].sql}, ${blob.sql}`);
  expect(readShape('sqlite', [plan.columns[0]]).selectList).toBe(`json_array(${plan.columns[0].sql})`);
  expect(readShape('postgres', [plan.columns[0]]).selectList).toBe(plan.columns[0].sql);
});

test("a stored UTC datetime reads as the Date TypeORM's driver makes of it, for every form and range of the text", async () => {
  const ds = await sqliteMetadata();
  const plan = tablePlan(ds, tableMeta(companyTables[0]));
  const column = plan.column('systemCreatedAt');
  const read = rowMapper('sqlite', [column]);
  const texts = [
    '2026-03-02 09:15:30.123',
    '2024-02-29 23:59:59.999',
    '1753-01-01 00:00:00.000',
    '9999-12-31 23:59:59.999',
    '2026-02-30 12:00:00.000', // rolled over to 2 March by both
    '2026-04-31 00:00:00.000',
    '0001-01-01 00:00:00.000', // years before 100: Date.UTC would read 1901
    '0099-12-31 23:59:59.999',
    '0100-01-01 00:00:00.000',
    '2026-13-01 00:00:00.000',
    '2026-00-10 00:00:00.000',
    '2026-01-00 00:00:00.000',
    '2026-01-32 00:00:00.000',
    '2026-01-01 24:00:00.000',
    '2026-01-01 23:60:00.000',
    '2026-01-01 23:59:60.000',
    '2026-03-02T09:15:30.123',
    '2026-03-02 09:15:30,123',
    '2026-03-02 09:15:3x.123',
    '+026-03-02 09:15:30.123',
    '2026-03-02 09:15:30.1234',
    '2026-03-02 09:15:30',
    '2026-03-02',
    '',
  ];
  const hydrated = (v: unknown) => comparable(ds.driver.prepareHydratedValue(v, column.metadata));
  for (const text of texts) expect([text, comparable(read([text]).systemCreatedAt)]).toEqual([text, hydrated(text)]);
  // The digit-by-digit reading itself, not its fallback, answers the simulator's own values.
  const fallback = jest.fn(() => 'fallback');
  expect(sqliteUtcDatetime('2026-03-02 09:15:30.123', fallback)).toEqual(new Date('2026-03-02T09:15:30.123Z'));
  expect(sqliteUtcDatetime('0001-01-01 00:00:00.000', fallback)).toBe('fallback');
  expect(fallback).toHaveBeenCalledTimes(1);
});
