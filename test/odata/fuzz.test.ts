// [FEATURE] [HTTP] [OData] [Fuzz] — thousands of random and hostile $filter/$orderby/$select/$expand strings and JSON
// bodies: never a 5xx or a crash, every error in BC's envelope, and no row changed by a rejected request.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import fc from 'fast-check';
import type { Snapshot } from '../../src/host/Simulator';
import { closeSharedSimulator } from '../library/LibraryMarketing';
import { arrangeContactmomentSetup, HttpTestCompany, newHttpCompany, TEST_KEY, TEST_USER } from '../library/LibraryHttp';

let tc: HttpTestCompany;
let server: Server;
let base: string;
let teamId: string;
let contactId: string;
const AUTH = `Basic ${Buffer.from(`${TEST_USER}:${TEST_KEY}`).toString('base64')}`;
const ENVELOPE = /^(.*) {2}CorrelationId: {2}([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.$/s;

beforeAll(async () => {
  tc = await newHttpCompany();
  await arrangeContactmomentSetup(tc);
  server = await new Promise<Server>((resolve) => {
    const s = tc.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const surname of ['Jansen', 'de Vries', "O'Brien"]) {
    const c = await call('POST', `${tc.crm}/contacts`, { surname, city: 'Utrecht' });
    contactId = c.body.id;
  }
  await call('POST', `${tc.crm}/contacts(${contactId})/Microsoft.NAV.createInteractionFromTemplate`, { templateCode: 'VRAAG', note: 'Vraag' });
  teamId = (await call('GET', `${tc.crm}/teams?$filter=code eq 'KCC'`)).body.value[0].id;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await closeSharedSimulator();
});

interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: AUTH, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
  return { status: res.status, body: parsed, headers: res.headers };
}

/** Every answer: no 5xx; an error is exactly BC's envelope with the response's correlation id. */
function checkAnswer(a: Answer, what: string): void {
  if (a.status >= 500) throw new Error(`${what} → ${a.status} ${JSON.stringify(a.body)}`);
  if (a.status >= 400) {
    const ok =
      a.body &&
      typeof a.body === 'object' &&
      Object.keys(a.body).join() === 'error' &&
      Object.keys(a.body.error).sort().join() === 'code,message' &&
      typeof a.body.error.code === 'string' &&
      ENVELOPE.exec(a.body.error.message)?.[2] === a.headers.get('x-correlation-id');
    if (!ok) throw new Error(`${what} → ${a.status} without BC's envelope: ${JSON.stringify(a.body)}`);
  }
}

const snapshot = () => tc.sim.snapshot(tc.companyId);
/** Rows only: takenAt differs between two snapshots of the same data. */
const rows = (s: Snapshot) => JSON.stringify(s.tables);

// ---- generators ----

const FIELDS = ['displayName', 'number', 'city', 'type', 'privacyBlocked', 'lastModifiedDateTime', 'birthDate', 'id', 'status', 'date', 'note', 'colour', 'tasks', 'interactionLogEntries', 'a/b', '$it'];
const OPS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'and', 'or', 'not', 'in', 'has', 'add', 'mod', 'EQ', '==', '<>'];
const LITERALS = [
  "'x'", "''", "''''", "'O''Brien'", "'; DROP TABLE Contact; --'", "' OR 1=1 --", "'\\u0000'", "'\u00e9\u4e2d\ud83d\ude00'",
  '0', '-1', '1.5', '1e308', '99999999999999999999999', 'NaN', 'true', 'false', 'null', '2026-01-01', '2026-02-30', '0001-01-01',
  '2026-01-01T00:00:00Z', '25:99:00', '5f0e2a7c-0000-4000-8000-000000000000', "Microsoft.NAV.contactType'Person'", "'In_x0020_Progress'",
  "('a','b')", '()', '$root', '@p1', '%', '\\', '"x"',
];
const FUNCS = ['contains', 'startswith', 'endswith', 'tolower', 'toupper', 'substring', 'length', 'indexof', 'concat', 'year', 'cast', 'frobnicate', 'any', 'all'];

const token = fc.oneof(fc.constantFrom(...FIELDS), fc.constantFrom(...OPS), fc.constantFrom(...LITERALS), fc.constantFrom(...FUNCS), fc.constantFrom('(', ')', ',', '/', ':', ' '));

/** Expression-shaped text: mostly near-valid, so the parser's deeper paths and the binder are reached. */
const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(fc.constantFrom(...FIELDS), fc.constantFrom(...OPS), fc.constantFrom(...LITERALS)).map(([f, o, l]) => `${f} ${o} ${l}`),
    fc.tuple(fc.constantFrom(...FUNCS), fc.constantFrom(...FIELDS), fc.constantFrom(...LITERALS)).map(([fn, f, l]) => `${fn}(${f},${l})`),
    fc.tuple(tie('e'), fc.constantFrom('and', 'or'), tie('e')).map(([a, o, b]) => `${a} ${o} ${b}`),
    tie('e').map((e) => `(${e})`),
    fc.tuple(fc.constantFrom(...FIELDS), tie('e')).map(([f, e]) => `${f}/any(x: ${e})`),
    fc.tuple(fc.constantFrom(...FUNCS), tie('e')).map(([fn, e]) => `${fn}(${e})`),
  ),
})).e;

