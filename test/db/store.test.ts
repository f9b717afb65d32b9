// [FEATURE] [Database] — the record store: setup rows cached per company and dropped at any write (also
// another instance's), a duplicate key as BC's error from the key's own constraint, and prepared statements
// reused across operations, companies and resets. Runs on SQLite, and on PostgreSQL in `npm run test:pg`.
import { SimulatorSetup, Team } from '../../entities';
import { RecordExistsError } from '../../src/runtime/BcError';
import { Simulator } from '../../src/host/Simulator';
import { sqlStatements } from '../../src/db/statementCounter';
import { seedEmptyCompany } from '../../src/seed/empty';
import { closeSharedSimulator, createTeam, newTestCompany } from '../library/LibraryMarketing';
import { describePg, dropSharedSchemas, PG_DOWN_HINT, sharedPgConfig } from './pg';
import { arrangeScenario, createContact, logInteraction, TEAM } from './scenario';
import { onServerDatabase } from './testDatabase';

afterAll(closeSharedSimulator);

/** A company with no setup at all (newTestCompany makes Marketing Setup; arrangeScenario makes its own). */
async function emptyCompany(): Promise<{ sim: Simulator; companyId: string }> {
  const { sim } = await newTestCompany();
  return { sim, companyId: (await sim.createCompany(`S${Math.random().toString(36).slice(2, 10)}`, { seed: 'empty' })).systemId };
}

const teamName = (sim: Simulator, companyId: string) =>
  sim.run(companyId, { userId: 'TESTER' }, async (s) => (await s.get(Team, 'KCC')).name);

