// [FEATURE] [HTTP] [Limits] — BC online's per-user request limits when switched on (throttle):
// a user's requests beyond the concurrent ones queue, a full queue or a spent window is 429
// Application_TooManyRequests in BC's envelope, a request queued too long is 503, other users are
// not affected, and without the setting nothing is throttled (BC on-premises).
import http from 'node:http';
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
