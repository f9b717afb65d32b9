// [FEATURE] [Database] — writes the simulator does not wait for: on PostgreSQL a row insert, a version-checked
// update and a table lock are sent without waiting for their answer (they travel with the next statement), so a
// failure shows at the next statement or at COMMIT instead. The outcome must be BC's as if each had been waited
// for: BC's error text, the first failure in the code's order reported, nothing of the operation written; and
// what the transaction wrote is what it reads. Runs on SQLite (where every write is waited for) and PostgreSQL.
import { InteractionLogEntry, InterLogEntryCommentLine, Team } from '../../entities';
import { DatabaseConflictError } from '../../src/db/errors';
import { sqlStatements } from '../../src/db/statementCounter';
import { Simulator } from '../../src/host/Simulator';
import { RecordChangedError, RecordExistsError } from '../../src/runtime/BcError';
import { tableMeta } from '../../src/runtime/Metadata';
import { PlatformText } from '../../src/runtime/PlatformErrors';
import type { Session } from '../../src/runtime/Session';
import { seedEmptyCompany } from '../../src/seed/empty';
import { closeSharedSimulator, createTeam, newTestCompany } from '../library/LibraryMarketing';
import { describePg, dropSharedSchemas, pgTestsOn, sharedPgConfig } from './pg';
import { arrangeScenario, createContact, logInteraction, SimTarget, runIn } from './scenario';
import { TEST_DB } from './testDatabase';

let pgSim: Simulator | null = null;

afterAll(async () => {
  await closeSharedSimulator();
  await pgSim?.close();
  await dropSharedSchemas();
});

/** A fresh company on the suite's database (SQLite, or PostgreSQL in `npm run test:pg`) or always on PostgreSQL. */
async function company(on: 'test database' | 'PostgreSQL'): Promise<SimTarget> {
  if (on === 'test database') return newTestCompany();
  pgSim ??= await Simulator.start({ dataDir: null, seeds: { empty: seedEmptyCompany }, database: { ...sharedPgConfig('pipe'), lockTimeoutMs: 1500 },
    // No look for other instances' companies every 2 s: its SELECT would count as the measured operation's.
    companyRefreshMs: 0,
  });
  const created = await pgSim.createCompany(`P${Math.random().toString(36).slice(2, 10)}`, { seed: 'empty' });
  return { sim: pgSim, companyId: created.systemId };
}

const run = <T>(t: SimTarget, fn: (s: Session) => Promise<T>) => runIn(t, 'TESTER', fn);

function commentLine(s: Session, entryNo: number, lineNo: number, comment: string): InterLogEntryCommentLine {
  const line = s.create(InterLogEntryCommentLine);
  line.entryNo = entryNo;
  line.lineNo = lineNo;
  line.comment = comment;
  return line;
}

const lines = (t: SimTarget) => run(t, async (s) => (await s.find(InterLogEntryCommentLine, {})).map((l) => `${l.entryNo}/${l.lineNo} ${l.comment}`));

const databases = pgTestsOn ? (['test database', 'PostgreSQL'] as const) : (['test database'] as const);

