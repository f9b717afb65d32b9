import { randomBytes } from 'node:crypto';
import { DatabaseConfig, databaseConfigFromEnv } from '../../src/db/config';

/**
 * The database the tests run on: SQLite in memory (default), or with
 * EMPIRE_SIM_TEST_DB=postgres the PostgreSQL server of EMPIRE_SIM_TEST_DB_URL
 * (default postgres://postgres@127.0.0.1:5432/test, trust auth as in CI).
 *
 * Jest loads this module once per test file, so FILE_PREFIX is the file's
 * own: every simulator of the file keeps its schemas under it, and the
 * file's clean-up (test/db/pgCleanup.ts) drops whatever is left under it.
 */
export const TEST_DB = (process.env.EMPIRE_SIM_TEST_DB ?? 'sqlite').toLowerCase();

export const FILE_PREFIX = `t${randomBytes(3).toString('hex')}`;

export const TEST_DB_URL = process.env.EMPIRE_SIM_TEST_DB_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The environment a server-database test run gives the simulator (EMPIRE_SIM_DB...). */
export function testDatabaseEnv(): NodeJS.ProcessEnv {
  if (TEST_DB === 'sqlite') return { EMPIRE_SIM_DB: 'sqlite' };
  return {
    EMPIRE_SIM_DB: TEST_DB,
    EMPIRE_SIM_DB_URL: TEST_DB_URL,
    EMPIRE_SIM_DB_SCHEMA_PREFIX: FILE_PREFIX,
    EMPIRE_SIM_DB_MIGRATE: 'run',
    EMPIRE_SIM_DB_POOL: process.env.EMPIRE_SIM_DB_POOL ?? '5',
  };
}

/** The database config of a test simulator (with dataDir null: schemas of its own, dropped on close). */
export function testDatabase(): DatabaseConfig {
  return databaseConfigFromEnv(testDatabaseEnv());
}

export const onServerDatabase = TEST_DB !== 'sqlite';
