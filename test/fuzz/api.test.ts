// [FEATURE] [HTTP] [OData] [Fuzz] — tens of thousands of hostile API requests (paths, query options, headers, bodies),
// sent concurrently: never a 5xx, every error exactly in BC's envelope, and no row changed by a rejected request.
import fc from 'fast-check';
import { FuzzServer, fuzzCount, Req, rowsOf, samples, sendAll, startFuzzServer, Tally } from './fuzzHarness';
import { hostileBody, hostileFilter, queryOption } from './generators';

// The suites are long by design; their size is EMPIRE_SIM_FUZZ_SCALE (fuzzHarness.ts).
jest.setTimeout(600_000);

let fs: FuzzServer;
let ids: { contact: string; team: string; task: string; entry: string };

beforeAll(async () => {
  fs = await startFuzzServer();
  const { tc } = fs;
  let contact = '';
  for (const surname of ['Jansen', 'de Vries', "O'Brien"]) {
    contact = (await tc.post(`${tc.crm}/contacts`, { surname, city: 'Utrecht' })).body.id;
  }
  await tc.post(`${tc.crm}/contacts(${contact})/Microsoft.NAV.createInteractionFromTemplate`, { templateCode: 'VRAAG', note: 'Vraag' });
  const team = (await tc.get(`${tc.crm}/teams?$filter=code eq 'KCC'`)).body.value[0].id;
  const task = (await tc.get(`${tc.crm}/tasks?$top=1`)).body.value[0].id;
  const entry = (await tc.get(`${tc.crm}/interactionLogEntries?$top=1`)).body.value[0].id;
  ids = { contact, team, task, entry };
});

afterAll(() => fs.close());

const SETS = ['contacts', 'tasks', 'teams', 'teamMembers', 'interactionLogEntries', 'interactionTemplates', 'interactionGroups', 'salespeoplePurchasers', 'customers', 'contactRoles', 'roles', 'salutations', 'dutchAddresses'];
const GUIDS = () => [ids.contact, ids.team, ids.task, ids.entry, '00000000-0000-0000-0000-000000000000', 'not-a-guid', "'x'", '', '5f0e2a7c-0000-4000-8000-00000000000g'];

/** A path: mostly real entity sets, keys and navigations; sometimes hostile segments. */
function pathArb(): fc.Arbitrary<string> {
  const { tc } = fs;
  const segment = fc.oneof(
    fc.constantFrom(...SETS, 'companies', '$metadata', '$batch', '$count', 'Microsoft.NAV.complete', 'Microsoft.NAV.assignToMe', '..', '%2e%2e', '%00', '%ZZ', ''),
    fc.string({ maxLength: 10 }).map(encodeURIComponent),
  );
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(tc.crm, tc.v2), fc.constantFrom(...SETS)).map(([b, s]) => `${b}/${s}`) },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(tc.crm, tc.v2), fc.constantFrom(...SETS), fc.constantFrom(...GUIDS())).map(([b, s, g]) => `${b}/${s}(${g})`) },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.constantFrom(...SETS), fc.constantFrom(...GUIDS()), fc.constantFrom(...SETS, '$count', 'Microsoft.NAV.complete')).map(([s, g, n]) => `${tc.crm}/${s}(${g})/${n}`),
    },
    { weight: 1, arbitrary: fc.array(segment, { minLength: 1, maxLength: 5 }).map((segs) => `${tc.crm}/${segs.join('/')}`) },
    { weight: 1, arbitrary: fc.constantFrom('/api/v2.0/companies', '/api/v2.0', '/api/v2.0/$metadata', '/api/empire/crm/v1.0/$metadata', '/api', '/api/v2.0/companies(x)', `/api/v2.0/companies(${'0'.repeat(36)})/contacts`) },
  );
}

