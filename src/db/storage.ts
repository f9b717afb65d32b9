import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { DatabaseConfig, describeDatabase } from './config';
import { createDataSource, DataSourceTarget, EmpireDataSource } from './dataSource';
import { companyInUseError, DatabaseConflictError, translateDatabaseError } from './errors';
import { lockCompany } from './locks';
import { migrate } from './migration';
import { SharedPgPool } from './pgPool';
import { walCheckpointer } from './walCheckpointer';

/** The tables and migrations of the system database and of a company. */
export interface SchemaSet {
  systemEntities: Function[];
  companyEntities: Function[];
  systemMigrations: Function[];
  companyMigrations: Function[];
}

export interface CompanyKey {
  systemId: string;
}

/**
 * Where the companies live. BC keeps each company's data apart; so does the
 * simulator, as far as the database allows: SQLite a file per company (or an
 * in-memory database), PostgreSQL and SQL Server a schema per company next
 * to a system schema — so resetting or restoring one company can never
 * touch another's rows.
 */
export abstract class Storage {
  /**
   * Whether a company's transactions must run one at a time in this process.
   * SQLite: yes (one connection per database). Server databases: no — there
   * the database's own locks keep concurrent transactions correct, across
   * processes as well.
   */
  abstract readonly serializeInProcess: boolean;
  /** The migrations this storage applied, per schema (for `npm run migrate` and logs). */
  readonly migrated: Array<{ what: string; names: string[] }> = [];
  protected system: EmpireDataSource | null = null;

  constructor(
    readonly config: DatabaseConfig,
    protected readonly schemas: SchemaSet,
    protected readonly dataDir: string | null,
  ) {}

  static create(config: DatabaseConfig, schemas: SchemaSet, dataDir: string | null): Storage {
    const ephemeral = config.ephemeral ?? dataDir === null;
    const c = { ...config, ephemeral };
    return c.kind === 'sqlite' ? new SqliteStorage(c, schemas, dataDir) : new ServerStorage(c, schemas, dataDir);
  }

  describe(): string {
    return describeDatabase(this.config, this.dataDir);
  }

  /** The system database (companies, users), migrated or checked as configured. */
  abstract openSystem(): Promise<EmpireDataSource>;

  /** A company's database; `isNew`: just created, so its migrations always run. */
  abstract openCompany(company: CompanyKey, isNew: boolean): Promise<EmpireDataSource>;

  /** Removes a company's storage (its DataSource is already destroyed). */
  abstract dropCompany(company: CompanyKey): Promise<void>;

  /**
   * Deletes a company for good: `removeRow` (its row in the system database,
   * in the transaction given) and its storage, with `close` (its DataSource)
   * in between. On a server database row and schema go in one transaction,
   * after every transaction in the company (of any instance) has ended; on
   * SQLite the row first, then the file — a crash between leaves a file that
   * `removeOrphans` deletes at the next start.
   */
  abstract deleteCompany(company: CompanyKey, removeRow: (manager: EntityManager) => Promise<void>, close: () => Promise<void>): Promise<void>;

  /** Removes storage of companies that have no row (a delete cut off by a crash, or older versions'); at start. */
  abstract removeOrphans(): Promise<string[]>;

  /** Called first in every operation's transaction (SQL Server's lock timeout is per session). */
  async beginTransaction(_manager: EntityManager): Promise<void> {}

  /** Ends the system DataSource (company DataSources are ended by their owner first); drops ephemeral storage. */
  async close(): Promise<void> {
    await this.system?.destroy();
    this.system = null;
  }

  protected async migrate(ds: DataSource, mode: 'run' | 'check', what: string): Promise<void> {
    const names = await migrate(ds, mode, what);
    if (names.length) this.migrated.push({ what, names });
  }

  protected startupMode(): 'run' | 'check' {
    if (this.config.ephemeral) return 'run';
    return this.config.migrate ?? (this.config.kind === 'sqlite' ? 'run' : 'check');
  }

  protected async initializeAndMigrate(ds: EmpireDataSource, mode: 'run' | 'check', what: string): Promise<EmpireDataSource> {
    await ds.initialize();
    try {
      await this.migrate(ds, mode, what);
    } catch (e) {
      await ds.destroy();
      throw e;
    }
    return ds;
  }
}

class SqliteStorage extends Storage {
  readonly serializeInProcess = true;

  async openSystem(): Promise<EmpireDataSource> {
    if (this.dataDir) fs.mkdirSync(this.dataDir, { recursive: true });
    const ds = createDataSource(this.config, this.target(this.file('system.sqlite'), false));
    this.system = await this.initializeAndMigrate(ds, this.startupMode(), 'system');
    return this.system;
  }

  async openCompany(company: CompanyKey, isNew: boolean): Promise<EmpireDataSource> {
    const file = this.companyFile(company);
    const ds = createDataSource(this.config, this.target(file, true));
    await this.initializeAndMigrate(ds, isNew ? 'run' : this.startupMode(), `company ${company.systemId}`);
    walCheckpointer.track(file);
    return ds;
  }

