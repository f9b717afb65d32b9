// [FEATURE] [Database] — the record store converts values for the database with a converter made once per
// column (src/db/store/toDb.ts): for every column of every company table, on SQLite and PostgreSQL, it
// produces exactly what TypeORM's driver produces (preparePersistentValue), for blanks, edges and odd input.
import { companyTables } from '../../entities';
import { EmpireDataSource } from '../../src/db/dataSource';
import { dialectOf } from '../../src/db/schema';
import { columnToDb } from '../../src/db/store/toDb';
import { tablePlan } from '../../src/db/store/TablePlan';
import { tableMeta } from '../../src/runtime/Metadata';

/** Values the store may be handed for any column: what records hold, and what they never should. */
const VALUES: unknown[] = [
  null,
  undefined,
  '',
  'KCC',
  ' é "x" ',
  '2024-02-29',
  '0001-01-01',
  '9999-12-31',
  '23:59:59',
  '00:00',
  '2026-03-02T09:15:30.123Z',
  'not a date',
  0,
  -1,
  2_147_483_647,
  0.1 + 0.2,
  -999_999_999_999_999.99,
  9_007_199_254_740_991,
  true,
  false,
  new Date('2026-03-02T09:15:30.123Z'),
  new Date(Date.UTC(1753, 0, 1, 0, 0, 0, 1)),
  new Date('9999-12-31T23:59:59.999Z'),
  new Date('0001-01-01T00:00:00.000Z'),
  new Date('0000-01-01T00:00:00.000Z'),
  new Date('-000001-12-31T23:59:59.999Z'),
  new Date('+010000-01-01T00:00:00.000Z'),
  new Date(NaN),
  { some: 'object' },
  [1, 2],
];

const sameOutput = (a: unknown, b: unknown): boolean =>
  a instanceof Date && b instanceof Date ? Object.is(a.getTime(), b.getTime()) : Object.is(a, b) || JSON.stringify(a) === JSON.stringify(b);

async function metadataOnly(type: 'better-sqlite3' | 'postgres'): Promise<EmpireDataSource> {
  const options =
    type === 'better-sqlite3'
      ? { type, database: ':memory:', entities: companyTables }
      : { type, host: 'offline', username: 'offline', password: '', database: 'offline', entities: companyTables };
  return new EmpireDataSource(options as ConstructorParameters<typeof EmpireDataSource>[0]).buildMetadataOnly();
}

describe.each(['better-sqlite3', 'postgres'] as const)('%s: a column converter made once', (type) => {
  test("equals TypeORM's preparePersistentValue for every column and value", async () => {
    const ds = await metadataOnly(type);
    const dialect = dialectOf(ds);
    const kinds = new Set<unknown>();
    let compared = 0;
    for (const cls of companyTables) {
      for (const column of ds.getMetadata(cls).columns) {
        kinds.add(column.type);
        const convert = columnToDb(dialect, column, (v, c) => ds.driver.preparePersistentValue(v, c));
        for (const value of VALUES) {
          // The driver may change its input (a string datetime becomes a Date): each side gets its own copy.
          const copy = () => (value instanceof Date ? new Date(value.getTime()) : value);
          const a = copy();
          const b = copy();
          let ours: unknown;
          let theirs: unknown;
          try {
            theirs = ds.driver.preparePersistentValue(b, column);
          } catch (e) {
            theirs = e;
          }
          try {
            ours = convert(a);
          } catch (e) {
            ours = e;
          }
          // What the driver hands on unchanged is the caller's own object: ours must hand on the caller's object too.
          const same = theirs === b && typeof b === 'object' && b !== null ? ours === a : sameOutput(ours, theirs);
          expect([`${column.entityMetadata.tableName}.${column.propertyName}`, String(value), same || ours]).toEqual([
            `${column.entityMetadata.tableName}.${column.propertyName}`,
            String(value),
            true,
          ]);
          compared++;
        }
      }
    }
    // Every column kind of the simulator is among them: text, integer, bigint, decimal, boolean, date, time, datetime.
    expect(kinds.size).toBeGreaterThanOrEqual(8);
    expect(compared).toBeGreaterThan(1000);
  });

  test('the table plan uses it', async () => {
    const ds = await metadataOnly(type);
    const plan = tablePlan(ds, tableMeta(companyTables[0]));
    const created = plan.column('systemCreatedAt');
    const d = new Date('2026-03-02T09:15:30.123Z');
    expect(created.toDb(d)).toEqual(ds.driver.preparePersistentValue(d, created.metadata));
  });
});
