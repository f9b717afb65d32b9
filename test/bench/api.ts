/**
 * `npm run bench:api`: the HTTP API benchmark (docs/benchmarks.md, section "API").
 *
 * A child process runs the simulator the way `npm start` does (file-backed
 * SQLite in a temporary data dir, the real Express app) with a bulk-loaded
 * company — 100,000 contacts and 500,000 interaction log entries with their
 * team tasks (test/bench/bulk.ts) — and, in the same process on another port,
 * a bare Express "hello" endpoint: the HTTP ceiling of this machine and
 * stack. This process is the load generator (keep-alive connections, a fixed
 * number of requests in flight). Measured, each next to the ceiling:
 *   1. a filtered, paged list: a team's tasks, `$filter` on status, 50 per page (Prefer: odata.maxpagesize);
 *   2. a single-entity GET with `$expand` (a household with its interaction log entries and tasks);
 *   3. a PATCH with If-Match (each connection chains its own contact's ETags);
 *   4. a POST (answered 204) of an interaction with a team task of 5 (the Empire action
 *      `contacts({id})/Microsoft.NAV.createInteractionFromTemplate`, template
 *      MEASURED_TEAM.template: an entry, its note, a team task + 5 member copies);
 *   5. the time of one company reset (POST /_sim/companies/{id}/reset), demo seed and empty seed.
 * Each of 1–4 is printed as a ratio to the "hello" ceiling measured right
 * around it, next to its goal (GOALS), and the SQL statements per request
 * (counted in-process, src/db/statementCounter.ts).
 *
 * Flags: --quick (small volume, a smoke run), --only list|single|patch|post (one
 * scenario, no resets: for iterating on one path), --profile <dir> (the server's CPU
 * profile of each measured scenario, <dir>/<scenario>.cpuprofile and <scenario>-serial.cpuprofile), --json <file>. Never part of
 * `npm test`; no timed assertions. Loopback only, bounded request counts.
 */
