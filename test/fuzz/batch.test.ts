// [FEATURE] [HTTP] [$batch] [Fuzz] — hostile $batch requests (the batch's shape, inner methods, URLs, headers, bodies,
// dependsOn, Isolation: snapshot; multipart/mixed framing, parts and change sets): never a 5xx outside or inside,
// every error exactly in BC's envelope with its own correlation id, and a refused snapshot batch or change set changes
// no row.
import fc from 'fast-check';
import { parseMultiPartContent } from '@odata/client';
import { Answer, answerProblem, FuzzServer, fuzzCount, Req, rowsOf, samples, sendAll, startFuzzServer, Tally } from './fuzzHarness';
import { hostileBody, hostileFilter } from './generators';

// The suites are long by design; their size is EMPIRE_SIM_FUZZ_SCALE (fuzzHarness.ts).
jest.setTimeout(600_000);

let fs: FuzzServer;
let contactId = '';
let teamId = '';

beforeAll(async () => {
  fs = await startFuzzServer();
  const { tc } = fs;
  contactId = (await tc.post(`${tc.crm}/contacts`, { surname: 'Jansen' })).body.id;
  teamId = (await tc.get(`${tc.crm}/teams?$filter=code eq 'KCC'`)).body.value[0].id;
});

afterAll(() => fs.close());

/** The inner answers of a batch, checked as the outer one is: no 5xx, an error in the envelope with its correlation id. */
function innerProblems(a: Answer): string[] {
  const responses = a.status === 200 && Array.isArray(a.body?.responses) ? (a.body.responses as Array<{ id: string; status: number; headers?: Record<string, string>; body?: unknown }>) : [];
  return responses.flatMap((r) => {
    const headers = new Headers(Object.entries(r.headers ?? {}).map(([k, v]): [string, string] => [k, String(v)]));
    // A dependent request refused without running (424) carries the envelope too.
    const problem = answerProblem({ status: r.status, body: r.body, headers });
    return problem ? [`inner ${r.id}: ${problem}`] : [];
  });
}

type Batch = { body: string; snapshot: boolean; contentType?: string };

function innerArb() {
  const { tc } = fs;
  const url = fc.oneof(
    fc.constantFrom(
      `companies(${tc.companyId})/contacts`,
      `companies(${tc.companyId})/contacts(${contactId})`,
      `companies(${tc.companyId})/teams(${teamId})/teamMembers`,
      `companies(${tc.companyId})/roles`,
      `${tc.crm}/salutations`,
      `http://localhost${tc.crm}/contacts`,
      '$1',
      '$1/teamMembers',
      '$nope',
      '$batch',
      `companies(${tc.companyId})/$batch`,
      '',
      '/',
      '//evil.example/x',
      'companies(nope)/contacts',
      '%ZZ',
    ),
    fc.constantFrom('contacts', 'tasks', 'roles').chain((set) => hostileFilter.map((f) => `companies(${tc.companyId})/${set}?$filter=${encodeURIComponent(f)}`)),
  );
  /** Mostly a valid part, sometimes a hostile one: so a batch gets past its shape check to its inner requests. */
  const mostly = <T>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<unknown>) => fc.oneof({ weight: 5, arbitrary: valid as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: hostile });
  return fc.record(
    {
      method: mostly(fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE'), fc.constantFrom<unknown>('PUT', 'get', 'MERGE', '', null, 7)),
      url: mostly(url, fc.constantFrom<unknown>(null, 5, {}, [])),
      headers: mostly(
        fc.dictionary(fc.constantFrom('if-match', 'content-type', 'prefer', 'x-sim-dialog-answers', 'isolation', 'accept-language'), fc.oneof(fc.constantFrom('*', 'W/"x"', 'application/json', 'odata.maxpagesize=1', '*=yes', 'snapshot'), fc.string({ maxLength: 6 })), { maxKeys: 2 }),
        fc.constantFrom<unknown>(null, 'x', [], { 'if-match': 5 }),
      ),
      body: fc.oneof(
        { weight: 4, arbitrary: hostileBody(['surname', 'code', 'description', 'salespersonCode', 'city', 'houseNumber', 'teamMembers', 'id']).map((b) => { try { return JSON.parse(b) as unknown; } catch { return b; } }) },
        { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 'x', 5, []) },
      ),
    },
    { requiredKeys: ['method', 'url'] },
  );
}

