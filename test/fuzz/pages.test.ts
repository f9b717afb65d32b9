// [FEATURE] [Page sessions] [Fuzz] — hostile page-session requests (open, fields, actions, dialogs, navigation,
// filters, close) on every UI page: never a 5xx, every error exactly in BC's envelope, a rejected call changes no row.
import fc from 'fast-check';
import { uiPages } from '../../pages';
import { Answer, FuzzServer, fuzzCount, Req, rowsOf, samples, send, sendAll, startFuzzServer, Tally } from './fuzzHarness';
import { hostileValue } from './generators';

// The suites are long by design; their size is EMPIRE_SIM_FUZZ_SCALE (fuzzHarness.ts).
jest.setTimeout(600_000);

let fs: FuzzServer;
let contactIds: string[] = [];
let taskId = '';

beforeAll(async () => {
  fs = await startFuzzServer();
  const { tc } = fs;
  for (const surname of ['Jansen', 'de Vries']) contactIds.push((await tc.post(`${tc.crm}/contacts`, { surname, city: 'Utrecht' })).body.id);
  await tc.post(`${tc.crm}/contacts(${contactIds[0]})/Microsoft.NAV.createInteractionFromTemplate`, { templateCode: 'VRAAG', note: 'Vraag' });
  taskId = (await tc.get(`${fs.tc.crm}/tasks?$top=1`)).body.value[0].id;
});

afterAll(() => fs.close());

const PAGE_KEYS = [...uiPages.flatMap((p) => [p.name, p.id]), 'Contactkaart', 'Contacten', 'Taakkaart', 'Nope', 0, -1, 1e300, '', null, {}, [], true];
const recordIds = () => [...contactIds, taskId, '00000000-0000-0000-0000-000000000000', 'x', '', null, {}, [], 12, "'; DROP TABLE Contact; --"];

/** A filter/context object: real field names with hostile values, or anything at all. */
const looseObject = fc.oneof(
  fc.dictionary(fc.constantFrom('no', 'type', 'companyNo', 'salespersonCode', 'teamCode', 'contactNo', 'status', 'closed', 'x', '__proto__', 'constructor'), hostileValue, { maxKeys: 3 }),
  hostileValue,
);

function openBody(): fc.Arbitrary<string> {
  /** Mostly absent or valid, so that one hostile part at a time reaches the code behind the others. */
  const sometimes = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
  const body = fc.record({
    page: fc.oneof({ weight: 4, arbitrary: fc.constantFrom<unknown>(...uiPages.map((p) => p.name)) }, { weight: 1, arbitrary: fc.constantFrom<unknown>(...PAGE_KEYS) }),
    mode: sometimes(fc.constantFrom<unknown>('new', 'edit', 'view', 'junk', null, 5, {})),
    recordId: sometimes(fc.constantFrom<unknown>(...recordIds())),
    filters: sometimes(looseObject),
    context: sometimes(looseObject),
    company: sometimes(fc.constantFrom<unknown>(fs.tc.companyId, 'nope', '', null, 42, {})),
    language: sometimes(fc.constantFrom<unknown>('nl-NL', 'en-US', 'xx', null)),
  });
  return fc.oneof({ weight: 12, arbitrary: body.map((b) => JSON.stringify(b)) }, { weight: 1, arbitrary: fc.constantFrom('', 'null', '[]', '"x"', '{', '{"page":null}', '42') });
}

