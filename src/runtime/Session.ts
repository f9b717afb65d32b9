import { EntityManager, FindOptionsOrder, FindOptionsWhere } from 'typeorm';
import { lockResource } from '../db/locks';
import { DialogError, RecordNotFoundError } from './BcError';
import { Clock } from './Clock';
import { DialogPort } from './Dialogs';
import { EventBus } from './Events';
import { Label, Language } from './Labels';
import { TableClass, tableMeta } from './Metadata';
import { PlatformText } from './PlatformErrors';
import type { TableRecord } from './Record';

export interface CompanyRef {
  id: string;
  name: string;
}

type Where<T> = FindOptionsWhere<T> | FindOptionsWhere<T>[];

/**
 * One BC session inside one transaction: the company, the user, the clock,
 * the dialog port and the event bus, plus AL's record-variable operations
 * (Get, FindSet, DeleteAll...). Everything done through a session commits or
 * rolls back together (see Simulator.run).
 */
export class Session {
  constructor(
    readonly manager: EntityManager,
    readonly company: CompanyRef,
    readonly userId: string,
    readonly dialogs: DialogPort,
    readonly clock: Clock,
    readonly events: EventBus,
    readonly language: Language = 'en-US',
  ) {}

  /** A new, initialized record (AL `Rec.Init()` on a fresh variable). */
  create<T extends TableRecord>(cls: TableClass<T>): T {
    const rec = new cls();
    rec.attach(this);
    rec.init();
    return rec;
  }

  /** AL Get: the record with this primary key, or BC's record-not-found error. */
  async get<T extends TableRecord>(cls: TableClass<T>, ...key: unknown[]): Promise<T> {
    const rec = await this.tryGet(cls, ...key);
    if (!rec) {
      const meta = tableMeta(cls);
      const keyText = meta.primaryKey.map((f, i) => `${f.caption}='${String(key[i] ?? '')}'`).join(',');
      throw new RecordNotFoundError(PlatformText.recordNotFound(meta.caption, keyText));
    }
    return rec;
  }

  /** AL `if Rec.Get(...) then`. */
  async tryGet<T extends TableRecord>(cls: TableClass<T>, ...key: unknown[]): Promise<T | null> {
    const meta = tableMeta(cls);
    const where: Record<string, unknown> = {};
    meta.primaryKey.forEach((f, i) => (where[f.property] = key[i] ?? (f.type.kind === 'Integer' ? 0 : '')));
    const rec = await this.manager.findOne(cls, { where: where as FindOptionsWhere<T> });
    return rec ? rec.attach(this) : null;
  }

  async getBySystemId<T extends TableRecord>(cls: TableClass<T>, systemId: string): Promise<T | null> {
    const rec = await this.manager.findOne(cls, { where: { systemId } as FindOptionsWhere<T> });
    return rec ? rec.attach(this) : null;
  }

  /** AL SetRange/SetFilter + FindSet, in primary-key order unless told otherwise. */
  async find<T extends TableRecord>(
    cls: TableClass<T>,
    where: Where<T> = {},
    order?: FindOptionsOrder<T>,
    take?: number,
  ): Promise<T[]> {
    const rows = await this.manager.find(cls, { where, order: order ?? this.keyOrder(cls), take });
    return rows.map((r) => r.attach(this));
  }

  async findFirst<T extends TableRecord>(cls: TableClass<T>, where: Where<T> = {}, order?: FindOptionsOrder<T>): Promise<T | null> {
    const [first] = await this.find(cls, where, order, 1);
    return first ?? null;
  }

  async count<T extends TableRecord>(cls: TableClass<T>, where: Where<T> = {}): Promise<number> {
    return this.manager.count(cls, { where });
  }

  async exists<T extends TableRecord>(cls: TableClass<T>, where: Where<T> = {}): Promise<boolean> {
    return (await this.manager.count(cls, { where, take: 1 })) > 0;
  }

  /** AL DeleteAll(RunTrigger). With triggers every record's OnDelete runs, as in BC. */
  async deleteAll<T extends TableRecord>(cls: TableClass<T>, where: Where<T>, runTrigger = false): Promise<number> {
    if (runTrigger) {
      const rows = await this.find(cls, where);
      for (const r of rows) await r.delete(true);
      return rows.length;
    }
    const result = await this.manager.delete(cls, where as FindOptionsWhere<T>);
    return result.affected ?? 0;
  }

  /**
   * Reads a record for update. On server databases it takes a row lock
   * (SELECT ... FOR UPDATE), as BC's LockTable does; SQLite serializes whole
   * write transactions instead (Simulator.run).
   */
  async getForUpdate<T extends TableRecord>(cls: TableClass<T>, ...key: unknown[]): Promise<T> {
    const driver = this.manager.connection.options.type;
    if (driver === 'better-sqlite3') return this.get(cls, ...key);
    const meta = tableMeta(cls);
    const where: Record<string, unknown> = {};
    meta.primaryKey.forEach((f, i) => (where[f.property] = key[i]));
    const rec = await this.manager.findOne(cls, { where: where as FindOptionsWhere<T>, lock: { mode: 'pessimistic_write' } });
    if (!rec) return this.get(cls, ...key);
    return rec.attach(this);
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
    await lockResource(this.manager, `table.${tableMeta(cls).sqlName}`);
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
    throw new DialogError(label.format(args, this.language), label.key);
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

  private keyOrder<T extends TableRecord>(cls: TableClass<T>): FindOptionsOrder<T> {
    const order: Record<string, 'ASC'> = {};
    for (const f of tableMeta(cls).primaryKey) order[f.property] = 'ASC';
    return order as FindOptionsOrder<T>;
  }
}
