// [FEATURE] [HTTP] [$batch] [Fuzz] — hostile $batch requests (the batch's shape, inner methods, URLs, headers, bodies,
// dependsOn, Isolation: snapshot): never a 5xx outside or inside, every error exactly in BC's envelope with its own
// correlation id, and a refused snapshot batch changes no row.
import fc from 'fast-check';
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

function batchArb(): fc.Arbitrary<{ body: string; snapshot: boolean }> {
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
  const inner = fc.record(
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

const toReq = (b: { body: string; snapshot: boolean }, i: number): Req => ({
  method: 'POST',
  path: i % 2 ? '/api/empire/crm/v1.0/$batch' : '/api/v2.0/$batch',
  body: b.body,
  headers: b.snapshot ? { isolation: 'snapshot' } : {},
});

describe('$batch fuzz', () => {
  test('hostile batches: no 5xx outside or inside, every error in the envelope', async () => {
    const tally = new Tally('batch');
    const inner: string[] = [];
    let innerCount = 0;
    await sendAll(fs.base, samples(batchArb(), fuzzCount(3_000), 1007).map(toReq), tally, (_r, a) => {
      innerCount += Array.isArray(a.body?.responses) ? a.body.responses.length : 0;
      if (inner.length < 20) inner.push(...innerProblems(a));
    });
    tally.print();
    console.log(`fuzz batch inner requests: ${innerCount.toLocaleString('en-US')}`);
    expect(tally.problems).toEqual([]);
    expect(inner).toEqual([]);
    expect(tally.ok).toBeGreaterThan(tally.requests / 10);
  });

  test('a refused batch in one transaction (Isolation: snapshot) changes no row', async () => {
    const tally = new Tally('batch snapshot checked');
    let baseline = await rowsOf(fs);
    const changedByRejected: string[] = [];
    for (const [i, b] of samples(batchArb(), fuzzCount(300), 2024).entries()) {
      const r = toReq({ ...b, snapshot: true }, i);
      let rejected = false;
      await sendAll(fs.base, [r], tally, (_r, a) => (rejected = a.status >= 400));
      const now = await rowsOf(fs);
      if (rejected && now !== baseline) changedByRejected.push(String(r.body).slice(0, 300));
      baseline = now;
    }
    tally.print();
    expect(tally.problems).toEqual([]);
    expect(changedByRejected).toEqual([]);
    expect(tally.rejected).toBeGreaterThan(tally.requests / 5);
  });
});
