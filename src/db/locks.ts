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
  const key = resourceLockKey(manager, resource);
  switch (options.type) {
    case 'postgres':
      await manager.query(LOCK_RESOURCE_SQL, [key]);
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

/** The lock's name: per company (its schema), so companies never wait for each other. */
export function resourceLockKey(manager: EntityManager, resource: string): string {
  return `${(manager.connection.options as { schema?: string }).schema ?? ''}.${resource}`;
}

/** PostgreSQL (parameter: the resourceLockKey); hashtext: a 32-bit key, a collision only makes two unrelated sections wait for each other. */
export const LOCK_RESOURCE_SQL = 'SELECT pg_advisory_xact_lock(hashtext($1))';

/**
 * The lock that keeps a company's storage in one piece while it is used:
 * every operation in the company holds it shared for its transaction (on
 * PostgreSQL in the record store's BEGIN round trip, src/db/store/transaction.ts),
 * a reset, restore or delete holds it exclusive — so a DROP SCHEMA or the
 * restore's table locks start only when no transaction of any instance is in
 * the company, and new ones wait behind them (the database queues them), with
 * the lock timeout as the bound. Named by the company's schema; on SQLite
 * nothing (one process, the company's mutex).
 */
export function companyLockKey(schema: string): string {
  return `company:${schema}`;
}

export async function lockCompany(manager: EntityManager, mode: 'shared' | 'exclusive', schema?: string): Promise<void> {
  if (!manager.queryRunner?.isTransactionActive) throw new Error('lockCompany outside a transaction would release the lock at once');
  const options = manager.connection.options as { type: string; schema?: string };
  const key = companyLockKey(schema ?? options.schema ?? '');
  switch (options.type) {
    case 'postgres':
      await manager.query(`SELECT ${mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock'}(hashtext($1))`, [key]);
      return;
    case 'mssql': {
      const rows: Array<{ result: number }> = await manager.query(
        `DECLARE @result int; EXEC @result = sp_getapplock @Resource = @0, @LockMode = '${mode === 'shared' ? 'Shared' : 'Exclusive'}', @LockOwner = 'Transaction'; SELECT @result AS result`,
        [key],
      );
      if ((rows[0]?.result ?? -999) < 0) throw new Error(`sp_getapplock('${key}') failed with ${rows[0]?.result}`);
      return;
    }
    default:
      return;
  }
}