const hostile = fc.oneof(
  expr,
  fc.array(token, { maxLength: 25 }).map((t) => t.join(' ')),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: 1, max: 400 }).map((n) => '('.repeat(n) + "city eq 'x'" + ')'.repeat(n % 3 === 0 ? n : n - 1)),
  fc.integer({ min: 1, max: 300 }).map((n) => Array.from({ length: n }, () => "city eq 'x'").join(' or ')),
);

const list = fc.array(fc.oneof(fc.constantFrom(...FIELDS, '*', 'asc', 'desc', ''), fc.string({ maxLength: 8 })), { maxLength: 6 });
const orderby = fc.oneof(list.map((l) => l.join(',')), fc.tuple(fc.constantFrom(...FIELDS), fc.constantFrom(' asc', ' desc', ' up', '')).map(([f, d]) => f + d));
const expand = fc.oneof(
  fc.constantFrom('interactionLogEntries', 'tasks', 'contactRoles', 'city', 'nope', '*', ''),
  fc.tuple(fc.constantFrom('tasks', 'interactionLogEntries', 'x'), fc.constantFrom('$select', '$filter', '$top', '$orderby', '$expand', '$count', 'junk'), hostile).map(
    ([nav, opt, value]) => `${nav}(${opt}=${value})`,
  ),
);

const PATHS = () => [`${tc.crm}/contacts`, `${tc.v2}/contacts`, `${tc.crm}/tasks`, `${tc.crm}/teams(${teamId})/tasks`, `${tc.crm}/interactionLogEntries`, '/api/v2.0/companies'];

