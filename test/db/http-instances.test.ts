// [FEATURE] [Database] — two HTTP server instances on different ports over one PostgreSQL database, raced by
// concurrent clients: every acknowledged write is there exactly once, numbers are unique and gapless, one owner per task.
import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { Simulator } from '../../src/host/Simulator';
import { BUSINESS_USER_SET } from '../../src/host/Permissions';
import { seedEmptyCompany } from '../../src/seed/empty';
import { describePg, dropSharedSchemas, PG_DOWN_HINT, sharedPgConfig, sharedPgEnv } from './pg';
import { arrangeScenario, checkInvariants, LOST_RACE, memberCodes, readState } from './scenario';

const MEMBERS = 4;
const CLIENTS = 24;

interface Instance {
  child: ChildProcess;
  url: string;
}

function startInstance(): Promise<Instance> {
  const child = fork(path.join(__dirname, 'worker', 'httpInstance.ts'), [], {
    execArgv: ['-r', path.join(__dirname, 'worker', 'register.js')],
    env: { ...process.env, ...sharedPgEnv('http') },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('message', (m: { url: string }) => resolve({ child, url: m.url }));
    child.once('exit', (code) => reject(new Error(`instance exited with ${code}: ${stderr}`)));
  });
}

function stopInstance(i: Instance): Promise<void> {
  return new Promise((resolve) => {
    i.child.once('exit', () => resolve());
    i.child.send('stop');
    setTimeout(() => i.child.kill('SIGKILL'), 5000).unref();
  });
}

const auth = (user: string) => `Basic ${Buffer.from(`${user}:key-${user.toLowerCase()}`).toString('base64')}`;

async function post(url: string, user: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: auth(user), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function get(url: string, user: string): Promise<any> {
  const res = await fetch(url, { headers: { authorization: auth(user) } });
  expect(res.status).toBe(200);
  return res.json();
}

const messageOf = (body: { error?: { message?: string } }) => (body.error?.message ?? '').replace(/ {2}CorrelationId: {2}[0-9a-f-]{36}\.$/, '');

describePg('PostgreSQL: two HTTP server instances on different ports over one database', () => {
  let sim: Simulator;
  let companyId: string;
  const instances: Instance[] = [];

  beforeAll(async () => {
    try {
      sim = await Simulator.start({ dataDir: null, seeds: { empty: seedEmptyCompany }, database: sharedPgConfig('http') });
    } catch (e) {
      throw new Error(`${PG_DOWN_HINT} (${(e as Error).message})`);
    }
    companyId = (await sim.createCompany('Empty', { seed: 'empty' })).systemId;
    await arrangeScenario(sim, companyId, MEMBERS);
    for (const user of ['ANNE', ...memberCodes(MEMBERS)]) {
      await sim.ensureUser({
        userName: user,
        fullName: user,
        webServiceAccessKey: `key-${user.toLowerCase()}`,
        language: 'en-US',
        permissions: [{ roleId: BUSINESS_USER_SET, company: 'Empty' }],
      });
    }
    // One after the other: the first finds the company, so neither tries to create one.
    instances.push(await startInstance());
    instances.push(await startInstance());
  }, 60000);

  afterAll(async () => {
    await Promise.all(instances.map(stopInstance));
    await sim?.close();
    await dropSharedSchemas();
  });

  test(`${CLIENTS} clients over both instances: contacts, interactions with team task, and members racing to take the tasks`, async () => {
    expect(new Set(instances.map((i) => i.url)).size).toBe(2);
    const crm = (i: number) => `${instances[i % 2].url}/api/empire/crm/v1.0/companies(${companyId})`;

    const created = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, i) => {
        const contact = await post(`${crm(i)}/contacts`, 'ANNE', { initials: 'J.', surname: `Http ${i}` });
        expect(contact.status).toBe(201);
        const cm = await post(`${crm(i + 1)}/contacts(${contact.body.id})/Microsoft.NAV.createInteractionFromTemplate`, 'ANNE', {
          templateCode: 'VRAAG',
          note: `Vraag ${i}`,
        });
        // The action answers 204 (as BC's); its entry and team task are read afterwards.
        expect(cm.status).toBe(204);
        const [entry] = (await get(`${crm(i)}/contacts(${contact.body.id})/interactionLogEntries`, 'ANNE')).value;
        const taskNo = entry.toDoNumber as string;
        const [task] = (await get(`${crm(i)}/tasks?$filter=number eq '${taskNo}'`, 'ANNE')).value;
        return { contactNo: contact.body.number as string, entryNo: entry.entryNumber as number, taskNo, taskId: task.id as string };
      }),
    );

    const raced = created.slice(0, 8);
    const outcomes = await Promise.all(
      raced.map(async (t, k) => {
        const results = await Promise.all(
          memberCodes(MEMBERS).map((m, j) => post(`${crm(j + k)}/tasks(${t.taskId})/Microsoft.NAV.assignToMe`, m)),
        );
        const winners = results.flatMap((r, j) => (r.status === 204 ? [memberCodes(MEMBERS)[j]] : []));
        for (const r of results) if (r.status !== 204) expect(messageOf(r.body)).toMatch(LOST_RACE);
        return { taskNo: t.taskNo, winners, statuses: results.map((r) => r.status) };
      }),
    );
    for (const o of outcomes) expect(o.winners).toHaveLength(1);

    const st = await readState(sim, companyId);
    expect([...st.contacts].sort()).toEqual(created.map((c) => c.contactNo).sort());
    expect(st.contacts).toEqual(Array.from({ length: CLIENTS }, (_, i) => `CT${String(i + 1).padStart(6, '0')}`));
    // Entry Nos. come from a NumberSequence, as in BC: each once, not necessarily gapless (a rolled-back try keeps its number).
    expect(new Set(st.entries.map((e) => e.entryNo)).size).toBe(CLIENTS);
    for (const c of created) expect(st.entries.find((e) => e.entryNo === c.entryNo)).toEqual({ entryNo: c.entryNo, contactNo: c.contactNo, toDoNo: c.taskNo });
    for (const o of outcomes) expect(st.tasks.find((t) => t.no === o.taskNo)?.sp).toBe(o.winners[0]);
    expect(await checkInvariants(sim, companyId, MEMBERS)).toEqual([]);
    const refusals = outcomes.flatMap((o) => o.statuses.filter((s) => s !== 204));
    console.log(
      `http instances: 2 instances, ${CLIENTS} contacts + ${CLIENTS} interactions with team task acknowledged, ${raced.length} tasks raced by ${MEMBERS} members: ${raced.length} owners, ${refusals.length} refusals (HTTP ${[...new Set(refusals)].sort().join('/')}); anomalies 0`,
    );
  }, 120000);
});
