// [FEATURE] [Database] [No. Series] — a No. Series Line with Implementation = Sequence (current BC, codeunit 307
// "No. Series - Sequence Impl." of the Business Foundation app): numbers from a NumberSequence, outside the
// transaction, without locking or modifying the line. Ports of BC's own tests (NoSeriesTests.Codeunit.al, region
// "sequence") where they do not depend on the Starting No. reformatting the simulator leaves out. Runs on the
// suite's database (SQLite, or PostgreSQL in `npm run test:pg`) and always on PostgreSQL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NoSeriesLine } from '../../entities';
import { NoSeriesImplementation } from '../../entities/Foundation/NoSeriesImplementation.Enum';
import { formattedNo } from '../../codeunits/foundation/NoSeriesSequence';
import { NoSeriesCodeunit } from '../../codeunits/foundation/NoSeries.Codeunit';
import { Simulator } from '../../src/host/Simulator';
import type { Session } from '../../src/runtime/Session';
import { seedEmptyCompany } from '../../src/seed/empty';
import { describePg, dropSharedSchemas, pgTestsOn, sharedPgConfig } from './pg';
import { closeSharedSimulator, createNoSeries, NoSeriesLineOptions } from '../library/LibraryMarketing';
import { newHttpCompany } from '../library/LibraryHttp';
import { testDatabase } from './testDatabase';
import { arrangeScenario, createContact, logInteraction, SimTarget, runIn } from './scenario';
import { expectBcError } from '../library/LibraryAssert';

let sqlSim: Simulator | null = null;
let pgSim: Simulator | null = null;
let pgSim2: Simulator | null = null;

afterAll(async () => {
  await closeSharedSimulator();
  await sqlSim?.close();
  await pgSim?.close();
  await pgSim2?.close();
  await dropSharedSchemas();
});

const pgConfig = () => ({ ...sharedPgConfig('noseq'), lockTimeoutMs: 2000 });

async function company(on: 'test database' | 'PostgreSQL'): Promise<SimTarget> {
  const sim =
    on === 'test database'
      ? (sqlSim ??= await Simulator.start({ dataDir: null, seeds: { empty: seedEmptyCompany }, database: testDatabase() }))
      : (pgSim ??= await Simulator.start({ dataDir: null, seeds: { empty: seedEmptyCompany }, database: pgConfig() }));
  const created = await sim.createCompany(`N${Math.random().toString(36).slice(2, 10)}`, { seed: 'empty' });
  await arrangeScenario(sim, created.systemId, 2);
  return { sim, companyId: created.systemId };
}

const run = <T>(t: SimTarget, fn: (s: Session) => Promise<T>) => runIn(t, 'ANNE', fn);
const nextNo = (t: SimTarget, code: string, date?: string) => run(t, (s) => new NoSeriesCodeunit(s).getNextNo(code, date));
const line = (t: SimTarget, code: string) => run(t, (s) => s.get(NoSeriesLine, code, 10000));

/** A series whose line takes its numbers from a NumberSequence unless told otherwise (LibraryMarketing.createNoSeries). */
async function createSeries(t: SimTarget, code: string, o: NoSeriesLineOptions & { startingNo: string }): Promise<void> {
  await run(t, (s) => createNoSeries(s, code, o.startingNo, { ...o, implementation: o.implementation ?? NoSeriesImplementation.Sequence }));
}

async function setImplementation(t: SimTarget, code: string, implementation: number): Promise<void> {
  await run(t, async (s) => {
    const l = await s.get(NoSeriesLine, code, 10000);
    await l.validate('implementation', implementation);
    await l.modify(true);
  });
}

// No open line left anywhere in the series: BC names no date (NoSeriesImpl.GetNoSeriesLine).
const RUN_OUT = /^You cannot assign new numbers from the number series [A-Z]+\.$/;

