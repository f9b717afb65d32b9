import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { SimulatorDataVersion } from '../../../entities/Simulator/SimulatorDataVersion.Table';
import { tableMeta, type TableMeta } from '../../runtime/Metadata';
import type { NumberSequences, OrderInput, PageQuery, PageResult, RecordStore, RowValues, WhereInput, WriteOptions } from '../../runtime/RecordStore';
import { isDuplicateKey, isNoRowUpdated } from '../errors';
import { LOCK_RESOURCE_SQL, lockResource, resourceLockKey } from '../locks';
import type { Dialect } from '../schema';
import { CompanyCache } from './CompanyCache';
import { executorFor, type Executor } from './executor';
import { compilePageQuery } from './pageQuery';
import { tablePlan, type TablePlan } from './TablePlan';
import { compileWhere, readStatement } from './where';
import { newSystemFields } from '../systemFields';
import type { ChangeLog } from './changeLog';
import { numberSequences } from './numberSequence';

/** A row the transaction has seen: its stored values, and whether this transaction holds its lock. */
interface Known { values: RowValues; locked: boolean }

/** A find/count answered earlier in this transaction, valid until a write could change it. */
interface Answered {
  /** Row keys (a find) or a number (a count / exists). */
  result: string[] | number;
  /** Properties the filter and order read. */
  reads: ReadonlySet<string>;
}

/** Results up to this size are remembered for the rest of the transaction. */
const REMEMBER_ROWS = 100;

/**
 * One transaction's record store (the runtime's RecordStore port): compiled,
 * prepared statements on the transaction's connection, and what the
 * transaction already knows so it does not ask the database twice —
 *  - an identity map of rows read or written (a second Get of a row is free;
 *    Modify's xRec and version check need no re-read of a row it holds);
 *  - on SQLite, where a company's transactions run one at a time and a
 *    transaction reads one snapshot, the answers of earlier finds and counts
 *    until a write to that table could change them;
 *  - the company's setup rows between transactions (CompanyCache).
 * On PostgreSQL and SQL Server other transactions commit while this one
 * runs (READ COMMITTED, as BC): there a Get of a row read earlier in the
 * transaction is served from memory, but a locked read (Modify, Delete,
 * getForUpdate) goes to the database unless this transaction already holds
 * the row's lock — so a change committed meanwhile is found at the latest
 * when the row is written, as BC's version check finds it; and a find asks
 * the database again unless every row of its earlier answer is locked by this
 * transaction (none of them can have changed; a row another transaction
 * added meanwhile is not seen — BC's re-read would see it: docs/differences.md).
 * That is what makes a No. Series line's next numbers cost no round trip
 * while the line's lock is held.
 */
export class StoreTransaction implements RecordStore {
  private readonly known = new Map<TableMeta, Map<string, Known>>();
  private readonly answered = new Map<TableMeta, Map<string, Answered>>();
  private readonly written = new Set<TableMeta>();
  /** The company data version read by this transaction (lazily, at its first setup read). */
  private version: unknown = undefined;
  private versionRenewed = false;
  /** Reads see one unchanging snapshot apart from this transaction's own writes. */
  private readonly stable: boolean;
  private readonly dialect: Dialect;
  /** Writes given a `failure` may be sent without waiting (PostgreSQL), until several sessions share the store. */
  private deferWrites = true;
  readonly numberSequence: NumberSequences;

  private constructor(
    readonly manager: EntityManager,
    private readonly exec: Executor,
    private readonly cache: CompanyCache,
    private readonly versionSource: 'none' | 'sqlite' | 'table',
    /** Records the transaction's writes for the host's commit observers (ChangeLog). */
    readonly changeLog?: ChangeLog,
  ) {
    this.dialect = exec.dialect;
    this.stable = exec.dialect === 'sqlite';
    this.numberSequence = numberSequences(exec, cache);
  }

