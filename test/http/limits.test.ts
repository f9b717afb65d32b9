// [FEATURE] [Limits] — every resource a client can make the server hold is bounded (docs/limits.md): page sessions
// per user and in total, their client-sent state, entities per $expand and per $batch, companies, connections and
// slow requests; each limit answers in BC's envelope (or, for connections, closes the socket), leaves nothing
// behind, and the server keeps answering other users while the heap stays under a stated bound.
import net from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';
import { loadLimits } from '../../src/config';
import { RunningSimulator, startSimulator } from '../../src/index';
import { PageSessionManager } from '../../src/pageSession/PageSessionManager';
import { basic } from '../library/LibraryHttp';

const LIMITS = {
  maxCompanies: 3,
  maxConnections: 100,
  maxExpandedEntities: 60,
  maxBatchEntities: 400,
  pageSessions: { maxPerUser: 5, maxTotal: 8, maxStateChars: 2_000 },
};

/** The heap after a full collection (gc exposed at run time, as `node --expose-gc` would). */
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
const MB = 1024 * 1024;

let sim: RunningSimulator;
let heapAtStart: number;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo', limits: LIMITS });
  heapAtStart = heapAfterGc();
});
afterAll(() => sim.stop());

const auth = (user: string) => ({ authorization: basic(user, `demo-${user.toLowerCase()}`), 'content-type': 'application/json' });

