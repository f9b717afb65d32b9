import { DataSource, DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from './config';
import { columnKind, dialectOf, shortIdentifier, sqlType } from './schema';
import { CountingLogger } from './statementCounter';
import { setCheckpointedConnection, walCheckpointer } from './walCheckpointer';

/**
 * A TypeORM DataSource whose entity metadata is adapted to its dialect after
 * it is built: the entities declare BC types once (src/runtime/Metadata.ts),
 * this gives them the SQL types of src/db/schema.ts — the same ones the
 * migrations create — so schema, migrations and hydration agree on every
 * dialect.
 */
export class EmpireDataSource extends DataSource {
  protected override async buildMetadatas(): Promise<void> {
    await super.buildMetadatas();
    adaptMetadata(this);
  }

  /** SQLite: the file's checkpoint thread lets go of it first (src/db/walCheckpointer.ts). */
  override async destroy(): Promise<void> {
    const file = sqliteFile(this);
    if (file) await walCheckpointer.release(file);
    return super.destroy();
  }

  /** Builds and validates the entity metadata without connecting (the type checks for mssql run on it). */
  async buildMetadataOnly(): Promise<this> {
    await this.buildMetadatas();
    return this;
  }
}

function adaptMetadata(ds: DataSource): void {
  const dialect = dialectOf(ds);
  for (const meta of ds.entityMetadatas) {
    for (const column of meta.columns) {
      const kind = columnKind(column);
      // SQLite's own mapping of Date (datetime) is already right; servers get timestamptz / datetime2(3).
      if (kind === 'datetime' && dialect !== 'sqlite') {
        const t = sqlType(dialect, kind);
        column.type = t.type as typeof column.type;
        if (t.precision !== undefined) column.precision = t.precision;
      }
    }
    for (const index of meta.indices) {
      const name = shortIdentifier(index.givenName ?? index.name);
      index.name = name;
      index.givenName = name;
    }
  }
}

/** A SQLite DataSource's database file; null for ':memory:' and server databases. */
export function sqliteFile(ds: DataSource): string | null {
  if (ds.options.type !== 'better-sqlite3') return null;
  const file = ds.options.database;
  return file && file !== ':memory:' ? file : null;
}

export interface DataSourceTarget {
  /** SQLite: a file or ':memory:'. */
  file?: string;
  /** SQLite: a company file whose WAL checkpoints run on the checkpoint thread, not in its commits. */
  checkpointed?: boolean;
  /** Server databases: the schema of this DataSource's tables. */
  schema?: string;
  entities: Function[];
  migrations: Function[];
  /** PostgreSQL: the instance's shared pool (see pgPool.ts). */
  pgDriver?: unknown;
}

/** The DataSource options of one company's (or the system's) storage on the configured database. */
export function dataSourceOptions(config: DatabaseConfig, target: DataSourceTarget): DataSourceOptions {
  const common = {
    entities: target.entities,
    migrations: target.migrations,
    // One transaction for all pending migrations: a failed upgrade leaves the previous version.
    migrationsTransactionMode: 'all' as const,
    synchronize: false,
    migrationsRun: false,
    logger: new CountingLogger(),
  };
  switch (config.kind) {
    case 'sqlite': {
      const database = target.file ?? ':memory:';
      return {
        ...common,
        type: 'better-sqlite3',
        database,
        // WAL lets readers of other processes go on while one writes; the busy
        // timeout makes a second process wait for the lock instead of failing.
        prepareDatabase: (db: { pragma(s: string): unknown }) => {
          if (database !== ':memory:') db.pragma('journal_mode = WAL');
          db.pragma('busy_timeout = 5000');
          // In WAL mode NORMAL loses no committed transaction when the process dies (only on power loss).
          db.pragma('synchronous = NORMAL');
          if (target.checkpointed && database !== ':memory:') setCheckpointedConnection(db);
        },
      };
    }
    case 'postgres': {
      const c = config.connection!;
      return {
        ...common,
        type: 'postgres',
        host: c.host,
        port: c.port,
        username: c.user,
        password: c.password,
        database: c.database,
        schema: target.schema,
        applicationName: 'empire-sim',
        driver: target.pgDriver,
      };
    }
    case 'mssql': {
      const c = config.connection!;
      return {
        ...common,
        type: 'mssql',
        host: c.host,
        port: c.port,
        username: c.user,
        password: c.password,
        database: c.database,
        schema: target.schema,
        pool: { max: config.poolSize ?? 10, min: 0, idleTimeoutMillis: 10000 },
        requestTimeout: Math.max(30000, (config.lockTimeoutMs ?? 10000) * 3),
        options: {
          encrypt: (config.tls ?? 'off') !== 'off',
          trustServerCertificate: (config.tls ?? 'off') !== 'verify',
          cryptoCredentialsDetails: config.tlsCa ? { ca: config.tlsCa } : undefined,
          appName: 'empire-sim',
          // BC runs READ COMMITTED; row versions and locks do the rest.
          isolationLevel: 'READ COMMITTED',
        },
      };
    }
  }
}

export function createDataSource(config: DatabaseConfig, target: DataSourceTarget): EmpireDataSource {
  return new EmpireDataSource(dataSourceOptions(config, target));
}
