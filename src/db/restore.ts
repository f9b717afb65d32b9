import { randomBytes } from 'node:crypto';
import { QueryFailedError } from 'typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import { dropNumberSequences } from './store/numberSequence';
import { Dialect, dialectOf, shortIdentifier } from './schema';

/**
 * Replacing every row of a company — reset to its seed, restore of a
 * snapshot, a new company's seed — with plain SQL on the transaction's own
 * connection, in the caller's transaction.
 *
 * TypeORM's query builder took 26-28 ms (SQLite) and 90 ms (PostgreSQL) to
 * reset the ~800 rows of the demo seed: per chunk of rows it builds SQL text,
 * names hundreds of parameters and converts every value again, and on
 * PostgreSQL every statement is a round trip. Now (test/bench/reset.ts,
 * median of 20): SQLite 1.4 ms in memory, 2.5 ms in a file; PostgreSQL 12 ms.
 *
 * 1. The rows are converted to what the database stores ONCE
 *    (`restoreImage`), with TypeORM's own `driver.preparePersistentValue`
 *    per column, so the stored values are exactly those TypeORM's insert
 *    wrote. The Simulator keeps a seed's image for the life of the process.
 *
 * 2. A seed is restored again and again (a trainer between exercises, a test
 *    before each case), so its image is kept on each connection as a
 *    template: TEMP tables holding the rows in stored form, made by the first
 *    restore on that connection. A reset is then, per table, `DELETE FROM`
 *    and `INSERT … SELECT` from the template — the rows never leave the
 *    database again; on PostgreSQL lock, deletes and inserts are one round
 *    trip. (Inserting the image's rows with prepared statements instead, as
 *    for a snapshot below, took 2 ms in memory and 3 ms in a file on SQLite:
 *    binding ~25,000 values from JavaScript; and 20+ ms on PostgreSQL, where
 *    the server parses the rows' JSON each time.)
 *    TEMP tables, not a template schema or a seed database file: they belong
 *    to the connection, vanish with it, can never be seen or dropped by
 *    another connection, instance or company, and need no clean-up after a
 *    crash. Each process builds its seeds with SystemIds of its own, so a
 *    template shared in the database would need agreeing on and would be
 *    left behind by a crashed instance. The cost: the first reset on a
 *    connection fills the template (a few ms; on PostgreSQL again after the
 *    pool closed an idle connection). Whether the template is there is
 *    checked in the database on every restore (a created template vanishes
 *    when its transaction rolls back), never assumed.
 *
 * 3. A snapshot is restored once: its image is written directly — SQLite one
 *    prepared INSERT run per row (better-sqlite3 is synchronous: no SQL built,
 *    no awaits), PostgreSQL one `INSERT … SELECT … FROM
 *    json_populate_recordset(…)` per table with the rows as JSON, all
 *    statements in one round trip.
 *
 * Not done: restoring only the tables that changed. SQLite tells whether
 * another connection committed (PRAGMA data_version) but not which tables
 * anyone changed; comparing every table with its template (EXCEPT both ways)
 * measured 2.4 ms, more than the copy it would save. And DELETE, not
 * TRUNCATE, on PostgreSQL: TRUNCATE is not MVCC-safe (a REPEATABLE READ
 * snapshot, as Simulator.snapshot takes, could see the tables empty).
 *
 * SQL Server keeps TypeORM's query builder (no measured need yet).
 *
 * Only this company's database (SQLite) or schema (server) is written, so no
 * other company is touched. On a server database every table of the company
 * is locked first (ACCESS EXCLUSIVE, as before), so a concurrent operation
 * sees the data before or after, never half of it; on SQLite the Simulator
 * runs a company's transactions one at a time and the file has one writer.
 */

/** A company's rows per table (a Snapshot's `tables`). */
export type TableRows = Record<string, Record<string, unknown>[]>;

interface ImageTable {
  /** Column names in the database, in the order of each row's values. */
  columns: string[];
  /** Values as the database stores them (SQLite: what better-sqlite3 binds). */
  rows: unknown[][];
  /** PostgreSQL: the rows as a JSON array of objects keyed by column name (json_populate_recordset). */
  json?: string;
  /** The TEMP table that holds the rows on a connection (images with a template). */
  template?: string;
}

/** Rows in database form for one dialect; built by `restoreImage`, reusable for every restore of the same rows. */
export interface RestoreImage {
  readonly dialect: Dialect;
  /** By table name (the same in every company of the dialect; the schema is the company's). */
  readonly tables: ReadonlyMap<string, ImageTable>;
  /** SQL Server: the rows as entities (TypeORM's query builder converts them itself). */
  readonly source: TableRows;
  /** The name of the TEMP table that marks a complete template on a connection; null: written directly. */
  readonly templateMarker: string | null;
}

/**
 * Converts rows (as `find` returns them) to what the database stores, with
 * `ds`'s metadata — any company DataSource of the dialect gives the same: the
 * conversion depends only on the columns' types. `template`: the image will
 * be restored many times (a seed): keep it on each connection (see above).
 */
