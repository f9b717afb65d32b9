// [FEATURE] [HTTP] [Faults] — fault and latency injection through /_sim/faults: rules by method, entity set, bound
// action and company fire with a seeded probability or for the next N calls, answer the tester's status, code and
// text in BC's envelope or hold the request for a delay, change no data, are listed and cleared through the admin
// API (SUPER only) and recorded in the request journal.
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { createBusinessUser, errorText, newHttpCompany, HttpTestCompany } from '../library/LibraryHttp';
import { closeSharedSimulator } from '../library/LibraryMarketing';
import { FaultInjector } from '../../src/http/faults';
import { simFaultRoutes } from '../../src/http/simFaultRoutes';
import { ThrottleControl } from '../../src/http/throttleControl';

afterAll(() => closeSharedSimulator());

/** Options make newHttpCompany build an app of the test's own: the rules live in the app. */
const FRESH = { journalSize: 50 };
const UNAVAILABLE = { status: 503, code: 'Simulator_ServiceUnavailable', message: 'De service is tijdelijk niet beschikbaar.' };

async function addRule(tc: HttpTestCompany, rule: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await tc.post('/_sim/faults', rule);
  expect(res.status).toBe(201);
  expect(res.headers.location).toBe(`/_sim/faults/${res.body.id}`);
  return res.body;
}

/** Every contact as the API shows it, ETags included: what "changed no data" is compared on. */
async function contacts(tc: HttpTestCompany): Promise<unknown[]> {
  const res = await tc.get(`${tc.v2}/contacts`);
  expect(res.status).toBe(200);
  return res.body.value;
}

test('an error rule for the next call answers its status, code and text in BC’s envelope, changes no data, and is used up', async () => {
  const tc = await newHttpCompany(FRESH);
  const before = await contacts(tc);
  const rule = await addRule(tc, { method: 'post', entitySet: 'contacts', times: 1, error: UNAVAILABLE });
  expect(rule).toMatchObject({ method: 'POST', entitySet: 'contacts', probability: 1, remaining: 1, delayMs: 0, error: UNAVAILABLE, matched: 0, fired: 0 });

  const refused = await tc.post(`${tc.v2}/contacts`, { displayName: 'Injected' });
  expect(refused.status).toBe(503);
  expect(Object.keys(refused.body)).toEqual(['error']);
  expect(Object.keys(refused.body.error)).toEqual(['code', 'message']);
  expect(refused.body.error.code).toBe('Simulator_ServiceUnavailable');
  expect(refused.body.error.message).toBe(`De service is tijdelijk niet beschikbaar.  CorrelationId:  ${refused.headers['x-correlation-id']}.`);
  expect(await contacts(tc)).toEqual(before);

  // The rule fired once; the next call runs.
  const created = await tc.post(`${tc.v2}/contacts`, { displayName: 'Real' });
  expect(created.status).toBe(201);
  expect((await tc.get(`/_sim/faults/${rule.id}`)).body).toMatchObject({ remaining: 0, matched: 1, fired: 1 });

  // The journal names the rule on the faulted request, and only there.
  const journal = (await tc.get('/_sim/requests?fault=true')).body.value;
  expect(journal).toHaveLength(1);
  expect(journal[0]).toMatchObject({ method: 'POST', status: 503, fault: { rule: rule.id, delayMs: 0, status: 503, code: 'Simulator_ServiceUnavailable' } });
  expect(journal[0].correlationId).toBe(refused.headers['x-correlation-id']);
  expect((await tc.get('/_sim/requests?fault=false')).body.value.some((e: { fault?: unknown }) => e.fault)).toBe(false);
});

test('an injected error on a PATCH leaves the record exactly as it was, ETag included', async () => {
  const tc = await newHttpCompany(FRESH);
  const made = (await tc.post(`${tc.v2}/contacts`, { displayName: 'Voor' })).body;
  const before = await contacts(tc);
  await addRule(tc, { method: 'PATCH', entitySet: 'contacts', error: { status: 409, code: 'Request_EntityChanged', message: 'Another user has already changed the record.' } });
  const res = await tc.patch(`${tc.v2}/contacts(${made.id})`, { displayName: 'Na' }, made['@odata.etag']);
  expect(res.status).toBe(409);
  expect(errorText(res.body)).toBe('Another user has already changed the record.');
  expect(await contacts(tc)).toEqual(before);
  // Without the rule, the same request with the same ETag is applied: nothing had moved it.
  expect((await tc.delete('/_sim/faults', undefined)).status).toBe(204);
  expect((await tc.patch(`${tc.v2}/contacts(${made.id})`, { displayName: 'Na' }, made['@odata.etag'])).status).toBe(200);
});

