/**
 * Before any test file: is the PostgreSQL server that test/db uses there?
 * On a machine with only Node (the README's quick start), its tests are
 * skipped with one line saying how to run them, instead of failing with a
 * bare ECONNREFUSED. CI (CI=true) never skips: it starts the server, and a
 * server that did not come up must fail the run. `npm run test:pg` (the whole
 * suite on PostgreSQL) cannot run without it and says so.
 */
const { Client } = require('pg');

const URL = process.env.EMPIRE_SIM_TEST_DB_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const START = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';

async function reachable() {
  const client = new Client({ connectionString: URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

module.exports = async function globalSetup() {
  if (process.env.EMPIRE_SIM_TEST_PG === 'off' || process.env.CI === 'true') return;
  if (await reachable()) return;
  if (process.env.EMPIRE_SIM_TEST_DB === 'postgres') {
    throw new Error(`npm run test:pg needs PostgreSQL at ${URL} (start it: ${START}).`);
  }
  // Workers are started after this and inherit the environment.
  process.env.EMPIRE_SIM_TEST_PG = 'off';
  console.warn(`\nPostgreSQL tests skipped: no server at ${URL} (start it: ${START}; then npm test runs them).`);
};
