import type { EntityManager } from 'typeorm';

/**
 * Exclusive locks on a named resource, held until the transaction ends: AL's
 * LockTable where BC needs a whole table (the next Entry No. = last + 1),
 * and the system database's "create once" sections. On PostgreSQL an
 * advisory transaction lock, on SQL Server sp_getapplock; on SQLite nothing,
 * because a company's write transactions already run one at a time
 * (Simulator.run) and SQLite locks the whole file for a writer.
 *
 * The resource name includes the schema, so companies never wait for each other.
 */
export async function lockResource(manager: EntityManager, resource: string): Promise<void> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error(`lockResource('${resource}') outside a transaction would release the lock at once`);
  }
  const options = manager.connection.options as { type: string; schema?: string };
  const key = `${options.schema ?? ''}.${resource}`;
  switch (options.type) {
    case 'postgres':
      // hashtext: a 32-bit key; a collision only makes two unrelated sections wait for each other.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
      return;
    case 'mssql': {
      const rows: Array<{ result: number }> = await manager.query(
        `DECLARE @result int; EXEC @result = sp_getapplock @Resource = @0, @LockMode = 'Exclusive', @LockOwner = 'Transaction'; SELECT @result AS result`,
        [key],
      );
      if ((rows[0]?.result ?? -999) < 0) throw new Error(`sp_getapplock('${key}') failed with ${rows[0]?.result}`);
      return;
    }
    default:
      return;
  }
}
