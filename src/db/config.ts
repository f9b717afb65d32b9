import fs from 'node:fs';

/**
 * Which database the simulator keeps its companies in, and how to reach it:
 * one switch, EMPIRE_SIM_DB, read from the environment (docs/database.md).
 *
 *   EMPIRE_SIM_DB                sqlite (default) | postgres | mssql
 *   EMPIRE_SIM_DB_URL            postgres://user:pass@host:5432/db  or  mssql://user:pass@host:1433/db
 *   EMPIRE_SIM_DB_HOST / _PORT / _USER / _PASSWORD / _NAME   the same, one by one (override the URL)
 *   EMPIRE_SIM_DB_SCHEMA_PREFIX  schema names start with it (default empire): <prefix>_system, <prefix>_c_<company id>
 *   EMPIRE_SIM_DB_POOL           connections per instance (default 10)
 *   EMPIRE_SIM_DB_SSL            off (default) | on (encrypted, any certificate) | verify (encrypted, verified certificate)
 *   EMPIRE_SIM_DB_SSL_CA         a CA certificate file for verify
 *   EMPIRE_SIM_DB_LOCK_TIMEOUT_MS  how long a transaction waits for a row lock (default 10000, as BC's lock timeout)
 *   EMPIRE_SIM_DB_MIGRATE        run | check: apply pending migrations at start-up, or refuse to start
 *                                 while some are pending (default: run on SQLite, check on a server)
 */
export type DatabaseKind = 'sqlite' | 'postgres' | 'mssql';

export interface ServerConnection {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export type TlsMode = 'off' | 'on' | 'verify';

export interface DatabaseConfig {
  kind: DatabaseKind;
  /** Server databases: where to connect. */
  connection?: ServerConnection;
  /** Server databases: schemas are `<prefix>_system` and `<prefix>_c_<company id>`. */
  schemaPrefix?: string;
  /** Server databases: pool size of this instance. */
  poolSize?: number;
  tls?: TlsMode;
  /** PEM text of the CA certificate (EMPIRE_SIM_DB_SSL_CA names the file). */
  tlsCa?: string;
  lockTimeoutMs?: number;
  /**
   * PostgreSQL: each commit waits until it is on disk (synchronous_commit). Default off: a crash of the
   * database server can lose the last moment's commits (never consistency); the simulator's own crash loses nothing.
   */
  synchronousCommit?: boolean;
  /** Start-up: apply pending migrations, or refuse to start while some are pending. */
  migrate?: 'run' | 'check';
  /**
   * Storage that lives as long as the Simulator: SQLite in memory, or on a
   * server schemas with a unique prefix that close() drops. Default: when
   * the Simulator has no data folder (dataDir null).
   */
  ephemeral?: boolean;
}

export class DatabaseConfigError extends Error {}

const DEFAULT_PORT: Record<Exclude<DatabaseKind, 'sqlite'>, number> = { postgres: 5432, mssql: 1433 };

/** Reads EMPIRE_SIM_DB*; a bad value is an error that names the variable. */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const kindText = (env.EMPIRE_SIM_DB ?? 'sqlite').toLowerCase();
  const kind = ({ sqlite: 'sqlite', postgres: 'postgres', postgresql: 'postgres', pg: 'postgres', mssql: 'mssql', sqlserver: 'mssql' } as const)[
    kindText as 'sqlite'
  ];
  if (!kind) throw new DatabaseConfigError(`EMPIRE_SIM_DB must be sqlite, postgres or mssql, not '${env.EMPIRE_SIM_DB}'.`);
  const migrate = env.EMPIRE_SIM_DB_MIGRATE;
  if (migrate !== undefined && migrate !== 'run' && migrate !== 'check') {
    throw new DatabaseConfigError(`EMPIRE_SIM_DB_MIGRATE must be run or check, not '${migrate}'.`);
  }
  const config: DatabaseConfig = { kind, migrate: migrate as DatabaseConfig['migrate'] };
  if (kind === 'sqlite') return config;