export function restoreImage(ds: DataSource, rows: TableRows, options: { template?: boolean } = {}): RestoreImage {
  const dialect = dialectOf(ds);
  const tables = new Map<string, ImageTable>();
  if (dialect === 'mssql') return { dialect, tables, source: rows, templateMarker: null };
  // A name of this image's own: templates of two images (seeds, simulators) never mix on a connection.
  const prefix = `empire_seed_${randomBytes(4).toString('hex')}`;
  for (const meta of ds.entityMetadatas) {
    const list = rows[meta.tableName];
    if (!list?.length) continue;
    const columns = meta.columns.filter((c) => c.isInsert);
    const converted = list.map((row) => columns.map((c) => persistentValue(ds, dialect, c, row)));
    const table: ImageTable = { columns: columns.map((c) => c.databaseName), rows: converted };
    if (dialect === 'postgres') {
      table.json = JSON.stringify(converted.map((values) => Object.fromEntries(values.map((v, i) => [table.columns[i], v]))));
    }
    if (options.template) table.template = shortIdentifier(`${prefix}_${meta.tableName}`);
    tables.set(meta.tableName, table);
  }
  return { dialect, tables, source: rows, templateMarker: options.template ? prefix : null };
}

/**
 * Replaces every row of the manager's company with the image's rows; tables
 * the image has no rows for end up empty. Runs in the manager's transaction,
 * which it requires.
 */
export async function restoreTables(manager: EntityManager, image: RestoreImage): Promise<void> {
  const qr = manager.queryRunner;
  if (!qr?.isTransactionActive) throw new Error('restoreTables runs in a transaction only');
  const dialect = dialectOf(manager.connection);
  if (dialect !== image.dialect) throw new Error(`A ${image.dialect} restore image cannot be restored on ${dialect}`);
  const metas = [...manager.connection.entityMetadatas].sort((a, b) => a.tablePath.localeCompare(b.tablePath));
  switch (dialect) {
    case 'sqlite':
      // TypeORM's better-sqlite3 driver has one connection; its query runner hands out that better-sqlite3 Database.
      return restoreSqlite(manager, (await qr.connect()) as SqliteDatabase, metas, image);
    case 'postgres':
      // The company numbers as a fresh one again: its NumberSequences start from the restored rows.
      await dropNumberSequences(manager);
      return restorePostgres(manager, metas, image);
    case 'mssql':
      return restoreWithQueryBuilder(manager, metas, image.source);
  }
}

// ---- SQLite ----

/** The part of better-sqlite3's Database used here. */
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
}
interface SqliteStatement {
  run(...params: unknown[]): unknown;
  get(...params: unknown[]): unknown;
}

/** Prepared statements per connection: they belong to it and go with it when it closes. */
const statements = new WeakMap<SqliteDatabase, Map<string, SqliteStatement>>();

function prepared(db: SqliteDatabase, sql: string): SqliteStatement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}

/** Runs synchronously on the transaction's connection: nothing else can interleave. */
function restoreSqlite(manager: EntityManager, db: SqliteDatabase, metas: EntityMetadata[], image: RestoreImage): void {
  // The statement running, for the error: a failure is reported as TypeORM's query runner reports it.
  let sql = '';
  let params: unknown[] = [];
  const statement = (text: string, cache = true): SqliteStatement => {
    sql = text;
    params = [];
    return cache ? prepared(db, text) : db.prepare(text);
  };
  try {
    const marker = image.templateMarker;
    if (marker && !statement(`SELECT 1 FROM temp.sqlite_master WHERE type = 'table' AND name = ?`).get(marker)) {
      // The template: per table a TEMP table with the company table's column affinities
      // (CREATE TABLE … AS keeps them), filled with the image's values as the company table
      // would store them; copied later, they arrive unchanged. The marker table comes last.
      for (const meta of metas) {
        const rows = image.tables.get(meta.tableName);
        if (!rows?.template) continue;
        const cols = rows.columns.map(quote).join(', ');
        const template = `temp.${quote(rows.template)}`;
        statement(`DROP TABLE IF EXISTS ${template}`, false).run();
        statement(`CREATE TABLE ${template} AS SELECT ${cols} FROM ${qualified(manager, meta)} WHERE 0`, false).run();
        const insert = statement(`INSERT INTO ${template} (${cols}) VALUES (${rows.columns.map(() => '?').join(', ')})`, false);
        for (const values of rows.rows) insert.run(...(params = values));
      }
      statement(`CREATE TABLE temp.${quote(marker)} (complete INTEGER)`, false).run();
    }
    for (const meta of metas) {
      const table = qualified(manager, meta);
      statement(`DELETE FROM ${table}`).run();
      const rows = image.tables.get(meta.tableName);
      if (!rows) continue;
      const cols = rows.columns.map(quote).join(', ');
      if (rows.template) {
        statement(`INSERT INTO ${table} (${cols}) SELECT ${cols} FROM temp.${quote(rows.template)}`).run();
      } else {
        const insert = statement(`INSERT INTO ${table} (${cols}) VALUES (${rows.columns.map(() => '?').join(', ')})`);
        for (const values of rows.rows) insert.run(...(params = values));
      }
    }
  } catch (e) {
    // A QueryFailedError with the driver's error inside, as from manager.query: translateDatabaseError
    // and callers know it (and it is an Error of the caller's realm, which better-sqlite3's own is not
    // always: its native part keeps the error class of the first module instance that loaded it).
    throw new QueryFailedError(sql, params, e as Error);
  }
}

