/**
 * `npm run bench:startup`: how long `npm start` takes, on a built checkout,
 * to answer its first HTTP request (goal: < 2 s). Spawns `npm start` (as a
 * user types it: npm, scripts/start.js, the server) on a free port with
 * HOST=127.0.0.1 and polls `GET /` every 10 ms from the moment of the spawn
 * until it answers 200; then one authenticated API request
 * (`GET /api/v2.0/companies`). Cases:
 *   - restart: an existing data dir (the usual `npm start`);
 *   - first start: a new, empty data dir (the demo company is created);
 *   - `EMPIRE_SIM_DATA_DIR=:memory:` (the demo company is created, in memory).
 * References in the same run: `node scripts/start.js` without npm, and a bare
 * Node HTTP server (`node -e …`): what any Node server needs to answer.
 *
 * Flags: --quick (1 run per case instead of 3), --runs <n>, --json <file>.
 * A run that had to build first (the build was stale) is marked. Never part
 * of `npm test`; no timed assertions.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const GOAL_MS = 2000;
const TIMEOUT_MS = 180_000;
const AUTH = `Basic ${Buffer.from('ANNE:demo-anne').toString('base64')}`;

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const runs = argv.includes('--runs') ? Math.max(1, Number(argv[argv.indexOf('--runs') + 1])) : quick ? 1 : 3;
const jsonOut = argv.includes('--json') ? argv[argv.indexOf('--json') + 1] : null;

/**
 * The checkout: the nearest folder up with empire-sim's package.json and a
 * tsconfig.json (this file runs from dist/test/bench or test/bench; dist has
 * a copy of package.json, not the tsconfig).
 */
function repoRoot(): string {
  let dir = __dirname;
  while (dir !== path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    const isCheckout = fs.existsSync(pkg) && fs.existsSync(path.join(dir, 'tsconfig.json'));
    if (isCheckout && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'empire-sim') return dir;
    dir = path.dirname(dir);
  }
  throw new Error('bench: not inside the empire-sim checkout');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function get(port: number, urlPath: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.setTimeout(5000, () => req.destroy());
  });
}

interface Run {
  case: string;
  firstOkMs: number;
  firstApiMs: number;
  built: boolean;
  /** What the server says it took ("ready in …"), when it says so. */
  readyInMs: number | null;
}