  /**
   * Opens the store on a transaction's manager (the transaction is begun; the store runs on its connection).
   * `version`: the company's setup data version (or its coming answer), when the caller reads it while beginning (PostgreSQL);
   * `pathSet`: the caller already set the transaction's search_path to the company's schema;
   * `exec`: the caller's executor on the transaction's connection (it began the transaction on it).
   */
  static async open(
    manager: EntityManager,
    cache: CompanyCache,
    options: { schema?: string; inMemory?: boolean; version?: unknown; pathSet?: boolean; changeLog?: ChangeLog; exec?: Executor } = {},
  ): Promise<StoreTransaction> {
    const exec = options.exec ?? (await executorFor(manager));
    const source = exec.dialect === 'sqlite' ? (options.inMemory ? 'none' : 'sqlite') : 'table';
    const tx = new StoreTransaction(manager, exec, cache, source, options.changeLog);
    if (options.version !== undefined) tx.version = options.version;
    // Statements name tables unqualified: one prepared statement serves every company's schema.
    if (exec.dialect === 'postgres' && options.schema && !options.pathSet) {
      await exec.all('SELECT set_config($1, $2, true)', ['search_path', `"${options.schema}"`]);
    }
    return tx;
  }

  /** The transaction ended (committed or rolled back): what it wrote to setup tables is no longer cached. */
  finish(): void {
    for (const t of this.written) if (t.setup) this.cache.dropTable(t);
    // This transaction renewed the version: other instances drop their caches; this one's contents are already right.
    if (this.versionRenewed) this.cache.version = undefined;
  }

  // ---- reads ----

  async get(table: TableMeta, key: unknown[], options: { lock?: boolean } = {}): Promise<RowValues | null> {
    const plan = this.plan(table);
    const id = keyString(key);
    const lock = options.lock ?? false;
    const k = this.known.get(table)?.get(id);
    // A row read before in this transaction is read again from memory; a locked read needs the lock, which
    // on a server database only a locked read or a write of this transaction has taken.
    if (k && (this.stable || k.locked || !lock)) return k.values;
    if (!lock && table.setup) {
      const cached = (await this.fromCache(table, `get|${id}`, () => this.selectOne(plan, plan.sql.get, plan.keyParams(key)))) as RowValues | null;
      if (cached) this.remember(plan, cached, false);
      return cached;
    }
    const row = await this.selectOne(plan, lock ? plan.sql.getForUpdate : plan.sql.get, plan.keyParams(key));
    if (row) this.remember(plan, row, lock);
    return row;
  }

  async getBySystemId(table: TableMeta, systemId: string): Promise<RowValues | null> {
    const plan = this.plan(table);
    const row = await this.selectOne(plan, plan.sql.getBySystemId, [systemId]);
    if (row) this.remember(plan, row, false);
    return row;
  }

  async find(table: TableMeta, where: WhereInput | undefined, order: OrderInput | undefined, limit?: number): Promise<RowValues[]> {
    const plan = this.plan(table);
    const st = readStatement(plan, 'find', where, order ?? plan.keyOrder, limit);
    const read = async () => (await this.exec.all(st.sql, st.params)).map((r) => plan.rowToValues(r));
    const fromCache = table.setup && !this.written.has(table);
    const answerKey = `${st.shape}\u0000${JSON.stringify(st.params)}`;
    if (fromCache) {
      const rows = (await this.fromCache(table, answerKey, read)) as RowValues[];
      if (this.stable) for (const r of rows) this.remember(plan, r, false);
      // Shared with the cache: callers copy values into their records and never change them.
      return rows;
    }
    const earlier = this.answered.get(table)?.get(answerKey);
    if (earlier && Array.isArray(earlier.result) && (this.stable || earlier.result.length > 0)) {
      const known = this.known.get(table);
      const rows = earlier.result.map((id) => known?.get(id));
      // On a server database only rows whose locks this transaction holds: nobody else can have changed them since.
      if (rows.every((k) => k !== undefined && (this.stable || k.locked))) return rows.map((k) => k!.values);
    }
    const rows = await read();
    for (const r of rows) this.remember(plan, r, false);
    if (rows.length <= REMEMBER_ROWS) this.answer(table, answerKey, { result: rows.map((r) => plan.keyOf(r)), reads: st.properties });
    return rows;
  }

  async count(table: TableMeta, where: WhereInput | undefined): Promise<number> {
    return this.countLike(table, where, false);
  }

  async exists(table: TableMeta, where: WhereInput | undefined): Promise<boolean> {
    return (await this.countLike(table, where, true)) > 0;
  }

