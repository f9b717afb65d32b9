// [FEATURE] [Database] — SQLite's WAL checkpoints on a thread of their own, not inside a company's commits (src/db/walCheckpointer.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Contact } from '../../entities';
import { Simulator } from '../../src/host/Simulator';
import { seedEmptyCompany } from '../../src/seed/empty';
import { BACKSTOP_PAGES, CHECKPOINT_EVERY, WAL_SIZE_LIMIT_BYTES, walCheckpointer } from '../../src/db/walCheckpointer';
import { arrangeScenario, createContact } from './scenario';

const seeds = { empty: seedEmptyCompany };

describe('SQLite: WAL checkpoints off the commit path', () => {
  let dataDir: string;
  let sim: Simulator | null = null;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'empire-sim-wal-'));
  });
  afterEach(async () => {
    await sim?.close();
    sim = null;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const companyFile = (id: string) => path.join(dataDir, `company-${id}.sqlite`);
  /** A setting of the company's own connection, as its transactions see it. */
  const pragma = (s: Simulator, id: string, name: string) =>
    s.run(id, { userId: 'X' }, async (session) => (await session.manager.query(`PRAGMA ${name}`))[0][name] as number);

  test("a company's commits are checkpointed by the thread; its own autocheckpoint is only the backstop", async () => {
    sim = await Simulator.start({ dataDir, seeds });
    const c = await sim.createCompany('Wal', { seed: 'empty' });
    expect(await pragma(sim, c.systemId, 'wal_autocheckpoint')).toBe(BACKSTOP_PAGES);
    const before = await walCheckpointer.stats();
    await arrangeScenario(sim, c.systemId, 2);
    for (let i = 0; i < CHECKPOINT_EVERY * 3; i++) await createContact(sim, c.systemId, `Wal${i}`);
    const after = await walCheckpointer.stats();
    // The thread copied the WAL's frames into the company file: without it nothing would before 10,000 pages.
    expect(after.checkpoints - before.checkpoints).toBeGreaterThanOrEqual(2);
    expect(after.framesCopied).toBeGreaterThan(before.framesCopied);
    expect(after.open).toBe(1);
    // What was copied is the company's data: a second connection reads every contact.
    const db = new Database(companyFile(c.systemId), { readonly: true });
    try {
      expect((db.prepare('SELECT COUNT(*) AS n FROM "Contact"').get() as { n: number }).n).toBe(CHECKPOINT_EVERY * 3);
    } finally {
      db.close();
    }
  });

  test('the system database and in-memory companies keep SQLite’s own checkpoints', async () => {
    sim = await Simulator.start({ dataDir, seeds });
    const system = new Database(path.join(dataDir, 'system.sqlite'));
    try {
      expect(system.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    } finally {
      system.close();
    }
    await sim.close();
    sim = await Simulator.start({ dataDir: null, seeds });
    const c = await sim.createCompany('Mem', { seed: 'empty' });
    await arrangeScenario(sim, c.systemId, 2);
    for (let i = 0; i < CHECKPOINT_EVERY + 1; i++) await createContact(sim, c.systemId, `Mem${i}`);
    expect(walCheckpointer.running).toBe(false);
  });

  test('reset, restore, delete and a new company with the thread holding the file; close ends the thread', async () => {
    sim = await Simulator.start({ dataDir, seeds });
    const one = await sim.createCompany('Een', { seed: 'empty' });
    const two = await sim.createCompany('Twee', { seed: 'empty' });
    for (const c of [one, two]) {
      await arrangeScenario(sim, c.systemId, 2);
      for (let i = 0; i < CHECKPOINT_EVERY; i++) await createContact(sim, c.systemId, `C${i}`);
    }
    expect((await walCheckpointer.stats()).open).toBe(2);

    const contacts = (id: string) => sim!.run(id, { userId: 'X' }, (s) => s.count(Contact));
    const snapshot = await sim.snapshot(one.systemId);
    await sim.resetCompany(one.systemId);
    expect(await contacts(one.systemId)).toBe(0);
    await arrangeScenario(sim, one.systemId, 2);
    for (let i = 0; i < CHECKPOINT_EVERY; i++) await createContact(sim, one.systemId, `R${i}`);
    expect(await contacts(one.systemId)).toBe(CHECKPOINT_EVERY);
    // Restored under the thread's connection, then checkpointed again: the snapshot's contacts plus the new ones.
    await sim.restore(one.systemId, snapshot);
    for (let i = 0; i < CHECKPOINT_EVERY; i++) await createContact(sim, one.systemId, `S${i}`);
    expect(await contacts(one.systemId)).toBe(CHECKPOINT_EVERY * 2);
    const checkpointsBefore = (await walCheckpointer.stats()).checkpoints;
    for (let i = 0; i < CHECKPOINT_EVERY; i++) await createContact(sim, one.systemId, `T${i}`);
    expect((await walCheckpointer.stats()).checkpoints).toBeGreaterThan(checkpointsBefore);

    await sim.deleteCompany(two.systemId);
    expect(fs.existsSync(companyFile(two.systemId))).toBe(false);
    expect((await walCheckpointer.stats()).open).toBe(1);
    const three = await sim.createCompany('Drie', { seed: 'empty' });
    await arrangeScenario(sim, three.systemId, 2);
    for (let i = 0; i < CHECKPOINT_EVERY; i++) await createContact(sim, three.systemId, `D${i}`);
    expect(await sim.run(three.systemId, { userId: 'X' }, (s) => s.count(Contact))).toBe(CHECKPOINT_EVERY);

    await sim.close();
    sim = null;
    expect(walCheckpointer.running).toBe(false);
    // Every connection is closed: the files open again and hold what was committed.
    sim = await Simulator.start({ dataDir, seeds });
    expect(await contacts(one.systemId)).toBe(CHECKPOINT_EVERY * 3);
    expect(await contacts(three.systemId)).toBe(CHECKPOINT_EVERY);
  });

  test('a WAL grown by one large transaction shrinks back to the limit once it is copied and started again', async () => {
    sim = await Simulator.start({ dataDir, seeds });
    const c = await sim.createCompany('Groot', { seed: 'empty' });
    const wal = `${companyFile(c.systemId)}-wal`;
    expect(await pragma(sim, c.systemId, 'journal_size_limit')).toBe(WAL_SIZE_LIMIT_BYTES);
    // One transaction of ~24 MB, as a bulk load or a large restore writes (a table of the test's own).
    await sim.run(c.systemId, { userId: 'X' }, async (s) => {
      await s.manager.query('CREATE TABLE "Big_Test" ("x" blob)');
      for (let i = 0; i < 24; i++) await s.manager.query('INSERT INTO "Big_Test" VALUES (randomblob(1048576))');
    });
    expect(fs.statSync(wal).size).toBeGreaterThan(WAL_SIZE_LIMIT_BYTES);
    await arrangeScenario(sim, c.systemId, 2);
    // Commits until the thread has checkpointed everything, then one more: its writer starts the WAL again.
    for (let i = 0; i < CHECKPOINT_EVERY * 2; i++) await createContact(sim, c.systemId, `Groot${i}`);
    await walCheckpointer.stats();
    await createContact(sim, c.systemId, 'Laatste');
    expect(fs.statSync(wal).size).toBeLessThanOrEqual(WAL_SIZE_LIMIT_BYTES);
    expect(await sim.run(c.systemId, { userId: 'X' }, (s) => s.count(Contact))).toBe(CHECKPOINT_EVERY * 2 + 1);
  });

  test('frames copied count each frame once: a checkpoint that finds nothing new adds nothing', async () => {
    const file = companyFile('count');
    const db = new Database(file);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('wal_autocheckpoint = 0');
      db.exec("CREATE TABLE t (x); INSERT INTO t VALUES (randomblob(20000))");
      const frames = (db.pragma('wal_checkpoint(NOOP)') as { log: number }[])[0].log;
      expect(frames).toBeGreaterThan(4);
      walCheckpointer.track(file);
      const start = await walCheckpointer.stats();
      for (let i = 0; i < CHECKPOINT_EVERY; i++) walCheckpointer.committed(file);
      const first = await walCheckpointer.stats();
      expect(first.framesCopied - start.framesCopied).toBe(frames);
      expect(first.largestWal).toBeGreaterThanOrEqual(frames);
      // No write since: SQLite still reports the whole WAL as checkpointed, which is not a second copy.
      for (let i = 0; i < CHECKPOINT_EVERY; i++) walCheckpointer.committed(file);
      const second = await walCheckpointer.stats();
      expect(second.checkpoints).toBe(first.checkpoints + 1);
      expect(second.framesCopied).toBe(first.framesCopied);
      // A write restarts the WAL (everything was copied): the next checkpoint counts only its frames.
      db.exec("INSERT INTO t VALUES (randomblob(100))");
      const after = (db.pragma('wal_checkpoint(NOOP)') as { log: number }[])[0].log;
      expect(after).toBeLessThan(frames);
      for (let i = 0; i < CHECKPOINT_EVERY; i++) walCheckpointer.committed(file);
      expect((await walCheckpointer.stats()).framesCopied - second.framesCopied).toBe(after);
    } finally {
      await walCheckpointer.release(file);
      db.close();
    }
  });

  test('a file that vanished under the thread is no error; its release ends the thread', async () => {
    const file = companyFile('gone');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    walCheckpointer.track(file);
    walCheckpointer.track(`${file}-never-made`);
    for (let i = 0; i < CHECKPOINT_EVERY; i++) walCheckpointer.committed(file);
    expect((await walCheckpointer.stats()).open).toBe(1);
    db.close();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    for (let i = 0; i < CHECKPOINT_EVERY; i++) walCheckpointer.committed(file);
    for (let i = 0; i < CHECKPOINT_EVERY; i++) walCheckpointer.committed(`${file}-never-made`);
    expect((await walCheckpointer.stats()).open).toBe(1);
    await walCheckpointer.release(file);
    await walCheckpointer.release(`${file}-never-made`);
    expect(walCheckpointer.running).toBe(false);
  });
});
