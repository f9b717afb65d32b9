// [FEATURE] [Database] — the Interaction Log Entry's Entry No. as current BC takes it: codeunit 9500
// "Sequence No. Mgt." GetNextSeqNo from an AL NumberSequence (TableSeq5065), outside the transaction and
// without a table lock, and InteractionLogEntry.InsertRecord rebasing it when the number is taken. Runs on the
// suite's database (SQLite, or PostgreSQL in `npm run test:pg`) and always on PostgreSQL.
import { InteractionLogEntry, InterLogEntryCommentLine } from '../../entities';
import { SequenceNoMgt } from '../../codeunits/foundation/SequenceNoMgt.Codeunit';
import { Simulator } from '../../src/host/Simulator';
import type { Session } from '../../src/runtime/Session';
import { seedEmptyCompany } from '../../src/seed/empty';
import { describePg, dropSharedSchemas, pgTestsOn, sharedPgConfig } from './pg';
import { testDatabase } from './testDatabase';
import { arrangeScenario, createContact, logInteraction, logInteractionIn, SimTarget, runIn } from './scenario';

let sqlSim: Simulator | null = null;
let pgSim: Simulator | null = null;
let pgSim2: Simulator | null = null;

afterAll(async () => {
  await sqlSim?.close();
  await pgSim?.close();
  await pgSim2?.close();
  await dropSharedSchemas();
});

async function company(on: 'test database' | 'PostgreSQL'): Promise<SimTarget> {
  let sim: Simulator;
  if (on === 'test database') {
    sim = sqlSim ??= await Simulator.start({ dataDir: null, seeds: { empty: seedEmptyCompany }, database: testDatabase() });
  } else {
    sim = pgSim ??= await Simulator.start({ dataDir: null, seeds: { empty: seedEmptyCompany }, database: { ...sharedPgConfig('seqno'), lockTimeoutMs: 3000 } });
  }
  const created = await sim.createCompany(`S${Math.random().toString(36).slice(2, 10)}`, { seed: 'empty' });
  await arrangeScenario(sim, created.systemId, 2);
  return { sim, companyId: created.systemId };
}

const run = <T>(t: SimTarget, fn: (s: Session) => Promise<T>) => runIn(t, 'ANNE', fn);
const entryNos = (t: SimTarget) => run(t, async (s) => (await s.find(InteractionLogEntry, {}, { entryNo: 'ASC' })).map((e) => e.entryNo));

const targets: Array<'test database' | 'PostgreSQL'> = pgTestsOn ? ['test database', 'PostgreSQL'] : ['test database'];