/** The pool of open sessions calls are made on: every UI page, cards on records, new records. */
async function openPool(): Promise<Array<{ id: string; fields: string[]; actions: string[] }>> {
  const pool: Array<{ id: string; fields: string[]; actions: string[] }> = [];
  const opens: unknown[] = [
    ...uiPages.map((p) => ({ page: p.id })),
    { page: 'Contact Card', mode: 'new' },
    { page: 'Contact Card', mode: 'edit', recordId: contactIds[0] },
    { page: 'Contact Card', mode: 'view', recordId: contactIds[1] },
    { page: 'Task Card', mode: 'edit', recordId: taskId },
  ];
  for (const body of opens) {
    const a = await send(fs.base, { method: 'POST', path: '/pages/sessions', body: JSON.stringify(body) });
    if (a.status !== 200) continue;
    const v = a.body.view;
    const fields = [...(v.groups ?? []).flatMap((g: { fields: Array<{ name: string; caption: string }> }) => g.fields.flatMap((f) => [f.name, f.caption])), ...(v.columns ?? []).map((c: { name: string }) => c.name)];
    pool.push({ id: v.sessionId, fields, actions: (v.actions ?? []).flatMap((x: { name: string; caption: string }) => [x.name, x.caption]) });
  }
  return pool;
}

/**
 * Closes a session the fuzz opened, so the server does not keep thousands of them — but not a new
 * card's: closing it inserts its record (a delayed insert), a change the open itself did not make.
 */
function closeOpened(r: Req, a: Answer): void {
  const v = a.body?.view;
  if (a.status === 200 && r.path === '/pages/sessions' && v?.sessionId && !(v.mode === 'new' && !v.recordId)) {
    void send(fs.base, { method: 'POST', path: `/pages/sessions/${a.body.view.sessionId}/close` }).catch(() => undefined);
  }
}

