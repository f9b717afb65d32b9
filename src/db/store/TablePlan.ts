import type { DataSource } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { FieldMeta, TableClass, TableMeta } from '../../runtime/Metadata';
import { dialectOf, type Dialect } from '../schema';
import { columnToDb, type DriverToDb } from './toDb';

/** One column of a table: where its value lives on the record and how it is written and read. */
export interface ColumnPlan {
  property: string;
  /** Quoted column name, ready for SQL text. */
  sql: string;
  metadata: ColumnMetadata;
  /** JS value → database value (what TypeORM's driver makes of it, so rows are stored exactly as before: toDb.ts). */
  toDb: (value: unknown) => unknown;
  /** Database value → JS value. */
  fromDb: (value: unknown) => unknown;
}

/**
 * Everything about one table that does not change between calls, made once
 * per table and database connection: the column list in a fixed order, the
 * value conversions, the primary key and the fixed statements. The record
 * store builds SQL only from these names, never from caller text.
 */
export class TablePlan {
  readonly columns: ColumnPlan[];
  readonly byProperty: Map<string, ColumnPlan>;
  readonly key: ColumnPlan[];
  /** `"a", "b", …` in `columns` order: the INSERT's column list. */
  readonly columnList: string;
  /**
   * What every SELECT of a whole row asks for; `rowToValues` reads its
   * answer. On SQLite one `json_array(…)` of the columns (see readShape).
   */
  readonly selectList: string;
  /** The table name as written in SQL (unqualified: PostgreSQL resolves it through the transaction's search_path). */
  readonly from: string;
  readonly keyWhere: string;
  /** The primary key's order: a find's order when the caller gives none. */
  readonly keyOrder: Readonly<Record<string, 'ASC'>>;
  readonly versionColumn: ColumnPlan;
  readonly modifiedAtColumn: ColumnPlan;
  readonly sql: {
    get: string;
    getForUpdate: string;
    getBySystemId: string;
    insert: string;
    /** The insert whose duplicate key is an error (PostgreSQL: aborts the transaction), for writes not waited for. */
    insertOrFail: string;
    deleteVersioned: string;
  };

  constructor(
    readonly meta: TableMeta,
    readonly dialect: Dialect,
    metadataColumns: ColumnMetadata[],
    toDb: DriverToDb,
    fromDb: (value: unknown, column: ColumnMetadata) => unknown,
  ) {
    const q = (name: string) => quoteIdentifier(dialect, name);
    this.columns = metadataColumns.map((c) => ({
      property: c.propertyName,
      sql: q(c.databaseName),
      metadata: c,
      toDb: columnToDb(dialect, c, toDb),
      fromDb: (v: unknown) => fromDb(v, c),
    }));
    this.byProperty = new Map(this.columns.map((c) => [c.property, c]));
    const shape = readShape(dialect, this.columns);
    this.selectList = shape.selectList;
    this.rowToValues = shape.rowToValues;
    const to = this.columns.map((c) => c.toDb);
    const paramBody = this.columns
      .map((c, i) => (plain(dialect, c.metadata) ? `v[${JSON.stringify(c.property)}]` : `t[${i}](v[${JSON.stringify(c.property)}])`))
      .join(', ');
    const makeParams = new Function('t', `return (v) => [${paramBody}];`) as (t: typeof to) => (v: Record<string, unknown>) => unknown[];
    this.insertParams = makeParams(to);
    this.key = meta.primaryKey.map((f: FieldMeta) => this.column(f.property));
    this.keyOrder = Object.fromEntries(this.key.map((c) => [c.property, 'ASC' as const]));
    this.columnList = this.columns.map((c) => c.sql).join(', ');
    this.from = q(meta.sqlName);
    this.versionColumn = this.column('rowVersion');
    this.modifiedAtColumn = this.column('systemModifiedAt');
    const p = placeholders(dialect);
    this.keyWhere = this.key.map((c, i) => `${c.sql} = ${p(i)}`).join(' AND ');
    const select = `SELECT ${this.selectList} FROM ${this.from}`;
    const n = this.key.length;
    const insert = `INSERT INTO ${this.from} (${this.columnList}) VALUES (${this.columns.map((_, i) => p(i)).join(', ')})`;
    this.sql = {
      get: `${select} WHERE ${this.keyWhere}`,
      getForUpdate:
        dialect === 'postgres'
          ? `${select} WHERE ${this.keyWhere} FOR UPDATE`
          : dialect === 'mssql'
            ? `SELECT ${this.selectList} FROM ${this.from} WITH (UPDLOCK, ROWLOCK) WHERE ${this.keyWhere}`
            : `${select} WHERE ${this.keyWhere}`,
      getBySystemId: `${select} WHERE ${this.column('systemId').sql} = ${p(0)}`,
      // PostgreSQL: a duplicate key must not abort the transaction, so it is reported as "no row inserted".
      insert: `${insert}${dialect === 'postgres' ? ' ON CONFLICT DO NOTHING' : ''}`,
      insertOrFail: insert,
      deleteVersioned: `DELETE FROM ${this.from} WHERE ${this.keyWhere} AND ${this.versionColumn.sql} = ${p(n)}`,
    };
  }

