// [FEATURE] [Database] — the one configuration switch: EMPIRE_SIM_DB and its connection settings.
import { databaseConfigFromEnv, describeDatabase } from '../../src/db/config';

describe('EMPIRE_SIM_DB', () => {
  test('unset: SQLite (files under the data folder)', () => {
    expect(databaseConfigFromEnv({})).toEqual({ kind: 'sqlite', migrate: undefined });
    expect(describeDatabase({ kind: 'sqlite' }, '/srv/data')).toBe('SQLite in /srv/data');
  });

  test('postgres from a URL, with pool, TLS, lock timeout and start-up migrations', () => {
    const c = databaseConfigFromEnv({
      EMPIRE_SIM_DB: 'postgres',
      EMPIRE_SIM_DB_URL: 'postgres://sim:s%40cret@db.example:6543/empire',
      EMPIRE_SIM_DB_POOL: '20',
      EMPIRE_SIM_DB_SSL: 'verify',
      EMPIRE_SIM_DB_LOCK_TIMEOUT_MS: '3000',
      EMPIRE_SIM_DB_MIGRATE: 'run',
      EMPIRE_SIM_DB_SCHEMA_PREFIX: 'training',
      EMPIRE_SIM_DB_SYNC_COMMIT: 'on',
    });
    expect(c).toEqual({
      kind: 'postgres',
      migrate: 'run',
      connection: { host: 'db.example', port: 6543, user: 'sim', password: 's@cret', database: 'empire' },
      schemaPrefix: 'training',
      poolSize: 20,
      lockTimeoutMs: 3000,
      synchronousCommit: true,
      tls: 'verify',
    });
    expect(describeDatabase(c, null)).toBe('PostgreSQL sim@db.example:6543/empire, schemas training_*');
  });

  test('SQL Server from single variables, which override the URL; defaults', () => {
    const c = databaseConfigFromEnv({
      EMPIRE_SIM_DB: 'mssql',
      EMPIRE_SIM_DB_URL: 'mssql://sa:x@old-host/olddb',
      EMPIRE_SIM_DB_HOST: 'sql.example',
      EMPIRE_SIM_DB_PASSWORD: 'Pa55word!',
      EMPIRE_SIM_DB_NAME: 'empire_sim',
    });
    expect(c.connection).toEqual({ host: 'sql.example', port: 1433, user: 'sa', password: 'Pa55word!', database: 'empire_sim' });
    expect(c.schemaPrefix).toBe('empire');
    expect(c.tls).toBe('off');
    // Commits do not wait for the disk unless asked to (docs/database.md).
    expect(c.synchronousCommit).toBe(false);
  });

  test.each([
    [{ EMPIRE_SIM_DB: 'oracle' }, "EMPIRE_SIM_DB must be sqlite, postgres or mssql, not 'oracle'."],
    [{ EMPIRE_SIM_DB: 'postgres', EMPIRE_SIM_DB_POOL: '0' }, "EMPIRE_SIM_DB_POOL must be a whole number above 0, not '0'."],
    [{ EMPIRE_SIM_DB: 'postgres', EMPIRE_SIM_DB_SSL: 'yes' }, "EMPIRE_SIM_DB_SSL must be off, on or verify, not 'yes'."],
    [{ EMPIRE_SIM_DB: 'postgres', EMPIRE_SIM_DB_SYNC_COMMIT: 'yes' }, "EMPIRE_SIM_DB_SYNC_COMMIT must be on or off, not 'yes'."],
    [{ EMPIRE_SIM_DB: 'postgres', EMPIRE_SIM_DB_URL: 'mysql://x@y/z' }, "EMPIRE_SIM_DB_URL must start with postgres:// or mssql://, not 'mysql://'."],
    [{ EMPIRE_SIM_DB: 'postgres', EMPIRE_SIM_DB_SCHEMA_PREFIX: 'Empire-Sim' }, /^EMPIRE_SIM_DB_SCHEMA_PREFIX must be 1 to 20 lower-case letters/],
    [{ EMPIRE_SIM_DB_MIGRATE: 'always' }, "EMPIRE_SIM_DB_MIGRATE must be run or check, not 'always'."],
    [{ EMPIRE_SIM_DB: 'postgres', EMPIRE_SIM_DB_SSL_CA: '/nonexistent/ca.pem' }, /^EMPIRE_SIM_DB_SSL_CA: cannot read '\/nonexistent\/ca.pem'/],
  ])('a bad value names the variable: %j', (env, message) => {
    expect(() => databaseConfigFromEnv(env)).toThrow(message);
  });

  test('a URL that is not one is reported without its password', () => {
    expect(() => databaseConfigFromEnv({ EMPIRE_SIM_DB: 'postgres', EMPIRE_SIM_DB_URL: 'postgres://u:secret@' })).toThrow(
      "EMPIRE_SIM_DB_URL is not a URL: 'postgres://u:***@'.",
    );
  });
});
