import { QueryFailedError, type DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { CompanyStorageGoneError } from '../errors';
import { companyLockKey, lockCompany } from '../locks';
import { dialectOf } from '../schema';
import { sqliteFile } from '../dataSource';
import { countStatement } from '../statementCounter';
import { walCheckpointer } from '../walCheckpointer';
import type { ChangeLog } from './changeLog';
import { CompanyCache } from './CompanyCache';
import { executorFor, type PgExecutor } from './executor';
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
 * and COMMIT, PostgreSQL pipelined (runOnPostgres); SQL Server goes through
 * TypeORM's transaction. Either way the TypeORM query runner is the transaction's, so
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
  if (dialect === 'postgres') return runOnPostgres(dataSource, runner, cache, options, fn);
  const connection = (await runner.connect()) as RawConnection;
  let store: StoreTransaction | null = null;
  try {
    countStatement('BEGIN');
    wrap('BEGIN', () => sqliteControl(connection, 'BEGIN').run());
    markActive(runner, true);
    store = await StoreTransaction.open(runner.manager, cache, { ...storeOptions(dataSource), pathSet: true, changeLog: options.changeLog });
    const result = await fn(store);
    countStatement('COMMIT');
    wrap('COMMIT', () => sqliteControl(connection, 'COMMIT').run());
    markActive(runner, false);
    const file = sqliteFile(dataSource);
    if (file) walCheckpointer.committed(file);
    return result;
  } catch (err) {
    try {
      countStatement('ROLLBACK');
      if (connection.inTransaction) wrap('ROLLBACK', () => sqliteControl(connection, 'ROLLBACK').run());
    } catch {
      // The original error is the one to report.
    }
    markActive(runner, false);
    throw err;
  } finally {
    store?.finish();
    await runner.release();
  }
}

/**
 * PostgreSQL: BEGIN, the company's search_path, the company gate's shared
 * lock and the read of its setup data version go as one text, without
 * waiting — their answer arrives with the transaction's first read — and
 * COMMIT is sent behind the writes still unanswered (PgExecutor). A failure
 * anywhere reports the first statement that failed, in the code's order: a
 * write the code did not wait for comes before the error the code raised
 * after it, as if it had waited.
 */
async function runOnPostgres<T>(
  dataSource: DataSource,
  runner: QueryRunner,
  cache: CompanyCache,
  options: TransactionOptions,
  fn: (store: StoreTransaction) => Promise<T>,
): Promise<T> {
  const exec = (await executorFor(runner.manager)) as PgExecutor;
  let store: StoreTransaction | null = null;
  try {
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
    const rows = exec.begin(sql, (e) =>
      // undefined_table once the lock is ours: another instance deleted the company (schema and all) meanwhile.
      (e as { driverError?: { code?: string } }).driverError?.code === '42P01' ? new CompanyStorageGoneError(schema) : e,
    );
    markActive(runner, true);
    const version = rows.then((r) => r[0]?.Setup_Version ?? '');
    version.catch(() => undefined);
    store = await StoreTransaction.open(runner.manager, cache, { ...storeOptions(dataSource), version, pathSet: true, changeLog: options.changeLog, exec });
    const result = await fn(store);
    await exec.commit();
    markActive(runner, false);
    return result;
  } catch (err) {
    const first = await exec.deferredFailure();
    try {
      await exec.rollback();
    } catch {
      // The original error is the one to report (a broken connection fails its rollback too).
    }
    markActive(runner, false);
    throw first ?? err;
  } finally {
    store?.finish();
    await runner.release();
  }
}

interface RawConnection {
  prepare?(sql: string): { run(): unknown };
  inTransaction?: boolean;
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
