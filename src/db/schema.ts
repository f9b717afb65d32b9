import { createHash } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import { Table, TableColumn, TableIndex } from 'typeorm';
import { Query } from 'typeorm/driver/Query';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * The database schema in dialect-neutral terms: BC's field types reduced to
 * the handful of SQL column kinds the simulator uses. Migrations are written
 * in these terms (src/migrations) and turned into each dialect's DDL through
 * TypeORM's QueryRunner, so one versioned migration set serves SQLite,
 * PostgreSQL and SQL Server; the entity metadata is reduced to the same terms
 * to check that the migrations and the entities agree.
 */

export type Dialect = 'sqlite' | 'postgres' | 'mssql';

/** BC type → column kind: Code/Text → string(n), Integer/Option → int, BigInteger, Decimal, Boolean, Date, Time, DateTime. */
export type ColumnKind = 'string' | 'int' | 'bigint' | 'decimal' | 'bool' | 'date' | 'time' | 'datetime';

export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
  /** string: BC's Text[n]/Code[n] length. */
  length?: number;
  /** decimal: BC Decimal is decimal(38,20) on SQL Server. */
  precision?: number;
  scale?: number;
  primary?: boolean;
  nullable?: boolean;
  default?: string | number | boolean;
}

export interface IndexSpec {
  name: string;
  columns: string[];
  unique?: boolean;
}

export interface TableSpec {
  name: string;
  columns: ColumnSpec[];
  indices: IndexSpec[];
}

/** One step of a migration; a migration is a list of them (src/migrations). */
export type SchemaOp =
  | { op: 'createTable'; table: TableSpec }
  | { op: 'dropTable'; table: TableSpec }
  | { op: 'addColumn'; table: string; column: ColumnSpec }
  | { op: 'dropColumn'; table: string; column: ColumnSpec }
  | { op: 'changeColumn'; table: string; from: ColumnSpec; to: ColumnSpec }
  | { op: 'createIndex'; table: string; index: IndexSpec }
  | { op: 'dropIndex'; table: string; index: IndexSpec };

export class UnsupportedColumnTypeError extends Error {}

/** PostgreSQL truncates identifiers at 63 bytes; longer BC key names get a stable hashed tail. */
export const MAX_IDENTIFIER = 63;

