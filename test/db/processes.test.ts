// [FEATURE] [Database] — several processes, each its own simulator instance, over one PostgreSQL database:
// every acknowledged write is there exactly once, numbers are unique and gapless per series, each task has one owner.
import { Simulator } from '../../src/host/Simulator';
import { seedEmptyCompany } from '../../src/seed/empty';
import { describePg, dropSharedSchemas, PG_DOWN_HINT, sharedPgConfig, sharedPgEnv } from './pg';
import { arrangeScenario, checkInvariants, createContact, logInteraction, LOST_RACE, memberCodes, readState } from './scenario';
import type { Ack } from './worker/dbWorker';
import { runWorkers } from './worker/spawn';

const MEMBERS = 4;
const PROCESSES = 4;

describePg(`PostgreSQL: ${PROCESSES} processes racing over one database`, () => {
  let sim: Simulator;
  let companyId: string;

  beforeAll(async () => {
    try {
      sim = await Simulator.start({ dataDir: null, seeds: { empty: seedEmptyCompany }, database: sharedPgConfig('proc') });
    } catch (e) {
      throw new Error(`${PG_DOWN_HINT} (${(e as Error).message})`);
    }
    companyId = (await sim.createCompany('Processen', { seed: 'empty' })).systemId;
    await arrangeScenario(sim, companyId, MEMBERS);
  });

  afterAll(async () => {
    await sim?.close();
    await dropSharedSchemas();
  });

  test('contacts, interactions with team tasks and takes from 4 processes × 4 concurrent clients: every acknowledged write exactly once', async () => {
    const perProcess = 20;
    const workers = await runWorkers(
      Array.from({ length: PROCESSES }, (_, p) => ({
        job: { kind: 'load' as const, dataDir: null, companyId, operations: perProcess, concurrency: 4, takeEvery: 3, members: MEMBERS, tag: `P${p}` },
        env: sharedPgEnv('proc'),
      })),
    );
    const acks = workers.flatMap((w) => w.acks);
    const errors = acks.filter((a): a is Extract<Ack, { kind: 'error' }> => a.kind === 'error');
    expect(errors).toEqual([]);
    const contacts = acks.flatMap((a) => (a.kind === 'contact' ? [a.no] : []));
    const interactions = acks.flatMap((a) => (a.kind === 'interaction' ? [a] : []));
    const takes = acks.flatMap((a) => (a.kind === 'take' ? [a] : []));
    expect(contacts).toHaveLength(PROCESSES * perProcess);
    expect(interactions).toHaveLength(PROCESSES * perProcess);

    const state = await readState(sim, companyId);
    // Exactly once: every acknowledged number is stored, and nothing was stored that was not acknowledged.
    expect([...state.contacts].sort()).toEqual([...contacts].sort());
    expect(state.entries.map((e) => e.entryNo).sort((x, y) => x - y)).toEqual(interactions.map((i) => i.entryNo).sort((x, y) => x - y));
    for (const i of interactions) expect(state.entries.find((e) => e.entryNo === i.entryNo)).toEqual({ entryNo: i.entryNo, contactNo: i.contactNo, toDoNo: i.taskNo });
    for (const t of takes) expect(state.tasks.find((x) => x.no === t.taskNo)?.sp).toBe(t.member);
    expect(await checkInvariants(sim, companyId, MEMBERS)).toEqual([]);
    console.log(
      `processes: ${PROCESSES} processes, ${contacts.length} contacts, ${interactions.length} interactions with team task, ${takes.length} takes acknowledged; anomalies 0`,
    );
  }, 120000);

  test('the same team tasks taken by 4 members in 4 processes at once: one owner per task, the others get BC\'s error', async () => {
    const contactNo = await createContact(sim, companyId, 'Race');
    const taskNos: string[] = [];
    for (let i = 0; i < 10; i++) taskNos.push((await logInteraction(sim, companyId, contactNo, `Race ${i}`)).taskNo);
    const members = memberCodes(MEMBERS);
    const workers = await runWorkers(
      members.map((member, p) => ({
        // Different orders, so the processes meet on different tasks at different moments.
        job: { kind: 'take' as const, dataDir: null, companyId, member, taskNos: p % 2 ? [...taskNos].reverse() : taskNos },
        env: sharedPgEnv('proc'),
      })),
    );
    const acks = workers.flatMap((w) => w.acks);
    const state = await readState(sim, companyId);
    for (const taskNo of taskNos) {
      const won = acks.filter((a) => a.kind === 'take' && a.taskNo === taskNo);
      const lost = acks.filter((a): a is Extract<Ack, { kind: 'lost' }> => a.kind === 'lost' && a.taskNo === taskNo);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(MEMBERS - 1);
      for (const l of lost) expect(l.message).toMatch(LOST_RACE);
      const owner = (won[0] as Extract<Ack, { kind: 'take' }>).member;
      expect(state.tasks.filter((t) => t.organizer === taskNo)).toEqual([expect.objectContaining({ no: taskNo, sp: owner })]);
    }
    expect(await checkInvariants(sim, companyId, MEMBERS)).toEqual([]);
    const messages = acks.flatMap((a) => (a.kind === 'lost' ? [a.message.startsWith('Another user') ? 'modified' : 'taken'] : []));
    console.log(
      `processes: ${taskNos.length} tasks raced by ${MEMBERS} processes: ${taskNos.length} owners, ${messages.length} refusals (${messages.filter((m) => m === 'modified').length} "another user has modified", ${messages.filter((m) => m === 'taken').length} "already taken"); anomalies 0`,
    );
  }, 120000);
});