  async readPage(table: TableMeta, q: PageQuery): Promise<PageResult> {
    const plan = this.plan(table);
    const query = compilePageQuery(plan, q);
    const count = query.countSql === undefined ? undefined : Number((await this.exec.all(query.countSql, query.countParams!))[0]?.[0] ?? 0);
    const rows = (await this.exec.all(query.sql, query.params)).map((r) => query.rowToValues(r));
    return { rows, count, keyset: query.keyset, cursor: query.cursor };
  }

  // ---- writes ----

  async insert(table: TableMeta, values: RowValues, options: WriteOptions = {}): Promise<boolean> {
    const plan = this.plan(table);
    await this.beforeWrite(table);
    const params = plan.insertParams(values);
    const existsError = options.failure;
    if (existsError && this.deferWrites && this.exec.defer) {
      // Not waited for: a duplicate key aborts the transaction and is reported as BC's error (PgExecutor).
      this.exec.defer(plan.sql.insertOrFail, params, (e) => (isDuplicateKey(e) ? existsError() : e));
    } else {
      let inserted: boolean;
      try {
        inserted = (await this.exec.run(plan.sql.insert, params)) === 1;
      } catch (e) {
        // The primary key's constraint is the existence check (SQLite, SQL Server); PostgreSQL reports 0 rows instead.
        if (isDuplicateKey(e)) inserted = false;
        else throw e;
      }
      if (!inserted) return false;
    }
    this.changeLog?.record(table, values, 'created');
    this.remember(plan, { ...values }, true);
    // A new row can enter any earlier answer of this table.
    this.answered.delete(table);
    return true;
  }

  async update(table: TableMeta, values: RowValues, readVersion: number, options: WriteOptions = {}): Promise<boolean> {
    const plan = this.plan(table);
    await this.beforeWrite(table);
    const id = plan.keyOf(values);
    const stored = this.known.get(table)?.get(id);
    const changed = plan.changedColumns(values, stored?.values);
    const params: unknown[] = changed.map((c) => c.toDb(values[c.property]));
    params.push(plan.versionColumn.toDb(values.rowVersion), plan.modifiedAtColumn.toDb(values.systemModifiedAt));
    for (const c of plan.key) params.push(c.toDb(values[c.property]));
    params.push(readVersion);
    const changedError = options.failure;
    if (changedError && this.deferWrites && this.exec.defer) {
      // Not waited for: the statement itself fails when the version check finds no row (TablePlan.checkedUpdateSql).
      this.exec.defer(plan.checkedUpdateSql(changed), params, (e) => (isNoRowUpdated(e) ? changedError() : e));
    } else if ((await this.exec.run(plan.updateSql(changed), params)) !== 1) return false;
    this.changeLog?.record(table, values, 'updated');
    this.remember(plan, { ...values }, true);
    const answers = this.answered.get(table);
    if (answers) {
      for (const [k, a] of answers) if (changed.some((c) => a.reads.has(c.property))) answers.delete(k);
    }
    return true;
  }

  async delete(table: TableMeta, key: unknown[], version: number): Promise<boolean> {
    const plan = this.plan(table);
    await this.beforeWrite(table);
    const deleted = (await this.exec.run(plan.sql.deleteVersioned, [...plan.keyParams(key), version])) === 1;
    if (deleted) {
      this.changeLog?.record(table, this.known.get(table)?.get(keyString(key))?.values, 'deleted');
      this.known.get(table)?.delete(keyString(key));
      this.answered.delete(table);
    }
    return deleted;
  }

  async deleteWhere(table: TableMeta, where: WhereInput | undefined): Promise<number> {
    const plan = this.plan(table);
    await this.beforeWrite(table);
    const doomed = this.changeLog?.watches(table) ? await this.find(table, where, undefined) : [];
    const w = compileWhere(plan, where);
    const n = await this.exec.run(`DELETE FROM ${plan.from} ${w.sql}`, w.params);
    for (const r of doomed) this.changeLog!.record(table, r, 'deleted');
    this.known.delete(table);
    this.answered.delete(table);
    return n;
  }

  async lockTable(table: TableMeta): Promise<void> {
    if (this.dialect === 'sqlite') return;
    const resource = `table.${table.sqlName}`;
    // Not waited for on PostgreSQL: the statements after it run once the lock is granted; a lock timeout fails them.
    if (this.deferWrites && this.exec.defer) this.exec.defer(LOCK_RESOURCE_SQL, [resourceLockKey(this.manager, resource)]);
    else await lockResource(this.manager, resource);
  }