describe.each(targets)('Sequence No. Mgt. on the %s', (on) => {
  test('numbers start after the last entry, and a rolled-back interaction leaves a gap (the sequence is not transactional)', async () => {
    const t = await company(on);
    const contactNo = await createContact(t.sim, t.companyId, 'Gat');
    expect((await logInteraction(t.sim, t.companyId, contactNo, 'Eerste')).entryNo).toBe(1);
    const failed = run(t, async (s) => {
      const r = await logInteractionIn(s, contactNo, 'Teruggedraaid');
      expect(r.entryNo).toBe(2);
      throw new Error('rolled back');
    });
    await expect(failed).rejects.toThrow('rolled back');
    expect((await logInteraction(t.sim, t.companyId, contactNo, 'Derde')).entryNo).toBe(3);
    expect(await entryNos(t)).toEqual([1, 3]);
    const comments = await run(t, (s) => s.find(InterLogEntryCommentLine, {}, { entryNo: 'ASC' }));
    expect(comments.map((c) => c.entryNo)).toEqual([1, 3]);
  });

  test('a row inserted by hand with the next number: InsertRecord rebases the sequence on the last entry and inserts after it', async () => {
    const t = await company(on);
    const contactNo = await createContact(t.sim, t.companyId, 'Rebase');
    await logInteraction(t.sim, t.companyId, contactNo, 'Eerste');
    await run(t, async (s) => {
      for (const no of [2, 3, 4]) {
        const e = s.create(InteractionLogEntry);
        e.entryNo = no;
        e.contactNo = contactNo;
        await e.insert();
      }
    });
    // The sequence still stands at 2: the insert finds it taken, RebaseSeqNo restarts it at 5.
    expect((await logInteraction(t.sim, t.companyId, contactNo, 'Na de hand')).entryNo).toBe(5);
    expect((await logInteraction(t.sim, t.companyId, contactNo, 'Daarna')).entryNo).toBe(6);
    expect(await entryNos(t)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  test('a reset numbers from 1 again, a restored snapshot from its own last entry', async () => {
    const t = await company(on);
    let contactNo = await createContact(t.sim, t.companyId, 'Reset');
    await logInteraction(t.sim, t.companyId, contactNo, 'Een');
    const snapshot = await t.sim.snapshot(t.companyId);
    await logInteraction(t.sim, t.companyId, contactNo, 'Twee');
    await logInteraction(t.sim, t.companyId, contactNo, 'Drie');
    await t.sim.restore(t.companyId, snapshot);
    expect((await logInteraction(t.sim, t.companyId, contactNo, 'Na herstel')).entryNo).toBe(2);
    await t.sim.resetCompany(t.companyId);
    await arrangeScenario(t.sim, t.companyId, 2);
    contactNo = await createContact(t.sim, t.companyId, 'Na reset');
    expect((await logInteraction(t.sim, t.companyId, contactNo, 'Opnieuw')).entryNo).toBe(1);
  });

  test('16 concurrent interactions, the first use of the sequence among them: each number once', async () => {
    const t = await company(on);
    const contactNo = await createContact(t.sim, t.companyId, 'Druk');
    const logged = await Promise.all(Array.from({ length: 16 }, (_, i) => logInteraction(t.sim, t.companyId, contactNo, `Vraag ${i}`)));
    const nos = logged.map((l) => l.entryNo);
    expect(new Set(nos).size).toBe(16);
    expect((await entryNos(t)).sort((a, b) => a - b)).toEqual([...nos].sort((a, b) => a - b));
  });

  test('GetNextSeqNo of a table: TableSeq<no.>, one after the other', async () => {
    const t = await company(on);
    const [a, b] = await run(t, async (s) => {
      const m = new SequenceNoMgt(s);
      return [await m.getNextSeqNo(InteractionLogEntry), await m.getNextSeqNo(InteractionLogEntry)];
    });
    expect([a, b]).toEqual([1, 2]);
    expect(await run(t, (s) => s.store.numberSequence.exists('TableSeq5065'))).toBe(true);
    expect(await run(t, (s) => s.store.numberSequence.current('TableSeq5065'))).toBe(2);
  });
});

describePg('PostgreSQL: no table lock on the Interaction Log Entry', () => {
  /** SegManagement's numbering and insert of an entry, without the team task (whose No. Series line is locked, as in BC). */
  async function logEntry(s: Session, contactNo: string): Promise<number> {
    const entry = s.create(InteractionLogEntry);
    entry.entryNo = await new SequenceNoMgt(s).getNextSeqNo(InteractionLogEntry);
    entry.contactNo = contactNo;
    await entry.insertRecord();
    return entry.entryNo;
  }

  test('an entry is inserted while another one is still uncommitted, on a second instance too', async () => {
    const t = await company('PostgreSQL');
    pgSim2 ??= await Simulator.start({ dataDir: null, seeds: { empty: seedEmptyCompany }, database: { ...sharedPgConfig('seqno'), lockTimeoutMs: 3000 } });
    const contactNo = await createContact(t.sim, t.companyId, 'Open');
    await logInteraction(t.sim, t.companyId, contactNo, 'Eerste');
    const both = await run(t, async (s) => {
      const outer = await logEntry(s, contactNo);
      // With the LockTable + FindLast of older BC this would wait for the open transaction, which waits for it.
      const second = await pgSim2!.run(t.companyId, { userId: 'ANNE' }, (s2) => logEntry(s2, contactNo));
      return [outer, second];
    });
    expect(both).toEqual([2, 3]);
    expect(await entryNos(t)).toEqual([1, 2, 3]);
  });
});