describe.each(databases)('writes not waited for (%s)', (on) => {
  test("a duplicate key: BC's error at the latest at the next statement, and nothing of the operation is written", async () => {
    const t = await company(on);
    await run(t, (s) => commentLine(s, 1, 10000, 'Eerste').insert());
    let after = 0;
    const outcome = run(t, async (s) => {
      await commentLine(s, 1, 20000, 'Nieuw').insert();
      const line = commentLine(s, 1, 10000, 'Dubbel');
      await line.insert();
      // On PostgreSQL the code goes on until its next statement that needs an answer; the error names the key as inserted.
      after++;
      line.lineNo = 30000;
      await line.insert();
      return s.count(InterLogEntryCommentLine, {});
    });
    await expect(outcome).rejects.toThrow(RecordExistsError);
    await expect(outcome).rejects.toThrow(
      "The record in table Inter. Log Entry Comment Line already exists. Identification fields and values: Entry No.='1',Line No.='10000'",
    );
    expect(after).toBe(on === 'PostgreSQL' || TEST_DB === 'postgres' ? 1 : 0);
    expect(await lines(t)).toEqual(['1/10000 Eerste']);
  });

  test('the first failure in the code\'s order is the one reported: a duplicate key before an error raised after it', async () => {
    const t = await company(on);
    await run(t, (s) => commentLine(s, 1, 10000, 'Eerste').insert());
    const outcome = run(t, async (s) => {
      await commentLine(s, 1, 10000, 'Dubbel').insert();
      throw new Error('raised after the insert');
    });
    await expect(outcome).rejects.toThrow(RecordExistsError);
    expect(await lines(t)).toEqual(['1/10000 Eerste']);
  });

  test('a duplicate key at COMMIT (no statement after it): the commit is a rollback and the error is BC\'s', async () => {
    const t = await company(on);
    await run(t, (s) => commentLine(s, 1, 10000, 'Eerste').insert());
    const outcome = run(t, async (s) => {
      await commentLine(s, 2, 10000, 'Nieuw').insert();
      await commentLine(s, 1, 10000, 'Dubbel').insert();
      return 'committed';
    });
    await expect(outcome).rejects.toThrow(RecordExistsError);
    expect(await lines(t)).toEqual(['1/10000 Eerste']);
  });

  test("Rec.Insert with a return value is waited for: false, and the transaction goes on", async () => {
    const t = await company(on);
    await run(t, (s) => commentLine(s, 1, 10000, 'Eerste').insert());
    const inserted = await run(t, async (s) => {
      const dup = await commentLine(s, 1, 10000, 'Dubbel').tryInsert();
      await commentLine(s, 1, 20000, 'Tweede').insert();
      return dup;
    });
    expect(inserted).toBe(false);
    expect(await lines(t)).toEqual(['1/10000 Eerste', '1/20000 Tweede']);
  });

  test("an update whose version check fails: BC's \"changed by another user\", and nothing of the operation is written", async () => {
    const t = await company(on);
    await run(t, (s) => createTeam(s, 'KCC', []));
    await run(t, (s) => commentLine(s, 1, 10000, 'Eerste').insert());
    const meta = tableMeta(Team);
    const outcome = run(t, async (s) => {
      await commentLine(s, 1, 20000, 'Nieuw').insert();
      const team = await s.get(Team, 'KCC');
      // A writer that read the row at an older version (as a concurrent one would have): the store's version check.
      const values = { ...team.columnValues(), name: 'Verouderd', rowVersion: team.rowVersion + 1 };
      const changed = () => new RecordChangedError(PlatformText.recordChanged(meta.caption));
      if (!(await s.store.update(meta, values, team.rowVersion - 1, { failure: changed }))) throw changed();
      return s.count(InterLogEntryCommentLine, {});
    });
    await expect(outcome).rejects.toThrow(RecordChangedError);
    await expect(outcome).rejects.toThrow(PlatformText.recordChanged('Team').format('en-US'));
    expect(await run(t, async (s) => (await s.get(Team, 'KCC')).name)).toBe('Team KCC');
    expect(await lines(t)).toEqual(['1/10000 Eerste']);
  });

  test("sessions sharing a transaction (a $batch's requests): a write's failure shows in the session that made it", async () => {
    const t = await company(on);
    await run(t, (s) => commentLine(s, 1, 10000, 'Eerste').insert());
    const outcome = await run(t, async (outer) => {
      const first = outer.withUser('ANNE', outer.dialogs);
      const second = outer.withUser('BERT', outer.dialogs);
      const failed = await commentLine(first, 1, 10000, 'Dubbel')
        .insert()
        .then(() => 'inserted', (e: Error) => e.message);
      await commentLine(second, 1, 20000, 'Tweede').insert();
      return { failed, count: await second.count(InterLogEntryCommentLine, {}) };
    });
    expect(outcome).toEqual({
      failed: "The record in table Inter. Log Entry Comment Line already exists. Identification fields and values: Entry No.='1',Line No.='10000'",
      count: 2,
    });
  });

  test('what the transaction wrote without waiting is what its reads see: find, count, get by SystemId, a modified value', async () => {
    const t = await company(on);
    const seen = await run(t, async (s) => {
      const a = commentLine(s, 7, 10000, 'Een');
      await a.insert();
      await commentLine(s, 7, 20000, 'Twee').insert();
      const count = await s.count(InterLogEntryCommentLine, { entryNo: 7 });
      const bySystemId = (await s.getBySystemId(InterLogEntryCommentLine, a.systemId))?.comment;
      a.comment = 'Een gewijzigd';
      await a.modify();
      const found = (await s.find(InterLogEntryCommentLine, { entryNo: 7 }, { lineNo: 'ASC' })).map((l) => l.comment);
      const byComment = await s.count(InterLogEntryCommentLine, { comment: 'Een gewijzigd' });
      return { count, bySystemId, found, byComment };
    });
    expect(seen).toEqual({ count: 2, bySystemId: 'Een', found: ['Een gewijzigd', 'Twee'], byComment: 1 });
    expect(await lines(t)).toEqual(['7/10000 Een gewijzigd', '7/20000 Twee']);
  });
});

