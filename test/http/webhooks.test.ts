// [FEATURE] [Webhooks] — BC's API subscriptions over real HTTP: the handshake, notifications of committed
// changes (created/updated/deleted/collection) with clientState, merging, renewal, deletion, expiry, retries,
// deletion on a refusing subscriber, rollback, and each user's own subscriptions.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulator, type RunningSimulator } from '../../src/index';
import request from 'supertest';
import { Role } from '../../entities/Empire/Role.Table';
import { Team } from '../../entities/CRM/Team/Team.Table';
import { TeamSalesperson } from '../../entities/CRM/Team/TeamSalesperson.Table';
import { SalespersonPurchaser } from '../../entities/CRM/Team/SalespersonPurchaser.Table';
import { createApp, type AppLocals } from '../../src/http/app';
import { basic } from '../library/LibraryHttp';

const ANNE = { authorization: basic('ANNE', 'demo-anne'), 'content-type': 'application/json' };
const BRAM = { authorization: basic('BRAM', 'demo-bram'), 'content-type': 'application/json' };
/** Generous: a wait for the subscriber's next request, not a measure of time. */
const WAIT_MS = 15_000;

interface Received {
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}
type Answer = (r: Received) => { status: number; body?: string };

/** A subscriber: records every request; each path answers as its handler says (default: echo the handshake's token, 200 otherwise). */
class Receiver {
  readonly requests: Received[] = [];
  private readonly handlers = new Map<string, Answer>();
  private readonly waiters: Array<{ match: (r: Received) => boolean; resolve: (r: Received) => void }> = [];
  private server!: http.Server;
  url = '';

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const u = new URL(req.url ?? '/', 'http://x');
        const r: Received = { path: u.pathname, query: u.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.requests.push(r);
        const token = u.searchParams.get('validationToken');
        const answer = this.handlers.get(u.pathname)?.(r) ?? (token !== null ? { status: 200, body: token } : { status: 200 });
        res.writeHead(answer.status, { 'content-type': 'text/plain' });
        res.end(answer.body ?? '');
        for (const w of [...this.waiters]) {
          if (w.match(r)) {
            this.waiters.splice(this.waiters.indexOf(w), 1);
            w.resolve(r);
          }
        }
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  on(path: string, answer: Answer): void {
    this.handlers.set(path, answer);
  }

  /** The next notification (a request with a body) to `path` from now on. */
  next(path: string): Promise<Received> {
    return this.nextMatching((r) => r.path === path && r.query.get('validationToken') === null);
  }

  nextMatching(match: (r: Received) => boolean): Promise<Received> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the subscriber got no such request')), WAIT_MS);
      this.waiters.push({ match, resolve: (r) => (clearTimeout(timer), resolve(r)) });
    });
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let sim: RunningSimulator;
const receiver = new Receiver();
/** The webhooks' clock: moved forward to expire subscriptions. */
let offsetMs = 0;
let nextHook = 0;

beforeAll(async () => {
  await receiver.start();
  sim = await startSimulator({
    seed: 'empty',
    // A short window, BC's retry delays at a fraction (1 minute → 12 ms), a collection above 3 records.
    webhooks: { delayMs: 100, retryFactor: 0.0002, maxNotifications: 3, now: () => new Date(Date.now() + offsetMs) },
  });
});

afterAll(async () => {
  await sim?.stop();
  await receiver.stop();
});

const crm = () => `${sim.url}/api/empire/crm/v1.0`;
const roles = () => `${crm()}/companies(${sim.companyId})/roles`;

