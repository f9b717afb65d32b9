// [FEATURE] [HTTP] — request forms BC online accepts: its URL form /v2.0/{tenant}/{environment}/api/...,
// the Data-Access-Intent header, and BC's evaluate error for an option value that is no member.
import request from 'supertest';
import { closeSharedSimulator } from '../library/LibraryMarketing';
import { arrangeContactmomentSetup, errorText, HttpTestCompany, newHttpCompany } from '../library/LibraryHttp';

afterAll(() => closeSharedSimulator());

async function arrange(): Promise<HttpTestCompany> {
  const tc = await newHttpCompany();
  await arrangeContactmomentSetup(tc);
  return tc;
}

const count = async (tc: HttpTestCompany) => (await tc.get(`${tc.v2}/customers?$count=true&$top=0`)).body['@odata.count'] as number;

describe('BC online URLs: /v2.0/{tenant}/{environment}/api/...', () => {
  test('with or without a tenant, the configured environment serves the same API', async () => {
    const tc = await arrange();
    const made = await tc.post(`/v2.0/production${tc.v2}/customers`, { displayName: 'Fam. Online' });
    expect(made.status).toBe(201);
    const viaTenant = await tc.get(`/v2.0/5d1f2a3b-0000-4c4c-9a9a-000000000001/Production${tc.v2}/customers(${made.body.id})?$select=displayName`);
    expect(viaTenant.status).toBe(200);
    expect(viaTenant.body.displayName).toBe('Fam. Online');
    expect((await tc.get(`${tc.v2}/customers(${made.body.id})`)).body.displayName).toBe('Fam. Online');
  });

  test('another environment is not found, in BC’s envelope, and nothing is written', async () => {
    const tc = await arrange();
    const res = await tc.post(`/v2.0/sandbox${tc.v2}/customers`, { displayName: 'Fam. Elders' });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('BadRequest_ResourceNotFound');
    expect(res.body.error.message).toMatch(/^Resource not found for the segment 'sandbox'\.  CorrelationId:  [0-9a-f-]{36}\.$/);
    expect(await count(tc)).toBe(0);
  });

  test('the online form still needs credentials', async () => {
    const tc = await arrange();
    const res = await request(tc.app).get(`/v2.0/production${tc.v2}/customers`);
    expect(res.status).toBe(401);
  });
});

describe('Data-Access-Intent: ReadOnly', () => {
  test('a GET is served; POST, PATCH and DELETE are refused and change nothing', async () => {
    const tc = await arrange();
    const c = (await tc.post(`${tc.v2}/customers`, { displayName: 'Fam. Lezer' })).body;
    const readOnly = (t: request.Test) => t.set('Data-Access-Intent', 'ReadOnly');
    const read = await readOnly(tc.get(`${tc.v2}/customers(${c.id})`));
    expect(read.status).toBe(200);
    const refused = [
      await readOnly(tc.post(`${tc.v2}/customers`, { displayName: 'Fam. Schrijver' })),
      await readOnly(tc.patch(`${tc.v2}/customers(${c.id})`, { city: 'Zeist' }, c['@odata.etag'])),
      await readOnly(tc.delete(`${tc.v2}/customers(${c.id})`, c['@odata.etag'])),
    ];
    for (const res of refused) {
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('BadRequest');
      expect(errorText(res.body)).toMatch(/^The request has the data access intent ReadOnly: '(POST|PATCH|DELETE)' requests cannot change data\./);
    }
    const after = (await tc.get(`${tc.v2}/customers(${c.id})`)).body;
    expect(after['@odata.etag']).toBe(c['@odata.etag']);
    expect(await count(tc)).toBe(1);
    // ReadWrite is the default intent: the write goes through.
    const written = await tc.patch(`${tc.v2}/customers(${c.id})`, { city: 'Zeist' }, c['@odata.etag']).set('Data-Access-Intent', 'ReadWrite');
    expect(written.status).toBe(200);
  });
});

describe('an option value that is no member', () => {
  test('gets BC’s Application_EvaluateException and changes nothing', async () => {
    const tc = await arrange();
    const c = (await tc.post(`${tc.v2}/customers`, { displayName: 'Fam. Optie' })).body;
    const res = await tc.patch(`${tc.v2}/customers(${c.id})`, { blocked: 'Everything', city: 'Zeist' }, c['@odata.etag']);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('Application_EvaluateException');
    expect(errorText(res.body)).toBe('The value "Everything" cannot be evaluated into type Option.');
    expect((await tc.get(`${tc.v2}/customers(${c.id})`)).body['@odata.etag']).toBe(c['@odata.etag']);
    const post = await tc.post(`${tc.v2}/contacts`, { displayName: 'X', type: 'Household' });
    expect(post.body.error.code).toBe('Application_EvaluateException');
    expect(errorText(post.body)).toBe('The value "Household" cannot be evaluated into type Option.');
  });
});
