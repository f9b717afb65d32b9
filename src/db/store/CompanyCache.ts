import type { TableMeta } from '../../runtime/Metadata';
import type { RowValues } from '../../runtime/RecordStore';
import { SequenceCounters } from './numberSequence';

/**
 * A company's setup rows (tables declared `setup: true`: Marketing Setup,
 * No. Series, User Setup, teams, templates…) kept between transactions, so
 * an operation does not read the same setup rows again every time.
 *
 * Correctness rules (src/db/store/StoreTransaction.ts applies them):
 *  - a transaction that writes a setup table neither reads that table from
 *    here nor fills it, and the table is dropped here when the transaction
 *    ends, committed or rolled back;
 *  - the contents belong to one `version` of the company's data as other
 *    connections see it (SQLite file: PRAGMA data_version; server databases:
 *    the Simulator Data Version row, renewed by every transaction that writes
 *    a setup table); a transaction that sees another version empties the cache
 *    first and fills it only under the version it read;
 *  - a reset, restore or anything written past the store clears it.
 */
export class CompanyCache {
  /** What the contents belong to; undefined: not known yet (nothing may be served). */
  version: unknown = undefined;
  /** The company's NumberSequences on SQLite (src/db/store/numberSequence.ts): a reset or restore clears them with the rest. */
  sequences = new SequenceCounters();
  private readonly tables = new Map<TableMeta, Map<string, RowValues | RowValues[] | number | null>>();

  lookup(table: TableMeta, key: string): RowValues | RowValues[] | number | null | undefined {
    return this.tables.get(table)?.get(key);
  }

  fill(table: TableMeta, key: string, value: RowValues | RowValues[] | number | null): void {
    let t = this.tables.get(table);
    if (!t) {
      t = new Map();
      this.tables.set(table, t);
    }
    // A bounded cache: setup tables are small, but a filter per contact could grow it without end.
    if (t.size >= 2000) t.clear();
    t.set(key, value);
  }

  dropTable(table: TableMeta): void {
    this.tables.delete(table);
  }

  clear(): void {
    this.tables.clear();
    this.sequences = new SequenceCounters();
    this.version = undefined;
  }
}