  async dropCompany(company: CompanyKey): Promise<void> {
    const file = this.companyFile(company);
    if (file === ':memory:') return;
    await walCheckpointer.release(file);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }

  async deleteCompany(company: CompanyKey, removeRow: (manager: EntityManager) => Promise<void>, close: () => Promise<void>): Promise<void> {
    await this.system!.transaction(removeRow);
    await close();
    await this.dropCompany(company);
  }

  async removeOrphans(): Promise<string[]> {
    if (!this.dataDir || this.config.ephemeral || !this.system) return [];
    // Files first, then the rows: a company is registered before its file is made, so a file listed here has its row already.
    const files = fs.readdirSync(this.dataDir).flatMap((f) => /^company-([0-9a-f-]{36})\.sqlite$/i.exec(f)?.[1] ?? []);
    const ids = new Set((await this.system.query(`SELECT "$systemId" AS id FROM "Company"`)).map((r: { id: string }) => r.id.toLowerCase()));
    const orphans = files.filter((id) => !ids.has(id.toLowerCase()));
    for (const id of orphans) await this.dropCompany({ systemId: id });
    return orphans;
  }

  private file(name: string): string {
    return this.dataDir && !this.config.ephemeral ? path.join(this.dataDir, name) : ':memory:';
  }

  private companyFile(company: CompanyKey): string {
    return this.file(`company-${company.systemId}.sqlite`);
  }

  private target(file: string, company: boolean): DataSourceTarget {
    return {
      file,
      checkpointed: company,
      entities: company ? this.schemas.companyEntities : this.schemas.systemEntities,
      migrations: company ? this.schemas.companyMigrations : this.schemas.systemMigrations,
    };
  }
}

/**
 * PostgreSQL and SQL Server: a schema per company (`<prefix>_c_<SystemId>`)
 * and one for the system (`<prefix>_system`) in one database. An ephemeral
 * simulator (no data folder: tests) gets a prefix of its own and drops its
 * schemas on close.
 */
class ServerStorage extends Storage {
  readonly serializeInProcess = false;
  private readonly prefix: string;
  private readonly pgPool: SharedPgPool | null;

  constructor(config: DatabaseConfig, schemas: SchemaSet, dataDir: string | null) {
    super(config, schemas, dataDir);
    const base = config.schemaPrefix ?? 'empire';
    this.prefix = config.ephemeral ? `${base}_${randomBytes(4).toString('hex').slice(0, 6)}` : base;
    this.pgPool = config.kind === 'postgres' ? new SharedPgPool({ ...config, schemaPrefix: this.prefix }) : null;
  }

  override describe(): string {
    return describeDatabase({ ...this.config, schemaPrefix: this.prefix }, this.dataDir);
  }

  get systemSchema(): string {
    return `${this.prefix}_system`;
  }

  companySchema(company: CompanyKey): string {
    return `${this.prefix}_c_${company.systemId.replace(/-/g, '').toLowerCase()}`;
  }

  async openSystem(): Promise<EmpireDataSource> {
    const ds = createDataSource(this.config, this.target(this.systemSchema, false));
    await ds.initialize();
    try {
      const mode = this.startupMode();
      // In check mode nothing is created: a missing schema is reported as pending migrations.
      if (mode === 'run') await this.ensureSchema(ds, this.systemSchema);
      await this.migrate(ds, mode, 'system');
    } catch (e) {
      await ds.destroy();
      await this.pgPool?.end();
      throw e;
    }
    this.system = ds;
    return ds;
  }

  async openCompany(company: CompanyKey, isNew: boolean): Promise<EmpireDataSource> {
    const schema = this.companySchema(company);
    if (isNew) await this.ensureSchema(this.requireSystem(), schema);
    const ds = createDataSource(this.config, this.target(schema, true));
    return this.initializeAndMigrate(ds, isNew ? 'run' : this.startupMode(), `company ${company.systemId}`);
  }

  async dropCompany(company: CompanyKey): Promise<void> {
    await this.dropSchema(this.requireSystem(), this.companySchema(company));
  }

  async deleteCompany(company: CompanyKey, removeRow: (manager: EntityManager) => Promise<void>, close: () => Promise<void>): Promise<void> {
    const schema = this.companySchema(company);
    try {
      await this.requireSystem().transaction(async (manager) => {
        await lockCompany(manager, 'exclusive', schema);
        await removeRow(manager);
        await this.dropSchema(manager, schema);
      });
    } catch (e) {
      // The lock timeout bounds the wait for other instances' transactions in the company.
      if (translateDatabaseError(e) instanceof DatabaseConflictError) throw companyInUseError(this.config.lockTimeoutMs ?? 10000);
      throw e;
    }
    await close();
  }