import 'reflect-metadata';
import { ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import inspector from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import express from 'express';
import { EmpireInteraction } from '../../codeunits/process/EmpireInteraction.Codeunit';
import type { ApiCall } from '../../src/http/api/apiCall';
import { ApiService } from '../../src/http/api/ApiService';
import { apiGroups } from '../../pages';
import { createApp } from '../../src/http/app';
import { BUSINESS_USER_SET, SUPER } from '../../src/host/Permissions';
import { Simulator } from '../../src/host/Simulator';
import { demoUsers, seedDemoCompany } from '../../src/seed/demo';
import { seedEmptyCompany } from '../../src/seed/empty';
import { sqlStatements } from '../../src/db/statementCounter';
import { bulkLoad } from './bulk';
import { createHouseholdAsUser, KCC_USERS, MEASURED_TEAM, NOTES, randomName, setUpBenchCompany } from './setup';
import { Rng } from './stats';

interface Sizes {
  contacts: number;
  entries: number;
  teamTasks: number;
  warmup: number;
  requests: number;
  patchRequests: number;
  postRequests: number;
  resets: number;
  concurrency: number;
}

const FULL: Sizes = {
  contacts: 100_000,
  entries: 500_000,
  teamTasks: 20_000,
  warmup: 300,
  requests: 3000,
  patchRequests: 1500,
  postRequests: 1500,
  resets: 10,
  concurrency: 8,
};
const QUICK: Sizes = {
  contacts: 5_000,
  entries: 20_000,
  teamTasks: 10_000,
  warmup: 50,
  requests: 300,
  patchRequests: 200,
  postRequests: 200,
  resets: 3,
  concurrency: 8,
};

type ScenarioKey = 'list' | 'single' | 'patch' | 'post';

/** The goals of the data-path issue: each scenario's rate as a share of the Express "hello" ceiling, at least. */
const GOALS: Record<ScenarioKey, number> = { list: 0.5, single: 0.5, patch: 0.25, post: 0.2 };

interface ServerInfo {
  apiPort: number;
  helloPort: number;
  companyId: string;
  demoCompanyId: string;
  emptyCompanyId: string;
  teamId: string;
  householdIds: string[];
  patchIds: string[];
  loadMs: number;
  rows: Record<string, number>;
  sqlite: string;
}

const USER = 'ANNE';
const KEY = 'demo-anne';
const AUTH = `Basic ${Buffer.from(`${USER}:${KEY}`).toString('base64')}`;

// ---- the server (child process) ----

async function serve(sizes: Sizes): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'empire-sim-api-bench-'));
  process.once('disconnect', () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
  const sim = await Simulator.start({
    dataDir,
    seeds: { empty: seedEmptyCompany, demo: seedDemoCompany },
    // The measuring user also resets companies (/_sim): SUPER in this throwaway simulator; the KCC users work in BENCH.
    users: [
      ...demoUsers.map((u) => (u.userName === USER ? { ...u, permissions: [{ roleId: SUPER }] } : u)),
      ...KCC_USERS.map((u) => ({
        userName: u,
        fullName: u,
        webServiceAccessKey: `bench-${u.toLowerCase()}`,
        language: 'en-US' as const,
        permissions: [{ roleId: BUSINESS_USER_SET, company: 'BENCH' }],
      })),
    ],
  });
  const company = await sim.createCompany('BENCH', { seed: 'empty' });
  await setUpBenchCompany(sim, company.systemId);
  // The bulk load copies rows the real layer wrote: one household and one contact moment with a team task.
  await sim.run(company.systemId, { userId: USER }, async (s) => {
    const c = await createHouseholdAsUser(s, randomName(new Rng(1)));
    await new EmpireInteraction(s).fromContact(c.no, { templateCode: MEASURED_TEAM.template, note: 'Eerste vraag' });
  });
  const t0 = performance.now();
  const load = await bulkLoad(sim, company.systemId, { contacts: sizes.contacts, entries: sizes.entries, teamTasks: sizes.teamTasks }, new Rng(42));
  const loadMs = performance.now() - t0;
  const demo = await sim.createCompany('DEMO', { seed: 'demo' });
  const empty = await sim.createCompany('EMPTY', { seed: 'empty' });

  const app = createApp(sim, { seeds: ['empty', 'demo'], journalSize: 1000 });
  const apiServer = await listen(app);
  const hello = express();
  hello.disable('x-powered-by');
  hello.set('etag', false);
  hello.get('/hello', (_req, res) => {
    res.json({ hello: 'world' });
  });
  const helloServer = await listen(hello);

  const ids = await sim.run(company.systemId, { userId: USER }, async (s) => {
    const { Team, Contact } = await import('../../entities');
    const team = await s.get(Team, MEASURED_TEAM.code);
    const rng = new Rng(7);
    const households = load.households;
    const pick = async (n: number) => {
      const out: string[] = [];
      for (let i = 0; i < n; i++) out.push((await s.get(Contact, rng.pick(households))).systemId);
      return out;
    };
    return { teamId: team.systemId, householdIds: await pick(200), patchIds: await pick(sizes.concurrency) };
  });
  // The SQLite library the simulator links (better-sqlite3's), asked on a scratch in-memory database.
  const scratch = new Database(':memory:');
  const sqlite = String((scratch.prepare('select sqlite_version() as v').get() as { v: string }).v);
  scratch.close();
  const info: ServerInfo = {
    apiPort: (apiServer.address() as AddressInfo).port,
    helloPort: (helloServer.address() as AddressInfo).port,
    companyId: company.systemId,
    demoCompanyId: demo.systemId,
    emptyCompanyId: empty.systemId,
    loadMs,
    rows: load.rows,
    sqlite,
    ...ids,
  };
  process.send!(info);

  // In-process: the same requests through ApiService.handle (OData parsing, the transaction, the page
  // layer, JSON) without Express and HTTP — what the API costs before the wire.
  const service = new ApiService(sim, apiGroups);
  const user = (await sim.findUser(USER))!;
  const etags = new Map<string, string>();
  // --profile: a CPU profile of the server during each measured scenario (8 in flight), nothing else.
  const profiler = new inspector.Session();
  profiler.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => profiler.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result))));
  process.on('message', async (m: { cmd: string; file?: string }) => {
    if (m.cmd === 'cpu') {
      process.send!({ cmd: 'cpu', usage: process.cpuUsage() });
    } else if (m.cmd === 'profile-start') {
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 50 });
      await post('Profiler.start');
      process.send!({ cmd: 'profiling' });
    } else if (m.cmd === 'profile-stop') {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      fs.writeFileSync(m.file!, JSON.stringify(profile));
      process.send!({ cmd: 'profiled' });
    }
  });
  process.on('message', async (m: { cmd: string; scenario: string; n: number }) => {
    if (m.cmd !== 'inproc') return;
    const crm = `/empire/crm/v1.0/companies(${info.companyId})`;
    const latencies: number[] = [];
    const statementsBefore = sqlStatements.count;
    const cpuBefore = process.cpuUsage();
    for (let i = 0; i < m.n; i++) {
      const call = (method: string, pathAndQuery: string, headers: Record<string, string> = {}, body?: unknown): ApiCall => {
        const q = pathAndQuery.indexOf('?');
        return {
          method,
          path: q < 0 ? pathAndQuery : pathAndQuery.slice(0, q),
          search: q < 0 ? '' : pathAndQuery.slice(q + 1),
          header: (name) => headers[name.toLowerCase()],
          body,
          user,
          origin: 'http://127.0.0.1',
          responseHeaders: {},
        };
      };
      const t = performance.now();
      if (m.scenario === 'list') {
        await service.handle(call('GET', `${crm}/teams(${info.teamId})/tasks?${LIST_QUERY}`, { prefer: 'odata.maxpagesize=50' }));
      } else if (m.scenario === 'single') {
        await service.handle(call('GET', `${crm}/contacts(${info.householdIds[i % info.householdIds.length]})?${EXPAND_QUERY}`));
      } else if (m.scenario === 'post') {
        await service.handle(call('POST', `${crm}/contacts(${info.householdIds[i % info.householdIds.length]})/${POST_ACTION}`, {}, postBody(i)));
      } else {
        const id = info.patchIds[0];
        const reply = await service.handle(
          call('PATCH', `${crm}/contacts(${id})`, { 'if-match': etags.get(id) ?? '*' }, { phoneNumber: `06${String(20_000_000 + i)}` }),
        );
        etags.set(id, (reply.body as Record<string, string>)['@odata.etag']);
      }
      latencies.push(performance.now() - t);
    }
    const cpu = process.cpuUsage(cpuBefore);
    process.send!({ latencies, statements: (sqlStatements.count - statementsBefore) / m.n, cpuMs: (cpu.user + cpu.system) / 1000 / m.n });
  });
}

