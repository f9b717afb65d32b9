import type { EntityManager, FindOptionsOrder, FindOptionsWhere } from 'typeorm';
import { DialogError, RecordNotFoundError } from './BcError';
import { Clock } from './Clock';
import { DialogPort } from './Dialogs';
import { EventBus } from './Events';
import { Label, Language } from './Labels';
import { TableClass, TableMeta, tableMeta } from './Metadata';
import { PlatformText } from './PlatformErrors';
import { keyText, tableCaptionOf } from './Captions';
import { assignerFor, type TableRecord } from './Record';
import type { RecordStore, RowValues } from './RecordStore';

const FIND_AMONG_CHUNK = 500;

export interface CompanyRef {
  id: string;
  name: string;
}

type Where<T> = FindOptionsWhere<T> | FindOptionsWhere<T>[];

/**
 * One BC session inside one transaction: the company, the user, the clock,
 * the dialog port and the event bus, plus AL's record-variable operations
 * (Get, FindSet, DeleteAll...) on the transaction's record store. Everything
 * done through a session commits or rolls back together (see Simulator.run).
 * Several sessions (other users, a $batch's requests) may share one store.
 */
export class Session {
  constructor(
    readonly store: RecordStore,
    readonly company: CompanyRef,
    readonly userId: string,
    readonly dialogs: DialogPort,
    readonly clock: Clock,
    readonly events: EventBus,
    readonly language: Language = 'en-US',
  ) {}

  /** The transaction's TypeORM manager, past the record store: for benchmarks' bulk loads and tests that inspect the database, not for tables or codeunits. */
  get manager(): EntityManager {
    return this.store.manager;
  }

  /** A session of the same transaction as another user (a $batch's inner request, a seed acting as an employee). */
  withUser(userId: string, dialogs: DialogPort, options: { clock?: Clock; language?: Language } = {}): Session {
    this.store.waitForEachWrite();
    return new Session(
      this.store,
      this.company,
      userId.toUpperCase(),
      dialogs,
      options.clock ?? this.clock,
      this.events,
      options.language ?? this.language,
    );
  }

  /** A new, initialized record (AL `Rec.Init()` on a fresh variable). */
  create<T extends TableRecord>(cls: TableClass<T>): T {
    const rec = new cls();
    rec.attach(this);
    rec.init();
    return rec;
  }

  /** @internal A record variable holding stored values (a copy: the store's values are never changed through a record). */
  load<T extends TableRecord>(cls: TableClass<T>, values: RowValues): T {
    const rec = new cls();
    assignerFor(tableMeta(cls))(rec, values);
    return rec.attach(this);
  }

  /** AL Get: the record with this primary key, or BC's record-not-found error. */
  async get<T extends TableRecord>(cls: TableClass<T>, ...key: unknown[]): Promise<T> {
    const rec = await this.tryGet(cls, ...key);
    if (!rec) throw notFound(tableMeta(cls), key);
    return rec;
  }

  /** AL `if Rec.Get(...) then`. */
  async tryGet<T extends TableRecord>(cls: TableClass<T>, ...key: unknown[]): Promise<T | null> {
    const meta = tableMeta(cls);
    const values = await this.store.get(meta, fullKey(meta, key));
    return values ? this.load(cls, values) : null;
  }

  async getBySystemId<T extends TableRecord>(cls: TableClass<T>, systemId: string): Promise<T | null> {
    const values = await this.store.getBySystemId(tableMeta(cls), systemId);
    return values ? this.load(cls, values) : null;
  }

  /** AL SetRange/SetFilter + FindSet, in primary-key order unless told otherwise. */
  async find<T extends TableRecord>(
    cls: TableClass<T>,
    where: Where<T> = {},
    order?: FindOptionsOrder<T>,
    take?: number,
  ): Promise<T[]> {
    const rows = await this.store.find(tableMeta(cls), where as Record<string, unknown>, order as Record<string, unknown>, take);
    return rows.map((r) => this.load(cls, r));
  }

