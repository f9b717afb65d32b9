import { QueryFailedError, type DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { CompanyStorageGoneError } from '../errors';
import { companyLockKey, lockCompany } from '../locks';
import { dialectOf } from '../schema';
import { countStatement } from '../statementCounter';
import type { ChangeLog } from './changeLog';
import { CompanyCache } from './CompanyCache';
import { StoreTransaction } from './StoreTransaction';

export interface TransactionOptions {
  /**
   * PostgreSQL: wait for the commit to reach the disk (synchronous_commit).
   * Off, a crash of the database server (not of the simulator) can lose the
   * last moment's commits, never consistency (docs/database.md).
   */
  synchronousCommit?: boolean;
  /** Called first in the transaction (SQL Server's per-session lock timeout); only on the TypeORM path. */
  begin?: (manager: EntityManager) => Promise<void>;
  /** Where the transaction's writes are recorded, for observers of committed changes. */
  changeLog?: ChangeLog;
}

/**
 * One transaction on a company's database with its record store, committed
 * when `fn` returns and rolled back when it throws. SQLite and PostgreSQL
 * begin and end it on the connection themselves — SQLite with prepared BEGIN
 * and COMMIT, PostgreSQL with BEGIN, the company's search_path and the read of
 * its setup data version in one round trip; SQL Server goes through TypeORM's
 * transaction. Either way the TypeORM query runner is the transaction's, so
 * `Session.manager` works inside it.
 */
export async function runInTransaction<T>(
  dataSource: DataSource,
  cache: CompanyCache,
  options: TransactionOptions,
  fn: (store: StoreTransaction) => Promise<T>,
): Promise<T> {
  const dialect = dialectOf(dataSource);
  if (dialect === 'mssql') {
    return dataSource.transaction(async (manager) => {
      await options.begin?.(manager);
      await lockCompany(manager, 'shared');
      const store = await StoreTransaction.open(manager, cache, { ...storeOptions(dataSource), changeLog: options.changeLog });
      try {
        return await fn(store);
      } finally {
        store.finish();
      }
    });
  }
  const runner = dataSource.createQueryRunner();
  const connection = (await runner.connect()) as RawConnection;
  let store: StoreTransaction | null = null;
  try {
    const version = await begin(connection, dialect, dataSource, options);
    markActive(runner, true);
    store = await StoreTransaction.open(runner.manager, cache, { ...storeOptions(dataSource), version, pathSet: true, changeLog: options.changeLog });
    const result = await fn(store);
    await end(connection, dialect, 'COMMIT');
    markActive(runner, false);
    return result;
  } catch (err) {
    try {
      await end(connection, dialect, 'ROLLBACK');
    } catch {
      // The original error is the one to report (a broken connection fails its rollback too).
    }
    markActive(runner, false);
    throw err;
  } finally {
    store?.finish();
    await runner.release();
  }
}

interface RawConnection {
  prepare?(sql: string): { run(): unknown };
  inTransaction?: boolean;
  query?(sql: string): Promise<unknown>;
}

function storeOptions(dataSource: DataSource): { schema?: string; inMemory?: boolean } {
  const o = dataSource.options as { schema?: string; type: string; database?: unknown };
  return { schema: o.schema, inMemory: o.type === 'better-sqlite3' && o.database === ':memory:' };
}

const SQLITE_CONTROL = new WeakMap<object, Map<string, { run(): unknown }>>();

function sqliteControl(db: RawConnection, sql: 'BEGIN' | 'COMMIT' | 'ROLLBACK'): { run(): unknown } {
  let m = SQLITE_CONTROL.get(db);
  if (!m) {
    m = new Map();
    SQLITE_CONTROL.set(db, m);
  }
  let st = m.get(sql);
  if (!st) {
    st = db.prepare!(sql);
    m.set(sql, st);
  }
  return st;
}

/** Begins; on PostgreSQL also returns the company's setup data version (read in the same round trip). */
async function begin(db: RawConnection, dialect: string, dataSource: DataSource, options: TransactionOptions): Promise<unknown> {
  if (dialect === 'sqlite') {
    countStatement('BEGIN');
    wrap('BEGIN', () => sqliteControl(db, 'BEGIN').run());
    return undefined;
  }
  const schema = (dataSource.options as { schema?: string }).schema;
  // Schema names are made of [a-z0-9_] only (src/db/config.ts, storage.ts), so they can be written into the text.
  if (!schema || !/^[a-z0-9_]+$/.test(schema)) throw new Error(`record store: unexpected schema name '${schema}'`);
  const sql =
    'BEGIN; ' +
    `SET LOCAL search_path TO "${schema}"; ` +
    (options.synchronousCommit ? '' : 'SET LOCAL synchronous_commit TO off; ') +
    // Held to the end of the transaction: a delete or reset of the company waits for it (src/db/locks.ts).
    `SELECT pg_advisory_xact_lock_shared(hashtext('${companyLockKey(schema)}')); ` +
    `SELECT "Setup_Version" FROM "Simulator_Data_Version" WHERE "Primary_Key" = ''`;
  countStatement(sql);
  let results: Array<{ rows: Array<{ Setup_Version: string }> }>;
  try {
    results = (await wrapAsync(sql, () => db.query!(sql))) as typeof results;
  } catch (e) {
    // undefined_table once the lock is ours: another instance deleted the company (schema and all) meanwhile.
    if ((e as { driverError?: { code?: string } }).driverError?.code === '42P01') throw new CompanyStorageGoneError(schema);
    throw e;
  }
  return results[results.length - 1]?.rows[0]?.Setup_Version ?? '';
}

async function end(db: RawConnection, dialect: string, sql: 'COMMIT' | 'ROLLBACK'): Promise<void> {
  countStatement(sql);
  if (dialect === 'sqlite') {
    if (sql === 'ROLLBACK' && !db.inTransaction) return;
    wrap(sql, () => sqliteControl(db, sql).run());
    return;
  }
  await wrapAsync(sql, () => db.query!(sql));
}

/** TypeORM decides by this flag whether its own calls (Session.manager) must open a transaction. */
function markActive(runner: QueryRunner, active: boolean): void {
  (runner as { isTransactionActive: boolean }).isTransactionActive = active;
}

/** Database errors as TypeORM reports them, so translateDatabaseError turns them into BC's. */
function wrap<T>(sql: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new QueryFailedError(sql, [], e as Error);
  }
}

async function wrapAsync<T>(sql: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw new QueryFailedError(sql, [], e as Error);
  }
}