  column(property: string): ColumnPlan {
    const c = this.byProperty.get(property);
    if (!c) throw new Error(`Table ${this.meta.name} has no column for '${property}'`);
    return c;
  }

  /** A database row (values in `columns` order) as a plain object of JS values. */
  readonly rowToValues: (row: unknown[]) => Record<string, unknown>;

  private readonly projections = new Map<string, Projection>();

  /**
   * Some columns only, for reads that serialize rows without making records
   * (an API list with $select): their SELECT list and row mapper, made once
   * per set of properties.
   */
  projection(properties: readonly string[]): Projection {
    const id = properties.join('\u0000');
    let p = this.projections.get(id);
    if (!p) {
      p = readShape(this.dialect, properties.map((prop) => this.column(prop)));
      // Bounded like the statement cache: $select lists come from clients.
      if (this.projections.size >= 200) this.projections.delete(this.projections.keys().next().value as string);
      this.projections.set(id, p);
    }
    return p;
  }
  /** A row's values as the parameters of `sql.insert` (in `columns` order). */
  readonly insertParams: (values: Record<string, unknown>) => unknown[];

  /** The identity of a row inside its table: its key values joined. */
  keyOf(values: Record<string, unknown>): string {
    const k = this.key;
    if (k.length === 1) return String(values[k[0].property]);
    let s = '';
    for (let i = 0; i < k.length; i++) s += (i ? '\u0001' : '') + String(values[k[i].property]);
    return s;
  }

  keyParams(key: unknown[]): unknown[] {
    return this.key.map((c, i) => c.toDb(key[i]));
  }

  /** The non-key columns whose value differs from the stored row (all of them when the row is not known): what an update writes. */
  changedColumns(values: Record<string, unknown>, stored: Record<string, unknown> | undefined): ColumnPlan[] {
    const out: ColumnPlan[] = [];
    for (const c of this.columns) {
      if (c === this.versionColumn || c === this.modifiedAtColumn || this.key.includes(c)) continue;
      if (!stored || !sameValue(values[c.property], stored[c.property])) out.push(c);
    }
    return out;
  }

  private readonly updates = new Map<string, string>();

  /** `UPDATE … SET <changed>, timestamp, $systemModifiedAt WHERE key AND timestamp = <read version>`, made once per set of changed columns. */
  updateSql(changed: ColumnPlan[]): string {
    const shape = changed.map((c) => c.property).join(',');
    let sql = this.updates.get(shape);
    if (sql === undefined) {
      sql = this.buildUpdateSql(changed);
      this.updates.set(shape, sql);
    }
    return sql;
  }

  private readonly checkedUpdates = new Map<string, string>();

  /**
   * PostgreSQL: the update as a statement that fails (division_by_zero) when
   * its version check finds no row — an error aborts the transaction, so a
   * write sent without waiting for its row count cannot be lost before COMMIT.
   */
  checkedUpdateSql(changed: ColumnPlan[]): string {
    const shape = changed.map((c) => c.property).join(',');
    let sql = this.checkedUpdates.get(shape);
    if (sql === undefined) {
      sql = `WITH updated AS (${this.buildUpdateSql(changed)} RETURNING 1) SELECT 1 / COUNT(*) FROM updated`;
      this.checkedUpdates.set(shape, sql);
    }
    return sql;
  }

