// [FEATURE] [Database] — crash test: kill -9 a writer process under load, restart, check that every acknowledged
// write is there, nothing is half-written, and (SQLite) the database passes its integrity check. Repeated.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DatabaseConfig } from '../../src/db/config';
import { Simulator } from '../../src/host/Simulator';
import { seedEmptyCompany } from '../../src/seed/empty';
import { describePg, dropSharedSchemas, sharedPgConfig, sharedPgEnv } from './pg';
import { arrangeScenario, checkInvariants, readState } from './scenario';
import type { Ack } from './worker/dbWorker';
import { Worker } from './worker/spawn';

const MEMBERS = 3;
const seeds = { empty: seedEmptyCompany };

interface CrashReport {
  rounds: number;
  kills: number;
  acknowledged: number;
  anomalies: string[];
}

/**
 * Rounds of: start a writer process (4 concurrent clients: contacts, interactions with team task,
 * takes), let it acknowledge a random number of writes, kill -9 it mid-load, then open the database
 * again and check everything acknowledged so far.
 */
async function crashRounds(
  rounds: number,
  open: () => Promise<Simulator>,
  companyId: string,
  dataDir: string | null,
  env: NodeJS.ProcessEnv,
  afterEachRound: () => Promise<string[]>,
): Promise<CrashReport> {
  const acked: Ack[] = [];
  const anomalies: string[] = [];
  let kills = 0;
  for (let round = 0; round < rounds; round++) {
    const worker = new Worker(
      { kind: 'load', dataDir, companyId, operations: Number.MAX_SAFE_INTEGER, concurrency: 4, takeEvery: 2, members: MEMBERS, tag: `R${round}` },
      env,
    );
    await worker.ready;
    worker.go();
    const target = 5 + Math.floor(Math.random() * 40);
    const deadline = Date.now() + 20000;
    while (worker.acks.length < target && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    worker.kill();
    if ((await worker.done) === null) kills++;
    // A COMMIT already on its way to PostgreSQL may still complete: let the server finish with the dead session.
    await new Promise((r) => setTimeout(r, 100));
    acked.push(...worker.acks);
    anomalies.push(...worker.acks.flatMap((a) => (a.kind === 'error' ? [`round ${round}: ${a.message}`] : [])));

    const sim = await open();
    try {
      const st = await readState(sim, companyId);
      for (const a of acked) {
        if (a.kind === 'contact' && !st.contacts.includes(a.no)) anomalies.push(`round ${round}: acknowledged contact ${a.no} missing`);
        if (a.kind === 'interaction') {
          const e = st.entries.find((x) => x.entryNo === a.entryNo);
          if (!e || e.toDoNo !== a.taskNo || e.contactNo !== a.contactNo) anomalies.push(`round ${round}: acknowledged interaction ${a.entryNo} missing or changed`);
        }
        if (a.kind === 'take' && st.tasks.find((t) => t.no === a.taskNo)?.sp !== a.member) {
          anomalies.push(`round ${round}: acknowledged take of ${a.taskNo} by ${a.member} missing`);
        }
      }
      anomalies.push(...(await checkInvariants(sim, companyId, MEMBERS)).map((x) => `round ${round}: ${x}`));
    } finally {
      await sim.close();
    }
    anomalies.push(...(await afterEachRound()).map((x) => `round ${round}: ${x}`));
  }
  return { rounds, kills, acknowledged: acked.filter((a) => a.kind !== 'error').length, anomalies };
}

const ROUNDS = Number(process.env.EMPIRE_SIM_CRASH_ROUNDS ?? 6);

describe('crash: kill -9 a writer on SQLite', () => {
  let dir: string;
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test(`${ROUNDS} kills under load: every acknowledged write present, nothing half-written, PRAGMA integrity_check ok`, async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'empire-sim-crash-'));
    const config: DatabaseConfig = { kind: 'sqlite' };
    const open = () => Simulator.start({ dataDir: dir, seeds, database: config });
    const sim = await open();
    const companyId = (await sim.createCompany('Crash', { seed: 'empty' })).systemId;
    await arrangeScenario(sim, companyId, MEMBERS);
    await sim.close();

    const integrity = async () => {
      const bad: string[] = [];
      for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.sqlite'))) {
        const db = new Database(path.join(dir, f));
        try {
          const result = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
          if (result[0]?.integrity_check !== 'ok') bad.push(`${f}: ${JSON.stringify(result)}`);
        } finally {
          db.close();
        }
      }
      return bad;
    };
    const report = await crashRounds(ROUNDS, open, companyId, dir, { EMPIRE_SIM_DB: 'sqlite' }, integrity);
    console.log(
      `crash (SQLite): ${report.rounds} rounds, ${report.kills} kills (SIGKILL), ${report.acknowledged} acknowledged writes checked, anomalies ${report.anomalies.length}`,
    );
    expect(report.anomalies).toEqual([]);
    expect(report.kills).toBe(ROUNDS);
    expect(report.acknowledged).toBeGreaterThan(ROUNDS * 5);
  }, 300000);
});

describePg('crash: kill -9 a writer on PostgreSQL', () => {
  afterAll(dropSharedSchemas);

  test(`${ROUNDS} kills under load: every acknowledged write present, nothing half-written (the server rolls back the dead session)`, async () => {
    const open = () => Simulator.start({ dataDir: null, seeds, database: sharedPgConfig('crash') });
    const sim = await open();
    const companyId = (await sim.createCompany('Crash', { seed: 'empty' })).systemId;
    await arrangeScenario(sim, companyId, MEMBERS);
    await sim.close();
    const report = await crashRounds(ROUNDS, open, companyId, null, sharedPgEnv('crash'), async () => []);
    console.log(
      `crash (PostgreSQL): ${report.rounds} rounds, ${report.kills} kills (SIGKILL), ${report.acknowledged} acknowledged writes checked, anomalies ${report.anomalies.length}`,
    );
    expect(report.anomalies).toEqual([]);
    expect(report.kills).toBe(ROUNDS);
  }, 300000);
});