async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = ANNE) {
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** A subscription to the custom API's roles, at a path of its own on the receiver. */
async function subscribe(clientState = 'geheim', headers = ANNE) {
  const path = `/hook-${++nextHook}`;
  const res = await call('POST', `${crm()}/subscriptions`, { notificationUrl: `${receiver.url}${path}`, resource: `companies(${sim.companyId})/roles`, clientState }, headers);
  expect(res.status).toBe(201);
  return { path, sub: res.body as Record<string, string> };
}

test('POST: the handshake with the notification URL, then the subscription in §5.1 shape; GET lists and reads it', async () => {
  const handshake = receiver.nextMatching((r) => r.query.get('validationToken') !== null);
  const { sub, path } = await subscribe('optionalValueOf2048');
  const hs = await handshake;
  expect(hs.path).toBe(path);
  expect(hs.body).toBe('');
  expect(Object.keys(sub)).toEqual([
    '@odata.context', '@odata.etag', 'subscriptionId', 'notificationUrl', 'resource', 'timestamp', 'userId',
    'lastModifiedDateTime', 'clientState', 'expirationDateTime', 'systemCreatedAt', 'systemCreatedBy', 'systemModifiedAt', 'systemModifiedBy',
  ]);
  expect(sub.subscriptionId).toMatch(/^[0-9a-f]{32}$/);
  expect(sub.resource).toBe(`companies(${sim.companyId})/roles`);
  expect(sub.clientState).toBe('optionalValueOf2048');
  const days = (Date.parse(sub.expirationDateTime) - Date.parse(sub.lastModifiedDateTime)) / 86_400_000;
  expect(days).toBe(3);

  const list = await call('GET', `${crm()}/subscriptions`);
  expect(list.body.value.map((s: { subscriptionId: string }) => s.subscriptionId)).toContain(sub.subscriptionId);
  const one = await call('GET', `${crm()}/subscriptions('${sub.subscriptionId}')`);
  expect(one.status).toBe(200);
  expect(one.body['@odata.etag']).toBe(sub['@odata.etag']);
  // Without quotes the key is not BC's form: a key that does not parse (BadRequest_NotFound).
  expect((await call('GET', `${crm()}/subscriptions(${sub.subscriptionId})`)).status).toBe(404);
});

test('a failed handshake (wrong body, an error status, nobody listening) saves no subscription', async () => {
  receiver.on('/wrong-token', () => ({ status: 200, body: 'something else' }));
  receiver.on('/refuses', () => ({ status: 404 }));
  const before = (await call('GET', `${crm()}/subscriptions`)).body.value.length;
  for (const url of [`${receiver.url}/wrong-token`, `${receiver.url}/refuses`, 'http://127.0.0.1:9/nobody']) {
    const res = await call('POST', `${crm()}/subscriptions`, { notificationUrl: url, resource: `companies(${sim.companyId})/roles` });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BadRequest');
    expect(res.body.error.message).toMatch(/validation handshake.*CorrelationId:  [0-9a-f-]{36}\.$/);
  }
  expect((await call('GET', `${crm()}/subscriptions`)).body.value).toHaveLength(before);
});

test('bad subscriptions are refused in BC\'s envelope: resource, properties, another API\'s resource', async () => {
  const post = (body: unknown) => call('POST', `${crm()}/subscriptions`, body);
  const url = `${receiver.url}/never`;
  expect((await post({ notificationUrl: url, resource: `companies(${sim.companyId})/nothing` })).body.error.message).toMatch(/cannot be subscribed to/);
  expect((await post({ notificationUrl: url, resource: `companies(${sim.companyId})/roles(00000000-0000-0000-0000-000000000001)` })).status).toBe(400);
  expect((await post({ notificationUrl: url, resource: `/api/v2.0/companies(${sim.companyId})/contacts` })).status).toBe(400);
  expect((await post({ notificationUrl: url, resource: `companies(11111111-1111-1111-1111-111111111111)/roles` })).body.error.message).toMatch(/no company/);
  expect((await post({ notificationUrl: url })).body.error.code).toBe('BadRequest_RequiredParamNotProvided');
  expect((await post({ notificationUrl: url, resource: `companies(${sim.companyId})/roles`, subscriptionId: 'x' })).body.error.code).toBe('BadRequest_InvalidOperation');
  expect((await post({ notificationUrl: url, resource: `companies(${sim.companyId})/roles`, colour: 'x' })).status).toBe(400);
  expect((await post({ notificationUrl: 'not a url', resource: `companies(${sim.companyId})/roles` })).status).toBe(400);
  expect((await post({ notificationUrl: url, resource: `companies(${sim.companyId})/roles`, clientState: 'x'.repeat(2049) })).body.error.code).toBe('Application_StringExceededLength');
  expect((await call('PUT', `${crm()}/subscriptions`, {})).status).toBe(405);
  expect(receiver.requests.filter((r) => r.path === '/never')).toEqual([]);
});

test('created, updated and deleted: one POST each with §5.3\'s elements, headers and clientState', async () => {
  const { sub, path } = await subscribe('mijn-staat');
  const created = receiver.next(path);
  const role = (await call('POST', roles(), { code: 'WH1', description: 'Webhook' })).body;
  const n1 = await created;
  expect(n1.headers['content-type']).toMatch(/^application\/json/);
  expect(n1.headers['clientrequestid']).toMatch(/^[0-9a-f-]{36}$/);
  expect(n1.headers['x-ms-correlation-id']).toBe(n1.headers['clientrequestid']);
  const body = JSON.parse(n1.body);
  expect(body).toEqual({
    value: [
      {
        subscriptionId: sub.subscriptionId,
        clientState: 'mijn-staat',
        expirationDateTime: sub.expirationDateTime,
        resource: `companies(${sim.companyId})/roles(${role.id})`,
        changeType: 'created',
        lastModifiedDateTime: role.lastModifiedDateTime,
      },
    ],
  });
  expect(Object.keys(body.value[0])).toEqual(['subscriptionId', 'clientState', 'expirationDateTime', 'resource', 'changeType', 'lastModifiedDateTime']);

  const updated = receiver.next(path);
  await call('PATCH', `${roles()}(${role.id})`, { description: 'Gewijzigd' }, { ...ANNE, 'if-match': '*' });
  expect(JSON.parse((await updated).body).value.map((v: { changeType: string }) => v.changeType)).toEqual(['updated']);

  const deleted = receiver.next(path);
  await call('DELETE', `${roles()}(${role.id})`, undefined, { ...ANNE, 'if-match': '*' });
  const d = JSON.parse((await deleted).body).value;
  expect(d).toHaveLength(1);
  expect(d[0]).toMatchObject({ changeType: 'deleted', resource: `companies(${sim.companyId})/roles(${role.id})` });
});

test('changes of one record in one window are merged; more than the maximum become one collection notification', async () => {
  const { path, sub } = await subscribe();
  const merged = receiver.next(path);
  const id = await sim.sim.run(sim.companyId, { userId: 'ANNE' }, async (s) => {
    const r = s.create(Role);
    r.code = 'MERGE';
    await r.insert(true);
    r.description = 'een';
    await r.modify(true);
    r.description = 'twee';
    await r.modify(true);
    return r.systemId;
  });
  const value = JSON.parse((await merged).body).value;
  expect(value.map((v: { resource: string; changeType: string }) => [v.resource, v.changeType])).toEqual([[`companies(${sim.companyId})/roles(${id})`, 'created']]);

  const collection = receiver.next(path);
  const first = await sim.sim.run(sim.companyId, { userId: 'ANNE' }, async (s) => {
    for (const code of ['C1', 'C2', 'C3', 'C4']) {
      const r = s.create(Role);
      r.code = code;
      await r.insert(true);
    }
    return (await s.get(Role, 'C1')).systemModifiedAt as Date;
  });
  const c = JSON.parse((await collection).body).value;
  expect(c).toHaveLength(1);
  expect(c[0].subscriptionId).toBe(sub.subscriptionId);
  expect(c[0].changeType).toBe('collection');
  expect(c[0].resource).toBe(`companies(${sim.companyId})/roles?$filter=lastModifiedDateTime%20gt%20${new Date(first.getTime() - 50).toISOString()}`);
});

test('a rolled-back operation notifies nothing', async () => {
  const { path } = await subscribe();
  let rolledBackId = '';
  await expect(
    sim.sim.run(sim.companyId, { userId: 'ANNE' }, async (s) => {
      const r = s.create(Role);
      r.code = 'ROLLED';
      await r.insert(true);
      rolledBackId = r.systemId;
      throw new Error('the operation fails');
    }),
  ).rejects.toThrow('the operation fails');
  expect(rolledBackId).toMatch(/^[0-9a-f-]{36}$/);
  // A failing request too: a role with a code that exists.
  const next = receiver.next(path);
  const kept = (await call('POST', roles(), { code: 'KEPT' })).body;
  expect((await call('POST', roles(), { code: 'KEPT' })).status).toBe(400);
  const value = JSON.parse((await next).body).value as Array<{ resource: string }>;
  expect(value.map((v) => v.resource)).toEqual([`companies(${sim.companyId})/roles(${kept.id})`]);
  // The rolled-back insert came before KEPT's: had it been noted it would be in this window or an earlier one.
  expect(receiver.requests.filter((r) => r.path === path && r.body.includes(rolledBackId))).toEqual([]);
});

test('renewal: PATCH needs If-Match, repeats the handshake and extends the expiry; DELETE needs If-Match and removes it', async () => {
  const { sub, path } = await subscribe('oud');
  const url = `${crm()}/subscriptions('${sub.subscriptionId}')`;
  expect((await call('PATCH', url, { clientState: 'nieuw' })).body.error.code).toBe('BadRequest_InvalidToken');
  offsetMs = 60 * 60_000;
  try {
    const handshake = receiver.nextMatching((r) => r.path === path && r.query.get('validationToken') !== null);
    const renewed = await call('PATCH', url, { clientState: 'nieuw' }, { ...ANNE, 'if-match': sub['@odata.etag'] });
    expect(renewed.status).toBe(200);
    await handshake;
    expect(renewed.body.clientState).toBe('nieuw');
    expect(Date.parse(renewed.body.expirationDateTime) - Date.parse(sub.expirationDateTime)).toBeGreaterThanOrEqual(60 * 60_000);
    expect(renewed.body['@odata.etag']).not.toBe(sub['@odata.etag']);
    expect((await call('PATCH', url, { clientState: 'x' }, { ...ANNE, 'if-match': sub['@odata.etag'] })).status).toBe(409);
    // A renewal whose handshake fails changes nothing.
    receiver.on(path, (r) => (r.query.get('validationToken') !== null ? { status: 500 } : { status: 200 }));
    expect((await call('PATCH', url, { clientState: 'y' }, { ...ANNE, 'if-match': '*' })).status).toBe(400);
    expect((await call('GET', url)).body.clientState).toBe('nieuw');

    expect((await call('DELETE', url)).body.error.code).toBe('BadRequest_InvalidToken');
    expect((await call('DELETE', url, undefined, { ...ANNE, 'if-match': renewed.body['@odata.etag'] })).status).toBe(204);
    expect((await call('GET', url)).status).toBe(404);
  } finally {
    offsetMs = 0;
  }
});

test('a subscriber answering 503 gets the notification again; one answering 404 loses its subscription', async () => {
  const retried = await subscribe();
  let answered = 0;
  receiver.on(retried.path, (r) => (r.query.get('validationToken') !== null ? { status: 200, body: r.query.get('validationToken')! } : { status: answered++ === 0 ? 503 : 200 }));
  const refused = await subscribe();
  receiver.on(refused.path, () => ({ status: 404 }));
  const firstTry = receiver.next(retried.path);
  const gone = receiver.next(refused.path);
  await call('POST', roles(), { code: 'RETRY' });
  const a = await firstTry;
  const b = await receiver.next(retried.path);
  expect(b.body).toBe(a.body);
  expect((await call('GET', `${crm()}/subscriptions('${retried.sub.subscriptionId}')`)).status).toBe(200);

  await gone;
  const url = `${crm()}/subscriptions('${refused.sub.subscriptionId}')`;
  // The delete follows the answer; wait for it rather than for a time.
  for (let i = 0; i < 200 && (await call('GET', url)).status === 200; i++) await new Promise((r) => setImmediate(r));
  expect((await call('GET', url)).status).toBe(404);
});

test('a user sees and changes only their own subscriptions', async () => {
  const { sub } = await subscribe('anne');
  const url = `${crm()}/subscriptions('${sub.subscriptionId}')`;
  const bram = (await call('GET', `${crm()}/subscriptions`, undefined, BRAM)).body.value as Array<{ subscriptionId: string }>;
  expect(bram.map((s) => s.subscriptionId)).not.toContain(sub.subscriptionId);
  expect((await call('GET', url, undefined, BRAM)).body.error.code).toBe('Internal_RecordNotFound');
  expect((await call('PATCH', url, {}, { ...BRAM, 'if-match': '*' })).status).toBe(404);
  expect((await call('DELETE', url, undefined, { ...BRAM, 'if-match': '*' })).status).toBe(404);
  expect((await call('GET', url)).status).toBe(200);
});

test('the v2.0 API has its own subscriptions; an expired subscription is deleted', async () => {
  const v2 = `${sim.url}/api/v2.0`;
  const res = await call('POST', `${v2}/subscriptions`, { notificationUrl: `${receiver.url}/v2`, resource: `/api/v2.0/companies(${sim.companyId})/salespeoplePurchasers` });
  expect(res.status).toBe(201);
  const next = receiver.next('/v2');
  const sp = (await call('POST', `${v2}/companies(${sim.companyId})/salespeoplePurchasers`, { code: 'WH', displayName: 'Web Hook' })).body;
  expect(JSON.parse((await next).body).value[0].resource).toBe(`/api/v2.0/companies(${sim.companyId})/salespeoplePurchasers(${sp.id})`);
  // Each API lists and finds only its own subscriptions.
  expect((await call('GET', `${v2}/subscriptions`)).body.value.map((s: { subscriptionId: string }) => s.subscriptionId)).toEqual([res.body.subscriptionId]);
  expect((await call('GET', `${crm()}/subscriptions('${res.body.subscriptionId}')`)).status).toBe(404);

  offsetMs = 3 * 86_400_000 + 1000;
  try {
    expect((await call('GET', `${v2}/subscriptions('${res.body.subscriptionId}')`)).status).toBe(404);
    expect(await sim.sim.apiSubscriptions.get(res.body.subscriptionId)).toBeNull();
  } finally {
    offsetMs = 0;
  }
});

test('a DeleteAll without triggers (a team\'s members, deleted with the team) notifies each deleted record', async () => {
  const path = '/members';
  const res = await call('POST', `${crm()}/subscriptions`, { notificationUrl: `${receiver.url}${path}`, resource: `companies(${sim.companyId})/teamMembers` });
  expect(res.status).toBe(201);
  const created = receiver.next(path);
  const { teamId, memberId } = await sim.sim.run(sim.companyId, { userId: 'ANNE' }, async (s) => {
    const team = s.create(Team);
    team.code = 'WHT';
    await team.insert(false);
    const sp = s.create(SalespersonPurchaser);
    sp.code = 'WHS';
    await sp.insert(false);
    const member = s.create(TeamSalesperson);
    member.teamCode = 'WHT';
    member.salespersonCode = 'WHS';
    await member.insert(false);
    return { teamId: team.systemId, memberId: member.systemId };
  });
  expect(JSON.parse((await created).body).value.map((v: { changeType: string }) => v.changeType)).toEqual(['created']);
  const deleted = receiver.next(path);
  expect((await call('DELETE', `${crm()}/companies(${sim.companyId})/teams(${teamId})`, undefined, { ...ANNE, 'if-match': '*' })).status).toBe(204);
  expect(JSON.parse((await deleted).body).value).toEqual([
    expect.objectContaining({ resource: `companies(${sim.companyId})/teamMembers(${memberId})`, changeType: 'deleted' }),
  ]);
});

test('the maximum number of subscriptions is refused with an error and saves nothing', async () => {
  const existing = (await sim.sim.apiSubscriptions.list()).length;
  const app = createApp(sim.sim, { webhooks: { maxSubscriptions: existing + 1 } });
  try {
    const body = { notificationUrl: `${receiver.url}/limit`, resource: `companies(${sim.companyId})/roles` };
    const post = () => request(app).post('/api/empire/crm/v1.0/subscriptions').set(ANNE).send(body);
    expect((await post()).status).toBe(201);
    const over = await post();
    expect(over.status).toBe(400);
    expect(over.body.error.message).toMatch(/^The maximum number of webhook subscriptions \(\d+\) has been reached\./);
    expect((await sim.sim.apiSubscriptions.list()).length).toBe(existing + 1);
  } finally {
    await (app.locals as { simulator: AppLocals }).simulator.webhooks.close();
  }
});