function batchArb(): fc.Arbitrary<Batch> {
  const inner = innerArb();
  // Ids 1, 2, …; sometimes an odd first id; dependsOn an earlier request, or sometimes a hostile one.
  const requests = fc
    .tuple(fc.array(inner, { minLength: 1, maxLength: 4 }), fc.constantFrom<unknown>('ok', 'ok', 'ok', 'ok', '', null, 5, {}), fc.nat(), fc.constantFrom<unknown>('earlier', 'earlier', 'earlier', 'none', 'none', 'none', 'nope', null, {}, [5]))
    .map(([list, odd, n, deps]) =>
      list.map((r, i) => {
        const dependsOn = deps === 'none' || i === 0 ? undefined : deps === 'earlier' ? [String((n % i) + 1)] : deps;
        return { id: i === 0 && odd !== 'ok' ? odd : String(i + 1), ...r, ...(dependsOn === undefined ? {} : { dependsOn }) };
      }),
    );
  const body = fc.oneof(
    { weight: 10, arbitrary: requests.map((list) => JSON.stringify({ requests: list })) },
    { weight: 1, arbitrary: fc.constantFrom('', '{', '[]', 'null', '{"requests":null}', '{"requests":{}}', '{"requests":[]}', '{"requests":[null]}', '{"requests":[1,2]}', JSON.stringify({ requests: Array.from({ length: 101 }, (_, i) => ({ id: String(i), method: 'GET', url: 'companies' })) })) },
  );
  return fc.record({ body, snapshot: fc.boolean() });
}

/** An inner request as an application/http part, hostile values written as they come (a header that is not an object becomes a bad line). */
function httpPart(r: { method?: unknown; url?: unknown; headers?: unknown; body?: unknown }, contentId: string): string {
  const headers = r.headers !== null && typeof r.headers === 'object' && !Array.isArray(r.headers) ? Object.entries(r.headers).map(([k, v]) => `${k}: ${String(v)}`) : r.headers === undefined ? [] : [String(r.headers)];
  const body = r.body === undefined ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
  return ['Content-Type: application/http', 'Content-Transfer-Encoding: binary', `Content-ID: ${contentId}`, '', `${String(r.method)} ${String(r.url)} HTTP/1.1`, ...headers, '', body].join('\r\n');
}

const multipart = (boundary: string, parts: string[], close = true) => parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('') + (close ? `--${boundary}--\r\n` : '');

/** multipart/mixed batches: requests and change sets (a GET in one now and then), and now and then broken framing. */
function multipartArb(): fc.Arbitrary<Batch> {
  const inner = innerArb();
  // A change set is writes; a GET is let through one time in ten, to be refused.
  const write = fc.tuple(inner, fc.nat(9)).map(([r, n]) => (r.method === 'GET' && n > 0 ? { ...r, method: 'POST' } : r));
  const item = fc.oneof(
    { weight: 3, arbitrary: inner.map((r) => httpPart(r, 'r')) },
    { weight: 2, arbitrary: fc.array(write, { minLength: 1, maxLength: 3 }).map((list) => `Content-Type: multipart/mixed; boundary=cs\r\n\r\n${multipart('cs', list.map((r, i) => httpPart(r, String(i + 1))))}`) },
  );
  const framing = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('ok', 'lf', 'quoted') }, { weight: 1, arbitrary: fc.constantFrom('noclose', 'noboundary', 'badheader', 'base64', 'nested', 'toomany') });
  return fc.tuple(fc.array(item, { minLength: 1, maxLength: 3 }), framing).map(([parts, f]): Batch => {
    let contentType = f === 'quoted' ? 'multipart/mixed; boundary="b b"' : 'multipart/mixed; boundary=b';
    const boundary = f === 'quoted' ? 'b b' : 'b';
    let list = parts;
    if (f === 'badheader') list = [`Content-Type application/http\r\n\r\nGET companies HTTP/1.1\r\n`, ...parts];
    if (f === 'base64') list = parts.map((p) => p.replace('Content-Transfer-Encoding: binary', 'Content-Transfer-Encoding: base64'));
    if (f === 'nested') list = [`Content-Type: multipart/mixed; boundary=cs\r\n\r\n${multipart('cs', [`Content-Type: multipart/mixed; boundary=x\r\n\r\n${multipart('x', parts)}`])}`];
    if (f === 'toomany') list = Array.from({ length: 101 }, () => parts[0]);
    if (f === 'noboundary') contentType = 'multipart/mixed';
    let body = multipart(boundary, list, f !== 'noclose');
    if (f === 'lf') body = body.replace(/\r\n/g, '\n');
    return { body, snapshot: false, contentType };
  });
}

