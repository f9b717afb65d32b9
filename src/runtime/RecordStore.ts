import type { EntityManager } from 'typeorm';
import type { FilterTree } from './FilterTree';
import type { TableMeta } from './Metadata';

/**
 * The runtime's port to the database: what one transaction may do with rows.
 * Tables and codeunits never see it directly — they use `Session` and
 * `TableRecord`, which use this. The implementation (src/db/store) compiles
 * each statement once per table and shape and keeps them prepared; see
 * docs/architecture.md.
 *
 * Rows go in and out as plain objects of property values (the record's
 * fields and system fields); the runtime turns them into records.
 */
export type RowValues = Record<string, unknown>;

/** AL SetRange/SetFilter: field values (a list: one of them, AL `A|B`) and filter operators (In, Not, Like…), or an array of such objects (OR). */
export type WhereInput = Record<string, unknown> | Record<string, unknown>[];
/** Sort order: `{ property: 'ASC' | 'DESC' }`. */
export type OrderInput = Record<string, unknown>;

/** One page of a list: what an API collection or a list page reads. */
export interface PageQuery {
  /** The page's table view and navigation link (AND). */
  where?: WhereInput;
  /** The API's bound $filter, on top. */
  filter?: FilterTree;
  /** A total order (the caller ends it with the primary key). */
  sort: { property: string; descending: boolean }[];
  /** Keyset paging: the sort values (as `cursor` returned them) of the last row already served. */
  after?: unknown[];
  offset?: number;
  limit?: number;
  /** Also count every row the conditions select (OData $count). */
  count?: boolean;
  /**
   * Read only these properties (a list that serializes rows without making
   * records); the rows then carry just them. Must include the sort columns.
   */
  columns?: readonly string[];
}

export interface PageResult {
  rows: RowValues[];
  count?: number;
  /** Whether keyset paging is possible on this order (no sort column can be NULL). */
  keyset: boolean;
  /** A row's sort values, in the database's form: what `after` takes. */
  cursor(row: RowValues): unknown[];
}

/**
 * How the caller treats a failed write. With `failure` — the error the caller
 * raises when an insert finds its key taken or an update finds the row
 * changed, ending the transaction — the store may send the write without
 * waiting for its answer (PostgreSQL) and return true; if the write then
 * fails, the store raises `failure()` instead of answering the next
 * statement, and the transaction rolls back, as if the caller had raised it.
 */
export interface WriteOptions {
  failure?: () => Error;
}

/**
 * AL NumberSequence of the company: named counters outside the transaction
 * (a number a rolled-back transaction took stays taken), shared by every
 * session and instance. `next`/`current` answer undefined where AL's raise
 * an error: the sequence does not exist.
 */
export interface NumberSequences {
  exists(name: string): Promise<boolean>;
  insert(name: string, start: number, increment?: number): Promise<void>;
  next(name: string): Promise<number | undefined>;
  current(name: string): Promise<number | undefined>;
  delete(name: string): Promise<void>;
  /**
   * Delete if it exists, then Insert(name, start, increment) — as one step, so a transaction taking a number
   * meanwhile never meets a missing sequence (on PostgreSQL a dropped one would fail its statement); never
   * below a number already handed out.
   */
  restart(name: string, start: number, increment?: number): Promise<void>;
  /** false where the database has no simulated NumberSequence (SQL Server): callers number the older way. */
  readonly available: boolean;
}

export interface RecordStore {
  /**
   * AL Get. `lock`: also takes the row lock on server databases (SELECT … FOR
   * UPDATE, BC's LockTable before Modify); a row this transaction already
   * holds, or any row on SQLite (one writer per company), comes from the
   * transaction's identity map without a statement.
   */
  get(table: TableMeta, key: unknown[], options?: { lock?: boolean }): Promise<RowValues | null>;
  getBySystemId(table: TableMeta, systemId: string): Promise<RowValues | null>;
  find(table: TableMeta, where: WhereInput | undefined, order: OrderInput | undefined, limit?: number): Promise<RowValues[]>;
  count(table: TableMeta, where: WhereInput | undefined): Promise<number>;
  exists(table: TableMeta, where: WhereInput | undefined): Promise<boolean>;
  /** false: a row with the same primary key exists (nothing written). */
  insert(table: TableMeta, values: RowValues, options?: WriteOptions): Promise<boolean>;
  /**
   * Writes the columns that differ from the stored row, with the new version,
   * where the stored version is still `readVersion`. false: the row changed
   * or went since it was read.
   */
  update(table: TableMeta, values: RowValues, readVersion: number, options?: WriteOptions): Promise<boolean>;
  /** false: no row with this key and version. */
  delete(table: TableMeta, key: unknown[], version: number): Promise<boolean>;
  /** A page of rows in a given order, with optional OData filter, keyset or offset, and count. */
  readPage(table: TableMeta, query: PageQuery): Promise<PageResult>;
  /** AL DeleteAll without triggers. */
  deleteWhere(table: TableMeta, where: WhereInput | undefined): Promise<number>;
  /** AL LockTable: exclusive until the transaction ends (server databases; SQLite has one writer anyway). */
  lockTable(table: TableMeta): Promise<void>;
  /**
   * From now on every write is waited for (no `WriteOptions.failure` deferral):
   * several sessions share the transaction (a $batch's requests, a page
   * session's modal page), and a failure must show in the work of the
   * session that made it, which may be answered on its own.
   */
  waitForEachWrite(): void;
  /** AL NumberSequence: the company's sequences. */
  readonly numberSequence: NumberSequences;
  /** The TypeORM manager of the transaction: no simulator code writes through it; benchmarks' bulk loads and tests that look at the database (PRAGMA, EXPLAIN) use it. */
  readonly manager: EntityManager;
}
