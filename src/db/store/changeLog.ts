import type { TableMeta } from '../../runtime/Metadata';
import type { RowValues } from '../../runtime/RecordStore';

export type ChangeType = 'created' | 'updated' | 'deleted';

/** One record written by a transaction: what BC's global database triggers (OnDatabaseInsert/Modify/Delete) see. */
export interface RecordChange {
  table: TableMeta;
  systemId: string;
  type: ChangeType;
  /** The record's SystemModifiedAt (created, updated); the moment of the delete otherwise. */
  at: Date;
}

/** Who reacts to the records a committed operation wrote (API webhooks); `watches` picks the tables. */
export interface CommitObserver {
  watches(table: TableMeta): boolean;
  /** Called after the commit, never for a rolled-back operation; it must not throw. */
  committed(company: { systemId: string; name: string }, changes: RecordChange[]): void;
}

/**
 * The records a transaction wrote, for whoever reacts to committed changes
 * (API webhooks). Inserts, modifies and deletes of single records cost a push;
 * a DeleteAll without triggers is a set-based DELETE that names no records, so
 * for a table someone watches the store reads the rows' SystemIds first, as
 * BC falls back to row-by-row deletes when global triggers are subscribed.
 */
export class ChangeLog {
  readonly changes: RecordChange[] = [];

  constructor(readonly watches: (table: TableMeta) => boolean) {}

  record(table: TableMeta, values: RowValues | undefined, type: ChangeType): void {
    const systemId = values?.systemId as string | undefined;
    if (!systemId || !this.watches(table)) return;
    const at = type === 'deleted' ? new Date() : ((values!.systemModifiedAt as Date | null) ?? new Date());
    this.changes.push({ table, systemId, type, at });
  }
}

/** The observers of committed changes (Simulator.commits): a run gets a log only while someone observes. */
export class CommitObservers {
  private readonly observers = new Set<CommitObserver>();

  /** From now on `observer` hears of every committed operation's changes; returns the way to stop. */
  observe(observer: CommitObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  newLog(): ChangeLog | undefined {
    if (this.observers.size === 0) return undefined;
    const observers = [...this.observers];
    return new ChangeLog((t) => observers.some((o) => o.watches(t)));
  }

  committed(company: { systemId: string; name: string }, log: ChangeLog | undefined): void {
    if (!log?.changes.length) return;
    for (const o of this.observers) o.committed(company, log.changes);
  }
}