async function call(user: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${sim.url}${path}`, { method, headers: auth(user), body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const open = (user: string, request: Record<string, unknown> = { page: 5052 }) => call(user, 'POST', '/pages/sessions', request);

/** BC's envelope: the code, and the correlation id at the end of the message. */
function expectEnvelope(reply: { status: number; body: any }, status: number, code: string): string {
  expect(reply.status).toBe(status);
  expect(reply.body.error.code).toBe(code);
  expect(reply.body.error.message).toMatch(/ {2}CorrelationId: {2}[0-9a-f-]{36}\.$/);
  return reply.body.error.message as string;
}

/** Another user is answered meanwhile: the API reads this user's company. */
async function expectOthersServed(user = 'CHANTAL'): Promise<void> {
  const r = await call(user, 'GET', `/api/v2.0/companies(${sim.companyId})/contacts?$top=1`);
  expect(r.status).toBe(200);
  expect(r.body.value).toHaveLength(1);
}

describe('page sessions', () => {
  test('at most maxPerUser per user and maxTotal in all: more is 429, closing one makes room, other users are still served', async () => {
    const anne: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await open('ANNE');
      expect(r.status).toBe(200);
      anne.push(r.body.view.sessionId);
    }
    expect(expectEnvelope(await open('ANNE'), 429, 'Simulator_TooManyPageSessions')).toContain('Gebruiker ANNE heeft het maximale aantal geopende paginasessies (5)'); // ANNE is Dutch
    await expectOthersServed();

    const bram: string[] = [];
    for (let i = 0; i < 3; i++) bram.push((await open('BRAM')).body.view.sessionId);
    // 8 open: the total is reached for a third user, whose own count is 0.
    expect(expectEnvelope(await open('DAAN'), 429, 'Simulator_TooManyPageSessions')).toContain('maximale aantal geopende paginasessies (8)');
    await expectOthersServed('DAAN');

    expect((await call('ANNE', 'POST', `/pages/sessions/${anne.pop()}/close`)).status).toBe(200);
    const again = await open('DAAN');
    expect(again.status).toBe(200);
    for (const id of [...anne, ...bram, again.body.view.sessionId]) {
      const user = anne.includes(id) ? 'ANNE' : bram.includes(id) ? 'BRAM' : 'DAAN';
      expect((await call(user, 'POST', `/pages/sessions/${id}/close`)).status).toBe(200);
    }
  });

  test('client-sent state over maxStateChars (context, filters, filter pane, a typed value) is 413 and keeps nothing', async () => {
    const big = 'x'.repeat(2_100);
    expectEnvelope(await open('ANNE', { page: 5052, context: { note: big } }), 413, 'Request_EntityTooLarge');
    expectEnvelope(await open('ANNE', { page: 5052, filters: { name: big } }), 413, 'Request_EntityTooLarge');

    const list = await open('ANNE');
    const id = list.body.view.sessionId as string;
    expectEnvelope(await call('ANNE', 'POST', `/pages/sessions/${id}/filters`, { filters: { Naam: big } }), 413, 'Request_EntityTooLarge');
    const card = await open('ANNE', { page: 5050, mode: 'new' });
    const cardId = card.body.view.sessionId as string;
    expectEnvelope(await call('ANNE', 'POST', `/pages/sessions/${cardId}/fields`, { field: 'Naam', value: big }), 413, 'Request_EntityTooLarge');

    // The refused opens kept no session: with 2 open, exactly 3 more fit.
    const more: string[] = [];
    for (let i = 0; i < 3; i++) more.push((await open('ANNE')).body.view.sessionId);
    expect((await open('ANNE')).status).toBe(429);
    for (const s of [id, cardId, ...more]) await call('ANNE', 'POST', `/pages/sessions/${s}/close`);
  });

  test('a failed open keeps no session', async () => {
    for (let i = 0; i < 10; i++) {
      // A card opened on no record fails.
      expect((await open('ESTHER', { page: 5050, mode: 'edit' })).status).toBe(400);
    }
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await open('ESTHER')).body.view.sessionId);
    for (const s of ids) await call('ESTHER', 'POST', `/pages/sessions/${s}/close`);
  });

  test('idle page sessions expire after ttlMs, and expired ones make room', async () => {
    let now = 0;
    const manager = new PageSessionManager(sim.sim, { ttlMs: 1_000, now: () => now, maxPerUser: 2 });
    const user = { userName: 'ANNE', language: 'en-US' as const };
    const first = await manager.open(user, sim.companyId, { pageId: 5052 });
    await manager.open(user, sim.companyId, { pageId: 5052 });
    await expect(manager.open(user, sim.companyId, { pageId: 5052 })).rejects.toMatchObject({ code: 'Simulator_TooManyPageSessions' });
    now = 1_001;
    await expect(manager.get(user, first.view.sessionId)).rejects.toMatchObject({ code: 'BadRequest_NotFound' });
    await manager.open(user, sim.companyId, { pageId: 5052 });
    expect(manager.sessionCount()).toBe(1);
  });

  test('a flood of large opens from one user leaves the heap where it was', async () => {
    const context = { note: 'y'.repeat(1_900) };
    let opened = 0;
    for (let round = 0; round < 15; round++) {
      const replies = await Promise.all(Array.from({ length: 20 }, () => open('FLORIS', { page: 5052, context })));
      for (const r of replies) expect([200, 429]).toContain(r.status);
      opened += replies.filter((r) => r.status === 200).length;
    }
    // Concurrent opens all passed the first check; the second one, when a session is kept, holds the line.
    expect(opened).toBe(5);
    await expectOthersServed();
    expect(heapAfterGc() - heapAtStart).toBeLessThan(64 * MB);
  });
});

describe('$expand and $batch', () => {
  const crm = () => `/api/empire/crm/v1.0/companies(${sim.companyId})`;
  const everyExpand = '$expand=interactionLogEntries,tasks';

  test('one request: more than maxExpandedEntities expanded is 413; with $top it fits', async () => {
    const all = await call('ANNE', 'GET', `${crm()}/contacts?${everyExpand}`);
    expect(expectEnvelope(all, 413, 'Request_EntityTooLarge')).toContain('more than 60 expanded entities');
    const few = await call('ANNE', 'GET', `${crm()}/contacts?$top=3&${everyExpand}`);
    expect(few.status).toBe(200);
    expect(few.body.value).toHaveLength(3);
    expect(Array.isArray(few.body.value[0].interactionLogEntries)).toBe(true);
  });

  test('a batch of 100 GETs with every $expand: at most maxBatchEntities answered, the rest 413; the heap stays bounded', async () => {
    const requests = Array.from({ length: 100 }, (_, i) => ({
      id: String(i + 1),
      method: 'GET',
      url: `companies(${sim.companyId})/contacts?$top=5&${everyExpand}`,
    }));
    const r = await call('ANNE', 'POST', '/api/empire/crm/v1.0/$batch', { requests });
    expect(r.status).toBe(200);
    const responses = r.body.responses as Array<{ status: number; body: any }>;
    expect(responses).toHaveLength(100);
    const ok = responses.filter((x) => x.status === 200);
    const refused = responses.filter((x) => x.status === 413);
    expect(ok.length + refused.length).toBe(100);
    expect(ok.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0].body.error.code).toBe('Request_EntityTooLarge');
    const entities = (v: any[]): number =>
      v.reduce((n, e) => n + 1 + entities(e.interactionLogEntries ?? []) + entities(e.tasks ?? []), 0);
    expect(ok.reduce((n, x) => n + entities(x.body.value), 0)).toBeLessThanOrEqual(400);
    await expectOthersServed();
    expect(heapAfterGc() - heapAtStart).toBeLessThan(64 * MB);
  });
});

describe('companies', () => {
  test('at most maxCompanies: one more is refused and changes nothing; deleting one makes room', async () => {
    const before = (await call('TRAINER', 'GET', '/_sim/companies')).body.value.length;
    const created: string[] = [];
    for (let i = before; i < 3; i++) {
      const r = await call('TRAINER', 'POST', '/_sim/companies', { name: `LIMIT-${i}` });
      expect(r.status).toBe(201);
      created.push(r.body.id);
    }
    const refused = await call('TRAINER', 'POST', '/_sim/companies', { name: 'LIMIT-X' });
    expect(expectEnvelope(refused, 400, 'Simulator_TooManyCompanies')).toContain('maximum number of companies (3)');
    expect((await call('TRAINER', 'GET', '/_sim/companies')).body.value.map((c: any) => c.name)).not.toContain('LIMIT-X');
    await expectOthersServed();
    expect((await call('TRAINER', 'DELETE', `/_sim/companies/${created[0]}`)).status).toBe(204);
    const again = await call('TRAINER', 'POST', '/_sim/companies', { name: 'LIMIT-X' });
    expect(again.status).toBe(201);
    for (const id of [...created.slice(1), again.body.id]) await call('TRAINER', 'DELETE', `/_sim/companies/${id}`);
  });
});

/** Raw bytes to the server; resolves with everything it sent back until it closed (or reset) the connection. */
function raw(url: string, bytes: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(bytes));
    let text = '';
    socket.on('data', (d) => (text += d.toString('utf8')));
    socket.on('close', () => resolve(text));
    // A connection the server drops may end in a reset rather than a close: unanswered all the same.
    socket.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? resolve(text) : reject(err)));
  });
}

function envelopeOf(response: string): { status: number; code: string; message: string } {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1]);
  const body = JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)) as { error: { code: string; message: string } };
  return { status, ...body.error };
}

describe('the HTTP server', () => {
  test('a malformed request line and oversized headers are answered in BC envelope, not with a bare 400', async () => {
    const bad = envelopeOf(await raw(sim.url, 'NOT A REQUEST\r\n\r\n'));
    expect(bad.status).toBe(400);
    expect(bad.code).toBe('BadRequest');
    expect(bad.message).toMatch(/ {2}CorrelationId: {2}[0-9a-f-]{36}\.$/);
    const big = envelopeOf(await raw(sim.url, `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`));
    expect(big.status).toBe(431);
    expect(big.code).toBe('Request_HeaderFieldsTooLarge');
    await expectOthersServed();
  });

  test('at most maxConnections: one more is closed unanswered; when they go, the server answers again', async () => {
    const { port } = new URL(sim.url);
    const held = await Promise.all(
      Array.from({ length: LIMITS.maxConnections }, () => new Promise<net.Socket>((resolve) => {
        const s = net.connect(Number(port), '127.0.0.1', () => resolve(s));
        s.on('error', () => undefined);
      })),
    );
    const request = 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n';
    try {
      // Accepted in order: the server holds maxConnections (these, and any the test's fetch keeps alive) when it gets this one.
      expect(await raw(sim.url, request)).toBe('');
    } finally {
      await Promise.all(held.map((s) => new Promise((resolve) => (s.destroyed ? resolve(null) : s.once('close', resolve).destroy()))));
    }
    // The server notices the closed sockets on its own time: ask until it answers (no time is asserted).
    let answer = '';
    for (let i = 0; i < 50 && answer === ''; i++) {
      answer = await raw(sim.url, request);
      if (answer === '') await new Promise((r) => setTimeout(r, 20));
    }
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    await expectOthersServed();
  });

  test('a client that sends its headers or its body too slowly gets 408 in BC envelope and loses the connection', async () => {
    const slow = await startSimulator({ seed: 'empty', limits: { headersTimeout: 300, requestTimeout: 600 } });
    try {
      const reply = envelopeOf(await raw(slow.url, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n'));
      expect(reply.status).toBe(408);
      expect(reply.code).toBe('Request_Timeout');
      // Headers in time, the body never complete: requestTimeout.
      const body = envelopeOf(await raw(slow.url, `POST /_sim/companies HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\nAuthorization: ${auth('TRAINER').authorization}\r\n\r\n{"na`));
      expect(body.status).toBe(408);
      expect(body.code).toBe('Request_Timeout');
    } finally {
      await slow.stop();
    }
  });
});

describe('settings from the environment', () => {
  test('each variable sets its limit; a value that is not a positive whole number is refused with the variable named', () => {
    expect(
      loadLimits({
        EMPIRE_SIM_MAX_COMPANIES: '7',
        EMPIRE_SIM_MAX_CONNECTIONS: '50',
        EMPIRE_SIM_HEADERS_TIMEOUT_MS: '1000',
        EMPIRE_SIM_MAX_BATCH_ENTITIES: '900',
        EMPIRE_SIM_PAGE_SESSIONS_PER_USER: '3',
        EMPIRE_SIM_PAGE_SESSION_TTL_MS: '60000',
      }),
    ).toEqual({ maxCompanies: 7, maxConnections: 50, headersTimeout: 1000, maxBatchEntities: 900, pageSessions: { maxPerUser: 3, ttlMs: 60000 } });
    expect(loadLimits({})).toEqual({ pageSessions: {} });
    for (const bad of ['0', '-1', '1.5', 'ten', '1e3']) {
      expect(() => loadLimits({ EMPIRE_SIM_MAX_COMPANIES: bad })).toThrow(`EMPIRE_SIM_MAX_COMPANIES must be a whole number of at least 1, not '${bad}'.`);
    }
  });
});