test('GetFormattedNo: the number in place of the Starting No.’s last digits, as BC writes it', () => {
  expect(formattedNo({ startingNo: 'TD000001', startingSequenceNo: 1 }, 42)).toBe('TD000042');
  expect(formattedNo({ startingNo: 'A01TEST', startingSequenceNo: 1 }, 10)).toBe('A10TEST');
  expect(formattedNo({ startingNo: '1', startingSequenceNo: 1 }, 10)).toBe('10');
  expect(formattedNo({ startingNo: '', startingSequenceNo: 0 }, 7)).toBe('7');
  // More digits than the Starting No. has: BC's overwrites the characters before them (then its range check refuses it).
  expect(formattedNo({ startingNo: 'TD000001', startingSequenceNo: 1 }, 1234567)).toBe('T1234567');
  expect(formattedNo({ startingNo: 'TD000005', startingSequenceNo: 5 }, 4)).toBe('');
});

const targets: Array<'test database' | 'PostgreSQL'> = pgTestsOn ? ['test database', 'PostgreSQL'] : ['test database'];

describe.each(targets)('No. Series Implementation = Sequence on the %s', (on) => {
  test('TestGetNextNoDefaultRunOut / TestGetNextNo / TestGetNextNoWithLastNoUsed: steps, Last No. Used, run out at the Ending No.', async () => {
    const t = await company(on);
    await createSeries(t, 'TIEN', { startingNo: '1', endingNo: '10' });
    await createSeries(t, 'ZEVEN', { incrementBy: 7, startingNo: '1', endingNo: '10' });
    await createSeries(t, 'TWEE', { incrementBy: 2, startingNo: '1', endingNo: '10', lastNoUsed: '3' });
    const ten: string[] = [];
    for (let i = 0; i < 10; i++) ten.push(await nextNo(t, 'TIEN'));
    expect(ten).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect((await expectBcError(nextNo(t, 'TIEN'))).message).toMatch(RUN_OUT);
    expect([await nextNo(t, 'ZEVEN'), await nextNo(t, 'ZEVEN')]).toEqual(['1', '8']);
    expect((await expectBcError(nextNo(t, 'ZEVEN'))).message).toMatch(RUN_OUT);
    expect([await nextNo(t, 'TWEE'), await nextNo(t, 'TWEE'), await nextNo(t, 'TWEE')]).toEqual(['5', '7', '9']);
    expect((await expectBcError(nextNo(t, 'TWEE'))).message).toMatch(RUN_OUT);
    expect(await line(t, 'TWEE')).toMatchObject({ lastNoUsed: '', open: false, startingSequenceNo: 3, sequenceName: expect.stringMatching(/^[0-9A-F-]{36}$/) });
  });

  test('TestPeekNextNoDefaultRunOut: PeekNextNo shows what GetNextNo gives, and takes nothing', async () => {
    const t = await company(on);
    await createSeries(t, 'PEEK', { startingNo: 'A01TEST', endingNo: 'A10TEST' });
    const peek = () => run(t, (s) => new NoSeriesCodeunit(s).peekNextNo('PEEK'));
    expect([await peek(), await peek()]).toEqual(['A01TEST', 'A01TEST']);
    for (let i = 0; i < 10; i++) {
      const peeked = await peek();
      expect(await nextNo(t, 'PEEK')).toBe(peeked);
    }
    expect((await expectBcError(peek())).message).toMatch(RUN_OUT);
  });

  test('Normal → Sequence goes on after the Last No. Used; Last No. Used reads back from the sequence; back to Normal stores it', async () => {
    const t = await company(on);
    expect([await nextNo(t, 'TAAK'), await nextNo(t, 'TAAK')]).toEqual(['TD000001', 'TD000002']);
    await setImplementation(t, 'TAAK', NoSeriesImplementation.Sequence);
    expect(await line(t, 'TAAK')).toMatchObject({ lastNoUsed: '', startingSequenceNo: 2, implementation: NoSeriesImplementation.Sequence });
    expect(await run(t, (s) => new NoSeriesCodeunit(s).getLastNoUsed('TAAK'))).toBe('TD000002');
    expect([await nextNo(t, 'TAAK'), await nextNo(t, 'TAAK')]).toEqual(['TD000003', 'TD000004']);
    expect(await run(t, async (s) => new NoSeriesCodeunit(s).getLastNoUsed(await s.get(NoSeriesLine, 'TAAK', 10000)))).toBe('TD000004');
    const sequenceName = (await line(t, 'TAAK')).sequenceName;
    await setImplementation(t, 'TAAK', NoSeriesImplementation.Normal);
    expect(await line(t, 'TAAK')).toMatchObject({ lastNoUsed: 'TD000004', sequenceName: '', startingSequenceNo: 0 });
    expect(await run(t, (s) => s.store.numberSequence.exists(sequenceName))).toBe(false);
    expect(await nextNo(t, 'TAAK')).toBe('TD000005');
  });

  test('a rolled-back transaction leaves a gap; after the first number of a day the line is neither locked nor written', async () => {
    const t = await company(on);
    await setImplementation(t, 'TAAK', NoSeriesImplementation.Sequence);
    expect(await nextNo(t, 'TAAK')).toBe('TD000001');
    const before = await line(t, 'TAAK');
    const failed = run(t, async (s) => {
      expect(await new NoSeriesCodeunit(s).getNextNo('TAAK')).toBe('TD000002');
      throw new Error('rolled back');
    });
    await expect(failed).rejects.toThrow('rolled back');
    expect(await nextNo(t, 'TAAK')).toBe('TD000003');
    expect((await line(t, 'TAAK')).rowVersion).toBe(before.rowVersion);
    // Another Last Date Used: that first number writes the date (under the line's lock), as BC's does.
    expect(await nextNo(t, 'TAAK', '2031-01-02')).toBe('TD000004');
    expect(await line(t, 'TAAK')).toMatchObject({ rowVersion: before.rowVersion + 1, lastDateUsed: '2031-01-02', lastNoUsed: '' });
  });

  test('Last No. Used or Increment-by No. validated on a Sequence line makes the sequence again from there', async () => {
    const t = await company(on);
    await setImplementation(t, 'TAAK', NoSeriesImplementation.Sequence);
    await nextNo(t, 'TAAK');
    await run(t, async (s) => {
      const l = await s.get(NoSeriesLine, 'TAAK', 10000);
      await l.validate('lastNoUsed', 'TD000100');
      await l.modify(true);
    });
    expect(await line(t, 'TAAK')).toMatchObject({ lastNoUsed: '', startingSequenceNo: 100 });
    expect(await nextNo(t, 'TAAK')).toBe('TD000101');
    await run(t, async (s) => {
      const l = await s.get(NoSeriesLine, 'TAAK', 10000);
      await l.validate('incrementByNo', 10);
      await l.modify(true);
    });
    expect([await nextNo(t, 'TAAK'), await nextNo(t, 'TAAK')]).toEqual(['TD000111', 'TD000121']);
  });

  test('interactions with a team task number their tasks from the sequence; deleting the line deletes its sequence', async () => {
    const t = await company(on);
    await setImplementation(t, 'TAAK', NoSeriesImplementation.Sequence);
    const contactNo = await createContact(t.sim, t.companyId, 'Reeks');
    expect((await logInteraction(t.sim, t.companyId, contactNo, 'Eerste')).taskNo).toBe('TD000001');
    // The team task and its two member copies took TD000001–TD000003.
    expect((await logInteraction(t.sim, t.companyId, contactNo, 'Tweede')).taskNo).toBe('TD000004');
    const { sequenceName } = await line(t, 'TAAK');
    await run(t, async (s) => (await s.get(NoSeriesLine, 'TAAK', 10000)).delete());
    expect(await run(t, (s) => s.store.numberSequence.exists(sequenceName))).toBe(false);
  });

  test('a reset puts the line back to the seed: made a Sequence again, it starts at its Starting No.', async () => {
    const t = await company(on);
    await setImplementation(t, 'TAAK', NoSeriesImplementation.Sequence);
    expect([await nextNo(t, 'TAAK'), await nextNo(t, 'TAAK')]).toEqual(['TD000001', 'TD000002']);
    await t.sim.resetCompany(t.companyId);
    await arrangeScenario(t.sim, t.companyId, 2);
    expect(await line(t, 'TAAK')).toMatchObject({ implementation: NoSeriesImplementation.Normal, sequenceName: '' });
    await setImplementation(t, 'TAAK', NoSeriesImplementation.Sequence);
    expect(await nextNo(t, 'TAAK')).toBe('TD000001');
  });
});

