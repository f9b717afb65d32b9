/**
 * `npm run bench:db`: interactions with a team task logged per second on
 * SQLite and PostgreSQL, in the same run, with 1, 8 and 32 concurrent
 * clients in one instance, and with two instances (two processes, 16
 * clients each) over one PostgreSQL database; p50/p99 latency per operation.
 *
 * One operation = EmpireInteraction.fromContact with template VRAAG in one
 * Simulator.run transaction: an Interaction Log Entry, its comment line, a
 * team task, one member copy per team member (4), the task's note, and the
 * number series and table locks that make it safe under concurrency. The
 * clients are async loops in the process (no HTTP), so the figures are the
 * database layer's.
 *
 *   npm run bench:db                   # full: 8 s per measurement
 *   npm run bench:db -- --quick        # 2 s per measurement
 *   npm run bench:db -- --db sqlite    # one database only
 *   npm run bench:db -- --json out.json
 *   npm run bench:db -- --wait-quiet  # shared machine: wait for an idle CPU before each measurement
 *
 * PostgreSQL: EMPIRE_SIM_BENCH_DB_URL (default postgres://postgres@127.0.0.1:5432/test);
 * the benchmark works in schemas `bench_<random>_*` and drops them at the end.
 * Never part of `npm test`; no timed assertions.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseConfig, databaseConfigFromEnv } from '../../src/db/config';
import { dropSchemasWithPrefix } from '../../src/db/storage';
import { Simulator } from '../../src/runtime/Simulator';
import { seedEmptyCompany } from '../../src/seed/empty';
import { arrangeScenario, createContact, logInteraction } from '../db/scenario';
import { benchLoop } from '../db/worker/dbWorker';
import { Worker } from '../db/worker/spawn';

interface Row {
  db: string;
  setup: string;
  clients: number;
  ops: number;
  failed: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** 1-minute load average at the end of the measurement: other work on the machine shows here. */
  load: number;
}

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const durationMs = (quick ? 2 : 8) * 1000;
const dbs = (args.includes('--db') ? args[args.indexOf('--db') + 1] : 'sqlite,postgres').split(',');
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;
const waitQuietFlag = args.includes('--wait-quiet');
const CLIENTS = [1, 8, 32];
const MEMBERS = 4;
const CONTACTS = 200;
const PG_URL = process.env.EMPIRE_SIM_BENCH_DB_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** CPU busy fraction of the whole machine over `ms` (this process idle meanwhile). */
async function machineBusy(ms: number): Promise<number> {
  const sum = () => os.cpus().reduce((a, c) => ({ idle: a.idle + c.times.idle, total: a.total + Object.values(c.times).reduce((x, y) => x + y, 0) }), { idle: 0, total: 0 });
  const a = sum();
  await new Promise((r) => setTimeout(r, ms));
  const b = sum();
  return 1 - (b.idle - a.idle) / Math.max(1, b.total - a.total);
}

/**
 * --wait-quiet: on a shared machine, wait (up to 10 minutes) until the others
 * leave the CPU mostly idle before a measurement, so the figures are ours.
 */
async function waitQuiet(): Promise<void> {
  if (!waitQuietFlag) return;
  const until = Date.now() + 10 * 60 * 1000;
  while (Date.now() < until) {
    if ((await machineBusy(3000)) < 0.15) return;
  }
  console.warn('  (the machine did not get quiet in 10 minutes; measuring anyway)');
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function row(db: string, setup: string, clients: number, latencies: number[], failed: number, elapsedMs: number): Row {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    db,
    setup,
    clients,
    ops: latencies.length,
    failed,
    seconds: elapsedMs / 1000,
    perSecond: latencies.length / (elapsedMs / 1000),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    load: os.loadavg()[0],
  };
}

async function prepare(sim: Simulator): Promise<{ companyId: string; contacts: string[] }> {
  const companyId = (await sim.createCompany('Bench', { seed: 'empty' })).systemId;
  await arrangeScenario(sim, companyId, MEMBERS);
  const contacts: string[] = [];
  for (let i = 0; i < CONTACTS; i++) contacts.push(await createContact(sim, companyId, `Bench ${i}`));
  // Warm-up: caches, prepared plans, the seed snapshot; not measured.
  for (let i = 0; i < 20; i++) await logInteraction(sim, companyId, contacts[i], 'Warm-up');
  return { companyId, contacts };
}

