// [FEATURE] [Database] — one versioned migration set for SQLite, PostgreSQL and SQL Server, and column types valid on all three.
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { companyEntities, schemaSet, systemEntities } from '../../ormconfig';
import { databaseConfigFromEnv } from '../../src/db/config';
import { createDataSource, EmpireDataSource } from '../../src/db/dataSource';
import { migrate, migrationSql, PendingMigrationsError } from '../../src/db/migration';
import { columnKind, entitySpec, MAX_IDENTIFIER, sqlType, UnsupportedColumnTypeError } from '../../src/db/schema';
import { missingOps } from '../../src/db/tools/migrations';
import { describePg, dropSharedSchemas, PG_DOWN_HINT } from './pg';
import { FILE_PREFIX, TEST_DB_URL } from './testDatabase';

const ALL = [...companyEntities, ...systemEntities];

/** Entity metadata for a dialect, built and validated by TypeORM without connecting to anything. */
async function metadataFor(type: 'mssql' | 'postgres' | 'better-sqlite3', entities: Function[] = ALL): Promise<EmpireDataSource> {
  const options =
    type === 'better-sqlite3'
      ? { type, database: ':memory:', entities }
      : { type, host: '127.0.0.1', username: 'x', password: 'x', database: 'x', schema: 'empire_c_0', entities };
  return new EmpireDataSource(options as ConstructorParameters<typeof EmpireDataSource>[0]).buildMetadataOnly();
}

describe('column types on SQL Server, PostgreSQL and SQLite (entity metadata, no connection)', () => {
  test.each(['mssql', 'postgres', 'better-sqlite3'] as const)('%s: every column has a supported, sensible type', async (type) => {
    const ds = await metadataFor(type);
    expect(ds.entityMetadatas).toHaveLength(ALL.length);
    const problems: string[] = [];
    for (const meta of ds.entityMetadatas) {
      for (const c of meta.columns) {
        const where = `${meta.tableName}.${c.databaseName}`;
        const sql = ds.driver.normalizeType(c);
        if (!ds.driver.supportedDataTypes.includes(sql as never)) problems.push(`${where}: ${sql} unsupported`);
        const kind = columnKind(c);
        if (kind === 'string' && !(Number(c.length) >= 1 && Number(c.length) <= 4000)) problems.push(`${where}: length ${c.length}`);
        if (kind === 'decimal' && (c.precision !== 38 || c.scale !== 20)) problems.push(`${where}: decimal(${c.precision},${c.scale})`);
        if (c.databaseName.length > MAX_IDENTIFIER) problems.push(`${where}: column name longer than ${MAX_IDENTIFIER}`);
      }
      if (meta.tableName.length > MAX_IDENTIFIER) problems.push(`${meta.tableName}: table name too long`);
      for (const i of meta.indices) if (i.name.length > MAX_IDENTIFIER) problems.push(`${i.name}: index name too long`);
    }
    expect(problems).toEqual([]);
  });

  test('BC types map to the SQL types BC (or the dialect) uses', async () => {
    const kinds = async (type: 'mssql' | 'postgres' | 'better-sqlite3') => {
      const ds = await metadataFor(type);
      const contact = ds.entityMetadatas.find((m) => m.tableName === 'Contact')!;
      const todo = ds.entityMetadatas.find((m) => m.tableName === 'To-do')!;
      const entry = ds.entityMetadatas.find((m) => m.tableName === 'Interaction_Log_Entry')!;
      const col = (m: typeof contact, name: string) => {
        const c = m.columns.find((x) => x.databaseName === name)!;
        return `${ds.driver.normalizeType(c)}${c.length ? `(${c.length})` : ''}${c.precision ? `(${c.precision}${c.scale !== undefined ? `,${c.scale}` : ''})` : ''}`;
      };
      return {
        code: col(contact, 'No_'),
        text: col(contact, 'Name'),
        option: col(contact, 'Type'),
        boolean: col(todo, 'Closed'),
        date: col(todo, 'Date'),
        time: col(todo, 'Start_Time'),
        dateTime: col(contact, '$systemModifiedAt'),
        decimal: col(entry, 'Cost_(LCY)'),
        duration: col(todo, 'Duration'),
      };
    };
    expect(await kinds('mssql')).toEqual({
      code: 'nvarchar(20)',
      text: 'nvarchar(100)',
      option: 'int',
      boolean: 'bit',
      date: 'date',
      time: 'time',
      dateTime: 'datetime2(3)',
      decimal: 'decimal(38,20)',
      duration: 'bigint',
    });
    expect(await kinds('postgres')).toEqual({
      code: 'character varying(20)',
      text: 'character varying(100)',
      option: 'integer',
      boolean: 'boolean',
      date: 'date',
      time: 'time without time zone',
      dateTime: 'timestamp with time zone',
      decimal: 'numeric(38,20)',
      duration: 'bigint',
    });
    expect((await kinds('better-sqlite3')).dateTime).toBe('datetime');
  });

  test('a column type with no mapping to all three dialects fails the check', async () => {
    @Entity('Bad_Json')
    class BadJson {
      @PrimaryColumn({ type: String, length: 10 }) code!: string;
      @Column({ type: 'simple-json' }) payload!: unknown;
    }
    @Entity('Bad_Text')
    class BadText {
      @PrimaryColumn({ type: String, length: 10 }) code!: string;
      @Column({ type: String }) unbounded!: string;
    }
    await expect(metadataFor('mssql', [BadJson])).rejects.toThrow(UnsupportedColumnTypeError);
    await expect(metadataFor('postgres', [BadText])).rejects.toThrow('Bad_Text.unbounded: a string column needs a length');
    // And TypeORM's own validator: a type SQL Server does not have.
    @Entity('Bad_Jsonb')
    class BadJsonb {
      @PrimaryColumn({ type: String, length: 10 }) code!: string;
      @Column({ type: 'jsonb' }) payload!: unknown;
    }
    await expect(metadataFor('mssql', [BadJsonb])).rejects.toThrow(/Data type "jsonb" in "BadJsonb.payload" is not supported by "mssql" database/);
  });

  test('the DateTime type per dialect', () => {
    expect(sqlType('mssql', 'datetime')).toEqual({ type: 'datetime2', precision: 3 });
    expect(sqlType('postgres', 'datetime').type).toBe('timestamp with time zone');
    expect(sqlType('sqlite', 'datetime').type).toBe('datetime');
  });
});