describe('page session fuzz', () => {
  test('open: hostile page, mode, recordId, filters, context and company', async () => {
    const tally = new Tally('page open');
    const before = await rowsOf(fs);
    const reqs = samples(fc.tuple(openBody(), fc.constantFrom('', '?lang=nl-NL', '?lang=xx')), fuzzCount(3_000), 5050).map(
      ([body, q]): Req => ({ method: 'POST', path: `/pages/sessions${q}`, body }),
    );
    // Opening a new card may insert nothing until a field is set: every open, accepted or not, leaves the rows as they were.
    await sendAll(fs.base, reqs, tally, (r, a) => closeOpened({ ...r, path: r.path.replace(/\?.*$/, '') }, a));
    tally.print();
    expect(tally.problems).toEqual([]);
    expect(await rowsOf(fs)).toBe(before);
    expect(tally.ok).toBeGreaterThan(tally.requests / 20);
  });

  test('calls: fields, actions, dialog answers, navigation, filters and close on open sessions and unknown ids', async () => {
    const tally = new Tally('page calls');
    const pool = await openPool();
    expect(pool.length).toBeGreaterThan(8);
    const sessionArb = fc.oneof(
      { weight: 10, arbitrary: fc.constantFrom(...pool) },
      { weight: 1, arbitrary: fc.constantFrom('nope', '00000000-0000-0000-0000-000000000000', '%00', '..', 'x'.repeat(300)).map((id) => ({ id, fields: ['No.'], actions: ['Bewerken'] })) },
    );
    const bigPattern = `${'*a'.repeat(450_000)}`;
    const call = fc.tuple(sessionArb, fc.nat(), fc.nat()).chain(([s, i, j]) => {
      const field = fc.oneof({ weight: 4, arbitrary: fc.constant<unknown>(s.fields[i % Math.max(1, s.fields.length)]) }, { weight: 1, arbitrary: fc.constantFrom<unknown>('nope', '', null, 5, {}, '__proto__') });
      const action = fc.oneof({ weight: 4, arbitrary: fc.constant<unknown>(s.actions[j % Math.max(1, s.actions.length)]) }, { weight: 1, arbitrary: fc.constantFrom<unknown>('nope', '', null, 5, []) });
      const base = `/pages/sessions/${encodeURIComponent(s.id)}`;
      return fc.oneof(
        { weight: 6, arbitrary: fc.record({ field, value: hostileValue }, { requiredKeys: [] }).map((b): Req => ({ method: 'POST', path: `${base}/fields`, body: JSON.stringify(b) })) },
        { weight: 2, arbitrary: fc.record({ action }, { requiredKeys: [] }).map((b): Req => ({ method: 'POST', path: `${base}/actions`, body: JSON.stringify(b) })) },
        { weight: 2, arbitrary: fc.record({ answer: fc.oneof(fc.constantFrom<unknown>(true, false, 'OK', 'Cancel', 'Ja', 'yes'), hostileValue) }, { requiredKeys: [] }).map((b): Req => ({ method: 'POST', path: `${base}/dialog`, body: JSON.stringify(b) })) },
        {
          weight: 2,
          arbitrary: fc
            .record({ to: fc.constantFrom<unknown>('first', 'next', 'previous', 'last', 'record', 'up', null, 1), recordId: fc.constantFrom<unknown>(...recordIds()) }, { requiredKeys: [] })
            .map((b): Req => ({ method: 'POST', path: `${base}/navigate`, body: JSON.stringify(b) })),
        },
        {
          weight: 2,
          arbitrary: fc
            .record({ filters: fc.oneof(fc.dictionary(fc.oneof(field.map(String), fc.string({ maxLength: 6 })), fc.oneof(hostileValue, fc.constantFrom<unknown>("'", '*', '..', '|', '<>', '@*x*', bigPattern))), hostileValue) }, { requiredKeys: [] })
            .map((b): Req => ({ method: 'POST', path: `${base}/filters`, body: JSON.stringify(b) })),
        },
        { weight: 1, arbitrary: fc.constantFrom<Req>({ method: 'GET', path: base }, { method: 'GET', path: `${base}?lang=en-US` }, { method: 'POST', path: `${base}/fields`, body: '' }, { method: 'POST', path: `${base}/actions`, body: '[]' }, { method: 'DELETE', path: base }) },
        { weight: 1, arbitrary: fc.constantFrom<Req>({ method: 'GET', path: `/pages/tell-me?q=${encodeURIComponent('%\u0000')}` }, { method: 'GET', path: '/pages/definitions' }, { method: 'POST', path: '/pages/nope' }) },
      );
    });
    const reqs = samples(call, fuzzCount(6_000), 909);
    // Concurrently, many calls on the same sessions (each runs under its session's mutex).
    await sendAll(fs.base, reqs, tally, closeOpened);
    tally.print();
    expect(tally.problems).toEqual([]);
    expect(tally.ok).toBeGreaterThan(tally.requests / 10);
  });

  test('a rejected call changes no row (one at a time, a snapshot on either side)', async () => {
    const tally = new Tally('page calls checked');
    const pool = await openPool();
    const call = fc.tuple(fc.constantFrom(...pool), fc.nat(), hostileValue, fc.constantFrom('fields', 'actions', 'dialog', 'navigate')).map(([s, i, value, kind]): Req => {
      const base = `/pages/sessions/${s.id}`;
      const body =
        kind === 'fields' ? { field: s.fields[i % Math.max(1, s.fields.length)], value }
        : kind === 'actions' ? { action: s.actions[i % Math.max(1, s.actions.length)] }
        : kind === 'dialog' ? { answer: value }
        : { to: 'record', recordId: value };
      return { method: 'POST', path: `${base}/${kind}`, body: JSON.stringify(body) };
    });
    let baseline = await rowsOf(fs);
    const changedByRejected: string[] = [];
    for (const r of samples(call, fuzzCount(500), 31337)) {
      let rejected = false;
      await sendAll(fs.base, [r], tally, (_r, a) => {
        rejected = a.status >= 400;
        closeOpened(r, a);
      });
      const now = await rowsOf(fs);
      if (rejected && now !== baseline) changedByRejected.push(`${r.path} ${String(r.body).slice(0, 200)}`);
      baseline = now;
    }
    tally.print();
    expect(tally.problems).toEqual([]);
    expect(changedByRejected).toEqual([]);
  });
});
