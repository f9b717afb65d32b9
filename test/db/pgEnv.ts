import { testDatabaseEnv } from './testDatabase';

/**
 * Jest setup file of `npm run test:pg` (test/db/jest.pg.config.js): before a
 * test file loads, point EMPIRE_SIM_DB at the test server with the file's
 * own schema prefix, so simulators a test starts directly (Simulator.start,
 * startSimulator) run there too, not only those of the test libraries.
 */
Object.assign(process.env, testDatabaseEnv());