/** Spawns `command` in its own process group, polls until `GET /` answers 200, then stops the group. */
async function measureStart(label: string, command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, api = true): Promise<Run> {
  const port = await freePort();
  let output = '';
  const t0 = performance.now();
  const child: ChildProcess = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    let firstOkMs = NaN;
    while (performance.now() - t0 < TIMEOUT_MS) {
      if (exited) throw new Error(`${label}: the process exited before answering:\n${output}`);
      if ((await get(port, '/')) === 200) {
        firstOkMs = performance.now() - t0;
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    if (!Number.isFinite(firstOkMs)) throw new Error(`${label}: no answer in ${TIMEOUT_MS / 1000} s:\n${output}`);
    let firstApiMs = NaN;
    if (api) {
      const status = await get(port, '/api/v2.0/companies', { authorization: AUTH });
      if (status !== 200) throw new Error(`${label}: GET /api/v2.0/companies → ${status}\n${output}`);
      firstApiMs = performance.now() - t0;
    }
    const ready = /ready in ([\d.]+) s/.exec(output);
    return { case: label, firstOkMs, firstApiMs, built: /empire-sim: building/.test(output), readyInMs: ready ? Number(ready[1]) * 1000 : null };
  } finally {
    await stopGroup(child);
  }
}

/** SIGTERM to the process group this benchmark started (npm, its shell, the server); SIGKILL after 10 s. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
  // The server may outlive npm for a moment while it closes its databases.
  await new Promise((r) => setTimeout(r, 200));
}

function median(values: number[]): number {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
}

const fmt = (v: number) => (Number.isFinite(v) ? `${(v / 1000).toFixed(2)} s` : '–');

async function main(): Promise<void> {
  const root = repoRoot();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'empire-sim-startup-'));
  const cpus = os.cpus();
  console.log(`empire-sim startup benchmark: ${runs} run(s) per case; ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)}`);
  const all: Run[] = [];
  try {
    let n = 0;
    const newDir = () => fs.mkdtempSync(path.join(temp, `data-${n++}-`));
    // The data dir the restarts use: made by one start that is not measured.
    const existing = newDir();
    await measureStart('prepare', npm, ['start', '--silent'], { EMPIRE_SIM_DATA_DIR: existing }, root, false);

    const cases: Array<{ label: string; run: () => Promise<Run> }> = [
      { label: 'npm start, restart (existing data dir)', run: () => measureStart('npm start, restart (existing data dir)', npm, ['start', '--silent'], { EMPIRE_SIM_DATA_DIR: existing }, root) },
      { label: 'npm start, first start (new data dir: creates the demo company)', run: () => measureStart('npm start, first start (new data dir: creates the demo company)', npm, ['start', '--silent'], { EMPIRE_SIM_DATA_DIR: newDir() }, root) },
      { label: 'npm start, EMPIRE_SIM_DATA_DIR=:memory:', run: () => measureStart('npm start, EMPIRE_SIM_DATA_DIR=:memory:', npm, ['start', '--silent'], { EMPIRE_SIM_DATA_DIR: ':memory:' }, root) },
      {
        label: 'reference: node scripts/start.js (no npm), restart',
        run: () => measureStart('reference: node scripts/start.js (no npm), restart', process.execPath, [path.join(root, 'scripts', 'start.js')], { EMPIRE_SIM_DATA_DIR: existing }, root),
      },
      {
        label: 'reference: a bare Node HTTP server (node -e)',
        run: () =>
          measureStart(
            'reference: a bare Node HTTP server (node -e)',
            process.execPath,
            ['-e', "require('http').createServer((q, r) => r.end('{}')).listen(Number(process.env.PORT), process.env.HOST)"],
            {},
            root,
            false,
          ),
      },
    ];
    for (let i = 0; i < runs; i++) {
      for (const c of cases) {
        const r = await c.run();
        all.push(r);
        console.log(
          `  ${r.case}: first 200 after ${fmt(r.firstOkMs)}${Number.isFinite(r.firstApiMs) ? `, first API 200 after ${fmt(r.firstApiMs)}` : ''}` +
            `${r.readyInMs !== null ? ` (server: ready in ${fmt(r.readyInMs)})` : ''}${r.built ? ' — BUILT FIRST (the build was stale)' : ''}`,
        );
      }
    }
    const bare = median(all.filter((r) => r.case.startsWith('reference: a bare')).map((r) => r.firstOkMs));
    const rows = cases.map((c) => {
      const rs = all.filter((r) => r.case === c.label);
      const first = median(rs.map((r) => r.firstOkMs));
      const isGoal = c.label.startsWith('npm start');
      return {
        case: c.label,
        runs: rs.length,
        firstOkMs: first,
        firstApiMs: median(rs.map((r) => r.firstApiMs)),
        timesBareNode: first / bare,
        goal: isGoal ? `< ${GOAL_MS / 1000} s` : '',
        met: isGoal ? first < GOAL_MS : null,
        built: rs.some((r) => r.built),
      };
    });
    console.log('\n| Case | Runs | First HTTP 200 (median) | First API 200 | ÷ bare Node server | Goal | Met |');
    console.log('|---|---:|---:|---:|---:|---|---|');
    for (const r of rows) {
      console.log(
        `| ${r.case}${r.built ? ' (included a build)' : ''} | ${r.runs} | ${fmt(r.firstOkMs)} | ${fmt(r.firstApiMs)} | ${r.timesBareNode.toFixed(1)}× | ${r.goal} | ${r.met === null ? '' : r.met ? 'yes' : 'no'} |`,
      );
    }
    if (os.loadavg()[0] > cpus.length * 0.75) console.log(`Note: load average ${os.loadavg()[0].toFixed(1)} on ${cpus.length} cores: other work shared the CPU.`);
    if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ node: process.version, cpus: cpus.length, runs: all, summary: rows }, null, 2));
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
