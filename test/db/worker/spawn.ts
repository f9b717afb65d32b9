import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import type { Ack, Job, WorkerMessage } from './dbWorker';

/**
 * Parent side of test/db/worker/dbWorker.ts: starts a worker process with a
 * job and collects what it acknowledges. `go()` releases all workers of a
 * test at once; `kill()` is kill -9.
 */
export class Worker {
  readonly acks: Ack[] = [];
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  readonly done: Promise<{ ok: number; failed: number; latencies?: number[]; elapsedMs?: number; statements?: number; roundTrips?: number; cpuMs?: number } | null>;
  stderr = '';

  constructor(job: Job, env: NodeJS.ProcessEnv) {
    this.child = fork(path.join(__dirname, 'dbWorker.ts'), [], {
      execArgv: ['-r', path.join(__dirname, 'register.js')],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    let readyResolve!: () => void;
    this.ready = new Promise((resolve) => (readyResolve = resolve));
    this.done = new Promise((resolve, reject) => {
      let result: { ok: number; failed: number; latencies?: number[]; elapsedMs?: number; statements?: number; roundTrips?: number; cpuMs?: number } | null = null;
      this.child.on('message', (m: WorkerMessage) => {
        if (m.type === 'ready') readyResolve();
        else if (m.type === 'ack') this.acks.push(m.ack);
        else if (m.type === 'done') result = { ok: m.ok, failed: m.failed, latencies: m.latencies, elapsedMs: m.elapsedMs, statements: m.statements, roundTrips: m.roundTrips, cpuMs: m.cpuMs };
      });
      this.child.on('exit', (code, signal) => {
        if (signal === 'SIGKILL') resolve(null);
        else if (code === 0) resolve(result);
        else reject(new Error(`worker exited with ${code ?? signal}: ${this.stderr}`));
      });
      this.child.on('error', reject);
    });
    // A worker that dies before it is ready must not leave the test waiting for ever.
    this.done.catch(() => readyResolve());
    this.child.send(job);
  }

  go(): void {
    this.child.send('go');
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}

/** Starts workers, waits until all are ready, releases them together and waits for all. */
export async function runWorkers(jobs: Array<{ job: Job; env: NodeJS.ProcessEnv }>): Promise<Worker[]> {
  const workers = jobs.map(({ job, env }) => new Worker(job, env));
  await Promise.all(workers.map((w) => w.ready));
  for (const w of workers) w.go();
  await Promise.all(workers.map((w) => w.done));
  return workers;
}
