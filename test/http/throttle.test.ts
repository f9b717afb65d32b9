// [FEATURE] [HTTP] [Limits] — BC online's per-user request limits when switched on (throttle):
// a user's requests beyond the concurrent ones queue, a full queue or a spent window is 429
// Application_TooManyRequests in BC's envelope, a request queued too long is 503, other users are
// not affected, and without the setting nothing is throttled (BC on-premises); the setting is changed through
// /_sim/throttling for the instance and /_sim/companies/{id}/throttling per company.
import http from 'node:http';
import request from 'supertest';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { AppLocals } from '../../src/http/app';
import type { ThrottleLimits } from '../../src/http/throttle';
import { loadConfig } from '../../src/config';
import { basic, createBusinessUser, errorText, HttpTestCompany, newHttpCompany, TEST_KEY, TEST_USER } from '../library/LibraryHttp';
import { closeSharedSimulator } from '../library/LibraryMarketing';

afterAll(() => closeSharedSimulator());

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

async function serve(throttle: ThrottleLimits | undefined): Promise<{ tc: HttpTestCompany; base: string }> {
  const tc = await newHttpCompany(throttle ? { throttle } : { journalSize: 10 });
  const server = await new Promise<Server>((resolve) => {
    const s = tc.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  servers.push(server);
  return { tc, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

interface Reply {
  status: number;
  body: any;
}

/**
 * A POST whose body has not all arrived: the request holds its place among the user's
 * concurrent requests (the body is read after throttling) until `finish()` sends the rest.
 */
function heldPost(base: string, path: string, auth: string): { finish: () => void; reply: Promise<Reply> } {
  const body = JSON.stringify({ surname: 'Wacht' });
  let req!: http.ClientRequest;
  const reply = new Promise<Reply>((resolve, reject) => {
    req = http.request(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      agent: false,
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.write(body.slice(0, 5));
  });
  return { finish: () => req.end(body.slice(5)), reply };
}

async function get(base: string, path: string, auth: string): Promise<Reply> {
  const res = await fetch(`${base}${path}`, { headers: { authorization: auth } });
  return { status: res.status, body: await res.json() };
}

/** Until the server holds what the test arranged: requests cross connections in no fixed order. */
async function until(tc: HttpTestCompany, user: string, expected: { active: number; queued: number }): Promise<void> {
  const limits = (tc.app.locals as { simulator: AppLocals }).simulator.throttle!;
  while (JSON.stringify(limits.usage(user)) !== JSON.stringify(expected)) await new Promise((r) => setTimeout(r, 5));
}

const LIMITS: ThrottleLimits = { concurrent: 2, queue: 1, requestsPerWindow: 1000, windowMs: 60_000, queueTimeoutMs: 60_000 };

test('beyond the concurrent requests a user queues; a full queue is 429 in BC’s envelope; queued requests run when others end', async () => {
  const { tc, base } = await serve(LIMITS);
  const auth = basic(TEST_USER, TEST_KEY);
  const url = `${tc.crm}/contacts`;
  const a = heldPost(base, url, auth);
  const b = heldPost(base, url, auth);
  await until(tc, TEST_USER, { active: 2, queued: 0 });
  // A third request of the same user waits in the queue (queue: 1) …
  const queued = fetch(`${base}${tc.crm}/contacts?$top=1`, { headers: { authorization: auth } }).then(async (r) => ({ status: r.status, body: await r.json() }));
  await until(tc, TEST_USER, { active: 2, queued: 1 });
  // … so a fourth one finds the queue full.
  const other = await createBusinessUser(tc, 'OTHER', 'other-key');
  const refused = await get(base, `${tc.crm}/contacts?$top=1`, auth);
  expect(refused.status).toBe(429);
  expect(refused.body.error.code).toBe('Application_TooManyRequests');
  expect(errorText(refused.body)).toBe('Request limits have been exceeded.');
  // The other user is not throttled by this user's requests.
  expect((await get(base, `${tc.crm}/contacts?$top=1`, other)).status).toBe(200);
  a.finish();
  b.finish();
  expect((await a.reply).status).toBe(201);
  expect((await b.reply).status).toBe(201);
  expect((await queued).status).toBe(200);
  // Slots and queue are free again.
  await until(tc, TEST_USER, { active: 0, queued: 0 });
  expect((await get(base, `${tc.crm}/contacts?$top=1`, auth)).status).toBe(200);
});

test('more requests than the window allows are 429; the refused ones change nothing', async () => {
  const { tc, base } = await serve({ ...LIMITS, requestsPerWindow: 3 });
  const auth = basic(TEST_USER, TEST_KEY);
  for (let i = 0; i < 3; i++) expect((await get(base, `${tc.crm}/contacts?$top=1`, auth)).status).toBe(200);
  const res = await fetch(`${base}${tc.crm}/contacts`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: JSON.stringify({ surname: 'Te veel' }),
  });
  expect(res.status).toBe(429);
  const count = await tc.run((s) => s.count((require('../../entities') as typeof import('../../entities')).Contact, {}));
  expect(count).toBe(0);
});

test('a request that waited longer than the queue timeout is 503', async () => {
  const { tc, base } = await serve({ ...LIMITS, concurrent: 1, queueTimeoutMs: 200 });
  const auth = basic(TEST_USER, TEST_KEY);
  const held = heldPost(base, `${tc.crm}/contacts`, auth);
  await until(tc, TEST_USER, { active: 1, queued: 0 });
  const waited = await get(base, `${tc.crm}/contacts?$top=1`, auth);
  expect(waited.status).toBe(503);
  expect(waited.body.error.code).toBe('Simulator_ServiceUnavailable');
  held.finish();
  expect((await held.reply).status).toBe(201);
});

test('off by default (BC on-premises): many parallel requests of one user are all answered', async () => {
  const { tc, base } = await serve(undefined);
  const auth = basic(TEST_USER, TEST_KEY);
  const replies = await Promise.all(Array.from({ length: 120 }, () => get(base, `${tc.crm}/contacts?$top=1`, auth)));
  expect(replies.filter((r) => r.status !== 200)).toEqual([]);
});

test('EMPIRE_SIM_THROTTLE: online switches BC online’s limits on; anything else but off is refused at start', () => {
  expect(loadConfig({ EMPIRE_SIM_THROTTLE: 'online' }).throttle).toBe('online');
  expect(loadConfig({}).throttle).toBeUndefined();
  expect(() => loadConfig({ EMPIRE_SIM_THROTTLE: 'on' })).toThrow("EMPIRE_SIM_THROTTLE must be 'online' or 'off', not 'on'.");
});

describe('set through the admin API, for the instance and per company', () => {
  const WINDOW_OF_TWO = { profile: 'custom', limits: { requestsPerWindow: 2 } };

  test('off by default; PUT /_sim/throttling switches it; the 429 is exactly BC’s envelope', async () => {
    const tc = await newHttpCompany({ journalSize: 10 });
    expect((await tc.get('/_sim/throttling')).body).toEqual({ profile: 'off', limits: null });
    const online = await tc.put('/_sim/throttling', { profile: 'online' });
    expect(online.body).toEqual({
      profile: 'online',
      limits: { concurrent: 5, queue: 95, requestsPerWindow: 6000, windowMs: 300_000, queueTimeoutMs: 480_000 },
    });
    const custom = await tc.put('/_sim/throttling', WINDOW_OF_TWO);
    expect(custom.body).toEqual({ profile: 'custom', limits: { concurrent: 5, queue: 95, requestsPerWindow: 2, windowMs: 300_000, queueTimeoutMs: 480_000 } });
    expect((await tc.get(`${tc.v2}/contacts`)).status).toBe(200);
    expect((await tc.get(`${tc.v2}/contacts`)).status).toBe(200);
    const refused = await tc.get(`${tc.v2}/contacts`);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      error: { code: 'Application_TooManyRequests', message: `Request limits have been exceeded.  CorrelationId:  ${refused.headers['x-correlation-id']}.` },
    });
    // The controls are not throttled, and switching off lets the API answer again.
    expect((await tc.put('/_sim/throttling', { profile: 'off' })).body).toEqual({ profile: 'off', limits: null });
    expect((await tc.get(`${tc.v2}/contacts`)).status).toBe(200);
  });

  test('a company’s own limits apply to requests into it only, per user; DELETE returns it to the instance’s', async () => {
    const a = await newHttpCompany({ journalSize: 10 });
    const b = await newHttpCompany({ journalSize: 10 });
    const app = a.app;
    const as = (auth: string, path: string) => request(app).get(path).set('Authorization', auth);
    const set = await request(app).put(`/_sim/companies/${a.companyId}/throttling`).set('Authorization', a.auth).send(WINDOW_OF_TWO);
    expect(set.body).toMatchObject({ profile: 'custom', limits: { requestsPerWindow: 2 }, effective: { profile: 'custom', limits: { requestsPerWindow: 2 } } });
    const other = await createBusinessUser(a, 'OTHER2', 'other-key-2');
    expect((await as(a.auth, `${a.v2}/contacts`)).status).toBe(200);
    expect((await as(a.auth, `${a.v2}/contacts`)).status).toBe(200);
    expect((await as(a.auth, `${a.v2}/contacts`)).status).toBe(429);
    // Another user has a window of their own; another company, following the instance (off), none.
    expect((await as(other, `${a.v2}/contacts`)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await as(a.auth, `/api/v2.0/companies(${b.companyId})/contacts`)).status).toBe(200);
    // Requests into no company follow the instance's setting.
    expect((await as(a.auth, '/api/v2.0/companies')).status).toBe(200);
    expect((await request(app).get(`/_sim/companies/${b.companyId}/throttling`).set('Authorization', a.auth)).body).toEqual({
      profile: 'instance',
      limits: null,
      effective: { profile: 'off', limits: null },
    });
    const reset = await request(app).delete(`/_sim/companies/${a.companyId}/throttling`).set('Authorization', a.auth);
    expect(reset.body).toEqual({ profile: 'instance', limits: null, effective: { profile: 'off', limits: null } });
    expect((await as(a.auth, `${a.v2}/contacts`)).status).toBe(200);
  });

  test('a company set off is not throttled while the instance is', async () => {
    const tc = await newHttpCompany({ throttle: { ...LIMITS, requestsPerWindow: 1 } });
    const other = await newHttpCompany({ journalSize: 10 });
    expect((await request(tc.app).put(`/_sim/companies/${tc.companyId}/throttling`).set('Authorization', tc.auth).send({ profile: 'off' })).body).toEqual({
      profile: 'off',
      limits: null,
      effective: { profile: 'off', limits: null },
    });
    for (let i = 0; i < 3; i++) expect((await tc.get(`${tc.v2}/contacts`)).status).toBe(200);
    expect((await tc.get(`/api/v2.0/companies(${other.companyId})/contacts`)).status).toBe(200);
    expect((await tc.get(`/api/v2.0/companies(${other.companyId})/contacts`)).status).toBe(429);
  });

  test.each([
    [{ profile: 'fast' }, "'fast' is not a throttling profile. The profiles are: off, online, custom."],
    [{ profile: 'instance' }, "'instance' is not a throttling profile. The profiles are: off, online, custom."],
    [{ profile: 'online', limits: { concurrent: 1 } }, "The profile 'online' takes no limits; give them with the profile 'custom'."],
    [{ profile: 'custom', limits: { concurrent: 0 } }, "The limit 'concurrent' must be a whole number from 1 to 2147483647, not 0."],
    [{ profile: 'custom', limits: { speed: 1 } }, "The property 'speed' does not exist on type 'Microsoft.NAV.simulatorThrottleLimits'. Make sure to only use property names that are defined by the type."],
    [{}, "Field 'profile' must not be blank or empty.", 'BadRequest_RequiredParamNotProvided'],
  ])('a bad setting %j is refused and changes nothing', async (body, text, code = 'BadRequest') => {
    const tc = await newHttpCompany({ journalSize: 10 });
    const res = await tc.put('/_sim/throttling', body);
    expect([res.status, res.body.error.code, errorText(res.body)]).toEqual([400, code, text]);
    expect((await tc.get('/_sim/throttling')).body).toEqual({ profile: 'off', limits: null });
  });

  test('the instance’s limits need SUPER for all companies, a company’s SUPER in it; reading a company’s, a permission set in it', async () => {
    const tc = await newHttpCompany({ journalSize: 10 });
    const clerk = await createBusinessUser(tc, 'CLERK2', 'clerk-key-2');
    const as = (r: request.Test) => r.set('Authorization', clerk);
    for (const res of [
      await as(request(tc.app).get('/_sim/throttling')),
      await as(request(tc.app).put('/_sim/throttling')).send({ profile: 'off' }),
      await as(request(tc.app).put(`/_sim/companies/${tc.companyId}/throttling`)).send({ profile: 'off' }),
      await as(request(tc.app).delete(`/_sim/companies/${tc.companyId}/throttling`)),
    ]) {
      expect([res.status, res.body.error.code]).toEqual([403, 'Authorization_InsufficientPermissions']);
    }
    expect((await as(request(tc.app).get(`/_sim/companies/${tc.companyId}/throttling`))).status).toBe(200);
    expect((await tc.get(`/_sim/companies/${tc.companyId}/throttling`)).body.profile).toBe('instance');
  });
});
