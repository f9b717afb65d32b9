import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { MigrationExecutor } from 'typeorm';
import { EmpireDataSource } from './dataSource';
import { applyOps, invertOps, SchemaOp } from './schema';

/**
 * A versioned migration written as dialect-neutral schema steps (src/db/schema.ts):
 * up() applies them through TypeORM's QueryRunner, which writes each
 * dialect's DDL, and down() applies their inverses. `npm run migration:generate`
 * writes new ones from the difference between the migrations and the entities.
 */
export abstract class SchemaMigration implements MigrationInterface {
  /** `<Name><13-digit timestamp>`: TypeORM orders and records migrations by it. */
  abstract readonly name: string;
  abstract readonly ops: SchemaOp[];

  async up(queryRunner: QueryRunner): Promise<void> {
    await applyOps(queryRunner, this.ops);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await applyOps(queryRunner, invertOps(this.ops));
  }
}

export class PendingMigrationsError extends Error {}

export const MIGRATIONS_TABLE = 'migrations';

/**
 * Brings one DataSource's schema (the system's or a company's) to the latest
 * migration, or — in 'check' mode — refuses when it is behind, naming the
 * command that upgrades it. Several instances may start at once: on a server
 * database the whole check-and-run holds an advisory lock per schema.
 */
export async function migrate(ds: DataSource, mode: 'run' | 'check', what: string): Promise<string[]> {
  const qr = ds.createQueryRunner();
  await qr.connect();
  const schema = (ds.options as { schema?: string }).schema ?? '';
  try {
    await sessionLock(qr, `migrate.${schema}`, true);
    try {
      await refuseUnversionedSchema(qr, ds, what);
      const executor = new MigrationExecutor(ds, qr);
      executor.transaction = 'all';
      const pending = await executor.getPendingMigrations();
      if (pending.length === 0) return [];
      if (mode === 'check') {
        throw new PendingMigrationsError(
          `The ${what} database is ${pending.length} migration(s) behind (${pending.map((m) => m.name).join(', ')}). ` +
            'Run `npm run migrate`, or start with EMPIRE_SIM_DB_MIGRATE=run.',
        );
      }
      const done = await executor.executePendingMigrations();
      return done.map((m) => m.name);
    } finally {
      await sessionLock(qr, `migrate.${schema}`, false);
    }
  } finally {
    await qr.release();
  }
}

/** The names of the migrations not yet applied to this DataSource's schema. */
export async function pendingMigrations(ds: DataSource): Promise<string[]> {
  const qr = ds.createQueryRunner();
  await qr.connect();
  try {
    const executor = new MigrationExecutor(ds, qr);
    return (await executor.getPendingMigrations()).map((m) => m.name);
  } finally {
    await qr.release();
  }
}

/**
 * A schema with tables but no migrations table was made by the old
 * `synchronize` (before versioned migrations): running the first migration
 * on it would fail half-way, so say what to do instead.
 */
async function refuseUnversionedSchema(qr: QueryRunner, ds: DataSource, what: string): Promise<void> {
  const schema = (ds.options as { schema?: string }).schema;
  if (await qr.hasTable(ds.driver.buildTableName(MIGRATIONS_TABLE, schema))) return;
  for (const meta of ds.entityMetadatas) {
    if (await qr.hasTable(meta.tablePath)) {
      throw new PendingMigrationsError(
        `The ${what} database has tables but no migration history: it was created before versioned migrations. ` +
          'Delete the data folder (SQLite) or drop the schema, and start again.',
      );
    }
  }
}

async function sessionLock(qr: QueryRunner, resource: string, take: boolean): Promise<void> {
  switch (qr.connection.options.type) {
    case 'postgres':
      await qr.query(take ? 'SELECT pg_advisory_lock(hashtext($1))' : 'SELECT pg_advisory_unlock(hashtext($1))', [resource]);
      return;
    case 'mssql':
      await qr.query(
        take
          ? `EXEC sp_getapplock @Resource = @0, @LockMode = 'Exclusive', @LockOwner = 'Session'`
          : `EXEC sp_releaseapplock @Resource = @0, @LockOwner = 'Session'`,
        [resource],
      );
      return;
    default:
      return;
  }
}

/**
 * The DDL a migration set would run on a dialect, written without a
 * connection (TypeORM's SQL memory): what `npm run migrate -- --sql` prints
 * for a DBA, and how the SQL Server path is checked on machines without one.
 */
export async function migrationSql(
  kind: 'mssql' | 'postgres' | 'better-sqlite3',
  schema: string | undefined,
  entities: Function[],
  migrations: Function[],
): Promise<string[]> {
  const options =
    kind === 'better-sqlite3'
      ? { type: kind, database: ':memory:', entities }
      : { type: kind, host: 'offline', username: 'offline', password: '', database: 'offline', schema, entities };
  const ds = await new EmpireDataSource(options as ConstructorParameters<typeof EmpireDataSource>[0]).buildMetadataOnly();
  const qr = ds.createQueryRunner();
  qr.enableSqlMemory();
  for (const M of migrations) await new (M as new () => SchemaMigration)().up(qr);
  return qr.getMemorySql().upQueries.map((q) => q.query);
}