describe('hostile query options', () => {
  test('$filter: 2,000 random and hostile expressions — no 5xx, every error in the envelope, nothing changed', async () => {
    const before = rows(await snapshot());
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PATHS()), hostile, fc.boolean(), async (path, filter, v21) => {
        const query = `$filter=${encodeURIComponent(filter)}${v21 ? '&$schemaversion=2.1' : ''}`;
        const a = await call('GET', `${path}?${query}`);
        checkAnswer(a, `GET ${path}?${query}`);
        if (a.status === 200) {
          expect(Array.isArray(a.body.value)).toBe(true);
          accepted++;
        }
      }),
      { numRuns: 2000, seed: 20260302 },
    );
    expect(rows(await snapshot())).toBe(before);
    // Not only rejections: the generator reaches valid filters too.
    expect(accepted).toBeGreaterThan(100);
  });

  test('$orderby, $select, $expand, $top, $skip, $count, $skiptoken: 1,000 combinations', async () => {
    const before = rows(await snapshot());
    const option = fc.oneof(
      orderby.map((v) => ['$orderby', v]),
      list.map((l) => ['$select', l.join(',')]),
      expand.map((v) => ['$expand', v]),
      fc.oneof(fc.nat().map(String), fc.string({ maxLength: 6 })).map((v) => ['$top', v]),
      fc.oneof(fc.nat().map(String), fc.string({ maxLength: 6 })).map((v) => ['$skip', v]),
      fc.constantFrom('true', 'false', 'TRUE', '1', '').map((v) => ['$count', v]),
      fc.oneof(fc.base64String({ maxLength: 40 }), fc.string({ maxLength: 20 })).map((v) => ['$skiptoken', v]),
      fc.constantFrom('$search', '$apply', '$compute', '$format', '$schemaversion', '$levels', 'plain').map((k) => [k, 'x']),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PATHS()), fc.array(option, { minLength: 1, maxLength: 4 }), async (path, options) => {
        const query = options.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
        checkAnswer(await call('GET', `${path}?${query}`), `GET ${path}?${query}`);
      }),
      { numRuns: 1000, seed: 4242 },
    );
    expect(rows(await snapshot())).toBe(before);
  });
});

describe('hostile bodies', () => {
  const KEYS = ['displayName', 'surname', 'type', 'code', 'description', 'city', 'number', 'id', 'privacyBlocked', 'birthDate', 'tasks', 'teamMembers', '@odata.etag', 'colour', '__proto__', 'constructor'];
  const value = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom('Person', 'Company', 'In_x0020_Progress', '2026-02-30', '0001-01-01', 'x'.repeat(300), "'; DROP TABLE Contact; --"),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.dictionary(fc.constantFrom(...KEYS), fc.oneof(fc.string({ maxLength: 10 }), fc.integer())), { maxLength: 2 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
  );
  const body = fc.oneof(
    { weight: 6, arbitrary: fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 4 }) },
    { weight: 1, arbitrary: fc.json().map((j) => ({ raw: j })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((s) => ({ raw: s })) },
  );
  const target = () =>
    fc.constantFrom(
      ['POST', `${tc.crm}/contacts`],
      ['POST', `${tc.v2}/contacts`],
      ['POST', `${tc.crm}/roles`],
      ['POST', `${tc.crm}/teams`],
      ['PATCH', `${tc.crm}/contacts(${contactId})`],
      ['PATCH', `${tc.crm}/teams(${teamId})`],
      ['POST', `${tc.crm}/contacts(${contactId})/Microsoft.NAV.newPersonForHousehold`],
      ['POST', '/api/empire/crm/v1.0/$batch'],
      ['PUT', `/_sim/companies/${tc.companyId}/clock`],
    );

  test('500 random JSON bodies: no 5xx, errors in the envelope, and a rejected request changes no row', async () => {
    let baseline = rows(await snapshot());
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(target(), body, fc.constantFrom('*', 'W/"stale"', undefined), async ([method, path], b, ifMatch) => {
        const payload = 'raw' in b && Object.keys(b).length === 1 ? String(b.raw) : b;
        const headers: Record<string, string> = ifMatch ? { 'if-match': ifMatch } : {};
        const a = await call(method, path, payload, headers);
        checkAnswer(a, `${method} ${path} ${JSON.stringify(payload).slice(0, 200)}`);
        const now = rows(await snapshot());
        if (a.status >= 400 && !path.endsWith('$batch')) {
          rejected++;
          if (now !== baseline) throw new Error(`rejected ${method} ${path} (${a.status}) changed rows: ${JSON.stringify(payload).slice(0, 200)}`);
        }
        baseline = now;
      }),
      { numRuns: 500, seed: 777 },
    );
    // The generator is hostile: most requests must have been refused.
    expect(rejected).toBeGreaterThan(250);
  });
});