const LIST_QUERY = `$filter=${encodeURIComponent("status eq 'Not_x0020_Started'")}&$select=number,description,date,status,contactNumber,salespersonCode`;
const EXPAND_QUERY = '$expand=interactionLogEntries,tasks';
const POST_ACTION = 'Microsoft.NAV.createInteractionFromTemplate';
const postBody = (i: number) => ({ templateCode: MEASURED_TEAM.template, note: NOTES[i % NOTES.length] });

function listen(app: express.Express): Promise<http.Server> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
    server.keepAliveTimeout = 60_000;
  });
}

// ---- the load generator (parent process) ----

interface Result {
  label: string;
  requests: number;
  wallMs: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  statuses: Record<string, number>;
  /** The server process's CPU milliseconds per request (user + system), where measured. */
  serverCpuMs?: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function send(port: number, method: string, urlPath: string, headers: Record<string, string> = {}, body?: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        agent,
        headers: { authorization: AUTH, ...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

/** `n` requests, `concurrency` in flight; `op(worker, i)` sends one and returns its status. */
async function load(label: string, n: number, concurrency: number, op: (worker: number, i: number) => Promise<number>): Promise<Result> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < n) {
        const i = next++;
        const t = performance.now();
        const status = await op(worker, i);
        latencies.push(performance.now() - t);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  const wallMs = performance.now() - start;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length, Math.max(1, Math.ceil((p / 100) * latencies.length))) - 1];
  return { label, requests: n, wallMs, perSecond: n / (wallMs / 1000), p50Ms: pct(50), p99Ms: pct(99), statuses };
}