describePg('PostgreSQL: round trips and locks', () => {
  test('an interaction with a team task waits for at most 7 answers; every statement is still counted', async () => {
    const t = await company('PostgreSQL');
    await arrangeScenario(t.sim, t.companyId, 4);
    const contactNo = await createContact(t.sim, t.companyId, 'Teller');
    await logInteraction(t.sim, t.companyId, contactNo, 'warm-up');
    const before = { count: sqlStatements.count, roundTrips: sqlStatements.roundTrips };
    await logInteraction(t.sim, t.companyId, contactNo, 'Vraag');
    const statements = sqlStatements.count - before.count;
    const roundTrips = sqlStatements.roundTrips - before.roundTrips;
    // BEGIN, the contact, the Entry No.'s nextval, InsertRecord's Insert with a return value, the number series line
    // (find and lock once: the next tasks' finds are answered from the locked line), the note's LockTable + FindLast,
    // COMMIT; the other writes travel with them.
    expect(roundTrips).toBeLessThanOrEqual(7);
    expect(statements).toBeGreaterThanOrEqual(21);
  });

  test('a find is answered again from memory only while this transaction holds the lock of every row it found', async () => {
    const t = await company('PostgreSQL');
    await run(t, async (s) => {
      for (const n of [1, 2]) await commentLine(s, 7, n, `Line ${n}`).insert();
    });
    const change = (lineNo: number, comment: string) =>
      run(t, async (s) => {
        const line = await s.get(InterLogEntryCommentLine, 7, lineNo);
        line.comment = comment;
        await line.modify();
      });
    const comments = (s: Session) => s.find(InterLogEntryCommentLine, { entryNo: 7 }).then((ls) => ls.map((l) => l.comment));
    await run(t, async (s) => {
      expect(await comments(s)).toEqual(['Line 1', 'Line 2']);
      // Not locked: another transaction's committed change is read (READ COMMITTED, as BC).
      await change(1, 'By another');
      expect(await comments(s)).toEqual(['By another', 'Line 2']);
      // One row locked, one not: still read from the database.
      await s.getForUpdate(InterLogEntryCommentLine, 7, 1);
      const before = sqlStatements.roundTrips;
      await comments(s);
      expect(sqlStatements.roundTrips - before).toBe(1);
      // Every row locked: nobody else can change them, the answer comes from memory — with this transaction's own change.
      const second = await s.getForUpdate(InterLogEntryCommentLine, 7, 2);
      second.comment = 'Changed here';
      await second.modify();
      const locked = sqlStatements.roundTrips;
      expect(await comments(s)).toEqual(['By another', 'Changed here']);
      expect(sqlStatements.roundTrips - locked).toBe(0);
    });
  });

  test("a table lock not waited for that times out: BC's lock timeout error, and nothing of the operation is written", async () => {
    const t = await company('PostgreSQL');
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = run(t, async (s) => {
      await s.lockTable(InteractionLogEntry);
      await s.count(InteractionLogEntry, {});
      locked();
      await held;
    });
    await isLocked;
    try {
      const waiter = run(t, async (s) => {
        await commentLine(s, 1, 10000, 'Wacht').insert();
        await s.lockTable(InteractionLogEntry);
        await commentLine(s, 1, 20000, 'Na het slot').insert();
        return s.count(InteractionLogEntry, {});
      });
      await expect(waiter).rejects.toThrow(DatabaseConflictError);
      await expect(waiter).rejects.toThrow('because a record in the');
    } finally {
      release();
      await holder;
    }
    expect(await lines(t)).toEqual([]);
  });
});
