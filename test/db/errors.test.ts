import 'reflect-metadata';
// The tables register their metadata when imported: the texts name them by caption.
import '../../entities';
import { QueryFailedError } from 'typeorm';
import { DatabaseConflictError, translateDatabaseError } from '../../src/db/errors';

/** A driver error as node-postgres / better-sqlite3 raise it, inside TypeORM's QueryFailedError with the statement that failed. */
function failed(sql: string, driverError: Record<string, unknown>): QueryFailedError {
  return new QueryFailedError(sql, [], Object.assign(new Error(String(driverError.message ?? '')), driverError));
}

describe('database errors in BC words', () => {
  test('a PostgreSQL lock timeout names the table of the statement that waited (PostgreSQL names none)', () => {
    const e = translateDatabaseError(
      failed('UPDATE "company_x"."No__Series_Line" SET "Last_No__Used" = $1 WHERE "Series_Code" = $2 AND "Line_No_" = $3', {
        code: '55P03',
        message: 'canceling statement due to lock timeout',
      }),
    );
    expect(e).toBeInstanceOf(DatabaseConflictError);
    expect((e as Error).message).toBe(
      'The operation could not complete because a record in the No. Series Line table was locked by another user. Please retry the activity.',
    );
  });

  test('a deadlock victim names the table of its statement', () => {
    const e = translateDatabaseError(failed('SELECT "No_" FROM "To-do" WHERE "No_" = $1 FOR UPDATE', { code: '40P01', message: 'deadlock detected' }));
    expect((e as Error).message).toBe('Your activity was deadlocked with another user modifying the Task table.\nStart the activity again.');
  });

  test("an INSERT's duplicate key names the table from the driver's own table name first", () => {
    const e = translateDatabaseError(
      failed('INSERT INTO "Contact" ("No_") VALUES ($1)', { code: '23505', table: 'Contact', detail: 'Key ("No_")=(CT000001) already exists.' }),
    );
    expect((e as Error).message).toBe("The record in table Contact already exists. Identification fields and values: No.='CT000001'");
  });

  test('a statement the simulator does not know the table of keeps a blank name rather than a wrong one', () => {
    const e = translateDatabaseError(failed('COMMIT', { code: '55P03', message: 'canceling statement due to lock timeout' }));
    expect((e as Error).message).toBe('The operation could not complete because a record in the  table was locked by another user. Please retry the activity.');
  });

  test('other errors are bugs, returned as they are', () => {
    const original = failed('SELECT 1', { code: '42601', message: 'syntax error' });
    expect(translateDatabaseError(original)).toBe(original);
  });
});