async function measure(sizes: Sizes, info: ServerInfo, child: ChildProcess, only: ScenarioKey | undefined, profileDir: string | undefined) {
  const api = (p: string) => p;
  const crm = `/api/empire/crm/v1.0/companies(${info.companyId})`;
  const listUrl = `${crm}/teams(${info.teamId})/tasks?${LIST_QUERY}`;
  const expandUrl = (id: string) => `${crm}/contacts(${id})?${EXPAND_QUERY}`;
  const hello = () => send(info.helloPort, 'GET', '/hello').then((r) => r.status);
  const list = () => send(info.apiPort, 'GET', api(listUrl), { prefer: 'odata.maxpagesize=50' }).then((r) => r.status);
  const single = (_w: number, i: number) => send(info.apiPort, 'GET', expandUrl(info.householdIds[i % info.householdIds.length])).then((r) => r.status);
  const etags = new Map<number, string>();
  const patch = async (w: number, i: number) => {
    const id = info.patchIds[w];
    let etag = etags.get(w);
    if (!etag) etag = JSON.parse((await send(info.apiPort, 'GET', `${crm}/contacts(${id})?$select=id`)).body)['@odata.etag'] as string;
    const r = await send(info.apiPort, 'PATCH', `${crm}/contacts(${id})`, { 'if-match': etag }, { phoneNumber: `06${String(10_000_000 + i)}` });
    if (r.status === 200) etags.set(w, JSON.parse(r.body)['@odata.etag']);
    return r.status;
  };
  const postUrl = (id: string) => `${crm}/contacts(${id})/${POST_ACTION}`;
  const post = (_w: number, i: number) =>
    send(info.apiPort, 'POST', postUrl(info.householdIds[i % info.householdIds.length]), {}, postBody(i)).then((r) => r.status);

  // Sanity: the list is a real page of 50 with a next link, the expand has entries.
  const first = JSON.parse((await send(info.apiPort, 'GET', listUrl, { prefer: 'odata.maxpagesize=50' })).body);
  const sample = JSON.parse((await send(info.apiPort, 'GET', expandUrl(info.householdIds[0]))).body);
  const facts = {
    listPage: first.value?.length,
    listHasNextLink: Boolean(first['@odata.nextLink']),
    openTeamTasks: Number(
      (await send(info.apiPort, 'GET', `${crm}/teams(${info.teamId})/tasks/$count?$filter=${encodeURIComponent("status eq 'Not_x0020_Started'")}`)).body,
    ),
    expandedEntries: sample.interactionLogEntries?.length,
    expandedTasks: sample.tasks?.length,
    postedTask: await checkPost(info, crm, postUrl(info.householdIds[0])),
  };

  const pairs: Pair[] = [];
  const inProcess = (scenario: string, n: number) =>
    new Promise<{ latencies: number[]; statements: number; cpuMs: number }>((resolve) => {
      child.once('message', (m) => {
        const reply = m as { latencies: number[]; statements: number; cpuMs: number };
        resolve({ ...reply, latencies: reply.latencies.sort((a, b) => a - b) });
      });
      child.send({ cmd: 'inproc', scenario, n });
    });
  const run = async (label: string, n: number, op: (w: number, i: number) => Promise<number>, key: ScenarioKey) => {
    if (only && only !== key) return;
    await load(`${label} (warm-up)`, sizes.warmup, sizes.concurrency, op);
    await load('hello (warm-up)', sizes.warmup, sizes.concurrency, hello);
    // The ceiling is measured right before and after the scenario; the mean of the two is its reference.
    const before = await serverCpu(child, () => load('Express "hello"', n, sizes.concurrency, hello));
    if (profileDir) await ask(child, { cmd: 'profile-start' });
    const scenario = await serverCpu(child, () => load(label, n, sizes.concurrency, op));
    if (profileDir) await ask(child, { cmd: 'profile-stop', file: path.join(profileDir, `${key}.cpuprofile`) });
    const after = await serverCpu(child, () => load('Express "hello"', n, sizes.concurrency, hello));
    const ceiling: Result = {
      ...before,
      wallMs: (before.wallMs + after.wallMs) / 2,
      perSecond: (before.perSecond + after.perSecond) / 2,
      p50Ms: (before.p50Ms + after.p50Ms) / 2,
      p99Ms: (before.p99Ms + after.p99Ms) / 2,
      serverCpuMs: (before.serverCpuMs! + after.serverCpuMs!) / 2,
    };
    // One request at a time: the latency of a request alone (the company's transactions are serialized anyway).
    if (profileDir) await ask(child, { cmd: 'profile-start' });
    const serial = await serverCpu(child, () => load(`${label} (one at a time)`, Math.min(n, 300), 1, op));
    if (profileDir) await ask(child, { cmd: 'profile-stop', file: path.join(profileDir, `${key}-serial.cpuprofile`) });
    const { latencies: ip, statements, cpuMs: inProcessCpuMs } = await inProcess(key, Math.min(n, 300));
    const at = (p: number) => ip[Math.min(ip.length, Math.max(1, Math.ceil((p / 100) * ip.length))) - 1];
    const ratio = scenario.perSecond / ceiling.perSecond;
    pairs.push({
      key,
      scenario,
      ceiling,
      serial,
      inProcessP50Ms: at(50),
      inProcessCpuMs,
      inProcessP99Ms: at(99),
      statementsPerRequest: statements,
      ratioToHello: ratio,
      goal: GOALS[key],
      met: ratio >= GOALS[key],
    });
  };
  await run("list: a team's open tasks, $filter + $select, 50 per page", sizes.requests, list, 'list');
  await run('single GET with $expand (log entries + tasks)', sizes.requests, single, 'single');
  await run('PATCH with If-Match', sizes.patchRequests, patch, 'patch');
  // Last: every POST adds a team task to the list measured first.
  await run(
    `POST interaction with a team task of ${MEASURED_TEAM.members.length} (createInteractionFromTemplate ${MEASURED_TEAM.template})`,
    sizes.postRequests,
    post,
    'post',
  );

  const resets: Record<string, number[]> = { demo: [], empty: [] };
  for (const [seed, id] of [
    ['demo', info.demoCompanyId],
    ['empty', info.emptyCompanyId],
  ] as const) {
    for (let i = 0; i < (only ? 0 : sizes.resets); i++) {
      const t = performance.now();
      const r = await send(info.apiPort, 'POST', `/_sim/companies/${id}/reset`);
      if (r.status !== 204) throw new Error(`reset → ${r.status} ${r.body}`);
      resets[seed].push(performance.now() - t);
    }
  }
  return { facts, pairs, resets };
}

