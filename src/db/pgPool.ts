import type { DatabaseConfig } from './config';

/** The part of node-postgres used here (the project has no @types/pg). */
interface PoolClient {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  release(err?: Error | boolean): void;
  /** node-postgres: 'I' idle, 'T' in a transaction, 'E' in a failed transaction (null before the first answer). */
  getTransactionStatus?(): string | null;
  /** node-postgres (internal): the query the connection is running, if any. */
  _activeQuery?: unknown;
}
interface Pool {
  connect(): Promise<PoolClient>;
  connect(cb: (err: Error | undefined, client: PoolClient | undefined, release: (err?: Error) => void) => void): void;
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  on(event: 'error', listener: (err: Error) => void): void;
  end(): Promise<void>;
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}
type PoolConfig = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pg = require('pg') as { Pool: new (config: PoolConfig) => Pool };

/**
 * One connection pool per simulator instance for all its companies.
 *
 * Every company is its own TypeORM DataSource (its own schema, so its tables
 * are schema-qualified and nothing depends on a session's search_path), and
 * TypeORM would give each DataSource a pool of its own: a training day with
 * forty companies would hold hundreds of connections. TypeORM takes the pg
 * module as the `driver` option; the module handed in here has a `Pool`
 * whose instances are handles on the one shared pool, and ending a handle
 * leaves the shared pool open (the Storage ends it on close).
 */
export class SharedPgPool {
  readonly pool: Pool;
  /** Connections destroyed instead of pooled because they came back inside a transaction (see `guarded`). */
  discarded = 0;

  constructor(config: DatabaseConfig) {
    const c = config.connection!;
    const tls = config.tls ?? 'off';
    const poolConfig: PoolConfig = {
      host: c.host,
      port: c.port,
      user: c.user,
      password: c.password,
      database: c.database,
      max: config.poolSize ?? 10,
      idleTimeoutMillis: 10000,
      // With the schema prefix: an operator (and test/db/lifecycle.test.ts) can tell the instances of one prefix in pg_stat_activity.
      application_name: `empire-sim ${config.schemaPrefix ?? 'empire'}`,
      // BC's lock timeout: a transaction waiting longer for a row lock fails instead of hanging.
      lock_timeout: config.lockTimeoutMs ?? 10000,
      // A statement goes on the wire when issued, behind those not yet answered (src/db/store/executor.ts: PgExecutor).
      pipeline: true,
      ssl: tls === 'off' ? false : { rejectUnauthorized: tls === 'verify', ca: config.tlsCa },
    };
    this.pool = new pg.Pool(poolConfig);
    // An idle connection the server drops must not crash the process.
    this.pool.on('error', (err) => console.warn(`empire-sim: PostgreSQL pool: ${err.message}`));
  }

  /** The pg module as TypeORM sees it (DataSourceOptions.driver). */
  driverModule(): unknown {
    const shared = this.pool;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    class PoolHandle {
      connect(cb?: (err: Error | undefined, client?: PoolClient, release?: (err?: Error) => void) => void): unknown {
        if (!cb) return shared.connect().then((client) => self.guarded(client));
        shared.connect((err, client, release) => {
          if (err || !client) cb(err ?? undefined, client, release);
          else {
            const guarded = self.guarded(client);
            cb(undefined, guarded, guarded.release);
          }
        });
        return undefined;
      }
      query(...args: unknown[]): unknown {
        return (shared.query as (...a: unknown[]) => unknown)(...args);
      }
      on(): this {
        return this;
      }
      end(cb?: (err?: Error) => void): Promise<void> | void {
        if (cb) cb();
        else return Promise.resolve();
      }
      get totalCount(): number {
        return shared.totalCount;
      }
      get idleCount(): number {
        return shared.idleCount;
      }
      get waitingCount(): number {
        return shared.waitingCount;
      }
    }
    return { Pool: PoolHandle };
  }

  /**
   * A connection must come back to the pool idle, outside any transaction:
   * one still in a transaction (its owner was cut off half-way — a query
   * failed and the rollback did not run, or a DataSource was destroyed while
   * a transaction was open) or in an aborted one would hand the next company
   * "current transaction is aborted". Such a connection is destroyed instead
   * (node-postgres: release with an error), and the pool opens a fresh one.
   */
  private guarded(client: PoolClient): PoolClient {
    const release = client.release.bind(client);
    client.release = (err?: Error | boolean) => {
      const status = client._activeQuery ? 'busy' : (client.getTransactionStatus?.() ?? 'I');
      if (!err && status !== 'I') {
        this.discarded++;
        release(new Error(`connection returned in transaction state '${status}'`));
      } else release(err);
    };
    return client;
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const result = await this.pool.query(sql, params);
    return result.rows as T[];
  }

  async end(): Promise<void> {
    await this.pool.end();
  }
}
