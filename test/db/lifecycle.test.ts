// [FEATURE] [Database] — a company's lifecycle cannot disturb the others: two HTTP instances over one PostgreSQL
// database under load in several companies, while companies are created, reset and deleted again and again on both.
import { ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Contact } from '../../entities';
import { databaseConfigFromEnv } from '../../src/db/config';
import { SharedPgPool } from '../../src/db/pgPool';
import { Simulator } from '../../src/host/Simulator';
import { createApp } from '../../src/http/app';
import { seeds } from '../../src/index';
import { demoUsers } from '../../src/seed/demo';
import { describePg, dropSharedSchemas, pgQuery, sharedPgConfig, sharedPgEnv } from './pg';
import { FILE_PREFIX } from './testDatabase';

const TAG = 'life';
const PREFIX = `${FILE_PREFIX}_${TAG}`;
/** How long the load and the lifecycle run (the pacing of the test, not an assertion). */
const CHURN_MS = 8000;
const CLIENTS = 8;
// The demo administrator (SUPER for all companies): creates, resets and deletes companies and works in them.
const AUTH = `Basic ${Buffer.from('TRAINER:demo-trainer').toString('base64')}`;
const ENVELOPE = /^.+ {2}CorrelationId: {2}[0-9a-f-]{36}\.$/s;

interface Instance {
  child: ChildProcess;
  url: string;
  /** What the instance logged (a 500 logs its error): shown when the test fails. */
  stderr: () => string;
}

function startInstance(): Promise<Instance> {
  const child = fork(path.join(__dirname, 'worker', 'httpInstance.ts'), [], {
    execArgv: ['-r', path.join(__dirname, 'worker', 'register.js')],
    env: { ...process.env, ...sharedPgEnv(TAG) },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('message', (m: { url: string }) => resolve({ child, url: m.url, stderr: () => stderr }));
    child.once('exit', (code) => reject(new Error(`instance exited with ${code}: ${stderr}`)));
  });
}

function stopInstance(i: Instance): Promise<void> {
  return new Promise((resolve) => {
    if (i.child.exitCode !== null) return resolve();
    i.child.once('exit', () => resolve());
    i.child.send('stop');
    setTimeout(() => i.child.kill('SIGKILL'), 5000).unref();
  });
}

interface Reply {
  status: number;
  body: any;
}

