import { databaseConfigFromEnv } from '../../../src/db/config';
import { sqlStatements } from '../../../src/db/statementCounter';
import { Simulator } from '../../../src/host/Simulator';
import { seedEmptyCompany } from '../../../src/seed/empty';
import { createContact, logInteraction, memberCodes, takeTask } from '../scenario';

/**
 * A child process of the database tests and the benchmark: one simulator
 * instance (EMPIRE_SIM_DB... from its environment; SQLite files in the job's
 * data folder) running a workload against a shared company, reporting every
 * acknowledged (committed) write to the parent over IPC. "Acknowledged"
 * means: the operation's transaction has committed — exactly what an HTTP
 * client would see as a 2xx.
 */
export type Job =
  | {
      kind: 'load';
      dataDir: string | null;
      companyId: string;
      /** Operations to run (Infinity: until killed). */
      operations: number;
      concurrency: number;
      /** Each operation: a new contact and an interaction with a team task; every n-th also takes it. */
      takeEvery: number;
      members: number;
      tag: string;
    }
  | { kind: 'take'; dataDir: string | null; companyId: string; taskNos: string[]; member: string }
  | {
      /**
       * The database benchmark: for each target, `clients` concurrent loops logging interactions with
       * team task in that company until the deadline (one target: one company; several: the load spread
       * over companies). `warmup` operations per target run before the worker says it is ready.
       */
      kind: 'bench';
      dataDir: string | null;
      targets: BenchTarget[];
      durationMs: number;
      warmup?: number;
      /** Then the loops themselves for this long, not measured: a fresh process's JIT settles first. */
      warmupMs?: number;
    };

export interface BenchTarget {
  companyId: string;
  contacts: string[];
  clients: number;
}

export type Ack =
  | { kind: 'contact'; no: string }
  | { kind: 'interaction'; entryNo: number; taskNo: string; contactNo: string; ms: number }
  | { kind: 'take'; taskNo: string; member: string }
  | { kind: 'lost'; taskNo: string; member: string; message: string }
  | { kind: 'error'; message: string };

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'ack'; ack: Ack }
  | { type: 'done'; ok: number; failed: number; latencies?: number[]; elapsedMs?: number; statements?: number; roundTrips?: number; cpuMs?: number };

function send(m: WorkerMessage): Promise<void> {
  return new Promise((resolve) => process.send!(m, () => resolve()));
}

async function runLoad(sim: Simulator, job: Extract<Job, { kind: 'load' }>): Promise<{ ok: number; failed: number }> {
  let next = 0;
  let ok = 0;
  let failed = 0;
  const members = memberCodes(job.members);
  const one = async (i: number) => {
    try {
      const contactNo = await createContact(sim, job.companyId, `${job.tag}-${i}`);
      await send({ type: 'ack', ack: { kind: 'contact', no: contactNo } });
      const started = process.hrtime.bigint();
      const logged = await logInteraction(sim, job.companyId, contactNo, `Vraag ${job.tag}-${i}`);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      await send({ type: 'ack', ack: { kind: 'interaction', ...logged, ms } });
      if (job.takeEvery > 0 && i % job.takeEvery === 0) {
        const member = members[i % members.length];
        await takeTask(sim, job.companyId, logged.taskNo, member);
        await send({ type: 'ack', ack: { kind: 'take', taskNo: logged.taskNo, member } });
      }
      ok++;
    } catch (e) {
      failed++;
      await send({ type: 'ack', ack: { kind: 'error', message: (e as Error).message } });
    }
  };
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (next < job.operations) await one(next++);
    }),
  );
  return { ok, failed };
}

async function runTake(sim: Simulator, job: Extract<Job, { kind: 'take' }>): Promise<{ ok: number; failed: number }> {
  let ok = 0;
  let failed = 0;
  for (const taskNo of job.taskNos) {
    try {
      await takeTask(sim, job.companyId, taskNo, job.member);
      ok++;
      await send({ type: 'ack', ack: { kind: 'take', taskNo, member: job.member } });
    } catch (e) {
      failed++;
      await send({ type: 'ack', ack: { kind: 'lost', taskNo, member: job.member, message: (e as Error).message } });
    }
  }
  return { ok, failed };
}

