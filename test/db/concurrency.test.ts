// [FEATURE] [Database] — correctness under concurrency comes from the database: number series, Interaction
// Log Entry numbers, taking a team task, optimistic concurrency; two instances over one PostgreSQL database,
// and many concurrent operations in one process on SQLite.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Contact } from '../../entities';
import { TaskSystemType } from '../../entities/CRM/Task/TaskEnums';
import { BcError } from '../../src/runtime/BcError';
import { Simulator } from '../../src/host/Simulator';
import { seedEmptyCompany } from '../../src/seed/empty';
import { describePg, dropSharedSchemas, PG_DOWN_HINT, sharedPgConfig } from './pg';
import {
  arrangeScenario,
  checkInvariants,
  createContact,
  logInteraction,
  LOST_RACE,
  memberCodes,
  readState,
  takeTask,
} from './scenario';

const seeds = { empty: seedEmptyCompany };
const MEMBERS = 4;

async function settle<T>(ps: Array<Promise<T>>): Promise<Array<{ ok: true; value: T } | { ok: false; error: unknown }>> {
  return Promise.all(ps.map((p) => p.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }))));
}

describePg('PostgreSQL: two simulator instances over one database (each its own connection pool)', () => {
  let a: Simulator;
  let b: Simulator;
  let companyId: string;

  beforeAll(async () => {
    try {
      a = await Simulator.start({ dataDir: null, seeds, database: sharedPgConfig('two') });
    } catch (e) {
      throw new Error(`${PG_DOWN_HINT} (${(e as Error).message})`);
    }
    b = await Simulator.start({ dataDir: null, seeds, database: sharedPgConfig('two') });
    companyId = (await a.createCompany('Race', { seed: 'empty' })).systemId;
    await arrangeScenario(a, companyId, MEMBERS);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await dropSharedSchemas();
  });

  test('a company created on one instance is served by the other (looked up in the system schema)', async () => {
    expect(b.listCompanies().map((c) => c.name)).not.toContain('Race');
    const contactNo = await createContact(b, companyId, 'Via B');
    expect(contactNo).toMatch(/^CT\d{6}$/);
    expect(b.listCompanies().map((c) => c.name)).toContain('Race');
  });

  test('number series: each number once, gapless; Interaction Log Entry numbers: each once, under 2 × 16 concurrent operations', async () => {
    await b.resetCompany(companyId);
    await arrangeScenario(a, companyId, MEMBERS);
    const contacts = await settle(Array.from({ length: 32 }, (_, i) => createContact(i % 2 ? a : b, companyId, `Gezin ${i}`)));
    expect(contacts.filter((r) => !r.ok)).toEqual([]);
    const nos = contacts.map((r) => (r.ok ? r.value : '')).sort();
    expect(nos).toEqual(Array.from({ length: 32 }, (_, i) => `CT${String(i + 1).padStart(6, '0')}`));

    const logged = await settle(nos.map((no, i) => logInteraction(i % 2 ? b : a, companyId, no, `Vraag ${i}`)));
    expect(logged.filter((r) => !r.ok)).toEqual([]);
    // BC takes the Entry No. from a NumberSequence (codeunit 9500), outside the transaction and without a table
    // lock: unique, but neither gapless (a rolled-back interaction keeps its number) nor in commit order.
    const entries = logged.map((r) => (r.ok ? r.value.entryNo : 0));
    expect(new Set(entries).size).toBe(32);
    expect(entries.every((n) => Number.isInteger(n) && n > 0)).toBe(true);
    expect(await checkInvariants(a, companyId, MEMBERS)).toEqual([]);
  });

  test('taking a team task: of the members racing on two instances exactly one wins, the others get BC\'s error', async () => {
    const contactNo = await createContact(a, companyId, 'Takers');
    for (let round = 0; round < 5; round++) {
      const { taskNo } = await logInteraction(a, companyId, contactNo, `Ronde ${round}`);
      const results = await settle(memberCodes(MEMBERS).map((m, i) => takeTask(i % 2 ? a : b, companyId, taskNo, m)));
      const winners = results.flatMap((r, i) => (r.ok ? [memberCodes(MEMBERS)[i]] : []));
      expect(winners).toHaveLength(1);
      for (const r of results) {
        if (r.ok) continue;
        expect(r.error).toBeInstanceOf(BcError);
        expect((r.error as BcError).message).toMatch(LOST_RACE);
      }
      const tasks = (await readState(b, companyId)).tasks.filter((t) => t.organizer === taskNo);
      expect(tasks).toEqual([expect.objectContaining({ no: taskNo, sp: winners[0], type: TaskSystemType.Organizer })]);
    }
    expect(await checkInvariants(b, companyId, MEMBERS)).toEqual([]);
  });

  test('optimistic concurrency across instances: two edits of the same version, one wins, no lost update', async () => {
    const no = await createContact(a, companyId, 'Versie');
    const onA = await a.run(companyId, { userId: 'ANNE' }, (s) => s.get(Contact, no));
    const onB = await b.run(companyId, { userId: 'BOB' }, (s) => s.get(Contact, no));
    await a.run(companyId, { userId: 'ANNE' }, async (s) => {
      onA.attach(s);
      onA.phoneNo = '010-1111111';
      await onA.modify();
    });
    const err = await b
      .run(companyId, { userId: 'BOB' }, async (s) => {
        onB.attach(s);
        onB.phoneNo = '010-2222222';
        await onB.modify();
      })
      .then(() => null, (e: unknown) => e as BcError);
    expect(err?.message).toBe(
      'Another user has modified the record for this Contact after you retrieved it from the database.\nEnter your changes again in the updated window, or start the interrupted activity again.',
    );
    const stored = await b.run(companyId, { userId: 'BOB' }, (s) => s.get(Contact, no));
    expect(stored.phoneNo).toBe('010-1111111');
    expect(stored.rowVersion).toBe(onA.rowVersion);
  });

  test('optimistic concurrency with both writers in flight at once: exactly one of them commits', async () => {
    const no = await createContact(a, companyId, 'Gelijktijdig');
    for (let round = 0; round < 5; round++) {
      const [x, y] = await Promise.all([a, b].map((sim) => sim.run(companyId, { userId: 'X' }, (s) => s.get(Contact, no))));
      const results = await settle(
        [x, y].map((rec, i) =>
          (i ? b : a).run(companyId, { userId: 'X' }, async (s) => {
            rec.attach(s);
            rec.phoneNo = `06-${round}${i}`;
            await rec.modify();
          }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const winner = results.findIndex((r) => r.ok);
      const stored = await a.run(companyId, { userId: 'X' }, (s) => s.get(Contact, no));
      expect(stored.phoneNo).toBe(`06-${round}${winner}`);
    }
  });
});

describe('SQLite in one process: concurrent operations are serialized per company, in WAL mode with a busy timeout', () => {
  let dir: string;
  let sim: Simulator;
  let companyId: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'empire-sim-sqlite-'));
    sim = await Simulator.start({ dataDir: dir, seeds, database: { kind: 'sqlite' } });
    companyId = (await sim.createCompany('Druk', { seed: 'empty' })).systemId;
    await arrangeScenario(sim, companyId, MEMBERS);
  });

  afterAll(async () => {
    await sim?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('64 concurrent contacts, interactions and takes: no "transaction already started", no "database is locked"', async () => {
    const contacts = await settle(Array.from({ length: 24 }, (_, i) => createContact(sim, companyId, `Gezin ${i}`)));
    expect(contacts.filter((r) => !r.ok)).toEqual([]);
    const nos = contacts.map((r) => (r.ok ? r.value : ''));
    const logged = await settle(nos.map((no, i) => logInteraction(sim, companyId, no, `Vraag ${i}`)));
    expect(logged.filter((r) => !r.ok)).toEqual([]);
    const tasks = logged.map((r) => (r.ok ? r.value.taskNo : ''));
    // Two members per task race; the loser's error must be BC's, never SQLite's.
    const takes = await settle(tasks.slice(0, 8).flatMap((t) => [takeTask(sim, companyId, t, 'M01'), takeTask(sim, companyId, t, 'M02')]));
    for (const r of takes) if (!r.ok) expect((r.error as Error).message).toMatch(LOST_RACE);
    expect(takes.filter((r) => r.ok)).toHaveLength(8);
    expect(await checkInvariants(sim, companyId, MEMBERS)).toEqual([]);
  });

  test('the company database is in WAL mode with a busy timeout', async () => {
    const pragmas = await sim.run(companyId, { userId: 'X' }, async (s) => ({
      journal: await s.manager.query('PRAGMA journal_mode'),
      busy: await s.manager.query('PRAGMA busy_timeout'),
    }));
    expect(pragmas.journal).toEqual([{ journal_mode: 'wal' }]);
    expect(pragmas.busy).toEqual([{ timeout: 5000 }]);
  });
});
