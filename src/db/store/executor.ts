import { QueryFailedError, type EntityManager } from 'typeorm';
import { dialectOf, type Dialect } from '../schema';
import { countStatement, sqlStatements } from '../statementCounter';
import { PgStatement } from './pgStatement';

/**
 * Runs the record store's SQL on the transaction's own connection, each
 * statement prepared once per connection and reused: better-sqlite3
 * statements kept in a map per database handle; named prepared statements
 * on PostgreSQL (node-postgres keeps them per connection; sent as
 * src/db/store/pgStatement.ts); SQL Server
 * through TypeORM's query runner (parameterized, not kept prepared).
 * Rows come back as arrays in the SELECT's column order.
 */
export interface Executor {
  readonly dialect: Dialect;
  all(sql: string, params: unknown[]): Promise<unknown[][]>;
  /** Rows changed by an INSERT/UPDATE/DELETE. */
  run(sql: string, params: unknown[]): Promise<number>;
  /**
   * PostgreSQL only: sends a statement whose answer the transaction does not
   * wait for (see PgExecutor). It may only fail by raising an error in the
   * database — which aborts the transaction — and `onError` turns that error
   * into the one to report (BC's text).
   */
  defer?(sql: string, params: unknown[], onError?: (e: QueryFailedError) => unknown): void;
}

export async function executorFor(manager: EntityManager): Promise<Executor> {
  const dialect = dialectOf(manager.connection);
  const runner = manager.queryRunner;
  if (!runner) throw new Error('record store: the manager has no query runner (not in a transaction)');
  if (dialect === 'sqlite') return new SqliteExecutor((await runner.connect()) as SqliteDatabase);
  if (dialect === 'postgres') return new PgExecutor((await runner.connect()) as PgClient);
  return new TypeOrmExecutor(manager, dialect);
}

// ---- SQLite (better-sqlite3: synchronous, in-process) ----

interface SqliteStatement {
  reader: boolean;
  raw(on: boolean): SqliteStatement;
  all(params?: Record<number, unknown>): unknown[][];
  run(params?: Record<number, unknown>): { changes: number };
}
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
}

const sqliteStatements = new WeakMap<SqliteDatabase, Map<string, SqliteStatement>>();
const MAX_SQLITE_STATEMENTS = 1000;

class SqliteExecutor implements Executor {
  readonly dialect = 'sqlite' as const;
  private readonly statements: Map<string, SqliteStatement>;

  constructor(private readonly db: SqliteDatabase) {
    let m = sqliteStatements.get(db);
    if (!m) {
      m = new Map();
      sqliteStatements.set(db, m);
    }
    this.statements = m;
  }

  private statement(sql: string): SqliteStatement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      sqlStatements.prepared++;
      if (st.reader) st.raw(true);
      // Bounded: the fixed statements are a few hundred; ad hoc API filters must not grow the map without end.
      if (this.statements.size >= MAX_SQLITE_STATEMENTS) this.statements.delete(this.statements.keys().next().value as string);
      this.statements.set(sql, st);
    }
    return st;
  }

  async all(sql: string, params: unknown[]): Promise<unknown[][]> {
    countStatement(sql);
    try {
      return this.statement(sql).all(sqliteParams(params));
    } catch (e) {
      throw new QueryFailedError(sql, params, e as Error);
    }
  }

  async run(sql: string, params: unknown[]): Promise<number> {
    countStatement(sql);
    try {
      return this.statement(sql).run(sqliteParams(params)).changes;
    } catch (e) {
      throw new QueryFailedError(sql, params, e as Error);
    }
  }
}

/** `?1, ?2, …` are bound by number (better-sqlite3 takes them as an object's keys). */
function sqliteParams(params: unknown[]): Record<number, unknown> {
  const o: Record<number, unknown> = {};
  for (let i = 0; i < params.length; i++) o[i + 1] = sqliteValue(params[i]);
  return o;
}

