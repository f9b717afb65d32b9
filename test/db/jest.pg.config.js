/**
 * `npm run test:pg`: the whole suite again on PostgreSQL (EMPIRE_SIM_TEST_DB=postgres,
 * server EMPIRE_SIM_TEST_DB_URL, default postgres://postgres@127.0.0.1:5432/test).
 * Every test file gets its own schema prefix and drops its schemas afterwards.
 */
const base = require('../../jest.config.js');

process.env.EMPIRE_SIM_TEST_DB ??= 'postgres';

module.exports = {
  ...base,
  rootDir: '../..',
  setupFiles: [...(base.setupFiles ?? []), '<rootDir>/test/db/pgEnv.ts'],
  setupFilesAfterEnv: [...(base.setupFilesAfterEnv ?? []), '<rootDir>/test/db/pgCleanup.ts'],
  // These run against PostgreSQL (and SQLite) in the default run already; once is enough.
  testPathIgnorePatterns: ['/node_modules/', '/test/db/(config|schema|storage|concurrency|processes|crash|http-instances|walCheckpointer|tablePlan)\\.test\\.ts$'],
};
