// [FEATURE] [Simulator controls] [Fuzz] — hostile /_sim requests (companies, snapshots, clock, reset, journal)
// as the libraries' default user: never a 5xx, every error exactly in BC's envelope, a rejected request changes nothing.
import fc from 'fast-check';
import { FuzzServer, fuzzCount, Req, rowsOf, samples, send, sendAll, startFuzzServer, Tally } from './fuzzHarness';
import { hostileBody, hostileValue } from './generators';

// The suites are long by design; their size is EMPIRE_SIM_FUZZ_SCALE (fuzzHarness.ts).
jest.setTimeout(600_000);

let fs: FuzzServer;
let snapshotId = '';

beforeAll(async () => {
  fs = await startFuzzServer();
  snapshotId = (await send(fs.base, { method: 'POST', path: `/_sim/companies/${fs.tc.companyId}/snapshots` })).body.id;
});

afterAll(() => fs.close());

const companyRef = () => fc.constantFrom(fs.tc.companyId, fs.tc.companyId.toUpperCase(), 'nope', '%00', encodeURIComponent('a\u0000'), 'x'.repeat(300), '00000000-0000-0000-0000-000000000000');
const clockKeys = ['frozenAt', 'workDate', 'days', 'hours', 'minutes', 'seconds', 'timeZone', 'x'];
/** The clock's own edge values, besides every kind of JSON value. */
const clockValue = fc.oneof(
  { weight: 2, arbitrary: hostileValue },
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(
      '2026-03-02T09:00:00Z', '2026-03-02', '0000-00-00', '0001-01-01', '9999-12-31', '9999-12-31T23:59:59Z', '1753-01-01T00:00:00Z', '1752-12-31T23:59:59Z',
      '2026-02-30', '2026-03-02T25:00:00Z', '+275760-09-13T00:00:00Z', 1e300, 2_920_000, 2_147_483_648, -1, 0, 0.5, 1e-300, Number.MAX_SAFE_INTEGER, null,
    ),
  },
);

describe('simulator controls fuzz', () => {
  test('clock, snapshots, companies and the journal: hostile paths, queries and bodies', async () => {
    const tally = new Tally('admin');
    const read = fc.tuple(companyRef(), fc.constantFrom('', '/clock', '/snapshots', '/x')).map(([c, p]): Req => ({ method: 'GET', path: `/_sim/companies/${c}${p}` }));
    const journal = fc
      .dictionary(fc.constantFrom('limit', 'method', 'status', 'correlationId', 'x'), fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('-1', '1e300', '99999999999999999999', '0', '5')), { maxKeys: 3 })
      .map((q): Req => ({ method: 'GET', path: `/_sim/requests?${new URLSearchParams(q).toString()}&limit=${'9'.repeat(3)}` }));
    const clock = fc
      .tuple(companyRef(), fc.constantFrom('PUT /clock', 'POST /clock/advance'), fc.oneof({ weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...clockKeys), clockValue, { maxKeys: 3 }).map((o) => JSON.stringify(o)) }, { weight: 1, arbitrary: hostileBody(clockKeys) }))
      .map(([c, route, body]): Req => {
        const [method, p] = route.split(' ');
        return { method, path: `/_sim/companies/${c}${p}`, body };
      });
    const snapshots = fc
      // Not `..`: the client resolves it, and DELETE …/snapshots/.. is a DELETE of the company itself.
      .tuple(companyRef(), fc.constantFrom(() => snapshotId, () => 'nope', () => '%2e', () => '00000000-0000-0000-0000-000000000000'), fc.constantFrom('POST /restore', 'DELETE ', 'GET '))
      .map(([c, id, route]): Req => {
        const [method, tail] = route.split(' ');
        // The real snapshot is only restored: deleting it would leave the rest of the run without one.
        const sid = method === 'DELETE' && id() === snapshotId ? 'nope' : id();
        return { method, path: `/_sim/companies/${c}/snapshots/${sid}${tail}` };
      });
    const companies = fc
      .record({ name: fc.oneof(hostileValue, fc.constantFrom<unknown>('', ' ', 'a\u0000b', 'x'.repeat(31), '../../etc', 'CRONUS')), displayName: hostileValue, seed: fc.constantFrom<unknown>('empty', 'demo', 'nope', '', null, 5) }, { requiredKeys: [] })
      .map((b): Req => ({ method: 'POST', path: '/_sim/companies', body: JSON.stringify(b) }));
    const other = fc.constantFrom<Req>(
      { method: 'GET', path: '/_sim/companies' },
      { method: 'GET', path: '/_sim/seeds' },
      { method: 'PATCH', path: '/_sim/companies' },
      { method: 'POST', path: '/_sim/companies', body: '{' },
      { method: 'POST', path: '/_sim/companies', body: '[]' },
      { method: 'DELETE', path: '/_sim/companies/nope' },
      { method: 'POST', path: '/_sim/companies/nope/reset' },
      { method: 'GET', path: '/_sim/nope' },
    );
    const reqArb = fc.oneof({ weight: 2, arbitrary: read }, { weight: 1, arbitrary: journal }, { weight: 6, arbitrary: clock }, { weight: 2, arbitrary: snapshots }, { weight: 1, arbitrary: companies }, { weight: 1, arbitrary: other });
    const created: string[] = [];
    await sendAll(fs.base, samples(reqArb, fuzzCount(5_000), 424242), tally, (r, a) => {
      if (r.path === '/_sim/companies' && r.method === 'POST' && a.status === 201) created.push(a.body.id);
    });
    // Companies the fuzz managed to create are deleted again (each is a database or schema).
    for (const id of created) await send(fs.base, { method: 'DELETE', path: `/_sim/companies/${id}` });
    tally.print();
    expect(tally.problems).toEqual([]);
    expect(tally.ok).toBeGreaterThan(tally.requests / 20);
  });

  test('a rejected clock change leaves the company as it was (one at a time, a snapshot on either side)', async () => {
    const tally = new Tally('admin clock checked');
    const reqArb = fc
      .oneof(
        fc.tuple(fc.constant('PUT /clock'), fc.dictionary(fc.constantFrom('frozenAt', 'workDate', 'frozenAt', 'workDate', 'x'), clockValue, { minKeys: 1, maxKeys: 2 })),
        fc.tuple(fc.constant('POST /clock/advance'), fc.dictionary(fc.constantFrom('days', 'hours', 'minutes', 'seconds', 'x'), clockValue, { minKeys: 1, maxKeys: 2 })),
      )
      .map(([route, body]): Req => {
        const [method, p] = route.split(' ');
        return { method, path: `/_sim/companies/${fs.tc.companyId}${p}`, body: JSON.stringify(body) };
      });
    let baseline = await rowsOf(fs);
    const changedByRejected: string[] = [];
    for (const r of samples(reqArb, fuzzCount(400), 1753)) {
      let rejected = false;
      await sendAll(fs.base, [r], tally, (_r, a) => (rejected = a.status >= 400));
      const now = await rowsOf(fs);
      if (rejected && now !== baseline) changedByRejected.push(`${r.method} ${r.path} ${String(r.body)}`);
      baseline = now;
    }
    tally.print();
    expect(tally.problems).toEqual([]);
    expect(changedByRejected).toEqual([]);
    // Both kinds: the clock was changed by some requests and refused by most.
    expect(tally.rejected).toBeGreaterThan(tally.requests / 5);
    expect(tally.ok).toBeGreaterThan(tally.requests / 20);
  });
});
