// [FEATURE] [Database] — the record store's statements on PostgreSQL describe a named statement's result
// columns once per connection and keep their parsers (src/db/store/pgStatement.ts). What that must not change:
// the values read (types parsed as node-postgres parses them), the parameters written (dates, nulls), and a
// statement whose columns would be of another type in another company's schema must fail, never be misread.
import { SharedPgPool } from '../../src/db/pgPool';
import { PgStatement } from '../../src/db/store/pgStatement';
import { describePg, dropSharedSchemas, sharedPgConfig } from './pg';
import { FILE_PREFIX } from './testDatabase';

interface Client {
  query(q: unknown): unknown;
  release(): void;
  connection: { on(event: string, listener: () => void): void };
}

let pool: SharedPgPool;
let client: Client;
let descriptions = 0;

const schemaA = `${FILE_PREFIX}_ps_a`;
const schemaB = `${FILE_PREFIX}_ps_b`;

function run(text: string, name: string | undefined, values: unknown[]): Promise<PgStatement> {
  const statement = new PgStatement(text, name, values);
  client.query(statement);
  return statement.done;
}

describePg("PostgreSQL: the record store's statements", () => {
  beforeAll(async () => {
    pool = new SharedPgPool({ ...sharedPgConfig('ps'), poolSize: 1 });
    await pool.query(
      `CREATE SCHEMA ${schemaA}; CREATE SCHEMA ${schemaB};` +
        `CREATE TABLE ${schemaA}.t (id int PRIMARY KEY, at timestamp, amount numeric(38,20), name varchar(30), x int);` +
        `CREATE TABLE ${schemaB}.t (id int PRIMARY KEY, at timestamp, amount numeric(38,20), name varchar(30), x varchar(10));`,
    );
    client = (await (pool.pool.connect as () => Promise<unknown>)()) as Client;
    client.connection.on('rowDescription', () => descriptions++);
    await run(`SET search_path TO ${schemaA}`, undefined, []);
  });

  afterAll(async () => {
    client?.release();
    await pool?.end();
    await dropSharedSchemas();
  });

  test("a named statement's columns are described at its first execution on the connection only; the values read stay the same", async () => {
    const at = new Date(2026, 11, 2, 15, 4, 5, 678);
    const insert = await run('INSERT INTO t (id, at, amount, name, x) VALUES ($1, $2, $3, $4, $5)', 'ps_insert', [1, at, '12.5', undefined, 7]);
    expect(insert.rowCount).toBe(1);
    expect(insert.resultRows).toEqual([]);

    const before = descriptions;
    const answers: unknown[][][] = [];
    for (let i = 0; i < 3; i++) {
      answers.push((await run('SELECT id, at, amount, name, x FROM t WHERE id = $1', 'ps_select', [1])).resultRows);
    }
    expect(descriptions - before).toBe(1);
    for (const rows of answers) expect(rows).toEqual([[1, at, '12.50000000000000000000', null, 7]]);

    // A statement without result columns is not described again either, and still reports its row count.
    const update = await run('UPDATE t SET x = $1 WHERE id = $2', 'ps_update', [8, 1]);
    const again = await run('UPDATE t SET x = $1 WHERE id = $2', 'ps_update', [9, 1]);
    expect([update.rowCount, again.rowCount]).toEqual([1, 1]);
    expect((await run('SELECT x FROM t WHERE id = $1', 'ps_select_x', [1])).resultRows).toEqual([[9]]);
  });

  test('a statement whose columns have another type under another search_path fails instead of being read with the first parsers', async () => {
    await run(`INSERT INTO ${schemaB}.t (id, x) VALUES (1, 'text')`, undefined, []);
    const sql = 'SELECT x FROM t WHERE id = $1';
    expect((await run(sql, 'ps_shape', [1])).resultRows).toEqual([[9]]);
    await run(`SET search_path TO ${schemaB}`, undefined, []);
    await expect(run(sql, 'ps_shape', [1])).rejects.toThrow(/cached plan must not change result type/);
  });

  test("a failing statement reports the database's error and the connection goes on", async () => {
    await run(`SET search_path TO ${schemaA}`, undefined, []);
    await expect(run('INSERT INTO t (id, x) VALUES ($1, $2)', 'ps_insert_dup', [1, 1])).rejects.toMatchObject({ code: '23505' });
    expect((await run('SELECT count(*) FROM t', undefined, [])).resultRows).toEqual([['1']]);
  });
});