/** better-sqlite3 binds neither booleans nor undefined. */
function sqliteValue(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

// ---- PostgreSQL (node-postgres) ----

interface PgResult {
  rows: unknown[][];
  rowCount: number | null;
  command?: string;
}
interface PgClient {
  query(statement: PgStatement): unknown;
  query(text: string): Promise<PgResult | Array<{ rows: Array<Record<string, unknown>> }>>;
  /** node-postgres (internal): the socket, corked while a turn's statements are written. */
  connection?: { stream?: { cork?(): void; uncork?(): void } };
}

/**
 * Statement names by SQL text, process-wide: node-postgres prepares a named
 * statement once per connection and refuses one name for two texts. The
 * texts name tables unqualified (the transaction sets search_path to its
 * company's schema), so every company shares them; PostgreSQL re-plans a
 * prepared statement when the search_path it was planned under changes.
 * A text is named (kept prepared on the server for the connection's life)
 * from its second use on: the record operations' fixed statements are, an
 * API client's one-off $filter is not.
 */
const pgNames = new Map<string, string>();
const pgUses = new Map<string, number>();
const NAME_AFTER_USES = 1;

/**
 * A transaction's statements on its PostgreSQL connection, pipelined: the
 * pool's connections run node-postgres in pipeline mode, so a statement goes
 * on the wire when it is issued, behind those still being answered, and the
 * server runs them in that order. What the transaction needs no answer to —
 * BEGIN with the company's lock and setup version, a row insert, a
 * version-checked update, a table lock — is sent without waiting
 * (`defer`); the next statement whose answer the code does need (a read, or
 * COMMIT) travels with them, so a run of writes costs no round trip of its
 * own. The statements issued in one turn of the event loop leave in one
 * socket write.
 *
 * Why that keeps BC's semantics: a deferred statement can fail only with an
 * error raised in the database (a unique key, the version check of an
 * update, a lock timeout, a deadlock), and any error aborts the transaction,
 * so every statement after it fails too — a read after a failed write never
 * answers, and COMMIT after it ends as ROLLBACK. The failure reported is the
 * first one in the order the code issued them, with the text `onError`
 * gives it (BC's "already exists", "changed by another user"), exactly as if
 * the code had waited for each write.
 */
export class PgExecutor implements Executor {
  readonly dialect = 'postgres' as const;
  /** The first deferred statement's failure (as reported): from there on the transaction is aborted. */
  private failure: unknown = undefined;
  /** Settles (never rejects) once the last deferred statement has been answered. */
  private lastDeferred: Promise<void> | null = null;
  private corked = false;

  constructor(private readonly client: PgClient) {}

  private name(sql: string): string | undefined {
    let n = pgNames.get(sql);
    if (n) return n;
    const uses = (pgUses.get(sql) ?? 0) + 1;
    if (uses <= NAME_AFTER_USES) {
      if (pgUses.size >= 10_000) pgUses.clear();
      pgUses.set(sql, uses);
      return undefined;
    }
    pgUses.delete(sql);
    n = `es${pgNames.size + 1}`;
    pgNames.set(sql, n);
    sqlStatements.prepared++;
    return n;
  }

  /**
   * The statements issued until the code next waits leave in one write: the
   * socket is corked at the first and uncorked when the current chain of
   * promise callbacks has run (process.nextTick runs after the microtasks).
   */
  private batch(): void {
    if (this.corked) return;
    const stream = this.client.connection?.stream;
    if (!stream?.cork || !stream.uncork) return;
    stream.cork();
    this.corked = true;
    process.nextTick(() => {
      this.corked = false;
      stream.uncork!();
    });
  }

  private send(sql: string, params: unknown[], waited = true): Promise<PgStatement> {
    countStatement(sql, waited);
    this.batch();
    const statement = new PgStatement(sql, this.name(sql), params);
    this.client.query(statement);
    return statement.done;
  }

  async all(sql: string, params: unknown[]): Promise<unknown[][]> {
    try {
      return (await this.send(sql, params)).resultRows;
    } catch (e) {
      throw await this.firstFailure(new QueryFailedError(sql, params, e as Error));
    }
  }

  async run(sql: string, params: unknown[]): Promise<number> {
    try {
      return (await this.send(sql, params)).rowCount ?? 0;
    } catch (e) {
      throw await this.firstFailure(new QueryFailedError(sql, params, e as Error));
    }
  }

  defer(sql: string, params: unknown[], onError: (e: QueryFailedError) => unknown = (e) => e): void {
    this.track(this.send(sql, params, false), (e) => onError(new QueryFailedError(sql, params, e as Error)));
  }

  /**
   * BEGIN and what goes with it, as one simple-query text (several
   * statements, no parameters), sent without waiting: its answer comes with
   * the transaction's first read. Resolves to the last statement's rows.
   */
  begin(sql: string, onError: (e: QueryFailedError) => unknown): Promise<Array<Record<string, unknown>>> {
    countStatement(sql, false);
    this.batch();
    const sent = this.client.query(sql) as Promise<Array<{ rows: Array<Record<string, unknown>> }>>;
    this.track(sent, (e) => onError(new QueryFailedError(sql, [], e as Error)));
    const rows = sent.then((results) => results[results.length - 1]?.rows ?? []);
    // A failure is reported through the deferred failure; nobody need wait for these rows.
    rows.catch(() => undefined);
    return rows;
  }

  /**
   * COMMIT, sent behind whatever is still unanswered. A deferred statement
   * that failed turned it into a rollback in the database: its error is the
   * transaction's.
   */
  async commit(): Promise<void> {
    countStatement('COMMIT');
    this.batch();
    let result: PgResult;
    try {
      result = (await this.client.query('COMMIT')) as PgResult;
    } catch (e) {
      throw await this.firstFailure(new QueryFailedError('COMMIT', [], e as Error));
    }
    const failure = await this.deferredFailure();
    if (failure !== undefined) throw failure;
    if (result.command !== 'COMMIT') throw new Error(`record store: COMMIT was answered with ${result.command}: the transaction was rolled back`);
  }

  async rollback(): Promise<void> {
    countStatement('ROLLBACK');
    this.batch();
    await this.client.query('ROLLBACK');
  }

  /** Once everything sent so far has been answered: the first deferred statement's failure, if any. */
  async deferredFailure(): Promise<unknown> {
    if (this.lastDeferred) await this.lastDeferred;
    return this.failure;
  }

  private track(sent: Promise<unknown>, report: (e: unknown) => unknown): void {
    // Answers come in the order sent, so the first deferred statement to fail is the first in the code's order.
    this.lastDeferred = sent.then(
      () => undefined,
      (e) => {
        if (this.failure === undefined) this.failure = report(e);
      },
    );
  }

  /** A statement failed: an earlier deferred statement's failure is the cause to report, if there is one. */
  private async firstFailure(own: unknown): Promise<unknown> {
    return (await this.deferredFailure()) ?? own;
  }
}

function nullIfUndefined(v: unknown): unknown {
  return v === undefined ? null : v;
}

// ---- SQL Server (through TypeORM's query runner) ----

class TypeOrmExecutor implements Executor {
  constructor(private readonly manager: EntityManager, readonly dialect: Dialect) {}

  async all(sql: string, params: unknown[]): Promise<unknown[][]> {
    // TypeORM's logger counts this statement.
    const result = await this.manager.queryRunner!.query(sql, params.map(nullIfUndefined), true);
    return ((result.records ?? []) as Record<string, unknown>[]).map((r) => Object.values(r));
  }

  async run(sql: string, params: unknown[]): Promise<number> {
    const result = await this.manager.queryRunner!.query(sql, params.map(nullIfUndefined), true);
    return result.affected ?? 0;
  }
}