async function measureInProcess(db: string, sim: Simulator, companyId: string, contacts: string[], out: Row[]): Promise<void> {
  for (const clients of CLIENTS) {
    await waitQuiet();
    const r = await benchLoop(sim, companyId, contacts, clients, durationMs);
    if (r.errors.length) console.warn(`  ${db}, ${clients} clients: ${r.failed} failed, e.g. ${r.errors[0]}`);
    out.push(row(db, '1 instance', clients, r.latencies, r.failed, r.elapsedMs));
    print(out[out.length - 1]);
  }
}

async function benchSqlite(out: Row[]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'empire-sim-bench-db-'));
  const sim = await Simulator.start({ dataDir: dir, seeds: { empty: seedEmptyCompany }, database: { kind: 'sqlite' } });
  try {
    const { companyId, contacts } = await prepare(sim);
    await measureInProcess('SQLite', sim, companyId, contacts, out);
  } finally {
    await sim.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPostgres(out: Row[]): Promise<void> {
  const prefix = `bench_${randomBytes(3).toString('hex')}`;
  const env = { EMPIRE_SIM_DB: 'postgres', EMPIRE_SIM_DB_URL: PG_URL, EMPIRE_SIM_DB_SCHEMA_PREFIX: prefix, EMPIRE_SIM_DB_MIGRATE: 'run', EMPIRE_SIM_DB_POOL: '32' };
  const config: DatabaseConfig = { ...databaseConfigFromEnv(env), ephemeral: false };
  const sim = await Simulator.start({ dataDir: null, seeds: { empty: seedEmptyCompany }, database: config });
  try {
    const { companyId, contacts } = await prepare(sim);
    await measureInProcess('PostgreSQL', sim, companyId, contacts, out);

    // Two instances: two processes over the same schemas, 16 clients each, started together.
    await waitQuiet();
    const workers = [0, 1].map(
      () => new Worker({ kind: 'bench', dataDir: null, companyId, contacts, clients: 16, durationMs }, { ...env, EMPIRE_SIM_DB_POOL: '16' }),
    );
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.go();
    const results = await Promise.all(workers.map((w) => w.done));
    const latencies = results.flatMap((r) => r?.latencies ?? []);
    const failed = results.reduce((n, r) => n + (r?.failed ?? 0), 0);
    const elapsed = Math.max(...results.map((r) => r?.elapsedMs ?? durationMs));
    out.push(row('PostgreSQL', '2 instances × 16', 32, latencies, failed, elapsed));
    print(out[out.length - 1]);
  } finally {
    await sim.close();
    await dropSchemasWithPrefix(config, prefix);
  }
}

function print(r: Row): void {
  console.log(
    `  ${r.db.padEnd(10)} ${r.setup.padEnd(17)} ${String(r.clients).padStart(3)} clients  ${r.perSecond.toFixed(1).padStart(7)}/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  (${r.ops} ops${r.failed ? `, ${r.failed} failed` : ''}; load ${r.load.toFixed(1)})`,
  );
}

function markdown(rows: Row[]): string {
  const lines = [
    '| Database | Instances | Clients | Interactions with team task / s | p50 | p99 | Operations (failed) | Load avg |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.db} | ${r.setup} | ${r.clients} | ${r.perSecond.toFixed(1)} | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ${r.ops} (${r.failed}) | ${r.load.toFixed(1)} |`,
    ),
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  console.log(
    `empire-sim database benchmark: ${durationMs / 1000} s per measurement; ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  const rows: Row[] = [];
  if (dbs.includes('sqlite')) await benchSqlite(rows);
  if (dbs.includes('postgres')) await benchPostgres(rows);
  console.log(`\n${markdown(rows)}`);
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ durationMs, cpus: cpus.length, node: process.version, rows }, null, 2));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
