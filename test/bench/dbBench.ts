/**
 * `npm run bench:db`: interactions with a team task logged per second on
 * SQLite and PostgreSQL, in the same run, with 1, 8 and 32 concurrent
 * clients in one instance, and with two instances (two processes, 16
 * clients each) over one PostgreSQL database; p50/p99 latency per operation,
 * SQL statements per operation.
 *
 * PostgreSQL also with the load spread over several companies, as a class of
 * trainees makes it: COMPANIES companies (--companies, default 8), one client
 * loop in each, served by one instance, then by two instances (two processes,
 * each serving half of the companies' loops) — the same 8 clients either way.
 * Both are worker processes (test/db/worker/dbWorker.ts) with a warm-up, so
 * one instance and two differ only in the number of processes. A
 * single-company run with one worker (32 clients) is the reference for the
 * two instances × 16 on one company.
 *
 * At the end, the goals of the data-path issue next to the figures, as
 * ratios measured in the same run: PostgreSQL ≥ 500 interactions/s with 8
 * clients in one company; two instances ≥ 1.6× one instance with the load
 * spread over companies; two instances on one company never below one.
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
 *   npm run bench:db -- --companies 4  # the spread measurement over 4 companies (default 8)
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
import { NoSeriesLine } from '../../entities';
import { NoSeriesImplementation } from '../../entities/Foundation/NoSeriesImplementation.Enum';
import { DatabaseConfig, databaseConfigFromEnv } from '../../src/db/config';
import { dropSchemasWithPrefix } from '../../src/db/storage';
import { Simulator } from '../../src/host/Simulator';
import { seedEmptyCompany } from '../../src/seed/empty';
import { arrangeScenario, createContact, logInteraction } from '../db/scenario';
import { BenchTarget, benchLoop } from '../db/worker/dbWorker';
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
  /** SQL statements per successful operation (NaN when not counted). */
  statements: number;
  /** Of those, the ones waited for: round trips to the database on PostgreSQL (NaN when not counted). */
  roundTrips: number;
  /** CPU time of the simulator process(es) per successful operation, ms (NaN when not measured). */
  cpuMsPerOp: number;
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
const COMPANIES = args.includes('--companies') ? Math.max(2, Number(args[args.indexOf('--companies') + 1])) : 8;
const SPREAD_CONTACTS = quick ? 20 : 50;
const WORKER_WARMUP = quick ? 5 : 20;
/** Then each worker runs its loops this long unmeasured: measured from a cold JIT, a process's first seconds cost ~2× the CPU per operation. */
const WORKER_WARMUP_MS = quick ? 1000 : 3000;

/** The goals of the data-path issue (PostgreSQL). */
const GOALS = {
  /** Interactions with a team task per second, 8 clients, one company, one instance, at least. */
  pgPerSecond8Clients: 500,
  /** Two instances ÷ one instance, the load spread over companies, at least. */
  spreadTwoInstances: 1.6,
  /** Two instances ÷ one instance on a single company, at least (never below one instance). */
  singleTwoInstances: 1.0,
};
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

function row(
  db: string,
  setup: string,
  clients: number,
  latencies: number[],
  failed: number,
  elapsedMs: number,
  counts: { statements?: number; roundTrips?: number; cpuMs?: number } = {},
): Row {
  const perOp = (n: number | undefined) => (n ?? NaN) / Math.max(1, latencies.length);
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
    statements: perOp(counts.statements),
    roundTrips: perOp(counts.roundTrips),
    cpuMsPerOp: perOp(counts.cpuMs),
    load: os.loadavg()[0],
  };
}

async function prepare(sim: Simulator, name = 'Bench', contactCount = CONTACTS, warmup = 20): Promise<{ companyId: string; contacts: string[] }> {
  const companyId = (await sim.createCompany(name, { seed: 'empty' })).systemId;
  await arrangeScenario(sim, companyId, MEMBERS);
  const contacts: string[] = [];
  for (let i = 0; i < contactCount; i++) contacts.push(await createContact(sim, companyId, `${name} ${i}`));
  // Warm-up: caches, prepared plans, the seed snapshot; not measured.
  for (let i = 0; i < warmup; i++) await logInteraction(sim, companyId, contacts[i % contacts.length], 'Warm-up');
  return { companyId, contacts };
}