const headerArb = fc.dictionary(
  fc.constantFrom('if-match', 'prefer', 'accept-language', 'x-sim-dialog-answers', 'x-sim-modal-answers', 'accept', 'content-type', 'isolation'),
  fc.oneof(
    fc.constantFrom('*', 'W/"stale"', 'odata.maxpagesize=2', 'odata.maxpagesize=-1', 'odata.maxpagesize=99999999999', 'nl-NL', 'en-US', 'xx', '*=yes', 'To-do.Text032=maybe', '{"Create Interaction":null}', '{"x":', 'application/xml', 'text/plain', 'snapshot'),
    fc.string({ maxLength: 20 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
  ),
  { maxKeys: 2 },
);

describe('API fuzz', () => {
  test('reads: hostile paths, query options and headers — no 5xx, errors in the envelope, no row changed', async () => {
    const tally = new Tally('api reads');
    const reqArb = fc.tuple(pathArb(), fc.array(queryOption, { minLength: 0, maxLength: 4 }), headerArb).map(
      ([path, options, headers]): Req => ({
        method: 'GET',
        path: options.length ? `${path}?${options.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : path,
        headers,
      }),
    );
    // $filter alone on the real collections, so the binder and the SQL see most of the hostile literals.
    const filterArb = fc.tuple(fc.constantFrom('contacts', 'contacts', 'tasks', 'interactionLogEntries', 'salespeoplePurchasers', ...SETS), hostileFilter, fc.boolean()).map(
      ([set, filter, v21]): Req => ({ method: 'GET', path: `${fs.tc.crm}/${set}?$filter=${encodeURIComponent(filter)}${v21 ? '&$schemaversion=2.1' : ''}` }),
    );
    const before = await rowsOf(fs);
    const n = fuzzCount(26_000);
    await sendAll(fs.base, [...samples(reqArb, n / 2, 20261202), ...samples(filterArb, n / 2, 4242)], tally);
    tally.print();
    expect(tally.problems).toEqual([]);
    expect(await rowsOf(fs)).toBe(before);
    // Not only rejections: the generators reach valid requests too.
    expect(tally.ok).toBeGreaterThan(tally.requests / 20);
  });

  test('writes: hostile bodies and headers on POST, PATCH, DELETE and actions — a rejected request changes no row', async () => {
    const { tc } = fs;
    const tally = new Tally('api writes');
    const keys = ['displayName', 'surname', 'initials', 'middleName', 'type', 'code', 'description', 'city', 'street', 'houseNumber', 'number', 'id', 'privacyBlocked', 'birthDate', 'phoneNumber', 'email', 'note', 'templateCode', 'status', 'salespersonCode', 'teamCode', 'dateClosed', 'tasks', 'teamMembers', '@odata.etag', 'colour', '__proto__', 'constructor'];
    const target = fc.constantFrom(
      ['POST', `${tc.crm}/contacts`],
      ['POST', `${tc.v2}/contacts`],
      ['POST', `${tc.crm}/roles`],
      ['POST', `${tc.crm}/teams`],
      ['POST', `${tc.crm}/salutations`],
      ['POST', `${tc.crm}/teams(${ids.team})/teamMembers`],
      ['PATCH', `${tc.crm}/contacts(${ids.contact})`],
      ['PATCH', `${tc.crm}/tasks(${ids.task})`],
      ['PATCH', `${tc.crm}/teams(${ids.team})`],
      ['PATCH', `${tc.crm}/interactionLogEntries(${ids.entry})`],
      ['DELETE', `${tc.crm}/interactionLogEntries(${ids.entry})`],
      ['PUT', `${tc.crm}/contacts(${ids.contact})`],
      ['POST', `${tc.crm}/contacts(${ids.contact})/Microsoft.NAV.newPersonForHousehold`],
      ['POST', `${tc.crm}/contacts(${ids.contact})/Microsoft.NAV.createInteractionFromTemplate`],
      ['POST', `${tc.crm}/tasks(${ids.task})/Microsoft.NAV.complete`],
      ['POST', `${tc.crm}/tasks(${ids.task})/Microsoft.NAV.assignToMe`],
    );
    const reqArb = fc.tuple(target, hostileBody(keys), fc.constantFrom<string | undefined>('*', 'W/"stale"', undefined), headerArb).map(
      ([[method, path], body, ifMatch, headers]): Req => ({ method, path, body, headers: ifMatch ? { ...headers, 'if-match': ifMatch } : headers }),
    );
    // Many at once first (answers only), then one at a time with a snapshot on either side.
    await sendAll(fs.base, samples(reqArb, fuzzCount(6_000), 7777), tally);
    // An accepted request may change rows, a rejected one none.
    let baseline = await rowsOf(fs);
    const changedByRejected: string[] = [];
    for (const r of samples(reqArb, fuzzCount(1_000), 777)) {
      await sendAll(fs.base, [r], tally, (_r, a) => {
        if (a.status >= 400) (r as Req & { rejected?: boolean }).rejected = true;
      });
      const now = await rowsOf(fs);
      if ((r as Req & { rejected?: boolean }).rejected && now !== baseline) changedByRejected.push(`${r.method} ${r.path} ${String(r.body).slice(0, 200)}`);
      baseline = now;
    }
    tally.print();
    expect(tally.problems).toEqual([]);
    expect(changedByRejected).toEqual([]);
    expect(tally.rejected).toBeGreaterThan(tally.requests / 2);
  });
});