  /**
   * The records whose `property` is one of `values` (AL `SetFilter(Field, A|B|…)`), with `where` on top, for a
   * list's page of keys at once. Read in chunks, so a page of 20,000 keys stays under every database's limit on
   * parameters (SQL Server's 2,100); each chunk in the table's key order.
   */
  async findAmong<T extends TableRecord>(
    cls: TableClass<T>,
    property: keyof T & string,
    values: readonly unknown[],
    where: Where<T> = {},
  ): Promise<T[]> {
    const out: T[] = [];
    for (let i = 0; i < values.length; i += FIND_AMONG_CHUNK) {
      const chunk = values.slice(i, i + FIND_AMONG_CHUNK);
      out.push(...(await this.find(cls, { ...where, [property]: chunk.length === 1 ? chunk[0] : chunk } as Where<T>)));
    }
    return out;
  }

  async findFirst<T extends TableRecord>(cls: TableClass<T>, where: Where<T> = {}, order?: FindOptionsOrder<T>): Promise<T | null> {
    const [first] = await this.find(cls, where, order, 1);
    return first ?? null;
  }

  async count<T extends TableRecord>(cls: TableClass<T>, where: Where<T> = {}): Promise<number> {
    return this.store.count(tableMeta(cls), where as Record<string, unknown>);
  }

  async exists<T extends TableRecord>(cls: TableClass<T>, where: Where<T> = {}): Promise<boolean> {
    return this.store.exists(tableMeta(cls), where as Record<string, unknown>);
  }

  /** AL DeleteAll(RunTrigger). With triggers every record's OnDelete runs, as in BC. */
  async deleteAll<T extends TableRecord>(cls: TableClass<T>, where: Where<T>, runTrigger = false): Promise<number> {
    if (runTrigger) {
      const rows = await this.find(cls, where);
      for (const r of rows) await r.delete(true);
      return rows.length;
    }
    return this.store.deleteWhere(tableMeta(cls), where as Record<string, unknown>);
  }

  /**
   * Reads a record for update. On server databases it takes a row lock
   * (SELECT ... FOR UPDATE), as BC's LockTable does; SQLite serializes whole
   * write transactions instead (Simulator.run).
   */
  async getForUpdate<T extends TableRecord>(cls: TableClass<T>, ...key: unknown[]): Promise<T> {
    const meta = tableMeta(cls);
    const values = await this.store.get(meta, fullKey(meta, key), { lock: true });
    if (!values) throw notFound(meta, key);
    return this.load(cls, values);
  }

  /**
   * AL LockTable: until the transaction ends, no other session gets past
   * LockTable on the same table of this company. What BC code does before
   * "last Entry No. + 1", so two sessions never compute the same number. On
   * PostgreSQL / SQL Server a transaction-scoped lock in the database (it
   * holds across instances); SQLite serializes a company's write
   * transactions anyway (Simulator.run).
   */
  async lockTable<T extends TableRecord>(cls: TableClass<T>): Promise<void> {
    await this.store.lockTable(tableMeta(cls));
  }

  // ---- dialogs ----

  /** AL Confirm(StrSubstNo(Label, args), Default). */
  async confirm(label: Label, args: unknown[], defaultAnswer: boolean, raisedBy: string): Promise<boolean> {
    return this.dialogs.confirm({ label, text: label.format(args, this.language), defaultAnswer, raisedBy });
  }

  /** AL Message(Label, args): over web services BC drops messages; the trace keeps them. */
  message(label: Label, ...args: unknown[]): void {
    this.dialogs.message(label.format(args, this.language));
  }

  /** AL Error(Label, args). */
  error(label: Label, ...args: unknown[]): never {
    throw DialogError.of(label.with(...args), this.language);
  }

  // ---- time ----

  workDate(): string {
    return this.clock.workDate();
  }

  today(): string {
    return this.clock.today();
  }

  time(): string {
    return this.clock.time();
  }
}

/** Missing key parts are blank, as an AL record variable's unset fields. */
function fullKey(meta: TableMeta, key: unknown[]): unknown[] {
  return meta.primaryKey.map((f, i) => key[i] ?? (f.type.kind === 'Integer' ? 0 : ''));
}

function notFound(meta: TableMeta, key: unknown[]): RecordNotFoundError {
  return new RecordNotFoundError(PlatformText.recordNotFound(tableCaptionOf(meta), keyText(meta, fullKey(meta, key), true)));
}