async function measureInProcess(db: string, sim: Simulator, companyId: string, contacts: string[], out: Row[]): Promise<void> {
  for (const clients of CLIENTS) {
    await waitQuiet();
    const r = await benchLoop(sim, companyId, contacts, clients, durationMs);
    if (r.errors.length) console.warn(`  ${db}, ${clients} clients: ${r.failed} failed, e.g. ${r.errors[0]}`);
    out.push(row(db, '1 instance', clients, r.latencies, r.failed, r.elapsedMs, r));
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
    await measureSequenceTasks(sim, out);

    // One company, instance processes over the same schemas: one with 32 clients, then two with 16 each, started together.
    const single = [{ companyId, contacts }];
    await runInstances(out, env, '1 instance (process) × 32', [[{ ...single[0], clients: 32 }]]);
    await runInstances(out, env, '2 instances × 16', [[{ ...single[0], clients: 16 }], [{ ...single[0], clients: 16 }]]);

    // The load spread over companies (a class of trainees): one client loop per company, the same loops on one instance, then on two.
    console.log(`  … ${COMPANIES} companies for the spread measurement (${SPREAD_CONTACTS} contacts each)`);
    const companies = await Promise.all(Array.from({ length: COMPANIES }, (_, k) => prepare(sim, `Trainee ${String(k + 1).padStart(2, '0')}`, SPREAD_CONTACTS, 0)));
    const loops: BenchTarget[] = companies.map((c) => ({ ...c, clients: 1 }));
    await runInstances(out, env, `1 instance, ${COMPANIES} companies × 1`, [loops]);
    await runInstances(out, env, `2 instances, ${COMPANIES} companies × 1`, [loops.filter((_, k) => k % 2 === 0), loops.filter((_, k) => k % 2 === 1)]);
  } finally {
    await sim.close();
    await dropSchemasWithPrefix(config, prefix);
  }
}

/**
 * 8 clients again, in a company whose TAAK line has Implementation = Sequence (codeunit 307 "No. Series -
 * Sequence Impl."): the task numbers come from a NumberSequence, without the line's lock.
 */
async function measureSequenceTasks(sim: Simulator, out: Row[]): Promise<void> {
  const { companyId, contacts } = await prepare(sim, 'Bench Sequence', CONTACTS, 0);
  await sim.run(companyId, { userId: 'ADMIN' }, async (s) => {
    const line = await s.get(NoSeriesLine, 'TAAK', 10000);
    await line.validate('implementation', NoSeriesImplementation.Sequence);
    await line.modify(true);
  });
  for (let i = 0; i < 20; i++) await logInteraction(sim, companyId, contacts[i], 'Warm-up');
  await waitQuiet();
  const r = await benchLoop(sim, companyId, contacts, 8, durationMs);
  out.push(row('PostgreSQL', 'TAAK Sequence, 1 instance', 8, r.latencies, r.failed, r.elapsedMs, r));
  print(out[out.length - 1]);
}

/**
 * Instance processes (test/db/worker/dbWorker.ts) over the PostgreSQL schemas
 * of `env`, one per entry of `instances` (the loops it runs), warmed up, then
 * released together; one row for all of them.
 */
async function runInstances(out: Row[], env: NodeJS.ProcessEnv, setup: string, instances: BenchTarget[][]): Promise<void> {
  await waitQuiet();
  const workers = instances.map((targets) => {
    const clients = targets.reduce((n, t) => n + t.clients, 0);
    return new Worker({ kind: 'bench', dataDir: null, targets, durationMs, warmup: WORKER_WARMUP, warmupMs: WORKER_WARMUP_MS }, { ...env, EMPIRE_SIM_DB_POOL: String(Math.min(32, 2 * clients)) });
  });
  try {
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.go();
    const results = await Promise.all(workers.map((w) => w.done));
    const latencies = results.flatMap((r) => r?.latencies ?? []);
    const failed = results.reduce((n, r) => n + (r?.failed ?? 0), 0);
    const sum = (f: (r: NonNullable<(typeof results)[number]>) => number | undefined) => results.reduce((n, r) => n + (r ? (f(r) ?? NaN) : NaN), 0);
    const counts = { statements: sum((r) => r.statements), roundTrips: sum((r) => r.roundTrips), cpuMs: sum((r) => r.cpuMs) };
    const elapsed = Math.max(...results.map((r) => r?.elapsedMs ?? durationMs));
    const clients = instances.flat().reduce((n, t) => n + t.clients, 0);
    out.push(row('PostgreSQL', setup, clients, latencies, failed, elapsed, counts));
    print(out[out.length - 1]);
  } catch (e) {
    for (const w of workers) if (w.child.exitCode === null) w.kill();
    throw e;
  }
}