test('rules match the bound action, the entity set and the company; other requests pass', async () => {
  const tc = await newHttpCompany(FRESH);
  const other = await newHttpCompany(FRESH);
  const missing = randomUUID();
  await addRule(tc, { action: 'Microsoft.NAV.assignToMe', error: { status: 500, code: 'Internal_ServerError', message: 'Boom.' } });
  await addRule(tc, { entitySet: 'salespeoplePurchasers', company: tc.companyId, error: { status: 429, code: 'Application_TooManyRequests', message: 'Request limits have been exceeded.' } });

  const action = await tc.post(`${tc.crm}/tasks(${missing})/Microsoft.NAV.assignToMe`, {});
  expect([action.status, action.body.error.code]).toEqual([500, 'Internal_ServerError']);
  // Another action of the same kind of URL is not matched: the record lookup answers as usual.
  const otherAction = await tc.post(`${tc.crm}/contacts(${missing})/Microsoft.NAV.newPersonForHousehold`, { roleCode: 'X' });
  expect(otherAction.body.error.code).toBe('Internal_RecordNotFound');

  expect((await tc.get(`${tc.v2}/salespeoplePurchasers`)).status).toBe(429);
  // The company named by ?company= or the Company header (by id or name) is the same company.
  expect((await tc.get(`/api/v2.0/salespeoplePurchasers?company=${tc.companyId}`)).status).toBe(429);
  expect((await tc.get('/api/v2.0/salespeoplePurchasers').set('Company', tc.sim.company(tc.companyId).name)).status).toBe(429);
  expect((await tc.get(`${other.v2}/salespeoplePurchasers`)).status).toBe(200);
  expect((await tc.get(`${tc.v2}/contacts`)).status).toBe(200);
});

test('a delay-only rule holds the request, then lets it run; the journal shows the delay', async () => {
  const tc = await newHttpCompany(FRESH);
  const rule = await addRule(tc, { method: 'GET', entitySet: 'contacts', delayMs: 250, times: 2 });
  const started = Date.now();
  const res = await tc.get(`${tc.v2}/contacts`);
  expect(res.status).toBe(200);
  expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  const [entry] = (await tc.get('/_sim/requests?fault=true')).body.value;
  expect(entry).toMatchObject({ status: 200, fault: { rule: rule.id, delayMs: 250, status: null, code: null } });
  expect(entry.durationMs).toBeGreaterThanOrEqual(250);
});

test('under the same seed a probability rule fires on the same calls, whatever requests it does not match', async () => {
  const tc = await newHttpCompany(FRESH);
  const pattern = async (seed: number, noise = false) => {
    await tc.delete('/_sim/faults', undefined);
    const rule = await addRule(tc, { entitySet: 'contacts', probability: 0.5, seed, error: UNAVAILABLE });
    expect(rule.seed).toBe(seed);
    const statuses: number[] = [];
    for (let i = 0; i < 24; i++) {
      // Requests the rule does not match do not move its generator.
      if (noise && i % 3 === 0) expect((await tc.get(`${tc.v2}/customers`)).status).toBe(200);
      statuses.push((await tc.get(`${tc.v2}/contacts?$top=1`)).status);
    }
    const listed = (await tc.get(`/_sim/faults/${rule.id}`)).body;
    expect(listed.matched).toBe(24);
    expect(listed.fired).toBe(statuses.filter((s) => s === 503).length);
    return statuses.join(',');
  };
  const first = await pattern(42);
  expect(await pattern(42, true)).toBe(first);
  // Both outcomes occur, and another seed fires elsewhere.
  expect(first).toContain('200');
  expect(first).toContain('503');
  expect(await pattern(7)).not.toBe(first);
  // Without a seed the rule gets one, shown so the run can be repeated.
  const unseeded = await addRule(tc, { probability: 0.1, delayMs: 1 });
  expect(Number.isSafeInteger(unseeded.seed)).toBe(true);
});

