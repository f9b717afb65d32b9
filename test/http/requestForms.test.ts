// [FEATURE] [HTTP] — request forms BC accepts: BC online's URL form /v2.0/{tenant}/{environment}/api/..., the company
// as ?company= or the Company header, the Data-Access-Intent header, and BC's evaluate error for an option value that is no member.
import request from 'supertest';
import { closeSharedSimulator } from '../library/LibraryMarketing';
import { arrangeContactmomentSetup, createBusinessUser, errorText, HttpTestCompany, newHttpCompany } from '../library/LibraryHttp';

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

describe('the company as ?company= (id or name) or the Company header, as BC takes it', () => {
  const name = async (tc: HttpTestCompany) => (await tc.get(`/api/v2.0/companies(${tc.companyId})`)).body.name as string;

  test('served like companies({id})/…: GET, POST, PATCH, DELETE, $count, navigation and actions, on both APIs', async () => {
    const tc = await arrange();
    const companyName = await name(tc);
    const made = await tc.post(`/api/v2.0/customers?company=${tc.companyId}`, { displayName: 'Fam. Query' });
    expect(made.status).toBe(201);
    expect(made.headers.location).toContain(`/api/v2.0/companies(${tc.companyId})/customers(${made.body.id})`);
    const byName = await tc.get(`/api/v2.0/customers(${made.body.id})?company=${encodeURIComponent(companyName)}&$select=displayName`);
    expect(byName.status).toBe(200);
    expect(byName.body).toMatchObject({ displayName: 'Fam. Query', '@odata.context': expect.stringContaining(`companies(${tc.companyId})/customers`) });
    const patched = await tc.patch(`/api/v2.0/customers(${made.body.id})`, { city: 'Zeist' }, made.body['@odata.etag']).set('Company', companyName);
    expect(patched.status).toBe(200);
    expect((await tc.get(`/api/v2.0/customers/$count?company=${tc.companyId}`)).text).toBe('1');
    // The custom API, as ASP.NET reads parameter names (any case).
    const list = await tc.get(`/api/empire/crm/v1.0/customers?Company=${tc.companyId}&$select=displayName`);
    expect(list.body.value.map((c: { displayName: string }) => c.displayName)).toEqual(['Fam. Query']);
    const ile = await tc.get(`/api/empire/crm/v1.0/customers(${made.body.id})/interactionLogEntries?company=${tc.companyId}`);
    expect(ile.status).toBe(200);
    const gone = await tc.delete(`/api/v2.0/customers(${made.body.id})?company=${tc.companyId}`, patched.body['@odata.etag']);
    expect(gone.status).toBe(204);
    expect(await count(tc)).toBe(0);
  });

  test('a next link keeps company=; the path’s own company wins over the parameter', async () => {
    const tc = await arrange();
    for (const n of ['Een', 'Twee', 'Drie']) await tc.post(`${tc.v2}/customers`, { displayName: `Fam. ${n}` });
    const first = await tc.get(`/api/v2.0/customers?company=${tc.companyId}`).set('Prefer', 'odata.maxpagesize=2');
    expect(first.body.value).toHaveLength(2);
    const next = new URL(first.body['@odata.nextLink']);
    expect(next.searchParams.get('company')).toBe(tc.companyId);
    expect((await tc.get(next.pathname + next.search)).body.value).toHaveLength(1);
    const both = await tc.get(`${tc.v2}/customers?company=NO-SUCH-COMPANY&$count=true&$top=0`);
    expect(both.body['@odata.count']).toBe(3);
  });

  test('no company → BC’s Internal_CompanyNotFound; an unknown one → Internal_RecordNotFound; nothing is written', async () => {
    const tc = await arrange();
    const none = await tc.post('/api/v2.0/customers', { displayName: 'Fam. Nergens' });
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('Internal_CompanyNotFound');
    expect(errorText(none.body)).toBe(
      'Cannot process the request because the default company cannot be found. You can specify a default company in the service configuration file, or specify one for each tenant, or you can add a query string in the form of "company=[name]". You can see the available companies by accessing the default OData web service, Company. For more information, see "OData Web Services" in Help.',
    );
    const unknown = await tc.post('/api/v2.0/customers?company=NO-SUCH-COMPANY', { displayName: 'Fam. Nergens' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('Internal_RecordNotFound');
    expect(errorText(unknown.body)).toBe("The Company does not exist. Identification fields and values: Name='NO-SUCH-COMPANY'");
    const unknownId = await tc.get('/api/v2.0/customers?company=00000000-0000-0000-0000-0000000000aa');
    expect(errorText(unknownId.body)).toBe("The Company does not exist. Identification fields and values: Id='00000000-0000-0000-0000-0000000000aa'");
    expect(await count(tc)).toBe(0);
  });

  test('a company the user has no permission set in is refused as in the path form', async () => {
    const tc = await arrange();
    const other = await tc.sim.createCompany(`OTHER-${Date.now().toString(36).toUpperCase()}`);
    const auth = await createBusinessUser(tc, 'QUERYUSER', 'query-user-key-1');
    expect((await request(tc.app).get(`/api/v2.0/customers?company=${tc.companyId}`).set('Authorization', auth)).status).toBe(200);
    const res = await request(tc.app).get(`/api/v2.0/customers?company=${encodeURIComponent(other.name)}`).set('Authorization', auth);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('Authorization_InsufficientPermissions');
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