  private buildUpdateSql(changed: ColumnPlan[]): string {
    const p = placeholders(this.dialect);
    const sets = [...changed, this.versionColumn, this.modifiedAtColumn].map((c, i) => `${c.sql} = ${p(i)}`);
    const n = sets.length;
    const where = this.key.map((c, i) => `${c.sql} = ${p(n + i)}`).join(' AND ');
    return `UPDATE ${this.from} SET ${sets.join(', ')} WHERE ${where} AND ${this.versionColumn.sql} = ${p(n + this.key.length)}`;
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return false;
}

export interface Projection {
  selectList: string;
  rowToValues: (row: unknown[]) => Record<string, unknown>;
}

// Text and integer columns need no conversion on SQLite and PostgreSQL (TypeORM's drivers pass them through).
function plain(dialect: Dialect, c: ColumnMetadata): boolean {
  return dialect !== 'mssql' && !c.transformer && (c.type === String || c.type === Number);
}

/**
 * A row mapper as generated straight-line code, one per table (and per projection): a list page maps
 * thousands of values per request. Columns other than plain text and integers take the driver's
 * conversion, with the cases that return their input as is answered inline (what TypeORM's DateUtils
 * does for them): a date as 'YYYY-MM-DD' text, a time as 'HH:MM:SS', a boolean as truthiness, and
 * SQLite's UTC datetime text 'YYYY-MM-DD HH:MM:SS.sss' as the Date TypeORM would make of it (sqliteUtcDatetime).
 */
export function rowMapper(dialect: Dialect, columns: ColumnPlan[], packed = false): (row: unknown[]) => Record<string, unknown> {
  const conv = columns.map((c) => c.fromDb);
  const read = (c: ColumnMetadata, i: number): string => {
    const v = `r[${i}]`;
    if (plain(dialect, c)) return v;
    if (dialect === 'mssql' || c.transformer) return `f[${i}](${v})`;
    if (c.type === 'date') return `(typeof ${v} === 'string' ? ${v} : f[${i}](${v}))`;
    if (c.type === 'time') return `(typeof ${v} === 'string' && ${v}.length === 8 ? ${v} : f[${i}](${v}))`;
    if (c.type === Boolean || c.type === 'boolean') return `(${v} === null || ${v} === undefined ? ${v} : !!${v})`;
    if (dialect === 'sqlite' && (c.type === 'datetime' || c.type === Date)) return `(typeof ${v} === 'string' && ${v}.length === 23 ? u(${v}, f[${i}]) : f[${i}](${v}))`;
    return `f[${i}](${v})`;
  };
  const body = columns.map((c, i) => `${JSON.stringify(c.property)}: ${read(c.metadata, i)}`).join(', ');
  const map = packed ? `(row) => { const r = JSON.parse(row[0]); return { ${body} }; }` : `(r) => ({ ${body} })`;
  type Make = (f: typeof conv, u: typeof sqliteUtcDatetime) => (r: unknown[]) => Record<string, unknown>;
  return (new Function('f', 'u', `return ${map};`) as Make)(conv, sqliteUtcDatetime);
}

/** The digits of 'YYYY-MM-DD HH:MM:SS.sss' (the rest are its separators, checked one by one). */
const DATETIME_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22];

/**
 * SQLite's UTC datetime text 'YYYY-MM-DD HH:MM:SS.sss' (what the simulator stores) as the Date TypeORM
 * makes of it — `new Date('YYYY-MM-DDTHH:MM:SS.sssZ')` — read digit by digit: the ISO parse of a
 * concatenated string cost ~0.4 µs a value, and a list page of 50 To-do rows reads 100 of them. Only
 * where Date.UTC and the ISO parser agree: years from 100 (Date.UTC takes 0–99 as 1900–1999), months
 * 1–12, days 1–31 (both roll a 30 February over alike), hours to 23, minutes and seconds to 59; any
 * other text goes to the column's own conversion (`otherwise`), as every value did before.
 */
