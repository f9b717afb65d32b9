import { QueryFailedError, type EntityManager } from 'typeorm';
import { dialectOf, type Dialect } from '../schema';
import { countStatement, sqlStatements } from '../statementCounter';

/**
 * Runs the record store's SQL on the transaction's own connection, each
 * statement prepared once per connection and reused: better-sqlite3
 * statements kept in a map per database handle; named prepared statements
 * on PostgreSQL (node-postgres keeps them per connection); SQL Server
 * through TypeORM's query runner (parameterized, not kept prepared).
 * Rows come back as arrays in the SELECT's column order.
 */
export interface Executor {
  readonly dialect: Dialect;
  all(sql: string, params: unknown[]): Promise<unknown[][]>;
  /** Rows changed by an INSERT/UPDATE/DELETE. */
  run(sql: string, params: unknown[]): Promise<number>;
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

interface PgClient {
  query(config: { name: string | undefined; text: string; values: unknown[]; rowMode: 'array' }): Promise<{ rows: unknown[][]; rowCount: number | null }>;
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

class PgExecutor implements Executor {
  readonly dialect = 'postgres' as const;
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

  async all(sql: string, params: unknown[]): Promise<unknown[][]> {
    countStatement(sql);
    try {
      return (await this.client.query({ name: this.name(sql), text: sql, values: params.map(nullIfUndefined), rowMode: 'array' })).rows;
    } catch (e) {
      throw new QueryFailedError(sql, params, e as Error);
    }
  }

  async run(sql: string, params: unknown[]): Promise<number> {
    countStatement(sql);
    try {
      const r = await this.client.query({ name: this.name(sql), text: sql, values: params.map(nullIfUndefined), rowMode: 'array' });
      return r.rowCount ?? 0;
    } catch (e) {
      throw new QueryFailedError(sql, params, e as Error);
    }
  }
}

function nullIfUndefined(v: unknown): unknown {
  return v === undefined ? null : v;
}

// ---- SQL Server (through TypeORM's query runner) ----

class TypeOrmExecutor implements Executor {
  constructor(
    private readonly manager: EntityManager,
    readonly dialect: Dialect,
  ) {}

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
