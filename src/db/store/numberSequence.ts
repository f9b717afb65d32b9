import type { EntityManager } from 'typeorm';
import { NotSupportedError } from '../../runtime/BcError';
import type { NumberSequences } from '../../runtime/RecordStore';
import type { CompanyCache } from './CompanyCache';
import type { Executor } from './executor';

/**
 * AL's NumberSequence for one company. Outside the transaction, as BC's
 * (a number taken by a transaction that rolls back is not given back) and
 * without a table lock:
 *  - PostgreSQL: a SEQUENCE in the company's schema (nextval is shared by
 *    every instance and never rolled back). Every statement here is one that
 *    cannot fail in the database — a failing statement would abort the
 *    transaction: `nextval(to_regclass(…))` is NULL for a missing sequence
 *    (nextval is strict), creation is serialized by an advisory lock and
 *    is IF NOT EXISTS. Creating and dropping are transactional, as BC's.
 *  - SQLite: one process owns a company's file, so a counter per company in
 *    the CompanyCache is the sequence; a reset or restore clears it.
 *  - SQL Server: not simulated (`available` false: Sequence No. Mgt. numbers the older way, docs/differences.md).
 */
export function numberSequences(exec: Executor, cache: CompanyCache): NumberSequences {
  if (exec.dialect === 'postgres') return new PgNumberSequences(exec);
  if (exec.dialect === 'sqlite') return new MemoryNumberSequences(cache);
  return new UnsupportedNumberSequences();
}

/** The sequences of a company kept in memory (SQLite). */
export class SequenceCounters {
  readonly map = new Map<string, { next: number; increment: number; current?: number }>();
}

class MemoryNumberSequences implements NumberSequences {
  readonly available = true;
  constructor(private readonly cache: CompanyCache) {}
  async restart(name: string, start: number, increment = 1): Promise<void> {
    const s = this.cache.sequences.map.get(name);
    this.cache.sequences.map.set(name, { next: Math.max(start, s?.next ?? start), increment });
  }
  async exists(name: string): Promise<boolean> {
    return this.cache.sequences.map.has(name);
  }
  async insert(name: string, start: number, increment = 1): Promise<void> {
    if (this.cache.sequences.map.has(name)) throw new Error(`NumberSequence '${name}' already exists`);
    this.cache.sequences.map.set(name, { next: start, increment });
  }
  async next(name: string): Promise<number | undefined> {
    const s = this.cache.sequences.map.get(name);
    if (!s) return undefined;
    s.current = s.next;
    s.next += s.increment;
    return s.current;
  }
  async current(name: string): Promise<number | undefined> {
    const s = this.cache.sequences.map.get(name);
    return s ? s.current ?? s.next - s.increment : undefined;
  }
  async delete(name: string): Promise<void> {
    this.cache.sequences.map.delete(name);
  }
}

/**
 * PostgreSQL sequences are named as AL names them (TableSeq5065; a No. Series Line's GUID), quoted, in the
 * company's schema (the transaction's search_path).
 */
const SEQUENCE_NAME = /^[A-Za-z0-9_-]{1,60}$/;
function quoted(name: string): string {
  if (!SEQUENCE_NAME.test(name)) throw new Error(`NumberSequence: unexpected name '${name}'`);
  return `"${name}"`;
}
function integer(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`NumberSequence: not an integer: ${n}`);
  return String(n);
}

class PgNumberSequences implements NumberSequences {
  readonly available = true;
  constructor(private readonly exec: Executor) {}
  /** Not DROP + CREATE: the existing sequence is moved on (setval is outside the transaction, as nextval). */
  async restart(name: string, start: number, increment = 1): Promise<void> {
    await this.insert(name, start, increment);
  }
  async exists(name: string): Promise<boolean> {
    const rows = await this.exec.all('SELECT to_regclass($1) IS NOT NULL', [quoted(name)]);
    return rows[0][0] === true;
  }
  async insert(name: string, start: number, increment = 1): Promise<void> {
    const q = quoted(name);
    // Serialized per name to the end of the transaction: of two transactions creating the sequence at its
    // first use, the second waits here for the first to end, then finds the sequence it made and goes on past
    // the numbers already taken from it (rather than AL's 'already exists'), so the first use of a busy
    // company neither fails nor hands out a number twice.
    await this.exec.all('SELECT pg_advisory_xact_lock(hashtext(current_schema() || $1))', [`.numberseq:${name}`]);
    await this.exec.run(
      `CREATE SEQUENCE IF NOT EXISTS ${q} AS bigint INCREMENT BY ${integer(increment)} MINVALUE -9223372036854775808 START WITH ${integer(start)}`,
      [],
    );
    await this.exec.all(
      `SELECT setval(to_regclass($1), GREATEST($2::bigint, (SELECT CASE WHEN is_called THEN last_value + ${integer(
        increment,
      )} ELSE last_value END FROM ${q})), false)`,
      [q, start],
    );
  }
  async next(name: string): Promise<number | undefined> {
    const rows = await this.exec.all('SELECT nextval(to_regclass($1))', [quoted(name)]);
    const v = rows[0][0];
    return v === null || v === undefined ? undefined : Number(v);
  }
  async current(name: string): Promise<number | undefined> {
    // The last number handed out by any session (AL Current), without raising for a missing sequence.
    const rows = await this.exec.all('SELECT last_value FROM pg_sequences WHERE schemaname = current_schema() AND sequencename = $1', [name]);
    return rows.length === 0 || rows[0][0] === null ? undefined : Number(rows[0][0]);
  }
  async delete(name: string): Promise<void> {
    await this.exec.run(`DROP SEQUENCE IF EXISTS ${quoted(name)}`, []);
  }
}

class UnsupportedNumberSequences implements NumberSequences {
  readonly available = false;
  async restart(): Promise<void> {
    this.fail();
  }
  private fail(): never {
    throw new NotSupportedError('A NumberSequence on SQL Server');
  }
  async exists(): Promise<boolean> {
    return this.fail();
  }
  async insert(): Promise<void> {
    this.fail();
  }
  async next(): Promise<number | undefined> {
    return this.fail();
  }
  async current(): Promise<number | undefined> {
    return this.fail();
  }
  async delete(): Promise<void> {
    this.fail();
  }
}

/** A restore or reset of a company drops its sequences, so it numbers as a fresh company does (PostgreSQL; SQLite's go with the CompanyCache). */
export async function dropNumberSequences(manager: EntityManager): Promise<void> {
  const schema = (manager.connection.options as { schema?: string }).schema ?? 'public';
  const rows = (await manager.query(`SELECT sequencename FROM pg_sequences WHERE schemaname = $1 AND sequencename LIKE 'TableSeq%'`, [schema])) as Array<{
    sequencename: string;
  }>;
  for (const r of rows) await manager.query(`DROP SEQUENCE IF EXISTS "${schema.replace(/"/g, '""')}".${quoted(r.sequencename)}`);
}