/** Sends a control message to the server and waits for its answer. */
function ask<T = unknown>(child: ChildProcess, message: object): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as T));
    child.send(message);
  });
}

/**
 * The server process's CPU time per request over a load: a figure that other work on the machine
 * disturbs less than the rates, since with the load generator on the other core the rate is about its inverse.
 */
async function serverCpu(child: ChildProcess, run: () => Promise<Result>): Promise<Result> {
  const cpu = async () => {
    const { usage } = await ask<{ usage: NodeJS.CpuUsage }>(child, { cmd: 'cpu' });
    return (usage.user + usage.system) / 1000;
  };
  const before = await cpu();
  const result = await run();
  return { ...result, serverCpuMs: ((await cpu()) - before) / result.requests };
}

interface Pair {
  key: ScenarioKey;
  scenario: Result;
  ceiling: Result;
  serial: Result;
  inProcessP50Ms: number;
  /** The server's CPU milliseconds per request of the in-process run. */
  inProcessCpuMs: number;
  inProcessP99Ms: number;
  /** SQL statements per request, counted in the server process over the in-process run. */
  statementsPerRequest: number;
  /** The scenario's rate ÷ the "hello" ceiling's, measured around it. */
  ratioToHello: number;
  goal: number;
  met: boolean;
}

/** One POST before measuring: it must answer 204 (BC's bound actions return nothing) and log an entry with a task. */
async function checkPost(info: ServerInfo, crm: string, url: string): Promise<string> {
  const r = await send(info.apiPort, 'POST', url, {}, postBody(0));
  if (r.status !== 204) throw new Error(`bench: POST ${url} → ${r.status} ${r.body}`);
  const entries = JSON.parse(
    (await send(info.apiPort, 'GET', `${url.replace(`/${POST_ACTION}`, '')}/interactionLogEntries?$orderby=entryNumber%20desc&$top=1`)).body,
  );
  const taskNo = entries.value?.[0]?.toDoNumber as string | undefined;
  if (!taskNo) throw new Error(`bench: the interaction created no task: ${JSON.stringify(entries)}`);
  return taskNo;
}

