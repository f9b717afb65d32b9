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
 *    the CompanyCache is the sequence (a number taken is never given back).
 *    A No. Series line's sequence must also outlive the process, a reset and
 *    a restore, as PostgreSQL's does: its counter is written to the
 *    company's file with each number (SqliteNumberSequences). A table's
 *    TableSeq… is not: Sequence No. Mgt. makes it again from the table's last
 *    entry, and a reset or restore drops it, as on PostgreSQL.
 *  - SQL Server: not simulated (`available` false: Sequence No. Mgt. numbers the older way, docs/differences.md).
 */
export function numberSequences(exec: Executor, cache: CompanyCache): NumberSequences {
  if (exec.dialect === 'postgres') return new PgNumberSequences(exec);
  if (exec.dialect === 'sqlite') return new SqliteNumberSequences(exec, cache);
  return new UnsupportedNumberSequences();
}

/** The sequences of a company kept in memory (SQLite): the CompanyCache's, so a reset or restore forgets them. */
export class SequenceCounters {
  readonly map = new Map<string, Counter>();
}

type Counter = { next: number; increment: number; current?: number };

/** Where SQLite keeps the counters that outlive the process: a table of the simulator's own in the company's file. */
const SEQUENCE_TABLE = '"Simulator Number Sequence"';
const isMissingTable = (e: unknown) => /no such table/.test(String((e as Error)?.message));

/**
 * The sequences of a company on SQLite: the counter in memory (so a rolled-back transaction leaves a gap, as
 * BC's); a durable one (not a TableSeq…) is also upserted into SEQUENCE_TABLE in the transaction that takes a
 * number, and read from there at its first use after a start, reset or restore. A number taken by a
 * transaction that rolled back may be given again after a restart — never one that was committed.
 */
class SqliteNumberSequences implements NumberSequences {
  readonly available = true;
  constructor(
    private readonly exec: Executor,
    private readonly cache: CompanyCache,
  ) {}

  private async counter(name: string): Promise<Counter | undefined> {
    const map = this.cache.sequences.map;
    let c = map.get(name);
    if (c || !durable(name)) return c;
    try {
      const rows = await this.exec.all(`SELECT "next", "increment" FROM ${SEQUENCE_TABLE} WHERE "name" = ?1`, [name]);
      if (rows.length) map.set(name, (c = { next: Number(rows[0][0]), increment: Number(rows[0][1]) }));
    } catch (e) {
      if (!isMissingTable(e)) throw e;
    }
    return c;
  }

  private async write(name: string, c: Counter): Promise<void> {
    this.cache.sequences.map.set(name, c);
    if (!durable(name)) return;
    const upsert = () =>
      this.exec.run(
        `INSERT INTO ${SEQUENCE_TABLE} ("name", "next", "increment") VALUES (?1, ?2, ?3) ON CONFLICT ("name") DO UPDATE SET "next" = excluded."next", "increment" = excluded."increment"`,
        [name, c.next, c.increment],
      );
    try {
      await upsert();
    } catch (e) {
      if (!isMissingTable(e)) throw e;
      // Made at the first durable sequence of the company file (again, if the transaction that made it rolled back).
      await this.exec.run(`CREATE TABLE IF NOT EXISTS ${SEQUENCE_TABLE} ("name" TEXT PRIMARY KEY, "next" INTEGER NOT NULL, "increment" INTEGER NOT NULL)`, []);
      await upsert();
    }
  }

  async restart(name: string, start: number, increment = 1): Promise<void> {
    const c = await this.counter(name);
    await this.write(name, { next: Math.max(start, c?.next ?? start), increment });
  }
  async exists(name: string): Promise<boolean> {
    return (await this.counter(name)) !== undefined;
  }
  async insert(name: string, start: number, increment = 1): Promise<void> {
    if (await this.counter(name)) throw new Error(`NumberSequence '${name}' already exists`);
    await this.write(name, { next: start, increment });
  }
  async next(name: string): Promise<number | undefined> {
    const c = await this.counter(name);
    if (!c) return undefined;
    const taken = c.next;
    await this.write(name, { next: taken + c.increment, increment: c.increment, current: taken });
    return taken;
  }
  async current(name: string): Promise<number | undefined> {
    const c = await this.counter(name);
    return c ? c.current ?? c.next - c.increment : undefined;
  }
  async delete(name: string): Promise<void> {
    this.cache.sequences.map.delete(name);
    if (!durable(name)) return;
    try {
      await this.exec.run(`DELETE FROM ${SEQUENCE_TABLE} WHERE "name" = ?1`, [name]);
    } catch (e) {
      if (!isMissingTable(e)) throw e;
    }
  }
}

/** A table's sequence (Sequence No. Mgt.'s TableSeq<table no.>) is made again from the table's rows; the others are kept. */
function durable(name: string): boolean {
  return !name.startsWith('TableSeq');
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