export function sqliteUtcDatetime(s: string, otherwise: (v: unknown) => unknown): unknown {
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 32 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || s.charCodeAt(19) !== 46) {
    return otherwise(s);
  }
  for (const k of DATETIME_DIGITS) {
    const c = s.charCodeAt(k);
    if (c < 48 || c > 57) return otherwise(s);
  }
  const d = (k: number) => s.charCodeAt(k) - 48;
  const year = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3);
  const month = d(5) * 10 + d(6);
  const day = d(8) * 10 + d(9);
  const hour = d(11) * 10 + d(12);
  const minute = d(14) * 10 + d(15);
  const second = d(17) * 10 + d(18);
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return otherwise(s);
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, d(20) * 100 + d(21) * 10 + d(22)));
}

/**
 * How a set of columns is selected and read back. On SQLite as one
 * `json_array(…)` per row, parsed with JSON.parse: better-sqlite3 makes a
 * JavaScript value per column through the native boundary (~0.2 µs each on
 * the benchmark VM), so a list page of 50 To-do rows × 37 columns spent
 * most of its time there; one JSON text per row is read in about half the
 * time. The values are the same: SQLite writes integers and text as they are
 * stored, NULL as null, and reals with as many digits as round-trip
 * (test/db/tablePlan.test.ts). Not for BLOB columns — json_array would take
 * their bytes for JSONB — which no table has today; a table with one keeps
 * the plain column list.
 */
export function readShape(dialect: Dialect, columns: ColumnPlan[]): Projection {
  const list = columns.map((c) => c.sql).join(', ');
  if (dialect === 'sqlite' && columns.length <= MAX_JSON_ARRAY_ARGS && columns.every((c) => !isBinary(c.metadata))) {
    return { selectList: `json_array(${list})`, rowToValues: rowMapper(dialect, columns, true) };
  }
  return { selectList: list, rowToValues: rowMapper(dialect, columns) };
}

/** SQLite's limit on a function's arguments (SQLITE_MAX_FUNCTION_ARG) is 1000 in the bundled build; kept well under. */
const MAX_JSON_ARRAY_ARGS = 500;

function isBinary(c: ColumnMetadata): boolean {
  const t = typeof c.type === 'string' ? c.type.toLowerCase() : '';
  return t === 'blob' || t === 'bytea' || t.includes('binary') || t === 'image';
}

/** Plans per DataSource (a company's database): built on first use of a table. */
const plansByDataSource = new WeakMap<DataSource, Map<TableClass, TablePlan>>();

export function tablePlan(dataSource: DataSource, meta: TableMeta): TablePlan {
  let plans = plansByDataSource.get(dataSource);
  if (!plans) {
    plans = new Map();
    plansByDataSource.set(dataSource, plans);
  }
  let plan = plans.get(meta.cls);
  if (!plan) {
    const driver = dataSource.driver;
    const em = dataSource.getMetadata(meta.cls);
    plan = new TablePlan(
      meta,
      dialectOf(dataSource),
      em.columns,
      (v, c) => driver.preparePersistentValue(v, c),
      (v, c) => driver.prepareHydratedValue(v, c),
    );
    plans.set(meta.cls, plan);
  }
  return plan;
}

export function quoteIdentifier(dialect: Dialect, name: string): string {
  return dialect === 'mssql' ? `[${name.replace(/]/g, ']]')}]` : `"${name.replace(/"/g, '""')}"`;
}

/**
 * Numbered parameters in the dialect's form: `?1`, `$1`, `@0`. Numbered, not
 * positional, so a compiled condition may name a value twice or out of order
 * (an OData endswith reads its column three times).
 */
export function placeholders(dialect: Dialect): (i: number) => string {
  switch (dialect) {
    case 'postgres':
      return (i) => `$${i + 1}`;
    case 'mssql':
      return (i) => `@${i}`;
    default:
      return (i) => `?${i + 1}`;
  }
}