test('the API: contacts POSTed while CONT is a Sequence line get its numbers, after the Normal ones', async () => {
  const tc = await newHttpCompany();
  const post = async (name: string) => (await tc.post(`${tc.v2}/contacts`, { displayName: name }).expect(201)).body.number as string;
  expect(await post('Eerste Normaal')).toBe('CT000001');
  await tc.run(async (s) => {
    const l = await s.get(NoSeriesLine, 'CONT', 10000);
    await l.validate('implementation', NoSeriesImplementation.Sequence);
    await l.modify(true);
  });
  expect([await post('Uit de reeks'), await post('Nog een')]).toEqual(['CT000002', 'CT000003']);
  const contacts = (await tc.get(`${tc.v2}/contacts?$orderby=number`).expect(200)).body.value.map((c: { number: string }) => c.number);
  expect(contacts).toEqual(['CT000001', 'CT000002', 'CT000003']);
  expect(await tc.run((s) => new NoSeriesCodeunit(s).getLastNoUsed('CONT'))).toBe('CT000003');
});

describe.each(targets)("a restore keeps the lines' sequences (%s)", (on) => {
  test('a Sequence line restored from a snapshot goes on after the numbers given before the restore', async () => {
    const t = await company(on);
    await setImplementation(t, 'TAAK', NoSeriesImplementation.Sequence);
    expect(await nextNo(t, 'TAAK')).toBe('TD000001');
    const snapshot = await t.sim.snapshot(t.companyId);
    expect([await nextNo(t, 'TAAK'), await nextNo(t, 'TAAK')]).toEqual(['TD000002', 'TD000003']);
    await t.sim.restore(t.companyId, snapshot);
    expect(await nextNo(t, 'TAAK')).toBe('TD000004');
  });
});