  async removeOrphans(): Promise<string[]> {
    if (this.config.ephemeral || !this.system) return [];
    const system = this.system;
    const companyPrefix = `${this.prefix}_c_`;
    // Schemas first, then the rows: a company is registered before its schema is made.
    const schemas = (await this.ownSchemas(system)).filter((s) => s.startsWith(companyPrefix));
    const rows: Array<{ id: string }> = await system.query(`SELECT "$systemId" AS id FROM ${this.systemTable(system.manager, 'Company')}`);
    const ids = new Set(rows.map((r) => r.id.replace(/-/g, '').toLowerCase()));
    const removed: string[] = [];
    // Only candidates take the company lock (it waits for the company's transactions); the row is looked for again under it.
    for (const schema of schemas.filter((s) => !ids.has(s.slice(companyPrefix.length)))) {
      await system.transaction(async (manager) => {
        await lockCompany(manager, 'exclusive', schema);
        const rows: unknown[] = await manager.query(
          `SELECT 1 FROM ${this.systemTable(manager, 'Company')} WHERE lower(replace("$systemId", '-', '')) = ${this.config.kind === 'postgres' ? '$1' : '@0'}`,
          [schema.slice(companyPrefix.length)],
        );
        if (rows.length) return;
        await this.dropSchema(manager, schema);
        removed.push(schema);
      });
    }
    return removed;
  }

  private systemTable(manager: EntityManager, table: string): string {
    return manager.connection.driver.escape(this.systemSchema) + '.' + manager.connection.driver.escape(table);
  }

  override async beginTransaction(manager: EntityManager): Promise<void> {
    // PostgreSQL takes lock_timeout from the pool's connection settings; SQL Server needs it per session.
    if (this.config.kind === 'mssql') await manager.query(`SET LOCK_TIMEOUT ${this.config.lockTimeoutMs ?? 10000}`);
  }

  override async close(): Promise<void> {
    try {
      if (this.config.ephemeral && this.system) {
        for (const schema of await this.ownSchemas(this.system)) await this.dropSchema(this.system, schema);
      }
    } finally {
      await super.close();
      await this.pgPool?.end();
    }
  }

  private requireSystem(): DataSource {
    if (!this.system) throw new Error('The system database is not open');
    return this.system;
  }

  private target(schema: string, company: boolean): DataSourceTarget {
    return {
      schema,
      entities: company ? this.schemas.companyEntities : this.schemas.systemEntities,
      migrations: company ? this.schemas.companyMigrations : this.schemas.systemMigrations,
      pgDriver: this.pgPool?.driverModule(),
    };
  }

  /** CREATE SCHEMA once, even when several instances start at the same moment. */
  private async ensureSchema(ds: DataSource, schema: string): Promise<void> {
    if (this.config.kind === 'postgres') {
      await ds.transaction(async (m) => {
        await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`schema.${schema}`]);
        await m.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      });
    } else {
      await ds.query(`IF SCHEMA_ID(@0) IS NULL BEGIN DECLARE @sql nvarchar(400) = N'CREATE SCHEMA ' + QUOTENAME(@0); EXEC sp_executesql @sql; END`, [
        schema,
      ]);
    }
  }

  private async dropSchema(ds: DataSource | EntityManager, schema: string): Promise<void> {
    if (this.config.kind === 'postgres') {
      await ds.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } else {
      // SQL Server drops a schema only when it is empty.
      await ds.query(
        `DECLARE @sql nvarchar(max) = N'';
         SELECT @sql += N'DROP TABLE ' + QUOTENAME(s.name) + N'.' + QUOTENAME(t.name) + N';'
           FROM sys.tables t JOIN sys.schemas s ON s.schema_id = t.schema_id WHERE s.name = @0;
         EXEC sp_executesql @sql;
         IF SCHEMA_ID(@0) IS NOT NULL BEGIN SET @sql = N'DROP SCHEMA ' + QUOTENAME(@0); EXEC sp_executesql @sql; END`,
        [schema],
      );
    }
  }

  /** The schemas under this storage's prefix (the system's last, so it can still be queried). */
  private async ownSchemas(ds: DataSource): Promise<string[]> {
    const rows: Array<{ name: string }> =
      this.config.kind === 'postgres'
        ? await ds.query(`SELECT nspname AS name FROM pg_namespace WHERE left(nspname, $1) = $2`, [this.prefix.length + 1, `${this.prefix}_`])
        : await ds.query(`SELECT name FROM sys.schemas WHERE LEFT(name, @0) = @1`, [this.prefix.length + 1, `${this.prefix}_`]);
    return rows.map((r) => r.name).sort((a, b) => Number(a === this.systemSchema) - Number(b === this.systemSchema));
  }
}

/** Drops every schema whose name starts with `<prefix>_` (test clean-up; PostgreSQL). */
export async function dropSchemasWithPrefix(config: DatabaseConfig, prefix: string): Promise<string[]> {
  if (config.kind !== 'postgres') return [];
  const pool = new SharedPgPool({ ...config, poolSize: 1 });
  try {
    const rows = await pool.query<{ name: string }>(`SELECT nspname AS name FROM pg_namespace WHERE left(nspname, $1) = $2`, [
      prefix.length + 1,
      `${prefix}_`,
    ]);
    for (const r of rows) await pool.query(`DROP SCHEMA IF EXISTS "${r.name}" CASCADE`);
    return rows.map((r) => r.name);
  } finally {
    await pool.end();
  }
}