  waitForEachWrite(): void {
    this.deferWrites = false;
  }

  // ---- internals ----

  private plan(table: TableMeta): TablePlan {
    return tablePlan(this.manager.connection, table);
  }

  private async selectOne(plan: TablePlan, sql: string, params: unknown[]): Promise<RowValues | null> {
    const rows = await this.exec.all(sql, params);
    return rows.length ? plan.rowToValues(rows[0]) : null;
  }

  private remember(plan: TablePlan, values: RowValues, locked: boolean): void {
    let t = this.known.get(plan.meta);
    if (!t) {
      t = new Map();
      this.known.set(plan.meta, t);
    }
    const id = plan.keyOf(values);
    const before = t.get(id);
    t.set(id, { values, locked: locked || (before?.locked ?? false) });
  }

  private answer(table: TableMeta, key: string, a: Answered): void {
    let t = this.answered.get(table);
    if (!t) {
      t = new Map();
      this.answered.set(table, t);
    }
    t.set(key, a);
  }

  private async countLike(table: TableMeta, where: WhereInput | undefined, existsOnly: boolean): Promise<number> {
    const st = readStatement(this.plan(table), existsOnly ? 'exists' : 'count', where, undefined);
    const read = async () => {
      const rows = await this.exec.all(st.sql, st.params);
      return existsOnly ? rows.length : Number(rows[0]?.[0] ?? 0);
    };
    const fromCache = table.setup && !this.written.has(table);
    const answerKey = fromCache || this.stable ? `${st.shape}\u0000${JSON.stringify(st.params)}` : '';
    if (fromCache) return (await this.fromCache(table, answerKey, read)) as number;
    if (this.stable) {
      const earlier = this.answered.get(table)?.get(answerKey);
      if (earlier && typeof earlier.result === 'number') return earlier.result;
    }
    const n = await read();
    if (this.stable) this.answer(table, answerKey, { result: n, reads: st.properties });
    return n;
  }

  /**
   * A setup table's answer from the company cache, or read and kept there —
   * unless this transaction wrote the table, or the cache belongs to another
   * version of the data than this transaction sees.
   */
  private async fromCache<T extends RowValues | RowValues[] | number | null>(table: TableMeta, key: string, read: () => Promise<T>): Promise<T> {
    if (this.written.has(table)) return read();
    const version = await this.dataVersion();
    if (this.cache.version !== version) {
      this.cache.clear();
      this.cache.version = version;
    }
    const hit = this.cache.lookup(table, key);
    if (hit !== undefined) return hit as T;
    const value = await read();
    // Another transaction may have moved the cache to a newer version meanwhile (server databases).
    if (this.cache.version === version && !this.written.has(table)) this.cache.fill(table, key, value);
    return value;
  }

  private async dataVersion(): Promise<unknown> {
    if (this.version !== undefined) return (this.version = await this.version);
    switch (this.versionSource) {
      case 'none':
        this.version = 'in-memory';
        break;
      case 'sqlite':
        // Changes when another connection (another process on the same file) commits.
        this.version = (await this.exec.all('PRAGMA data_version', []))[0]?.[0];
        break;
      case 'table': {
        const meta = tableMeta(SimulatorDataVersion);
        const row = await this.selectOne(this.plan(meta), this.plan(meta).sql.get, ['']);
        this.version = row?.setupVersion ?? '';
        break;
      }
    }
    return this.version;
  }

  /** Before the first write to a setup table on a server database: a new data version for every instance. */
  private async beforeWrite(table: TableMeta): Promise<void> {
    this.written.add(table);
    if (!table.setup || this.versionSource !== 'table' || this.versionRenewed) return;
    this.versionRenewed = true;
    const meta = tableMeta(SimulatorDataVersion);
    const current = await this.get(meta, [''], { lock: true });
    const now = new Date();
    if (current) {
      const next = { ...current, setupVersion: randomUUID(), rowVersion: Number(current.rowVersion) + 1, systemModifiedAt: now };
      await this.update(meta, next, Number(current.rowVersion));
    } else {
      await this.insert(meta, {
        primaryKey: '',
        setupVersion: randomUUID(),
        ...newSystemFields(now),
      });
    }
  }
}


function keyString(key: unknown[]): string {
  if (key.length === 1) return String(key[0]);
  return key.map((k) => String(k)).join('\u0001');
}