test('rules are listed in order, read, deleted one by one and cleared', async () => {
  const tc = await newHttpCompany(FRESH);
  const a = await addRule(tc, { entitySet: 'contacts', delayMs: 1 });
  const b = await addRule(tc, { entitySet: 'customers', delayMs: 1 });
  expect((await tc.get('/_sim/faults')).body.value.map((r: { id: string }) => r.id)).toEqual([a.id, b.id]);
  expect((await tc.delete(`/_sim/faults/${a.id}`, undefined)).status).toBe(204);
  expect((await tc.get('/_sim/faults')).body.value.map((r: { id: string }) => r.id)).toEqual([b.id]);
  const gone = await tc.get(`/_sim/faults/${a.id}`);
  expect([gone.status, gone.body.error.code]).toEqual([404, 'Internal_RecordNotFound']);
  expect((await tc.delete('/_sim/faults', undefined)).status).toBe(204);
  expect((await tc.get('/_sim/faults')).body.value).toEqual([]);
  // A company is named by id or name and kept as its id; an unknown one is not found, and nothing is added.
  const byName = await addRule(tc, { company: tc.sim.company(tc.companyId).name, delayMs: 1 });
  expect(byName.company).toBe(tc.companyId.toLowerCase());
  const unknown = await tc.post('/_sim/faults', { company: 'Nobody BV', delayMs: 1 });
  expect([unknown.status, unknown.body.error.code]).toEqual([404, 'Internal_RecordNotFound']);
  expect((await tc.get('/_sim/faults')).body.value).toHaveLength(1);
});

test.each([
  [{}, 'A fault rule needs an error, a delay (delayMs), or both.'],
  [{ delayMs: -1 }, "The fault rule's 'delayMs' must be a whole number from 0 to 600000, not -1."],
  [{ delayMs: 1, probability: 2 }, "The fault rule's 'probability' must be a number from 0 to 1, not 2."],
  [{ delayMs: 1, times: 0 }, "The fault rule's 'times' must be a whole number of at least 1, not 0."],
  [{ error: { status: 200, code: 'X', message: 'Y' } }, "The fault rule's 'error.status' must be an HTTP error status from 400 to 599, not 200."],
  [{ error: { status: 400, code: 'bad code', message: 'Y' } }, "The fault rule's 'error.code' must be a BC error code such as 'Application_DialogException', not \"bad code\"."],
  [{ error: { status: 400, code: 'X', message: '' } }, "The fault rule's 'error.message' must be a text of 1 to 2048 characters, not \"\"."],
  [{ delayMs: 1, colour: 'red' }, "The property 'colour' does not exist on type 'Microsoft.NAV.simulatorFaultRule'. Make sure to only use property names that are defined by the type."],
])('a bad rule %j is refused with BC’s error and nothing is added', async (rule, text) => {
  const tc = await newHttpCompany(FRESH);
  const res = await tc.post('/_sim/faults', rule);
  expect([res.status, res.body.error.code]).toEqual([400, 'BadRequest']);
  expect(errorText(res.body)).toBe(text);
  expect((await tc.get('/_sim/faults')).body.value).toEqual([]);
});

test('only SUPER for all companies may read or change the rules', async () => {
  const tc = await newHttpCompany(FRESH);
  const clerk = await createBusinessUser(tc, 'CLERK', 'clerk-key-1');
  for (const res of [
    await request(tc.app).get('/_sim/faults').set('Authorization', clerk),
    await request(tc.app).post('/_sim/faults').set('Authorization', clerk).send({ delayMs: 1 }),
    await request(tc.app).delete('/_sim/faults').set('Authorization', clerk),
  ]) {
    expect([res.status, res.body.error.code]).toEqual([403, 'Authorization_InsufficientPermissions']);
  }
  expect((await tc.get('/_sim/faults')).body.value).toEqual([]);
});

test('every fault and throttling control is in the OpenAPI document with its methods (openapi.test.ts validates the document)', async () => {
  const tc = await newHttpCompany(FRESH);
  const doc = (await tc.get('/_sim/openapi.json')).body;
  // The routes as Express has them, so a control added without its documentation fails here.
  const router = simFaultRoutes(tc.sim, new FaultInjector(tc.sim), new ThrottleControl());
  const routes = (router.stack as Array<{ route?: { path: string; methods: Record<string, boolean> } }>).flatMap((layer) =>
    layer.route ? Object.keys(layer.route.methods).map((m) => `${m} /_sim${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`) : [],
  );
  expect(routes.length).toBe(10);
  for (const route of routes) {
    const [method, path] = route.split(' ');
    expect([route, doc.paths[path]?.[method]?.operationId !== undefined]).toEqual([route, true]);
  }
});
