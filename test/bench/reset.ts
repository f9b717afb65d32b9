/**
 * Company reset to the demo seed: median and p95 of 20 resets on SQLite in
 * memory, SQLite in a file, and PostgreSQL (when reachable).
 *
 *   npx tsc -p tsconfig.json && node dist/test/bench/reset.js [--count 20] [--db sqlite-memory,sqlite-file,postgres] [--wait-quiet]
 *
 * --wait-quiet: on a shared machine, wait (up to 5 minutes) until other
 * processes leave the CPU idle before each database's series; the CPU they
 * used meanwhile is printed with the figures either way.
 *
 * Before every reset a few rows in several tables are changed (an operation
 * through the tables' own code), so each reset has real work to undo, as
 * between two tests. Only the reset is timed. PostgreSQL:
 * EMPIRE_SIM_BENCH_DB_URL (default postgres://postgres@127.0.0.1:5432/test),
 * in schemas `bench_<random>_*` dropped at the end. Never part of `npm test`.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Contact } from '../../entities';
import { DatabaseConfig, databaseConfigFromEnv } from '../../src/db/config';
import { dropSchemasWithPrefix } from '../../src/db/storage';
import { Simulator } from '../../src/host/Simulator';
import { seedDemoCompany } from '../../src/seed/demo';
import { seedEmptyCompany } from '../../src/seed/empty';
import { cpuSnapshot, othersCpuPct, percentile, waitForQuiet } from './stats';

const args = process.argv.slice(2);
const COUNT = args.includes('--count') ? Number(args[args.indexOf('--count') + 1]) : 20;
const dbs = (args.includes('--db') ? args[args.indexOf('--db') + 1] : 'sqlite-memory,sqlite-file,postgres').split(',');
const waitQuiet = args.includes('--wait-quiet');
const PG_URL = process.env.EMPIRE_SIM_BENCH_DB_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const seeds = { demo: seedDemoCompany, empty: seedEmptyCompany };

/** Changes to undo: a new contact, a modified one, a deleted one. */
async function dirty(sim: Simulator, companyId: string, i: number): Promise<void> {
  await sim.run(companyId, { userId: 'BENCH' }, async (s) => {
    const contacts = await s.find(Contact);
    const c = s.create(Contact);
    c.no = `BENCH${i}`;
    c.name = `Bench ${i}`;
    await c.insert(false);
    if (contacts.length > 1) {
      contacts[0].name = `Changed ${i}`;
      await contacts[0].modify(false);
      await contacts[contacts.length - 1].delete(false);
    }
  });
}

async function measure(label: string, sim: Simulator): Promise<void> {
  const started = performance.now();
  const company = await sim.createCompany(`RESET${randomBytes(2).toString('hex')}`, { seed: 'demo' });
  const createMs = performance.now() - started;
  const snap = await sim.snapshot(company.systemId);
  const rows = Object.values(snap.tables).reduce((n, t) => n + t.length, 0);
  // Warm-up: the first reset of a process pays for whatever it prepares once.
  await sim.resetCompany(company.systemId);
  if (waitQuiet) await waitForQuiet(5 * 60 * 1000);
  const cpu = cpuSnapshot();
  const times: number[] = [];
  for (let i = 0; i < COUNT; i++) {
    await dirty(sim, company.systemId, i);
    const t0 = performance.now();
    await sim.resetCompany(company.systemId);
    times.push(performance.now() - t0);
  }
  const f = (n: number) => n.toFixed(2).padStart(7);
  console.log(
    `${label.padEnd(16)} ${rows} rows  reset median ${f(percentile(times, 50))} ms  p95 ${f(percentile(times, 95))} ms  ` +
      `min ${f(Math.min(...times))} ms  (others' CPU ${othersCpuPct(cpu).toFixed(0)} %; createCompany incl. seed build ${createMs.toFixed(0)} ms)`,
  );
}

async function main(): Promise<void> {
  console.log(`${COUNT} resets of the demo seed per database, each after changes in Contact (insert, modify, delete)`);
  if (dbs.includes('sqlite-memory')) {
    const sim = await Simulator.start({ dataDir: null, seeds, database: { kind: 'sqlite' } });
    try {
      await measure('SQLite :memory:', sim);
    } finally {
      await sim.close();
    }
  }
  if (dbs.includes('sqlite-file')) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'empire-sim-bench-reset-'));
    const sim = await Simulator.start({ dataDir: dir, seeds, database: { kind: 'sqlite' } });
    try {
      await measure('SQLite file', sim);
    } finally {
      await sim.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  if (dbs.includes('postgres')) {
    const prefix = `bench_${randomBytes(3).toString('hex')}`;
    const env = { EMPIRE_SIM_DB: 'postgres', EMPIRE_SIM_DB_URL: PG_URL, EMPIRE_SIM_DB_SCHEMA_PREFIX: prefix, EMPIRE_SIM_DB_MIGRATE: 'run' };
    const config: DatabaseConfig = { ...databaseConfigFromEnv(env), ephemeral: false };
    let sim: Simulator | null = null;
    try {
      sim = await Simulator.start({ dataDir: null, seeds, database: config });
    } catch (e) {
      console.log(`PostgreSQL       not reachable at ${PG_URL} (${(e as Error).message})`);
    }
    if (sim) {
      try {
        await measure('PostgreSQL', sim);
      } finally {
        await sim.close();
        await dropSchemasWithPrefix(config, prefix);
      }
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
