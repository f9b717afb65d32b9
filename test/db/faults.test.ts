// [FEATURE] [Database] — fault injection: a failure at any step of "log interaction with team task" and of
// "take task" leaves the database exactly as it was (one operation, one transaction).
import { BcEvent } from '../../src/runtime/Events';
import { Simulator } from '../../src/host/Simulator';
import { seedEmptyCompany } from '../../src/seed/empty';
import { describePg, dropSharedSchemas, sharedPgConfig } from './pg';
import { arrangeScenario, checkInvariants, createContact, logInteraction, logInteractionIn, memberCodes, takeTask } from './scenario';
import { testDatabase } from './testDatabase';

const MEMBERS = 3;

class InjectedFault extends Error {}

type Fault = (event: BcEvent, k: number) => Promise<void>;

/** Throws an ordinary error at the k-th event: an exception anywhere in the process's code. */
const throwAt: Fault = async (_event, k) => {
  throw new InjectedFault(`fault at event ${k}`);
};

/**
 * Runs `operation` once to count the events it publishes, puts the data back,
 * then runs it again once per event with `fault` at that event, and compares
 * the whole company with the state before after every failure.
 */
async function injectAtEveryEvent(
  sim: Simulator,
  companyId: string,
  operation: () => Promise<unknown>,
  fault: Fault,
): Promise<{ events: string[]; faults: number; anomalies: string[] }> {
  const before = await sim.snapshot(companyId);
  const events: string[] = [];
  const count = sim.events.subscribe('*', (e) => void events.push(e.name));
  await operation();
  count();
  await sim.restore(companyId, before);
  expect(events.length).toBeGreaterThan(10);

  const anomalies: string[] = [];
  for (let k = 1; k <= events.length; k++) {
    let seen = 0;
    const unsubscribe = sim.events.subscribe('*', async (e) => {
      if (++seen === k) await fault(e, k);
    });
    try {
      await operation();
      anomalies.push(`fault at event ${k} (${events[k - 1]}): the operation succeeded`);
    } catch {
      // Expected: the operation fails. What matters is what it left behind.
    } finally {
      unsubscribe();
    }
    const after = await sim.snapshot(companyId);
    if (JSON.stringify(after.tables) !== JSON.stringify(before.tables)) {
      anomalies.push(`fault at event ${k} (${events[k - 1]}): the data changed`);
      await sim.restore(companyId, before);
    }
  }
  return { events, faults: events.length, anomalies };
}

async function faultSuite(sim: Simulator, fault: Fault, label: string): Promise<void> {
  const company = await sim.createCompany(`F${Math.random().toString(36).slice(2, 8)}`, { seed: 'empty' });
  const id = company.systemId;
  await arrangeScenario(sim, id, MEMBERS);
  const contactNo = await createContact(sim, id, 'Storing');
  // Some history first, so the numbers to be handed out are not the first ones.
  await logInteraction(sim, id, contactNo, 'Eerdere vraag');

  const log = await injectAtEveryEvent(sim, id, () => logInteraction(sim, id, contactNo, 'Vraag met storing'), fault);
  expect(log.anomalies).toEqual([]);
  expect(log.events).toEqual(expect.arrayContaining(['Interaction Log Entry.OnAfterInsert', 'To-do.OnAfterInsert', 'No. Series Line.OnAfterModify']));

  const { taskNo } = await logInteraction(sim, id, contactNo, 'Te nemen taak');
  const take = await injectAtEveryEvent(sim, id, () => takeTask(sim, id, taskNo, memberCodes(MEMBERS)[1]), fault);
  expect(take.anomalies).toEqual([]);
  expect(take.events).toEqual(expect.arrayContaining(['To-do.OnAfterModify', 'To-do.OnAfterDelete']));

  expect(await checkInvariants(sim, id, MEMBERS)).toEqual([]);
  console.log(
    `fault injection (${label}): log interaction with team task ${log.faults} faults, take task ${take.faults} faults, anomalies ${log.anomalies.length + take.anomalies.length}`,
  );
}

describe('fault injection on the test database (SQLite; PostgreSQL under npm run test:pg)', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await Simulator.start({ dataDir: null, seeds: { empty: seedEmptyCompany }, database: testDatabase() });
  });
  afterAll(() => sim?.close());

  test('an exception at each event of "log interaction with team task" and "take task" leaves the data exactly as before', async () => {
    await faultSuite(sim, throwAt, `${testDatabase().kind}, exception`);
  }, 120000);

  test('without a fault the same operation succeeds: the injected faults are what made them fail', async () => {
    const company = await sim.createCompany('Gezond', { seed: 'empty' });
    await arrangeScenario(sim, company.systemId, MEMBERS);
    const contactNo = await createContact(sim, company.systemId, 'Gezond');
    const r = await sim.run(company.systemId, { userId: 'ANNE' }, (s) => logInteractionIn(s, contactNo, 'Vraag'));
    expect(r).toEqual({ entryNo: 1, taskNo: 'TD000001', contactNo });
  });
});

describePg('fault injection on PostgreSQL: the connection dies mid-transaction', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await Simulator.start({ dataDir: null, seeds: { empty: seedEmptyCompany }, database: { ...sharedPgConfig('fault'), ephemeral: true } });
  });
  afterAll(async () => {
    await sim?.close();
    await dropSharedSchemas();
  });

  test('the server ends the session at each event: the transaction is rolled back by the database, nothing half-written', async () => {
    // pg_terminate_backend on the session's own connection: what a crashed instance or a network cut leaves the server with.
    const killConnection: Fault = async (event) => {
      await event.session.manager.query('SELECT pg_terminate_backend(pg_backend_pid())');
    };
    await faultSuite(sim, killConnection, 'postgres, connection killed');
  }, 180000);
});
