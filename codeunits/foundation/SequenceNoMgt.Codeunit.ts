import { tableMeta, type TableClass } from '../../src/runtime/Metadata';
import type { TableRecord } from '../../src/runtime/Record';
import { Session } from '../../src/runtime/Session';

/**
 * Codeunit 9500 "Sequence No. Mgt." (base app, Foundation/NoSeries): the
 * Entry No. of a table from an AL NumberSequence named TableSeq<table no.>,
 * created on first use from the table's last entry + 1. A NumberSequence is
 * outside the transaction (no table lock; a rolled-back insert leaves a gap),
 * so a number may already be taken (a row inserted another way): the table's
 * InsertRecord then calls RebaseSeqNo and takes a new one
 * (InteractionLogEntry.insertRecord). Preview mode (posting preview) is not
 * simulated: nothing in the simulator previews.
 */
export class SequenceNoMgt {
  static readonly objectId = 9500;
  constructor(private readonly session: Session) {}

  /** GetNextSeqNo(TableNo): TryGetNextNo, else CreateNewTableSequence and TryGetNextNo again. */
  async getNextSeqNo(table: TableClass<TableRecord>): Promise<number> {
    if (!this.session.store.numberSequence.available) return this.lastPlusOneLocked(table);
    const next = await this.tryGetNextNo(table);
    if (next !== undefined) return next;
    await this.createNewTableSequence(table);
    const created = await this.tryGetNextNo(table);
    if (created === undefined) throw new Error(`Sequence No. Mgt.: ${sequenceName(table)} was not created`);
    return created;
  }

  /** RebaseSeqNo(TableNo): the sequence starts again after the table's last entry. */
  async rebaseSeqNo(table: TableClass<TableRecord>): Promise<void> {
    await this.createNewTableSequence(table);
  }

  private async tryGetNextNo(table: TableClass<TableRecord>): Promise<number | undefined> {
    return this.session.store.numberSequence.next(sequenceName(table));
  }

  /** CreateNewTableSequence: LastSeqNo := GetLastEntryNoFromTable; Delete if it exists; Insert(name, LastSeqNo + 1, 1). */
  private async createNewTableSequence(table: TableClass<TableRecord>): Promise<void> {
    const sequences = this.session.store.numberSequence;
    const name = sequenceName(table);
    const last = await this.getLastEntryNoFromTable(table);
    // AL: if NumberSequence.Exists(name) then NumberSequence.Delete(name); NumberSequence.Insert(name, last + 1, 1, true)
    await sequences.restart(name, last + 1, 1);
  }

  /**
   * Where the database has no simulated NumberSequence (SQL Server): older BC's numbering, last entry + 1 under
   * a table lock held to commit (gapless; a company's inserts wait for each other). docs/differences.md.
   */
  private async lastPlusOneLocked(table: TableClass<TableRecord>): Promise<number> {
    await this.session.lockTable(table);
    return (await this.getLastEntryNoFromTable(table)) + 1;
  }

  /** GetLastEntryNoFromTable: the last field of the primary key in the last record (FindLast on key 1), 0 when empty. */
  private async getLastEntryNoFromTable(table: TableClass<TableRecord>): Promise<number> {
    const meta = tableMeta(table);
    const field = meta.primaryKey[meta.primaryKey.length - 1].property;
    const order = Object.fromEntries(meta.primaryKey.map((f) => [f.property, 'DESC']));
    const last = await this.session.findFirst(table, {}, order as never);
    return last ? Number((last as unknown as Record<string, unknown>)[field]) : 0;
  }
}

/** SeqNameLbl 'TableSeq%1' (Locked). */
function sequenceName(table: TableClass<TableRecord>): string {
  return `TableSeq${tableMeta(table).id}`;
}
