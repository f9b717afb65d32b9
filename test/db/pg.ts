import { DatabaseConfig, databaseConfigFromEnv } from '../../src/db/config';
import { SharedPgPool } from '../../src/db/pgPool';
import { dropSchemasWithPrefix } from '../../src/db/storage';
import { FILE_PREFIX, TEST_DB_URL } from './testDatabase';

/**
 * The PostgreSQL tests of test/db (several instances, processes and crashes
 * over one database) always run against the server at EMPIRE_SIM_TEST_DB_URL
 * (default postgres://postgres@127.0.0.1:5432/test), whatever database the
 * rest of the suite uses. If it is down they fail and say how to start it;
 * EMPIRE_SIM_TEST_PG=off skips them on a machine without PostgreSQL.
 */
export const pgTestsOn = (process.env.EMPIRE_SIM_TEST_PG ?? 'on') !== 'off';

export const describePg = pgTestsOn ? describe : describe.skip;

/**
 * A PostgreSQL config that several instances share: schemas under
 * `<file prefix>_<tag>`, kept on close (not ephemeral); the file's clean-up
 * (dropSharedSchemas) removes them.
 */
export function sharedPgConfig(tag: string): DatabaseConfig {
  return {
    ...databaseConfigFromEnv({ EMPIRE_SIM_DB: 'postgres', EMPIRE_SIM_DB_URL: TEST_DB_URL, EMPIRE_SIM_DB_POOL: '10' }),
    schemaPrefix: `${FILE_PREFIX}_${tag}`,
    ephemeral: false,
    migrate: 'run',
  };
}

/** The environment that gives a child process the same shared config. */
export function sharedPgEnv(tag: string): NodeJS.ProcessEnv {
  return {
    EMPIRE_SIM_DB: 'postgres',
    EMPIRE_SIM_DB_URL: TEST_DB_URL,
    EMPIRE_SIM_DB_SCHEMA_PREFIX: `${FILE_PREFIX}_${tag}`,
    EMPIRE_SIM_DB_MIGRATE: 'run',
  };
}

export async function dropSharedSchemas(): Promise<void> {
  if (pgTestsOn) await dropSchemasWithPrefix(sharedPgConfig('x'), FILE_PREFIX);
}

export const PG_DOWN_HINT =
  'PostgreSQL must run at ' +
  TEST_DB_URL +
  ' for test/db (start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start), or set EMPIRE_SIM_TEST_PG=off to skip these tests.';

/** One query on the test server, on a connection of its own (to look at the database from outside the simulator). */
export async function pgQuery<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const pool = new SharedPgPool({ ...sharedPgConfig('q'), poolSize: 1 });
  try {
    return await pool.query<T>(sql, params);
  } finally {
    await pool.end();
  }
}