interface Goal {
  goal: string;
  measured: string;
  target: string;
  met: boolean | null;
}

/** The goals next to the figures of this run (null: a figure is missing, e.g. --db sqlite). */
function goals(rows: Row[]): Goal[] {
  const find = (setup: string, clients?: number) => rows.find((r) => r.db === 'PostgreSQL' && r.setup === setup && (clients === undefined || r.clients === clients));
  const out: Goal[] = [];
  const pg8 = find('1 instance', 8);
  const sqlite8 = rows.find((r) => r.db === 'SQLite' && r.clients === 8);
  out.push({
    goal: 'PostgreSQL, 8 clients, one company, one instance',
    measured: pg8 ? `${pg8.perSecond.toFixed(1)}/s${sqlite8 ? ` (${(pg8.perSecond / sqlite8.perSecond).toFixed(2)}× SQLite's ${sqlite8.perSecond.toFixed(1)}/s)` : ''}` : '–',
    target: `≥ ${GOALS.pgPerSecond8Clients}/s`,
    met: pg8 ? pg8.perSecond >= GOALS.pgPerSecond8Clients : null,
  });
  const ratio = (label: string, two: Row | undefined, one: Row | undefined, target: number) =>
    out.push({
      goal: label,
      measured: two && one ? `${(two.perSecond / one.perSecond).toFixed(2)}× (${two.perSecond.toFixed(1)}/s ÷ ${one.perSecond.toFixed(1)}/s)` : '–',
      target: `≥ ${target.toFixed(1)}×`,
      met: two && one ? two.perSecond / one.perSecond >= target : null,
    });
  const spreadOne = rows.find((r) => r.db === 'PostgreSQL' && r.setup.startsWith('1 instance, '));
  const spreadTwo = rows.find((r) => r.db === 'PostgreSQL' && r.setup.startsWith('2 instances, '));
  ratio(`PostgreSQL, load spread over ${COMPANIES} companies (1 client each): 2 instances ÷ 1 instance`, spreadTwo, spreadOne, GOALS.spreadTwoInstances);
  ratio('PostgreSQL, one company, 32 clients: 2 instances × 16 ÷ 1 instance × 32', find('2 instances × 16'), find('1 instance (process) × 32'), GOALS.singleTwoInstances);
  return out;
}

function print(r: Row): void {
  console.log(
    `  ${r.db.padEnd(10)} ${r.setup.padEnd(27)} ${String(r.clients).padStart(3)} clients  ${r.perSecond.toFixed(1).padStart(7)}/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  ` +
      `${Number.isFinite(r.statements) ? `${r.statements.toFixed(1)} statements/op (${r.roundTrips.toFixed(1)} waited for)  ` : ''}` +
      `${Number.isFinite(r.cpuMsPerOp) ? `node CPU ${r.cpuMsPerOp.toFixed(2)} ms/op  ` : ''}(${r.ops} ops${r.failed ? `, ${r.failed} failed` : ''}; load ${r.load.toFixed(1)})`,
  );
}

function fixed(n: number, digits: number, unit = ''): string {
  return Number.isFinite(n) ? `${n.toFixed(digits)}${unit}` : '–';
}

function markdown(rows: Row[]): string {
  const lines = [
    '| Database | Instances | Clients | Interactions with team task / s | p50 | p99 | SQL statements / op | of which waited for (round trips) | Node CPU / op | Operations (failed) | Load avg |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.db} | ${r.setup} | ${r.clients} | ${r.perSecond.toFixed(1)} | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ${fixed(r.statements, 1)} | ${fixed(r.roundTrips, 1)} | ${fixed(r.cpuMsPerOp, 2, ' ms')} | ${r.ops} (${r.failed}) | ${r.load.toFixed(1)} |`,
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
  const g = goals(rows);
  console.log(`\nGoals (issue: the data path), ratios from this run${quick ? ' (a --quick run: 2 s per measurement, indicative only)' : ''}:`);
  console.log(
    ['| Goal | Measured | Goal | Met |', '|---|---|---|---|', ...g.map((x) => `| ${x.goal} | ${x.measured} | ${x.target} | ${x.met === null ? '–' : x.met ? 'yes' : 'no'} |`)].join('\n'),
  );
  if (os.loadavg()[0] > os.cpus().length * 0.75) console.log(`Note: load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores: other work shared the CPU (with PostgreSQL, on the same cores).`);
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ durationMs, cpus: cpus.length, node: process.version, companies: COMPANIES, rows, goals: g }, null, 2));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