// ---- PostgreSQL ----

async function restorePostgres(manager: EntityManager, metas: EntityMetadata[], image: RestoreImage): Promise<void> {
  const marker = image.templateMarker;
  const haveTemplate =
    marker !== null &&
    ((await manager.query(`SELECT to_regclass($1) IS NOT NULL AS ok`, [`pg_temp.${quote(marker)}`])) as Array<{ ok: boolean }>)[0].ok;
  const sql: string[] = [lockStatement(manager, metas)];
  if (marker && !haveTemplate) {
    // The template: per table a TEMP table of the company table's column types, with the image's rows.
    for (const meta of metas) {
      const rows = image.tables.get(meta.tableName);
      if (!rows?.template) continue;
      const cols = rows.columns.map(quote).join(', ');
      const template = `pg_temp.${quote(rows.template)}`;
      sql.push(`DROP TABLE IF EXISTS ${template}`);
      sql.push(`CREATE TEMP TABLE ${quote(rows.template)} AS SELECT ${cols} FROM ${fromJson(manager, meta, rows)}`);
    }
    sql.push(`CREATE TEMP TABLE ${quote(marker)} (complete integer)`);
  }
  for (const meta of metas) {
    const table = qualified(manager, meta);
    sql.push(`DELETE FROM ${table}`);
    const rows = image.tables.get(meta.tableName);
    if (!rows) continue;
    const cols = rows.columns.map(quote).join(', ');
    const from = rows.template ? `pg_temp.${quote(rows.template)}` : fromJson(manager, meta, rows);
    sql.push(`INSERT INTO ${table} (${cols}) SELECT ${cols} FROM ${from}`);
  }
  // No parameters: node-postgres sends it as one simple query — all statements in one round
  // trip, in the caller's transaction.
  await manager.query(sql.join(';\n'));
}

/** The image's rows of a table as a row source typed by the company table (the same types TypeORM's insert bound them to). */
function fromJson(manager: EntityManager, meta: EntityMetadata, rows: ImageTable): string {
  return `json_populate_recordset(NULL::${qualified(manager, meta)}, ${dollarQuoted(rows.json!)})`;
}

/** A literal that needs no escaping and does not depend on standard_conforming_strings. */
function dollarQuoted(text: string): string {
  let tag = '$r$';
  for (let i = 0; text.includes(tag); i++) tag = `$r${i}$`;
  return `${tag}${text}${tag}`;
}

// ---- SQL Server (TypeORM's query builder) ----

const CHUNK = 100;

async function restoreWithQueryBuilder(manager: EntityManager, metas: EntityMetadata[], source: TableRows): Promise<void> {
  for (const m of metas) await manager.query(`SELECT COUNT(*) AS n FROM ${qualified(manager, m)} WITH (TABLOCKX, HOLDLOCK)`);
  for (const meta of metas) {
    await manager.createQueryBuilder().delete().from(meta.target).execute();
    const rows = source[meta.tableName] ?? [];
    for (let i = 0; i < rows.length; i += CHUNK) {
      // updateEntity(false): the rows are the caller's; RETURNING/OUTPUT must not write database values into them.
      await manager
        .createQueryBuilder()
        .insert()
        .into(meta.target)
        .values(rows.slice(i, i + CHUNK))
        .updateEntity(false)
        .execute();
    }
  }
}

// ---- names and values ----

/** PostgreSQL: every table of the company, in one order (no deadlock between two restores). */
function lockStatement(manager: EntityManager, metas: EntityMetadata[]): string {
  return `LOCK TABLE ${metas.map((m) => qualified(manager, m)).join(', ')} IN ACCESS EXCLUSIVE MODE`;
}

/**
 * A row's value as the database stores it: TypeORM's conversion (transformer,
 * Date → text on SQLite, boolean → 0/1, date and time → text). A value the
 * row lacks gets the column's default, as TypeORM's insert gave it.
 */
function persistentValue(ds: DataSource, dialect: Dialect, column: ColumnMetadata, row: Record<string, unknown>): unknown {
  const raw = column.getEntityValue(row);
  let value: unknown = ds.driver.preparePersistentValue(raw !== undefined ? raw : (column.default ?? null), column);
  // TypeORM's better-sqlite3 runner binds booleans as 0/1 (better-sqlite3 cannot bind them).
  if (dialect === 'sqlite' && typeof value === 'boolean') value = value ? 1 : 0;
  return value ?? null;
}

/** A name as an SQL identifier (SQLite and PostgreSQL). */
function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The company's table, schema-qualified on a server database. */
function qualified(manager: EntityManager, meta: EntityMetadata): string {
  return meta.tablePath
    .split('.')
    .map((p) => manager.connection.driver.escape(p))
    .join('.');
}