export function shortIdentifier(name: string): string {
  if (name.length <= MAX_IDENTIFIER) return name;
  const hash = createHash('sha1').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, MAX_IDENTIFIER - 9)}_${hash}`;
}

/**
 * The SQL type of a column kind per dialect. BC stores Text/Code as nvarchar on
 * SQL Server (Unicode); DateTime as datetime2(3) rather than BC's datetime so a
 * JavaScript Date (milliseconds) comes back unchanged, and as timestamptz on
 * PostgreSQL so instances in different time zones agree.
 */
export function sqlType(dialect: Dialect, kind: ColumnKind): { type: string; precision?: number } {
  switch (kind) {
    case 'string':
      return { type: dialect === 'mssql' ? 'nvarchar' : dialect === 'postgres' ? 'character varying' : 'varchar' };
    case 'int':
      return { type: dialect === 'mssql' ? 'int' : 'integer' };
    case 'bigint':
      return { type: 'bigint' };
    case 'decimal':
      return { type: dialect === 'postgres' ? 'numeric' : 'decimal' };
    case 'bool':
      return { type: dialect === 'mssql' ? 'bit' : 'boolean' };
    case 'date':
      return { type: 'date' };
    case 'time':
      return { type: dialect === 'postgres' ? 'time without time zone' : 'time' };
    case 'datetime':
      if (dialect === 'mssql') return { type: 'datetime2', precision: 3 };
      return { type: dialect === 'postgres' ? 'timestamp with time zone' : 'datetime' };
  }
}

export function dialectOf(ds: DataSource): Dialect {
  const t = ds.options.type;
  if (t === 'better-sqlite3') return 'sqlite';
  if (t === 'postgres') return 'postgres';
  if (t === 'mssql') return 'mssql';
  throw new Error(`Database type '${t}' is not supported (sqlite, postgres, mssql).`);
}

/** The column kind of an entity column, or an UnsupportedColumnTypeError naming the column. */
export function columnKind(column: ColumnMetadata): ColumnKind {
  const t = column.type;
  const where = `${column.entityMetadata.tableName}.${column.databaseName}`;
  if (t === String) {
    if (!column.length) throw new UnsupportedColumnTypeError(`${where}: a string column needs a length (BC Text[n]/Code[n])`);
    return 'string';
  }
  if (t === Number) return 'int';
  if (t === Boolean) return 'bool';
  if (t === Date) return 'datetime';
  switch (t) {
    case 'bigint':
      return 'bigint';
    case 'decimal':
      return 'decimal';
    case 'date':
      return 'date';
    case 'time':
      return 'time';
  }
  // Types set by adaptMetadata() map back to their kind.
  for (const dialect of ['sqlite', 'postgres', 'mssql'] as const) {
    for (const kind of ['datetime'] as const) if (sqlType(dialect, kind).type === t) return kind;
  }
  const name = typeof t === 'function' ? t.name : String(t);
  throw new UnsupportedColumnTypeError(`${where}: column type '${name}' has no mapping to SQLite, PostgreSQL and SQL Server`);
}

/** The entities of a DataSource as neutral table specs (the DataSource's metadata must be built). */
export function entitySpec(ds: DataSource): TableSpec[] {
  return ds.entityMetadatas
    .map((meta) => ({
      name: meta.tableName,
      columns: meta.columns.map((c) => {
        const kind = columnKind(c);
        const spec: ColumnSpec = { name: c.databaseName, kind };
        if (kind === 'string') spec.length = Number(c.length);
        if (kind === 'decimal') {
          spec.precision = c.precision ?? undefined;
          spec.scale = c.scale;
        }
        if (c.isPrimary) spec.primary = true;
        if (c.isNullable) spec.nullable = true;
        if (c.default !== undefined && c.default !== null) spec.default = c.default as ColumnSpec['default'];
        return spec;
      }),
      indices: meta.indices.map((i) => ({
        name: shortIdentifier(i.givenName ?? i.name),
        columns: i.columns.map((c) => c.databaseName),
        ...(i.isUnique ? { unique: true } : {}),
      })),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The schema a list of migrations builds, replayed on paper (the generator diffs it with the entities). */
export function foldOps(ops: SchemaOp[]): TableSpec[] {
  const tables = new Map<string, TableSpec>();
  const table = (name: string) => {
    const t = tables.get(name);
    if (!t) throw new Error(`Migration refers to unknown table '${name}'`);
    return t;
  };
  for (const op of ops) {
    switch (op.op) {
      case 'createTable':
        tables.set(op.table.name, structuredClone(op.table));
        break;
      case 'dropTable':
        tables.delete(op.table.name);
        break;
      case 'addColumn':
        table(op.table).columns.push({ ...op.column });
        break;
      case 'dropColumn': {
        const t = table(op.table);
        t.columns = t.columns.filter((c) => c.name !== op.column.name);
        break;
      }
      case 'changeColumn': {
        const t = table(op.table);
        t.columns = t.columns.map((c) => (c.name === op.from.name ? { ...op.to } : c));
        break;
      }
      case 'createIndex':
        table(op.table).indices.push({ ...op.index, columns: [...op.index.columns] });
        break;
      case 'dropIndex': {
        const t = table(op.table);
        t.indices = t.indices.filter((i) => i.name !== op.index.name);
        break;
      }
    }
  }
  return [...tables.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The steps that take schema `from` to schema `to` (what a new migration must do). */
export function diffSpecs(from: TableSpec[], to: TableSpec[]): SchemaOp[] {
  const ops: SchemaOp[] = [];
  const before = new Map(from.map((t) => [t.name, t]));
  const after = new Map(to.map((t) => [t.name, t]));
  for (const t of to) if (!before.has(t.name)) ops.push({ op: 'createTable', table: t });
  for (const t of from) if (!after.has(t.name)) ops.push({ op: 'dropTable', table: t });
  for (const t of to) {
    const old = before.get(t.name);
    if (!old) continue;
    const oldCols = new Map(old.columns.map((c) => [c.name, c]));
    const newCols = new Map(t.columns.map((c) => [c.name, c]));
    for (const i of old.indices) {
      const same = t.indices.find((x) => x.name === i.name);
      if (!same || JSON.stringify(same) !== JSON.stringify(i)) ops.push({ op: 'dropIndex', table: t.name, index: i });
    }
    for (const c of t.columns) {
      const o = oldCols.get(c.name);
      if (!o) ops.push({ op: 'addColumn', table: t.name, column: c });
      else if (JSON.stringify(normalizeColumn(o)) !== JSON.stringify(normalizeColumn(c))) {
        if (!!o.primary !== !!c.primary) throw new Error(`${t.name}.${c.name}: changing a primary key needs a hand-written migration`);
        ops.push({ op: 'changeColumn', table: t.name, from: o, to: c });
      }
    }
    for (const c of old.columns) if (!newCols.has(c.name)) ops.push({ op: 'dropColumn', table: t.name, column: c });
    for (const i of t.indices) {
      const same = old.indices.find((x) => x.name === i.name);
      if (!same || JSON.stringify(same) !== JSON.stringify(i)) ops.push({ op: 'createIndex', table: t.name, index: i });
    }
  }
  return ops;
}

function normalizeColumn(c: ColumnSpec): ColumnSpec {
  const sorted = Object.fromEntries(Object.entries(c).sort(([a], [b]) => a.localeCompare(b)));
  return sorted as unknown as ColumnSpec;
}

// ---- applying operations through TypeORM's dialect-neutral QueryRunner ----

function tablePath(qr: QueryRunner, name: string): string {
  const schema = (qr.connection.options as { schema?: string }).schema;
  return qr.connection.driver.buildTableName(name, schema);
}

function tableColumn(qr: QueryRunner, c: ColumnSpec): TableColumn {
  const dialect = dialectOf(qr.connection);
  const { type, precision } = sqlType(dialect, c.kind);
  const defaultSql =
    c.default === undefined
      ? undefined
      : qr.connection.driver.normalizeDefault({ default: c.default, type } as unknown as ColumnMetadata);
  return new TableColumn({
    name: c.name,
    type,
    length: c.length !== undefined ? String(c.length) : undefined,
    precision: c.precision ?? precision,
    scale: c.scale,
    isPrimary: c.primary ?? false,
    isNullable: c.nullable ?? false,
    default: defaultSql,
  });
}

function tableIndex(i: IndexSpec): TableIndex {
  return new TableIndex({ name: i.name, columnNames: i.columns, isUnique: i.unique ?? false });
}

function table(qr: QueryRunner, t: TableSpec): Table {
  return new Table({
    name: tablePath(qr, t.name),
    columns: t.columns.map((c) => tableColumn(qr, c)),
    indices: t.indices.map(tableIndex),
  });
}

export async function applyOps(qr: QueryRunner, ops: SchemaOp[]): Promise<void> {
  for (const op of ops) {
    switch (op.op) {
      case 'createTable':
        await qr.createTable(table(qr, op.table), false, false, true);
        break;
      case 'dropTable':
        await qr.dropTable(tablePath(qr, op.table.name), false, false, true);
        break;
      case 'addColumn':
        await addColumn(qr, op.table, tableColumn(qr, op.column));
        break;
      case 'dropColumn':
        await qr.dropColumn(tablePath(qr, op.table), op.column.name);
        break;
      case 'changeColumn':
        await qr.changeColumn(tablePath(qr, op.table), op.from.name, tableColumn(qr, op.to));
        break;
      // Given a Table rather than a name, TypeORM does not read the table from the database:
      // an index step renders offline too (the SQL Server DDL check, `npm run migrate -- --sql`).
      case 'createIndex':
        await qr.createIndex(new Table({ name: tablePath(qr, op.table) }), tableIndex(op.index));
        break;
      case 'dropIndex':
        await qr.dropIndex(new Table({ name: tablePath(qr, op.table), indices: [tableIndex(op.index)] }), op.index.name);
        break;
    }
  }
}

/**
 * PostgreSQL and SQL Server add a column with ALTER TABLE: given a Table rather than a name, TypeORM does
 * not read the table from the database, so the step renders offline too. TypeORM rebuilds a SQLite table
 * to add a column, which needs the table as stored: online it reads it; offline (`npm run migrate -- --sql`,
 * no database) the DDL is SQLite's own ALTER TABLE … ADD COLUMN, which gives the same table.
 */
async function addColumn(qr: QueryRunner, tableName: string, column: TableColumn): Promise<void> {
  if (qr.connection.driver.options.type !== 'better-sqlite3') {
    await qr.addColumn(new Table({ name: tablePath(qr, tableName) }), column);
    return;
  }
  const connected = (qr.connection.driver as unknown as { databaseConnection?: unknown }).databaseConnection !== undefined;
  if (connected) {
    await qr.addColumn(tablePath(qr, tableName), column);
    return;
  }
  // TypeORM's own column SQL for SQLite and its SQL memory (protected members of its query runner).
  const runner = qr as unknown as { buildCreateColumnSql(c: TableColumn): string; executeQueries(up: Query, down: Query): Promise<void> };
  const up = `ALTER TABLE "${tableName}" ADD COLUMN ${runner.buildCreateColumnSql(column)}`;
  await runner.executeQueries(new Query(up), new Query(`ALTER TABLE "${tableName}" DROP COLUMN "${column.name}"`));
}

/** The inverse steps, in reverse order: a migration's down(). */
export function invertOps(ops: SchemaOp[]): SchemaOp[] {
  return [...ops].reverse().map((op): SchemaOp => {
    switch (op.op) {
      case 'createTable':
        return { op: 'dropTable', table: op.table };
      case 'dropTable':
        return { op: 'createTable', table: op.table };
      case 'addColumn':
        return { op: 'dropColumn', table: op.table, column: op.column };
      case 'dropColumn':
        return { op: 'addColumn', table: op.table, column: op.column };
      case 'changeColumn':
        return { op: 'changeColumn', table: op.table, from: op.to, to: op.from };
      case 'createIndex':
        return { op: 'dropIndex', table: op.table, index: op.index };
      case 'dropIndex':
        return { op: 'createIndex', table: op.table, index: op.index };
    }
  });
}
