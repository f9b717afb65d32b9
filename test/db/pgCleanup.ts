import { dropSchemasWithPrefix } from '../../src/db/storage';
import { FILE_PREFIX, testDatabase, onServerDatabase } from './testDatabase';

/**
 * After a test file on a server database: drop every schema under the
 * file's prefix — simulators close and drop their own, this catches the
 * ones a failing test left behind, so test runs never accumulate schemas.
 */
afterAll(async () => {
  if (onServerDatabase) await dropSchemasWithPrefix(testDatabase(), FILE_PREFIX);
});