export interface BenchResult {
  ok: number;
  failed: number;
  latencies: number[];
  elapsedMs: number;
  errors: string[];
  /** SQL statements this process sent during the loops (src/db/statementCounter.ts). */
  statements: number;
  /** Of those, the ones whose answer it waited for (on PostgreSQL: round trips). */
  roundTrips: number;
  /** CPU time (user + system) of this process during the loops. */
  cpuMs: number;
}

/** Runs the benchmark loops in one company; the latencies (ms) of the successful operations go back with 'done'. */
export function benchLoop(sim: Simulator, companyId: string, contacts: string[], clients: number, durationMs: number): Promise<BenchResult> {
  return benchTargets(sim, [{ companyId, contacts, clients }], durationMs);
}

/** The benchmark loops over several companies at once: each target's `clients` loops log interactions in its company. */
export async function benchTargets(sim: Simulator, targets: BenchTarget[], durationMs: number): Promise<BenchResult> {
  const latencies: number[] = [];
  const errors: string[] = [];
  let failed = 0;
  const statementsBefore = sqlStatements.count;
  const roundTripsBefore = sqlStatements.roundTrips;
  const cpuBefore = process.cpuUsage();
  const started = Date.now();
  const deadline = started + durationMs;
  const loops = targets.flatMap((t, n) => Array.from({ length: t.clients }, (_, c) => ({ ...t, c: n * 1000 + c })));
  await Promise.all(
    loops.map(async ({ companyId, contacts, c }) => {
      let i = 0;
      while (Date.now() < deadline) {
        const contactNo = contacts[(c * 7919 + i++ * 104729) % contacts.length];
        const t0 = process.hrtime.bigint();
        try {
          await logInteraction(sim, companyId, contactNo, `Bench ${c}-${i}`);
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        } catch (e) {
          failed++;
          if (errors.length < 5) errors.push((e as Error).message);
        }
      }
    }),
  );
  const cpu = process.cpuUsage(cpuBefore);
  return {
    ok: latencies.length,
    failed,
    latencies,
    elapsedMs: Date.now() - started,
    errors,
    statements: sqlStatements.count - statementsBefore,
    roundTrips: sqlStatements.roundTrips - roundTripsBefore,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

async function main(): Promise<void> {
  const job = await new Promise<Job>((resolve) => process.once('message', (m) => resolve(m as Job)));
  // The shared company's storage: SQLite files in the job's folder, or the server schemas named by the
  // environment — never a worker's own ephemeral ones.
  const sim = await Simulator.start({
    dataDir: job.dataDir,
    seeds: { empty: seedEmptyCompany },
    database: { ...databaseConfigFromEnv(), ephemeral: false },
  });
  if (job.kind === 'bench') {
    // Not measured: caches, prepared statements, this instance's first look at each company.
    for (const t of job.targets) {
      for (let i = 0; i < (job.warmup ?? 0); i++) await logInteraction(sim, t.companyId, t.contacts[i % t.contacts.length], `Warm-up ${i}`);
    }
    if (job.warmupMs) await benchTargets(sim, job.targets, job.warmupMs);
  }
  await send({ type: 'ready' });
  // The parent starts all workers' load at once, so their transactions really overlap.
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  if (job.kind === 'bench') {
    const r = await benchTargets(sim, job.targets, job.durationMs);
    await sim.close();
    await send({ type: 'done', ok: r.ok, failed: r.failed, latencies: r.latencies, elapsedMs: r.elapsedMs, statements: r.statements, roundTrips: r.roundTrips, cpuMs: r.cpuMs });
    process.disconnect();
    return;
  }
  const result = job.kind === 'load' ? await runLoad(sim, job) : await runTake(sim, job);
  await sim.close();
  await send({ type: 'done', ...result });
  process.disconnect();
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