/** A multipart answer's inner responses (read by @odata/client's parser), checked as the outer one is. */
async function multipartProblems(a: Answer): Promise<{ count: number; problems: string[]; failed: boolean }> {
  const boundary = /^multipart\/mixed; boundary=(\S+)$/.exec(a.headers.get('content-type') ?? '')?.[1];
  if (!boundary) return { count: 0, problems: [`no boundary in ${a.headers.get('content-type')}`], failed: false };
  const parts = await parseMultiPartContent(String(a.body), boundary);
  const problems: string[] = [];
  for (const [i, p] of parts.entries()) {
    const text = await p.text();
    const body = text.trim() && /^\s*[{[]/.test(text) ? (JSON.parse(text) as unknown) : text;
    const problem = answerProblem({ status: p.status, body, headers: new Headers(Object.entries(p.headers).map(([k, v]): [string, string] => [k, String(v)])) });
    if (problem) problems.push(`part ${i + 1}: ${problem}`);
  }
  return { count: parts.length, problems, failed: parts.some((p) => p.status >= 400) };
}

const toReq = (b: Batch, i: number): Req => ({
  method: 'POST',
  path: i % 2 ? '/api/empire/crm/v1.0/$batch' : '/api/v2.0/$batch',
  body: b.body,
  headers: { ...(b.snapshot ? { isolation: 'snapshot' } : {}), ...(b.contentType ? { 'content-type': b.contentType } : {}) },
});

describe('$batch fuzz', () => {
  test('hostile batches: no 5xx outside or inside, every error in the envelope', async () => {
    const tally = new Tally('batch');
    const inner: string[] = [];
    let innerCount = 0;
    const multipartAnswers: Answer[] = [];
    // A quarter in multipart/mixed: the same inner requests, written as parts and change sets.
    const batches = [...samples(batchArb(), fuzzCount(2_250), 1007), ...samples(multipartArb(), fuzzCount(750), 1011)];
    await sendAll(fs.base, batches.map(toReq), tally, (_r, a) => {
      innerCount += Array.isArray(a.body?.responses) ? a.body.responses.length : 0;
      if (inner.length < 20) inner.push(...innerProblems(a));
      if (a.status === 200 && typeof a.body === 'string') multipartAnswers.push(a);
    });
    for (const a of multipartAnswers) {
      const checked = await multipartProblems(a);
      innerCount += checked.count;
      if (inner.length < 20) inner.push(...checked.problems);
    }
    tally.print();
    console.log(`fuzz batch multipart answers: ${multipartAnswers.length.toLocaleString('en-US')}`);
    console.log(`fuzz batch inner requests: ${innerCount.toLocaleString('en-US')}`);
    expect(tally.problems).toEqual([]);
    expect(inner).toEqual([]);
    expect(tally.ok).toBeGreaterThan(tally.requests / 10);
  });

  test('a refused batch, or one with a failed inner request, in one snapshot (Isolation: snapshot) changes no row', async () => {
    const tally = new Tally('batch snapshot checked');
    let baseline = await rowsOf(fs);
    const changedByRejected: string[] = [];
    for (const [i, b] of samples(batchArb(), fuzzCount(300), 2024).entries()) {
      const r = toReq({ ...b, snapshot: true }, i);
      let rejected = false;
      // Every inner request is answered; one failure means none of the changes is applied (use-odata-batch.md).
      const innerFailed = (a: Answer) => Array.isArray(a.body?.responses) && (a.body.responses as Array<{ status: number }>).some((x) => x.status >= 400);
      await sendAll(fs.base, [r], tally, (_r, a) => (rejected = a.status >= 400 || innerFailed(a)));
      const now = await rowsOf(fs);
      if (rejected && now !== baseline) changedByRejected.push(String(r.body).slice(0, 300));
      baseline = now;
    }
    tally.print();
    expect(tally.problems).toEqual([]);
    expect(changedByRejected).toEqual([]);
    expect(tally.rejected).toBeGreaterThan(tally.requests / 5);
  });

  test('a refused multipart batch or failed change set changes no row', async () => {
    const tally = new Tally('batch change sets checked');
    let baseline = await rowsOf(fs);
    const changedByRejected: string[] = [];
    let failedChangeSets = 0;
    // One change set per batch, so a failure in the answer is that change set's.
    const oneChangeSet = multipartArb().filter((b) => (b.body.match(/boundary=cs/g) ?? []).length === 1 && !b.body.includes('Content-ID: r'));
    for (const [i, b] of samples(oneChangeSet, fuzzCount(75), 2025).entries()) {
      const r = toReq(b, i);
      let answer: Answer | undefined;
      await sendAll(fs.base, [r], tally, (_r, a) => (answer = a));
      const failed = answer!.status >= 400 || (typeof answer!.body === 'string' && (await multipartProblems(answer!)).failed);
      if (failed) failedChangeSets++;
      const now = await rowsOf(fs);
      if (failed && now !== baseline) changedByRejected.push(String(r.body).slice(0, 300));
      baseline = now;
    }
    tally.print();
    expect(tally.problems).toEqual([]);
    expect(changedByRejected).toEqual([]);
    expect(failedChangeSets).toBeGreaterThan(fuzzCount(75) / 5);
  });
});