function table(rows: string[][]): string {
  const [head, ...body] = rows;
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const sizes = args.includes('--quick') ? QUICK : FULL;
  if (args.includes('--server')) {
    await serve(sizes);
    return;
  }
  const jsonAt = args.indexOf('--json');
  const profileAt = args.indexOf('--profile');
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? (args[onlyAt + 1] as ScenarioKey) : undefined;
  if (only && !(only in GOALS)) throw new Error(`--only: one of ${Object.keys(GOALS).join(', ')}`);
  const started = performance.now();
  const child: ChildProcess = fork(__filename, ['--server', ...(args.includes('--quick') ? ['--quick'] : [])], { stdio: 'inherit' });
  try {
    const info = await new Promise<ServerInfo>((resolve, reject) => {
      child.once('message', (m) => resolve(m as ServerInfo));
      child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    console.log(`Loaded in ${(info.loadMs / 1000).toFixed(1)} s: ${JSON.stringify(info.rows)}`);
    const { facts, pairs, resets } = await measure(sizes, info, child, only, profileAt >= 0 ? path.resolve(args[profileAt + 1]) : undefined);
    const median = (l: number[]) => [...l].sort((a, b) => a - b)[Math.floor(l.length / 2)];
    const rows = [
      [
        'Scenario',
        'req/s',
        'p50 ms',
        'p99 ms',
        'Express "hello" req/s',
        'hello p50 / p99 ms',
        'scenario ÷ hello',
        'goal',
        'met',
        'server CPU ms / request: scenario / hello',
      ],
    ];
    for (const { scenario: s, ceiling: c, ratioToHello, goal, met } of pairs) {
      rows.push([
        s.label,
        s.perSecond.toFixed(0),
        s.p50Ms.toFixed(2),
        s.p99Ms.toFixed(2),
        c.perSecond.toFixed(0),
        `${c.p50Ms.toFixed(2)} / ${c.p99Ms.toFixed(2)}`,
        `${ratioToHello.toFixed(ratioToHello < 0.1 ? 3 : 2)}×`,
        `≥ ${goal}×`,
        met ? 'yes' : 'no',
        `${s.serverCpuMs!.toFixed(3)} / ${c.serverCpuMs!.toFixed(3)}`,
      ]);
    }
    const out = {
      sizes,
      machine: {
        cpus: os.cpus().length,
        cpu: os.cpus()[0]?.model,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        sqlite: info.sqlite,
        platform: `${os.platform()} ${os.release()}`,
      },
      rows: info.rows,
      loadSeconds: info.loadMs / 1000,
      facts,
      results: pairs,
      resetMs: { demo: { median: median(resets.demo), all: resets.demo }, empty: { median: median(resets.empty), all: resets.empty } },
      totalSeconds: (performance.now() - started) / 1000,
    };
    console.log(table(rows));
    const serialRows = [
      [
        'Scenario',
        'one at a time over HTTP: p50 / p99 ms',
        'in-process ApiService.handle: p50 / p99 ms',
        'HTTP + Express share of p50',
        'SQL statements / request',
        'server CPU ms / request: in-process / over HTTP one at a time / over HTTP, 8 in flight',
      ],
    ];
    for (const p of pairs) {
      serialRows.push([
        p.scenario.label,
        `${p.serial.p50Ms.toFixed(2)} / ${p.serial.p99Ms.toFixed(2)}`,
        `${p.inProcessP50Ms.toFixed(2)} / ${p.inProcessP99Ms.toFixed(2)}`,
        `${(((p.serial.p50Ms - p.inProcessP50Ms) / p.serial.p50Ms) * 100).toFixed(0)} %`,
        Number.isInteger(p.statementsPerRequest) ? String(p.statementsPerRequest) : p.statementsPerRequest.toFixed(1),
        `${p.inProcessCpuMs.toFixed(3)} / ${p.serial.serverCpuMs!.toFixed(3)} / ${p.scenario.serverCpuMs!.toFixed(3)}`,
      ]);
    }
    console.log(table(serialRows));
    const unexpected = pairs.filter((p) => Object.keys(p.scenario.statuses).some((st) => !/^2\d\d$/.test(st)));
    if (unexpected.length)
      console.log(`WARNING: answers other than 2xx: ${unexpected.map((p) => `${p.scenario.label} ${JSON.stringify(p.scenario.statuses)}`).join('; ')}`);
    if (os.loadavg()[0] > os.cpus().length * 0.75)
      console.log(
        `Note: load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores: other work ran meanwhile; compare the ratios, not the rates.`,
      );
    if (!only)
      console.log(
        `Reset (POST /_sim/companies/{id}/reset), median of ${sizes.resets}: demo seed ${out.resetMs.demo.median.toFixed(
          0,
        )} ms, empty seed ${out.resetMs.empty.median.toFixed(0)} ms`,
      );
    console.log(JSON.stringify({ facts, machine: out.machine, statuses: pairs.map((p) => p.scenario.statuses) }));
    if (jsonAt >= 0) fs.writeFileSync(args[jsonAt + 1], JSON.stringify(out, null, 2));
  } finally {
    agent.destroy();
    // Disconnecting lets the server remove its data dir; kill it if it does not go.
    if (child.connected) child.disconnect();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill();
        resolve();
      }, 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