async function call(method: string, url: string, body?: unknown): Promise<Reply> {
  try {
    const res = await fetch(url, {
      method,
      headers: { authorization: AUTH, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // kept as text: not an envelope, so it counts as a failure below
    }
    return { status: res.status, body: parsed };
  } catch (e) {
    return { status: 0, body: String(e) };
  }
}

/** A refusal as BC gives it: 4xx with BC's envelope. */
const cleanRefusal = (r: Reply) =>
  r.status >= 400 && r.status < 500 && typeof r.body?.error?.code === 'string' && ENVELOPE.test(r.body.error.message ?? '');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describePg('PostgreSQL: company delete and reset under load on two instances', () => {
  const instances: Instance[] = [];

  beforeAll(async () => {
    // One after the other: the first creates the start company, the second finds it.
    const t0 = Date.now();
    instances.push(await startInstance());
    const t1 = Date.now();
    instances.push(await startInstance());
    console.log(`instances started in ${t1 - t0} and ${Date.now() - t1} ms`);
  }, 60000);

  afterAll(async () => {
    await Promise.all(instances.map(stopInstance));
    await dropSharedSchemas();
  });

  test('0 failed requests outside the company deleted or reset, 0 orphaned schemas, 0 connections left in a transaction', async () => {
    const sim = (i: number) => `${instances[i % 2].url}/_sim`;
    const crm = (i: number, company: string) => `${instances[i % 2].url}/api/empire/crm/v1.0/companies(${company})`;

    const stable: string[] = [];
    for (const name of ['STABLE-1', 'STABLE-2']) {
      const r = await call('POST', `${sim(stable.length)}/companies`, { name, seed: 'demo' });
      expect(r.status).toBe(201);
      stable.push(r.body.id);
    }
    /** Companies that are reset and deleted while the load runs in them. */
    const victims = new Set<string>();
    const counts = { requests: 0, stableFailed: 0, victimOk: 0, victimRefused: 0, victimFailed: 0, created: 0, resets: 0, deletes: 0, lifecycleRefused: 0, lifecycleFailed: 0 };
    const failures: string[] = [];
    const refusedBy: Record<string, number> = {};
    const deadline = Date.now() + CHURN_MS;

    const judge = (what: string, company: string, r: Reply, ok: number[]) => {
      counts.requests++;
      if (ok.includes(r.status)) {
        if (!stable.includes(company)) counts.victimOk++;
        return true;
      }
      if (stable.includes(company)) {
        counts.stableFailed++;
        failures.push(`stable ${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      } else if (cleanRefusal(r)) {
        counts.victimRefused++;
        refusedBy[`${r.status} ${r.body.error.code}`] = (refusedBy[`${r.status} ${r.body.error.code}`] ?? 0) + 1;
      } else {
        counts.victimFailed++;
        failures.push(`victim ${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      }
      return false;
    };

    const client = async (k: number) => {
      for (let n = 0; Date.now() < deadline; n++) {
        const pool = [...stable, ...victims];
        const company = pool[(k + n) % pool.length];
        const at = k + n;
        const contact = await call('POST', `${crm(at, company)}/contacts`, { initials: 'L.', surname: `Load ${k}-${n}` });
        if (judge('POST contacts', company, contact, [201])) {
          const cm = await call('POST', `${crm(at + 1, company)}/contacts(${contact.body.id})/Microsoft.NAV.createInteractionFromTemplate`, {
            templateCode: 'TERUGBEL',
            note: `Terugbellen ${k}-${n}`,
          });
          judge('createInteractionFromTemplate', company, cm, [204]);
        }
        judge('GET tasks', company, await call('GET', `${crm(at, company)}/tasks?$top=20`), [200]);
      }
    };

    const lifecycle = async (home: number) => {
      const other = home + 1;
      const step = async (what: string, r: Reply, ok: number) => {
        if (r.status === ok) return true;
        if (cleanRefusal(r)) {
          counts.lifecycleRefused++;
          refusedBy[`${what} ${r.status} ${r.body.error.code}`] = (refusedBy[`${what} ${r.status} ${r.body.error.code}`] ?? 0) + 1;
        }
        else {
          counts.lifecycleFailed++;
          failures.push(`${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
        }
        return false;
      };
      for (let round = 0; Date.now() < deadline; round++) {
        const created = await call('POST', `${sim(home)}/companies`, { name: `V${home}-${round}`, seed: 'demo' });
        if (!(await step('create', created, 201))) continue;
        counts.created++;
        const id = created.body.id as string;
        victims.add(id);
        await sleep(300);
        if (await step('reset (other instance)', await call('POST', `${sim(other)}/companies/${id}/reset`), 204)) counts.resets++;
        await sleep(300);
        if (await step('reset', await call('POST', `${sim(home)}/companies/${id}/reset`), 204)) counts.resets++;
        await sleep(200);
        // Deleted on this instance in even rounds, on the other in odd ones; requests keep coming for it a while.
        if (await step('delete', await call('DELETE', `${sim(home + round)}/companies/${id}`), 204)) counts.deletes++;
        await sleep(200);
        victims.delete(id);
      }
    };

    await Promise.all([...Array.from({ length: CLIENTS }, (_, k) => client(k)), lifecycle(0), lifecycle(1)]);

    // A delete that was refused is asked again, once the load is over: nothing may be left behind.
    const left = (await call('GET', `${sim(0)}/companies`)).body.value.filter((c: { name: string }) => c.name.startsWith('V'));
    const leftovers: number[] = [];
    for (const c of left) leftovers.push((await call('DELETE', `${sim(0)}/companies/${c.id}`)).status);

    // After a delete on one instance, the other answers "not found" for it and goes on serving the rest.
    const gone = await call('POST', `${sim(0)}/companies`, { name: 'GONE', seed: 'empty' });
    expect(gone.status).toBe(201);
    expect((await call('GET', `${crm(1, gone.body.id)}/contacts`)).status).toBe(200);
    expect((await call('DELETE', `${sim(0)}/companies/${gone.body.id}`)).status).toBe(204);
    const afterDelete = await call('GET', `${crm(1, gone.body.id)}/contacts`);
    const stableAfter = await call('GET', `${crm(1, stable[0])}/contacts?$top=1`);

    const companies: Array<{ id: string }> = await pgQuery(`SELECT lower(replace("$systemId", '-', '')) AS id FROM "${PREFIX}_system"."Company"`);
    const schemas: Array<{ name: string }> = await pgQuery(`SELECT nspname AS name FROM pg_namespace WHERE left(nspname, $1) = $2`, [
      PREFIX.length + 3,
      `${PREFIX}_c_`,
    ]);
    const orphans = schemas.map((s) => s.name.slice(PREFIX.length + 3)).filter((id) => !companies.some((c) => c.id === id));
    const missing = companies.filter((c) => !schemas.some((s) => s.name === `${PREFIX}_c_${c.id}`));
    const inTransaction: Array<{ state: string; n: number }> = await pgQuery(
      `SELECT state, count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = $1 AND state LIKE 'idle in transaction%' GROUP BY state`,
      [`empire-sim ${PREFIX}`],
    );
    const poolConnections: Array<{ n: number }> = await pgQuery(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
      [`empire-sim ${PREFIX}`],
    );

    console.log(
      `company lifecycle, 2 instances, ${CLIENTS} clients, ${CHURN_MS / 1000} s: ${counts.requests} API requests; ` +
        `stable companies: ${counts.stableFailed} failed; companies deleted/reset: ${counts.victimOk} ok, ${counts.victimRefused} refused (4xx envelope), ${counts.victimFailed} failed; ` +
        `lifecycle: ${counts.created} created, ${counts.resets} resets, ${counts.deletes} deletes, ${counts.lifecycleRefused} refused, ${counts.lifecycleFailed} failed; refusals ${JSON.stringify(refusedBy)}; ` +
        `orphaned schemas ${orphans.length}, companies without schema ${missing.length}; ` +
        `connections in a transaction ${inTransaction.reduce((a, r) => a + r.n, 0)} of ${poolConnections[0]?.n ?? 0}`,
    );
    expect([afterDelete.status, afterDelete.body?.error?.code, cleanRefusal(afterDelete)]).toEqual([404, 'Internal_RecordNotFound', true]);
    expect(stableAfter.status).toBe(200);
    // 404: deleted by the other instance already (this one's list is refreshed every 2 s).
    expect(leftovers.filter((st) => st !== 204 && st !== 404)).toEqual([]);
    if (failures.length) for (const i of instances) console.log(`instance ${i.url} logged:\n${i.stderr().slice(-4000)}`);
    expect(failures.slice(0, 10)).toEqual([]);
    expect(counts.stableFailed + counts.victimFailed + counts.lifecycleFailed).toBe(0);
    expect(counts.deletes).toBeGreaterThan(0);
    expect(counts.resets).toBeGreaterThan(0);
    expect(counts.victimOk).toBeGreaterThan(0);
    expect(orphans).toEqual([]);
    expect(missing).toEqual([]);
    expect(inTransaction).toEqual([]);
  }, 60000);

  test('a connection handed back inside a transaction, or an aborted one, is destroyed, not pooled', async () => {
    const pool = new SharedPgPool({ ...sharedPgConfig(TAG), poolSize: 2 });
    const handle = new ((pool.driverModule() as { Pool: new () => { connect(): Promise<any> } }).Pool)();
    try {
      const open = await handle.connect();
      await open.query('BEGIN');
      open.release();
      const aborted = await handle.connect();
      await aborted.query('BEGIN');
      await aborted.query('SELECT 1/0').catch(() => undefined);
      aborted.release();
      const clean = await handle.connect();
      await clean.query('SELECT 1');
      clean.release();
      const left: unknown[] = await pool.query(
        `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND state LIKE 'idle in transaction%'`,
        [`empire-sim ${PREFIX}`],
      );
      expect([pool.discarded, left]).toEqual([2, []]);
    } finally {
      await pool.end();
    }
  });

  test('a delete on one instance waits for the transaction another instance has open in the company; the other then answers 404', async () => {
    const a = await Simulator.start({ dataDir: 'shared', seeds, database: sharedPgConfig(TAG) });
    const b = await Simulator.start({ dataDir: 'shared', seeds, database: sharedPgConfig(TAG) });
    try {
      const company = await a.createCompany('HELD', { seed: 'empty' });
      let entered!: () => void;
      let release!: () => void;
      const inside = new Promise<void>((r) => (entered = r));
      const held = new Promise<void>((r) => (release = r));
      const order: string[] = [];
      const op = b.run(company.systemId, { userId: 'ANNE' }, async (s) => {
        entered();
        await held;
        const n = await s.count(Contact);
        order.push('operation done');
        return n;
      });
      await inside;
      const deleting = a.deleteCompany(company.systemId).then(() => order.push('deleted'));
      // The delete is waiting in the database for b's transaction: let the delete's lock request get there first.
      await new Promise((r) => setTimeout(r, 300));
      release();
      expect(await op).toBe(0);
      await deleting;
      expect(order).toEqual(['operation done', 'deleted']);
      await expect(b.run(company.systemId, { userId: 'ANNE' }, (s) => s.count(Contact))).rejects.toMatchObject({ code: 'Internal_RecordNotFound' });
      expect(b.listCompanies().map((c) => c.systemId)).not.toContain(company.systemId);
    } finally {
      await b.close();
      await a.close();
    }
  }, 30000);

  test('a delete whose wait for another instance\'s transaction outlasts the lock timeout is refused with 409 and changes nothing', async () => {
    const a = await Simulator.start({ dataDir: 'shared', seeds, database: { ...sharedPgConfig(TAG), lockTimeoutMs: 500 } });
    const b = await Simulator.start({ dataDir: 'shared', seeds, database: sharedPgConfig(TAG) });
    try {
      const company = await a.createCompany('BUSY-ELSEWHERE', { seed: 'empty' });
      let entered!: () => void;
      let release!: () => void;
      const inside = new Promise<void>((r) => (entered = r));
      const held = new Promise<void>((r) => (release = r));
      const op = b.run(company.systemId, { userId: 'ANNE' }, async (s) => {
        entered();
        await held;
        return s.count(Contact);
      });
      await inside;
      const refused = await a.deleteCompany(company.systemId).catch((e: unknown) => e);
      release();
      expect(await op).toBe(0);
      expect(refused).toMatchObject({ code: 'Simulator_DatabaseConflict', message: expect.stringContaining('could not be deleted') });
      expect(await a.run(company.systemId, { userId: 'ANNE' }, (s) => s.count(Contact))).toBe(0);
      expect(await pgQuery(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [`${PREFIX}_c_${company.systemId.replace(/-/g, '')}`])).toHaveLength(1);
      await a.deleteCompany(company.systemId);
      await expect(b.run(company.systemId, { userId: 'ANNE' }, (s) => s.count(Contact))).rejects.toMatchObject({ code: 'Internal_RecordNotFound' });
    } finally {
      await b.close();
      await a.close();
    }
  }, 30000);

  test('a schema without its company row (an older version\'s delete, or one made by hand) is dropped at the next start; the others are kept', async () => {
    const orphan = `${PREFIX}_c_0badc0de00004000800000000000000f`;
    await pgQuery(`CREATE SCHEMA "${orphan}"`);
    await pgQuery(`CREATE TABLE "${orphan}"."Contact" (x int)`);
    const before: Array<{ n: number }> = await pgQuery(`SELECT count(*)::int AS n FROM pg_namespace WHERE left(nspname, $1) = $2`, [PREFIX.length + 3, `${PREFIX}_c_`]);
    const third = await Simulator.start({ dataDir: 'shared', seeds, database: sharedPgConfig(TAG) });
    try {
      const after: Array<{ n: number }> = await pgQuery(`SELECT count(*)::int AS n FROM pg_namespace WHERE left(nspname, $1) = $2`, [PREFIX.length + 3, `${PREFIX}_c_`]);
      expect(await pgQuery(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [orphan])).toEqual([]);
      expect(after[0].n).toBe(before[0].n - 1);
      expect(third.listCompanies().map((c) => c.name)).toEqual(expect.arrayContaining(['STABLE-1', 'STABLE-2']));
    } finally {
      await third.close();
    }
  }, 30000);
});

describe('SQLite: company delete and reset while operations are in flight in it', () => {
  let dir: string;
  let sim: Simulator;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'empire-life-'));
    // A lock timeout of 1 s: the bound a delete waits for the operations in the company.
    sim = await Simulator.start({ dataDir: dir, seeds, users: demoUsers, database: { ...databaseConfigFromEnv({ EMPIRE_SIM_DB: 'sqlite' }), lockTimeoutMs: 1000 } });
    server = createApp(sim, { seeds: Object.keys(seeds) }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 30000);

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await sim?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** An operation in the company that stays open until `release()` (a slow request, held by the test). */
  function holdOperation(companyId: string) {
    let release!: () => void;
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const held = new Promise<void>((resolve) => (release = resolve));
    const done = sim.run(companyId, { userId: 'ANNE' }, async (s) => {
      entered();
      await held;
      return s.count(Contact);
    });
    return { inside, release, done };
  }

  const files = (id: string) => fs.readdirSync(dir).filter((f) => f.includes(id));
  const crm = (id: string) => `${url}/api/empire/crm/v1.0/companies(${id})`;

  test('a delete waits for the operation inside, refuses new ones with 404, and leaves no file; the other company goes on', async () => {
    const other = (await call('POST', `${url}/_sim/companies`, { name: 'OTHER', seed: 'demo' })).body.id as string;
    const victim = (await call('POST', `${url}/_sim/companies`, { name: 'VICTIM', seed: 'demo' })).body.id as string;
    expect(files(victim).length).toBeGreaterThan(0);

    const op = holdOperation(victim);
    await op.inside;
    const deleting = call('DELETE', `${url}/_sim/companies/${victim}`);
    // While the delete waits: the company is refused to new requests, the other one is served.
    const during = await call('GET', `${crm(victim)}/contacts?$top=1`);
    const otherDuring = await call('POST', `${crm(other)}/contacts`, { initials: 'O.', surname: 'Ander' });
    op.release();
    expect(await op.done).toBeGreaterThan(0);
    const deleted = await deleting;
    const after = await call('POST', `${crm(victim)}/contacts`, { initials: 'N.', surname: 'Na' });

    expect([during.status, during.body?.error?.code, cleanRefusal(during)]).toEqual([404, 'Internal_RecordNotFound', true]);
    expect(otherDuring.status).toBe(201);
    expect(deleted.status).toBe(204);
    expect([after.status, cleanRefusal(after)]).toEqual([404, true]);
    expect(files(victim)).toEqual([]);
    expect(files(other).length).toBeGreaterThan(0);
    expect((await call('GET', `${crm(other)}/contacts?$top=1`)).status).toBe(200);
  });

  test('an operation that outlasts the bound: the delete is refused with 409 and the company stays as it was', async () => {
    const victim = (await call('POST', `${url}/_sim/companies`, { name: 'KEPT', seed: 'empty' })).body.id as string;
    const op = holdOperation(victim);
    await op.inside;
    const refused = await call('DELETE', `${url}/_sim/companies/${victim}`);
    op.release();
    await op.done;
    expect([refused.status, refused.body?.error?.code, cleanRefusal(refused)]).toEqual([409, 'Simulator_DatabaseConflict', true]);
    expect((await call('GET', `${crm(victim)}/contacts`)).status).toBe(200);
    expect(files(victim).length).toBeGreaterThan(0);
    expect((await call('DELETE', `${url}/_sim/companies/${victim}`)).status).toBe(204);
    expect(files(victim)).toEqual([]);
  });

  test('requests in flight while the company is reset and deleted: no 500, only 2xx or 404', async () => {
    const victim = (await call('POST', `${url}/_sim/companies`, { name: 'BUSY', seed: 'demo' })).body.id as string;
    const load = Array.from({ length: 12 }, (_, i) =>
      i % 2 ? call('POST', `${crm(victim)}/contacts`, { initials: 'B.', surname: `Bezig ${i}` }) : call('GET', `${crm(victim)}/tasks?$top=5`),
    );
    const reset = call('POST', `${url}/_sim/companies/${victim}/reset`);
    const more = Array.from({ length: 6 }, () => call('GET', `${crm(victim)}/contacts?$top=5`));
    const deleted = call('DELETE', `${url}/_sim/companies/${victim}`);
    const late = Array.from({ length: 6 }, () => call('GET', `${crm(victim)}/contacts?$top=5`));
    const replies = await Promise.all([...load, ...more, ...late]);
    expect((await reset).status).toBe(204);
    expect((await deleted).status).toBe(204);
    const bad = replies.filter((r) => !(r.status < 300 || (r.status === 404 && cleanRefusal(r))));
    expect(bad).toEqual([]);
    expect(files(victim)).toEqual([]);
  });

  test('a company file without its row (a delete cut off between the two) is removed at the next start', async () => {
    const orphan = '0badc0de-0000-4000-8000-000000000001';
    fs.writeFileSync(path.join(dir, `company-${orphan}.sqlite`), '');
    fs.writeFileSync(path.join(dir, `company-${orphan}.sqlite-wal`), '');
    const second = await Simulator.start({ dataDir: dir, seeds, database: databaseConfigFromEnv({ EMPIRE_SIM_DB: 'sqlite' }) });
    try {
      expect(files(orphan)).toEqual([]);
      expect(second.listCompanies().map((c) => c.name)).toContain('OTHER');
    } finally {
      await second.close();
    }
  });
});