describe('setup rows cached between operations', () => {
  test('a committed change to a setup table is what the next operation reads', async () => {
    const tc = await newTestCompany();
    await tc.run((s) => createTeam(s, 'KCC', []));
    expect(await teamName(tc.sim, tc.companyId)).toBe('Team KCC');
    expect(await teamName(tc.sim, tc.companyId)).toBe('Team KCC');
    await tc.run(async (s) => {
      const team = await s.get(Team, 'KCC');
      team.name = 'Klantcontactcentrum';
      await team.modify(true);
      // Inside the writing transaction the change is read back, not the cached row.
      expect((await s.get(Team, 'KCC')).name).toBe('Klantcontactcentrum');
      expect((await s.find(Team, { name: 'Klantcontactcentrum' })).map((t) => t.code)).toEqual(['KCC']);
    });
    expect(await teamName(tc.sim, tc.companyId)).toBe('Klantcontactcentrum');
  });

  test('a rolled-back change is never served from the cache', async () => {
    const tc = await newTestCompany();
    await tc.run((s) => createTeam(s, 'KCC', []));
    expect(await teamName(tc.sim, tc.companyId)).toBe('Team KCC');
    await expect(
      tc.run(async (s) => {
        const team = await s.get(Team, 'KCC');
        team.name = 'Nooit opgeslagen';
        await team.modify(true);
        expect(await s.count(Team, { name: 'Nooit opgeslagen' })).toBe(1);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await teamName(tc.sim, tc.companyId)).toBe('Team KCC');
    expect(await tc.run((s) => s.count(Team, { name: 'Nooit opgeslagen' }))).toBe(0);
  });

  test('a reset drops the cached rows', async () => {
    const tc = await newTestCompany();
    await tc.run((s) => createTeam(s, 'KCC', []));
    expect(await teamName(tc.sim, tc.companyId)).toBe('Team KCC');
    await tc.sim.resetCompany(tc.companyId);
    expect(await tc.run((s) => s.tryGet(Team, 'KCC'))).toBeNull();
  });
});

describe('a duplicate primary key', () => {
  test("is BC's error from the key's constraint, and nothing of the operation is changed", async () => {
    const tc = await newTestCompany();
    await tc.run((s) => createTeam(s, 'KCC', []));
    const outcome = tc.run(async (s) => {
      await createTeam(s, 'KLACHTEN', []);
      const dup = s.create(Team);
      dup.code = 'KCC';
      dup.name = 'Tweede KCC';
      await dup.insert(true);
    });
    await expect(outcome).rejects.toThrow(RecordExistsError);
    await expect(outcome).rejects.toThrow("The record in table Team already exists. Identification fields and values: Code='KCC'");
    const teams = await tc.run((s) => s.find(Team, {}));
    expect(teams.map((t) => [t.code, t.name])).toEqual([['KCC', 'Team KCC']]);
  });

  test('with a return value (AL `if Rec.Insert(true) then`): false, nothing written, and the transaction goes on', async () => {
    const tc = await newTestCompany();
    await tc.run((s) => createTeam(s, 'KCC', []));
    const outcome = await tc.run(async (s) => {
      const dup = s.create(Team);
      dup.code = 'KCC';
      dup.name = 'Tweede KCC';
      const inserted = await dup.tryInsert(true);
      // On PostgreSQL a failed statement would abort the transaction: this write must still succeed.
      await createTeam(s, 'KLACHTEN', []);
      return { inserted, systemId: dup.systemId, version: dup.rowVersion };
    });
    expect(outcome).toEqual({ inserted: false, systemId: '', version: 0 });
    const teams = await tc.run((s) => s.find(Team, {}));
    expect(teams.map((t) => [t.code, t.name])).toEqual([
      ['KCC', 'Team KCC'],
      ['KLACHTEN', 'Team KLACHTEN'],
    ]);
  });
});

describe('prepared statements', () => {
  test('made once per statement: later operations, other companies and a reset prepare nothing new', async () => {
    const tc = await emptyCompany();
    const other = await emptyCompany();
    // A frozen clock: a modify writes only the columns that changed, so an operation that happens to cross a
    // second (Last Time Modified) writes one more column — a new UPDATE text, rightly prepared once.
    const freeze = (companyId: string) =>
      tc.sim.run(companyId, { userId: 'TESTER' }, async (s) => {
        const setup = await s.get(SimulatorSetup, '');
        await setup.validate('frozenAt', '2026-03-02T09:00:00Z');
        await setup.modify();
      });
    for (const c of [tc, other]) {
      await freeze(c.companyId);
      await arrangeScenario(c.sim, c.companyId, 3);
    }
    const operation = async (companyId: string, i: number) => {
      const contactNo = await createContact(tc.sim, companyId, `Gezin ${i}`);
      await logInteraction(tc.sim, companyId, contactNo, `Vraag ${i}`);
    };
    // Warm-up: each SQLite company is a database (connection) of its own, so each prepares its statements once;
    // PostgreSQL keeps a statement prepared from its second use on.
    for (let i = 0; i < 2; i++) {
      await operation(tc.companyId, -1 - i);
      await operation(other.companyId, -1 - i);
    }
    const prepared = sqlStatements.prepared;
    for (let i = 1; i <= 3; i++) await operation(tc.companyId, i);
    for (let i = 1; i <= 3; i++) await operation(other.companyId, i);
    await tc.sim.resetCompany(tc.companyId); // keeps the frozen clock
    await arrangeScenario(tc.sim, tc.companyId, 3);
    await operation(tc.companyId, 9);
    expect(sqlStatements.prepared - prepared).toBe(0);
  });

  test('PostgreSQL: a new company uses the statements another company prepared', async () => {
    if (!onServerDatabase) return;
    const tc = await emptyCompany();
    await arrangeScenario(tc.sim, tc.companyId, 3);
    for (let i = 0; i < 3; i++) await logInteraction(tc.sim, tc.companyId, await createContact(tc.sim, tc.companyId, `A${i}`), 'Vraag');
    const prepared = sqlStatements.prepared;
    const fresh = await emptyCompany();
    await arrangeScenario(fresh.sim, fresh.companyId, 3);
    await logInteraction(fresh.sim, fresh.companyId, await createContact(fresh.sim, fresh.companyId, 'B'), 'Vraag');
    expect(sqlStatements.prepared - prepared).toBe(0);
  });

  test("PostgreSQL: an operation runs in its company's schema, without waiting for the disk at commit unless configured", async () => {
    if (!onServerDatabase) return;
    const tc = await emptyCompany();
    const seen = await tc.sim.run(tc.companyId, { userId: 'TESTER' }, async (s) => ({
      path: (await s.manager.query('SHOW search_path'))[0].search_path as string,
      sync: (await s.manager.query('SHOW synchronous_commit'))[0].synchronous_commit as string,
    }));
    expect(seen.path).toMatch(/^"?[a-z0-9_]+_c_[0-9a-f]{32}"?$/);
    expect(seen.sync).toBe('off');
  });

  test('an interaction with a team task runs at most 25 statements on SQLite (the issue\'s budget)', async () => {
    const tc = await emptyCompany();
    await arrangeScenario(tc.sim, tc.companyId, 5);
    const contactNo = await createContact(tc.sim, tc.companyId, 'Teller');
    await logInteraction(tc.sim, tc.companyId, contactNo, 'warm-up');
    const before = sqlStatements.count;
    await logInteraction(tc.sim, tc.companyId, contactNo, 'Vraag');
    const statements = sqlStatements.count - before;
    // PostgreSQL adds the search_path, the setup version read and row locks (FOR UPDATE) BC also takes.
    expect(statements).toBeLessThanOrEqual(onServerDatabase ? 32 : 25);
  });
});

describePg('PostgreSQL: two instances over one database', () => {
  let a: Simulator;
  let b: Simulator;
  let companyId: string;

  beforeAll(async () => {
    try {
      a = await Simulator.start({ dataDir: null, seeds: { empty: seedEmptyCompany }, database: sharedPgConfig('cache') });
    } catch (e) {
      throw new Error(`${PG_DOWN_HINT} (${(e as Error).message})`);
    }
    b = await Simulator.start({ dataDir: null, seeds: { empty: seedEmptyCompany }, database: sharedPgConfig('cache') });
    companyId = (await a.createCompany('Cache', { seed: 'empty' })).systemId;
    await arrangeScenario(a, companyId, 2);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await dropSharedSchemas();
  });

  test("a setup change made on one instance is read by the other's next operation", async () => {
    const name = (sim: Simulator) => sim.run(companyId, { userId: 'TESTER' }, async (s) => (await s.get(Team, TEAM)).name);
    expect(await name(a)).toBe(`Team ${TEAM}`);
    expect(await name(b)).toBe(`Team ${TEAM}`);
    await b.run(companyId, { userId: 'TESTER' }, async (s) => {
      const team = await s.get(Team, TEAM);
      team.name = 'Gewijzigd op B';
      await team.modify(true);
    });
    expect(await name(a)).toBe('Gewijzigd op B');
    await a.resetCompany(companyId);
    expect(await b.run(companyId, { userId: 'TESTER' }, (s) => s.tryGet(Team, TEAM))).toBeNull();
  });
});