test('SQLite: a Sequence line goes on after a restart of the simulator, past the numbers committed before it', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'empire-sim-noseq-'));
  const open = () => Simulator.start({ dataDir, seeds: { empty: seedEmptyCompany }, database: { kind: 'sqlite' } });
  try {
    let sim = await open();
    const { systemId } = await sim.createCompany('HERSTART', { seed: 'empty' });
    await arrangeScenario(sim, systemId, 2);
    const t = { sim, companyId: systemId };
    await setImplementation(t, 'TAAK', NoSeriesImplementation.Sequence);
    expect([await nextNo(t, 'TAAK'), await nextNo(t, 'TAAK')]).toEqual(['TD000001', 'TD000002']);
    // A number taken by a transaction that rolls back is gone (a gap), as in BC.
    await expect(
      run(t, async (s) => {
        await new NoSeriesCodeunit(s).getNextNo('TAAK');
        throw new Error('Terug.');
      }),
    ).rejects.toThrow('Terug.');
    expect(await nextNo(t, 'TAAK')).toBe('TD000004');
    await sim.close();
    sim = await open();
    const after = { sim, companyId: systemId };
    try {
      expect(await run(after, (s) => new NoSeriesCodeunit(s).getLastNoUsed('TAAK'))).toBe('TD000004');
      expect(await nextNo(after, 'TAAK')).toBe('TD000005');
    } finally {
      await sim.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

describePg('PostgreSQL: a Sequence line is not locked', () => {
  test('a number is taken while another transaction holding one is still open, on a second instance too; a Normal line waits', async () => {
    const t = await company('PostgreSQL');
    pgSim2 ??= await Simulator.start({ dataDir: null, seeds: { empty: seedEmptyCompany }, database: pgConfig() });
    const other = (code: string) => pgSim2!.run(t.companyId, { userId: 'ANNE' }, (s) => new NoSeriesCodeunit(s).getNextNo(code));
    await setImplementation(t, 'TAAK', NoSeriesImplementation.Sequence);
    expect(await nextNo(t, 'TAAK')).toBe('TD000001');
    const both = await run(t, async (s) => [await new NoSeriesCodeunit(s).getNextNo('TAAK'), await other('TAAK')]);
    expect(both).toEqual(['TD000002', 'TD000003']);
    // The same with the Normal CONT series: the second transaction waits for the first's lock on the line until it gives up.
    await expect(run(t, async (s) => [await new NoSeriesCodeunit(s).getNextNo('CONT'), await other('CONT')])).rejects.toThrow(
      /^The operation could not complete because a record in the No. Series Line table was locked by another user\./,
    );
  });
});