describe('versioned migrations', () => {
  test('the migrations build exactly the entities (nothing to generate): `npm run migration:generate` has no work', async () => {
    expect(await missingOps('system')).toEqual([]);
    expect(await missingOps('company')).toEqual([]);
    expect(schemaSet.companyMigrations.length).toBeGreaterThan(0);
  });

  test('SQLite from zero: the migrated schema is the entities\' schema (no pending changes); down and up again', async () => {
    for (const [entities, migrations] of [
      [systemEntities, schemaSet.systemMigrations],
      [companyEntities, schemaSet.companyMigrations],
    ] as const) {
      const ds = createDataSource({ kind: 'sqlite' }, { file: ':memory:', entities, migrations });
      await ds.initialize();
      try {
        expect(await migrate(ds, 'run', 'test')).toHaveLength(migrations.length);
        expect((await ds.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query)).toEqual([]);
        // Every migration down, newest first.
        for (let i = 0; i < migrations.length; i++) await ds.undoLastMigration({ transaction: 'all' });
        expect(await ds.createQueryRunner().getTables(ds.entityMetadatas.map((m) => m.tablePath))).toEqual([]);
        await migrate(ds, 'run', 'test');
        expect((await ds.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
        expect(await migrate(ds, 'check', 'test')).toEqual([]);
      } finally {
        await ds.destroy();
      }
    }
  });

  test('check mode refuses a database behind, naming the command; an unversioned (synchronize-made) database is refused', async () => {
    const fresh = createDataSource({ kind: 'sqlite' }, { file: ':memory:', entities: companyEntities, migrations: schemaSet.companyMigrations });
    await fresh.initialize();
    // Every company migration, oldest first, by name (a new migration lengthens the list, never breaks the test).
    const names = schemaSet.companyMigrations.map((m) => (m as unknown as { name: string }).name);
    expect(names[0]).toMatch(/^CompanyInitialSchema\d+$/);
    await expect(migrate(fresh, 'check', 'company X')).rejects.toThrow(
      `The company X database is ${names.length} migration(s) behind (${names.join(', ')}). Run \`npm run migrate\`, or start with EMPIRE_SIM_DB_MIGRATE=run.`,
    );
    await fresh.synchronize();
    await expect(migrate(fresh, 'run', 'company X')).rejects.toThrow(PendingMigrationsError);
    await expect(migrate(fresh, 'run', 'company X')).rejects.toThrow(/created before versioned migrations/);
    await fresh.destroy();
  });
});

describe('versioned migrations on SQL Server (DDL written offline: no SQL Server runs here)', () => {
  test('the migrations create every entity table in the company\'s schema with BC\'s SQL Server types, keys and indexes', async () => {
    const ddl = await migrationSql('mssql', 'empire_c_0', companyEntities, schemaSet.companyMigrations);
    const ds = await metadataFor('mssql', companyEntities);
    const creates = ddl.filter((q) => q.startsWith('CREATE TABLE'));
    expect(creates).toHaveLength(companyEntities.length);
    for (const meta of ds.entityMetadatas) {
      const create = creates.find((q) => q.startsWith(`CREATE TABLE "empire_c_0"."${meta.tableName}" (`));
      expect(create).toBeDefined();
      // A column a later migration added is in its ALTER TABLE … ADD.
      const added = ddl.filter((q) => q.startsWith(`ALTER TABLE "empire_c_0"."${meta.tableName}" ADD `));
      const columns = [create!, ...added].join('\n');
      for (const c of meta.columns) {
        const type = ds.driver.normalizeType(c);
        const sized = c.length ? `${type}(${c.length})` : c.precision ? `${type}(${c.precision}${c.scale !== undefined ? `,${c.scale}` : ''})` : type;
        const nullability = c.isNullable ? '' : ' NOT NULL';
        expect(columns).toContain(`"${c.databaseName}" ${sized}${nullability}`);
      }
      const pk = meta.primaryColumns.map((c) => `"${c.databaseName}"`).join(', ');
      expect(create).toMatch(new RegExp(`CONSTRAINT "PK_[0-9a-f]+" PRIMARY KEY \\(${pk.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)\\)$`));
      for (const i of meta.indices) {
        expect(ddl).toContain(`CREATE INDEX "${i.name}" ON "empire_c_0"."${meta.tableName}" (${i.columns.map((c) => `"${c.databaseName}"`).join(', ')}) `);
      }
    }
    expect(ddl.join('\n')).toContain('"Privacy_Blocked" bit NOT NULL CONSTRAINT');
    expect(ddl.join('\n')).toMatch(/"Privacy_Blocked" bit NOT NULL CONSTRAINT "DF_[0-9a-f]+" DEFAULT 0/);
    expect(ddl.join('\n')).not.toMatch(/\bdatetime\b(?!2)/);
  });

  test('the system schema, and the same migrations on PostgreSQL and SQLite, offline', async () => {
    const system = await migrationSql('mssql', 'empire_system', systemEntities, schemaSet.systemMigrations);
    const systemTables = system.filter((q) => q.startsWith('CREATE TABLE'));
    expect(systemTables.map((q) => /^CREATE TABLE "empire_system"\."(\w+)"/.exec(q)?.[1])).toEqual(['Company', 'User', 'Access_Control', 'Aggregate_Permission_Set', 'API_Webhook_Subscription', 'Training_Class', 'Training_Trainee']);
    // BC indexes SystemId in every table.
    expect(system.filter((q) => /^CREATE INDEX .*\("\$systemId"\)/.test(q))).toHaveLength(7);
    const pg = await migrationSql('postgres', 'empire_c_0', companyEntities, schemaSet.companyMigrations);
    expect(pg.filter((q) => q.startsWith('CREATE TABLE'))).toHaveLength(companyEntities.length);
    const sqlite = await migrationSql('better-sqlite3', undefined, companyEntities, schemaSet.companyMigrations);
    expect(sqlite.filter((q) => q.startsWith('CREATE TABLE'))).toHaveLength(companyEntities.length);
  });
});

describePg('versioned migrations on PostgreSQL', () => {
  afterAll(dropSharedSchemas);

  test('from zero in a new schema: the migrated schema is the entities\' schema; down and up again', async () => {
    const config = databaseConfigFromEnv({ EMPIRE_SIM_DB: 'postgres', EMPIRE_SIM_DB_URL: TEST_DB_URL });
    for (const [set, entities, migrations] of [
      ['system', systemEntities, schemaSet.systemMigrations],
      ['company', companyEntities, schemaSet.companyMigrations],
    ] as const) {
      const schema = `${FILE_PREFIX}_m_${set}`;
      const ds = createDataSource(config, { schema, entities, migrations });
      try {
        await ds.initialize();
      } catch (e) {
        throw new Error(`${PG_DOWN_HINT} (${(e as Error).message})`);
      }
      try {
        await ds.query(`CREATE SCHEMA "${schema}"`);
        expect(await migrate(ds, 'run', set)).toHaveLength(migrations.length);
        const pending = await ds.driver.createSchemaBuilder().log();
        expect(pending.upQueries.map((q) => q.query)).toEqual([]);
        const tables: Array<{ table_name: string }> = await ds.query(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
          [schema],
        );
        expect(tables.map((t) => t.table_name)).toEqual(
          [...entitySpec(ds).map((t) => t.name), 'migrations'].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)),
        );
        // The DateTime columns are timestamptz: instances in other time zones read the same moment.
        const types: Array<{ data_type: string }> = await ds.query(
          `SELECT data_type FROM information_schema.columns WHERE table_schema = $1 AND column_name = '$systemCreatedAt' GROUP BY data_type`,
          [schema],
        );
        expect(types).toEqual([{ data_type: 'timestamp with time zone' }]);
        for (let i = 0; i < migrations.length; i++) await ds.undoLastMigration({ transaction: 'all' });
        const left: Array<{ n: string }> = await ds.query(
          `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name <> 'migrations'`,
          [schema],
        );
        expect(Number(left[0].n)).toBe(0);
        await migrate(ds, 'run', set);
        expect((await ds.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
      } finally {
        await ds.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
        await ds.destroy();
      }
    }
  });
});
