// [FEATURE] [Seed] [Demo company] — the demo's contact moments and tasks are dated around the company's work date,
// at creation and at every reset, the same for the same work date, and a reset keeps the company's clock.
import { InteractionLogEntry, SimulatorSetup, Todo } from '../../entities';
import { localParts } from '../../src/runtime/Clock';
import { ScriptedDialogs } from '../../src/runtime/Dialogs';
import { Session } from '../../src/runtime/Session';
import { Simulator } from '../../src/host/Simulator';
import { DEMO_COMPANY_NAME, demoUsers, seedDemoCompany } from '../../src/seed/demo';
import { seedEmptyCompany } from '../../src/seed/empty';

let sim: Simulator;
let company: string;

beforeAll(async () => {
  // No seedMoment: the seeds follow the work date, as on a training server.
  sim = await Simulator.start({ dataDir: null, seeds: { demo: seedDemoCompany, empty: seedEmptyCompany }, users: demoUsers });
  company = (await sim.createCompany(DEMO_COMPANY_NAME, { seed: 'demo' })).systemId;
}, 120000);

afterAll(async () => {
  await sim?.close();
});

function run<T>(fn: (s: Session) => Promise<T>): Promise<T> {
  return sim.run(company, { userId: 'TRAINER', dialogs: new ScriptedDialogs() }, fn);
}

async function setClock(frozenAt: string | null, workDate: string | null = null): Promise<void> {
  await run(async (s) => {
    const setup = await s.get(SimulatorSetup, '');
    await setup.validate('frozenAt', frozenAt === null ? null : new Date(frozenAt));
    await setup.validate('workDate', workDate);
    await setup.modify();
  });
}

/** Whole days from `from` to `to` (dates yyyy-mm-dd). */
function days(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000);
}

/** The dated data: each contact moment's date, time and template, each open task's date and description. */
async function dated(): Promise<{ entries: Array<[string, string, string]>; openTasks: Array<[string, string]> }> {
  return run(async (s) => ({
    entries: (await s.find(InteractionLogEntry, {}, { entryNo: 'ASC' })).map((e) => [e.date!, e.timeOfInteraction ?? '', e.interactionTemplateCode] as [string, string, string]),
    openTasks: (await s.find(Todo, { closed: false }, { no: 'ASC' })).map((t) => [t.date!, t.description] as [string, string]),
  }));
}

function expectAround(data: Awaited<ReturnType<typeof dated>>, workDate: string): void {
  expect(data.entries.length).toBeGreaterThan(10);
  expect(data.openTasks.length).toBeGreaterThan(3);
  // Contact moments in the two working weeks before the work date; none on or after it.
  const before = data.entries.map(([date]) => days(date, workDate));
  expect(Math.min(...before)).toBeGreaterThanOrEqual(1);
  expect(Math.max(...before)).toBeLessThanOrEqual(14);
  // Open tasks due within days of it, some still ahead: nothing months overdue.
  const due = data.openTasks.map(([date]) => days(workDate, date));
  expect(Math.min(...due)).toBeGreaterThanOrEqual(-14);
  expect(Math.max(...due)).toBeLessThanOrEqual(14);
  expect(due.some((d) => d > 0)).toBe(true);
}

describe('demo data dated by the work date', () => {
  test('at creation: around today', async () => {
    expectAround(await dated(), localParts(new Date(), 'Europe/Amsterdam').date);
  });

  test('at a reset: around the work date of the frozen clock, and the clock stays frozen', async () => {
    await setClock('2027-03-15T09:00:00Z');
    await sim.resetCompany(company);
    const data = await dated();
    expectAround(data, '2027-03-15');
    await run(async (s) => {
      expect(s.clock.workDate()).toBe('2027-03-15');
      expect((await s.get(SimulatorSetup, '')).frozenAt).toEqual(new Date('2027-03-15T09:00:00Z'));
    });
    // Later on the same training day: the same data.
    await setClock('2027-03-15T15:30:00Z');
    await sim.resetCompany(company);
    expect(await dated()).toEqual(data);
  }, 120000);

  test('a WorkDate set apart from Today dates the data', async () => {
    await setClock('2027-03-15T09:00:00Z', '2027-06-01');
    await sim.resetCompany(company);
    expectAround(await dated(), '2027-06-01');
    await run(async (s) => expect(s.clock.workDate()).toBe('2027-06-01'));
  }, 120000);

  test('back on the real clock, a reset dates the data around today again', async () => {
    await setClock(null);
    await sim.resetCompany(company);
    expectAround(await dated(), localParts(new Date(), 'Europe/Amsterdam').date);
    await run(async (s) => expect((await s.get(SimulatorSetup, '')).frozenAt).toBeNull());
  }, 120000);

  test('a seed that is not dated is built once, whatever the work date', async () => {
    const empty = (await sim.createCompany('Leeg', { seed: 'empty' })).systemId;
    const before = await sim.snapshot(empty);
    await sim.run(empty, { userId: 'TRAINER' }, async (s) => {
      const setup = await s.get(SimulatorSetup, '');
      await setup.validate('workDate', '2030-01-02');
      await setup.modify();
    });
    await sim.resetCompany(empty);
    const after = await sim.snapshot(empty);
    const withoutClock = (snap: typeof before) => Object.entries(snap.tables).filter(([table]) => !/simulator/i.test(table));
    expect(withoutClock(after)).toEqual(withoutClock(before));
  });
});