  const fromUrl = env.EMPIRE_SIM_DB_URL ? parseUrl(env.EMPIRE_SIM_DB_URL) : {};
  const port = env.EMPIRE_SIM_DB_PORT ?? fromUrl.port;
  config.connection = {
    host: env.EMPIRE_SIM_DB_HOST ?? fromUrl.host ?? '127.0.0.1',
    port: port === undefined ? DEFAULT_PORT[kind] : positiveInt('EMPIRE_SIM_DB_PORT', String(port)),
    user: env.EMPIRE_SIM_DB_USER ?? fromUrl.user ?? (kind === 'postgres' ? 'postgres' : 'sa'),
    password: env.EMPIRE_SIM_DB_PASSWORD ?? fromUrl.password ?? '',
    database: env.EMPIRE_SIM_DB_NAME ?? fromUrl.database ?? (kind === 'postgres' ? 'postgres' : 'empire_sim'),
  };
  config.schemaPrefix = schemaPrefix(env.EMPIRE_SIM_DB_SCHEMA_PREFIX ?? 'empire');
  if (env.EMPIRE_SIM_DB_POOL !== undefined) config.poolSize = positiveInt('EMPIRE_SIM_DB_POOL', env.EMPIRE_SIM_DB_POOL);
  if (env.EMPIRE_SIM_DB_LOCK_TIMEOUT_MS !== undefined) {
    config.lockTimeoutMs = positiveInt('EMPIRE_SIM_DB_LOCK_TIMEOUT_MS', env.EMPIRE_SIM_DB_LOCK_TIMEOUT_MS);
  }
  const sync = (env.EMPIRE_SIM_DB_SYNC_COMMIT ?? 'off').toLowerCase();
  if (sync !== 'on' && sync !== 'off') {
    throw new DatabaseConfigError(`EMPIRE_SIM_DB_SYNC_COMMIT must be on or off, not '${env.EMPIRE_SIM_DB_SYNC_COMMIT}'.`);
  }
  config.synchronousCommit = sync === 'on';
  const tls = (env.EMPIRE_SIM_DB_SSL ?? 'off').toLowerCase();
  if (tls !== 'off' && tls !== 'on' && tls !== 'verify') {
    throw new DatabaseConfigError(`EMPIRE_SIM_DB_SSL must be off, on or verify, not '${env.EMPIRE_SIM_DB_SSL}'.`);
  }
  config.tls = tls;
  if (env.EMPIRE_SIM_DB_SSL_CA) {
    try {
      config.tlsCa = fs.readFileSync(env.EMPIRE_SIM_DB_SSL_CA, 'utf8');
    } catch (e) {
      throw new DatabaseConfigError(`EMPIRE_SIM_DB_SSL_CA: cannot read '${env.EMPIRE_SIM_DB_SSL_CA}' (${(e as Error).message}).`);
    }
  }
  return config;
}

/**
 * Schema names are built from the prefix: lower-case letters, digits and _,
 * so they need no quoting rules of their own. 20 characters, plus a test
 * run's 7-character suffix and `_c_` + 32 hex digits of the company id, stay
 * within PostgreSQL's 63.
 */
export function schemaPrefix(prefix: string): string {
  if (!/^[a-z][a-z0-9_]{0,19}$/.test(prefix)) {
    throw new DatabaseConfigError(
      `EMPIRE_SIM_DB_SCHEMA_PREFIX must be 1 to 20 lower-case letters, digits or _, starting with a letter, not '${prefix}'.`,
    );
  }
  return prefix;
}

function positiveInt(name: string, text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1) throw new DatabaseConfigError(`${name} must be a whole number above 0, not '${text}'.`);
  return n;
}

function parseUrl(text: string): Partial<ServerConnection> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new DatabaseConfigError(`EMPIRE_SIM_DB_URL is not a URL: '${redact(text)}'.`);
  }
  if (!/^(postgres|postgresql|mssql|sqlserver):$/.test(url.protocol)) {
    throw new DatabaseConfigError(`EMPIRE_SIM_DB_URL must start with postgres:// or mssql://, not '${url.protocol}//'.`);
  }
  return {
    host: url.hostname || undefined,
    port: url.port ? Number(url.port) : undefined,
    user: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database: url.pathname.length > 1 ? decodeURIComponent(url.pathname.slice(1)) : undefined,
  };
}

function redact(text: string): string {
  return text.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

/** One line for logs and banners, without the password. */
export function describeDatabase(config: DatabaseConfig, dataDir: string | null): string {
  if (config.kind === 'sqlite') return dataDir ? `SQLite in ${dataDir}` : 'SQLite in memory';
  const c = config.connection!;
  const name = config.kind === 'postgres' ? 'PostgreSQL' : 'SQL Server';
  return `${name} ${c.user}@${c.host}:${c.port}/${c.database}, schemas ${config.schemaPrefix}_*${config.ephemeral ? ' (dropped on close)' : ''}`;
}
