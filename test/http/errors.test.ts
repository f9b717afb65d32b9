// [FEATURE] [HTTP] [Errors] — authentication, BC's error envelope, request errors: never a 500 for bad input.
import request from 'supertest';
import { closeSharedSimulator } from '../library/LibraryMarketing';
import { basic, HttpTestCompany, newHttpCompany, TEST_KEY, TEST_USER } from '../library/LibraryHttp';

afterAll(closeSharedSimulator);

const ENVELOPE = /^(.*) {2}CorrelationId: {2}([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.$/s;

let tc: HttpTestCompany;
beforeAll(async () => {
  tc = await newHttpCompany();
});

function expectBcError(res: request.Response, status: number, code: string, message?: string | RegExp): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  expect(Object.keys(res.body)).toEqual(['error']);
  expect(Object.keys(res.body.error).sort()).toEqual(['code', 'message']);
  expect(res.body.error.code).toBe(code);
  const m = ENVELOPE.exec(res.body.error.message);
  expect(m).not.toBeNull();
  // The correlation id in the message is the one in the response header.
  expect(m![2]).toBe(res.headers['x-correlation-id']);
  if (typeof message === 'string') expect(m![1]).toBe(message);
  else if (message) expect(m![1]).toMatch(message);
}

describe('Authentication (HTTP Basic: user name + web service access key)', () => {
  test.each([
    ['no Authorization header', undefined],
    ['a wrong key', basic(TEST_USER, 'wrong')],
    ['an unknown user', basic('NOBODY', TEST_KEY)],
    ['a bearer token', 'Bearer abc.def.ghi'],
    ['garbage', 'Basic !!!'],
  ])('with %s, then 401 Authentication_InvalidCredentials with WWW-Authenticate', async (_what, header) => {
    const req = request(tc.app).get('/api/v2.0/companies');
    if (header) req.set('Authorization', header);
    const res = await req;
    expectBcError(res, 401, 'Authentication_InvalidCredentials', 'The server has rejected the client credentials.');
    expect(res.headers['www-authenticate']).toMatch(/^Basic/);
  });

  test('the user name is case-insensitive, as BC user names', async () => {
    const res = await request(tc.app).get('/api/v2.0/companies').set('Authorization', basic('tester', TEST_KEY));
    expect(res.status).toBe(200);
  });

  test('the simulator controls need authentication too', async () => {
    const res = await request(tc.app).post(`/_sim/companies/${tc.companyId}/reset`);
    expectBcError(res, 401, 'Authentication_InvalidCredentials');
  });

  test('authentication comes before the body: a bad body without credentials is a 401', async () => {
    const res = await request(tc.app).post(`${tc.v2}/contacts`).set('Content-Type', 'application/json').send('{oops');
    expect(res.status).toBe(401);
  });
});

describe('Error envelope and correlation id', () => {
  test('every response, not only errors, carries x-correlation-id; each request its own', async () => {
    const a = await tc.get('/api/v2.0/companies');
    const b = await tc.get('/api/v2.0/companies');
    expect(a.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers['x-correlation-id']).not.toBe(b.headers['x-correlation-id']);
  });

  test('every answer — data, error, unauthenticated, page session, web client — carries the security headers', async () => {
    const answers = [
      await tc.get('/api/v2.0/companies'),
      await tc.get(`${tc.v2}/contacts(00000000-0000-0000-0000-000000000000)`),
      await request(tc.app).get('/api/v2.0/companies'),
      await request(tc.app).get('/nothing-here'),
      await request(tc.app).get('/web/index.html'),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 404, 401, 404, 200]);
    for (const res of answers) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['content-security-policy']).toBe("frame-ancestors 'none'");
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
    // Data and errors are never cached; the web client's own files keep their static caching rules.
    for (const res of answers.slice(0, 4)) expect(res.headers['cache-control']).toBe('no-store');
  });

  test('a business-logic error keeps its BC code and text: Application_DialogException from the table', async () => {
    const res = await tc.post(`${tc.v2}/contacts`, { displayName: 'X', email: 'not-an-address' });
    expectBcError(res, 400, 'Application_DialogException', 'The email address "not-an-address" is not valid.');
  });
});

describe('Routes', () => {
  /** BC's answer to a URL no route serves: ASP.NET Web API's text with the URL as sent (microsoft/AL#8283). */
  const noResource = (res: request.Response) =>
    expectBcError(res, 404, 'BadRequest_NotFound', `No HTTP resource was found that matches the request URI '${res.request.url}'.`);

  test.each([
    '/foo',
    '/api/v9.0/companies',
    '/api/empire/nope/v1.0/companies',
    '/api/v2.0/companiez',
    '/api/v2.0/companiez?$top=1',
  ])('GET %s → 404 BadRequest_NotFound naming the URL', async (path) => {
    noResource(await tc.get(path));
  });

  test('an entity set the API does not have; a segment after a collection; $count after an entity', async () => {
    noResource(await tc.get(`${tc.v2}/tasks`));
    noResource(await tc.get(`${tc.v2}/contacts/displayName`));
    noResource(await tc.get(`${tc.v2}/contacts(00000000-0000-0000-0000-000000000002)/$count`));
  });

  test('the route is checked before the query string; an inner $batch request names its own URL', async () => {
    noResource(await tc.get('/api/v2.0/companiez?$search=x'));
    const res = await tc.post('/api/v2.0/$batch', { requests: [{ id: '1', method: 'GET', url: `companies(${tc.companyId})/taskz?$top=1` }] });
    const inner = res.body.responses[0];
    expect(inner.status).toBe(404);
    expect(inner.body.error.code).toBe('BadRequest_NotFound');
    expect(inner.body.error.message).toMatch(
      new RegExp(`^No HTTP resource was found that matches the request URI 'http://[^/]+/api/v2\\.0/companies\\(${tc.companyId}\\)/taskz\\?\\$top=1'\\.  CorrelationId:  `),
    );
  });

  test('a navigation property the entity does not have', async () => {
    const team = await tc.post(`${tc.crm}/teams`, { code: 'T1', name: 'Team 1' });
    noResource(await tc.get(`${tc.crm}/teams(${team.body.id})/contacts`));
  });

  test('BC online’s URL form: the URL as the client sent it', async () => {
    const res = await tc.get(`/v2.0/production${tc.v2}/taskz`);
    noResource(res);
    expect(res.body.error.message).toContain(`/v2.0/production${tc.v2}/taskz'`);
  });

  test('an unknown company → 404 Internal_RecordNotFound', async () => {
    const res = await tc.get('/api/v2.0/companies(00000000-0000-0000-0000-000000000001)/contacts');
    expectBcError(res, 404, 'Internal_RecordNotFound', /^The Company does not exist\./);
  });

  test('an unknown record → 404 Internal_RecordNotFound with the table caption', async () => {
    const res = await tc.get(`${tc.crm}/tasks(00000000-0000-0000-0000-000000000002)`);
    expectBcError(res, 404, 'Internal_RecordNotFound', "The Task does not exist. Identification fields and values: Id='00000000-0000-0000-0000-000000000002'");
  });

  test('a key that is not a GUID, or a segment that does not parse → 404 BadRequest_NotFound "Bad Request - Error in query syntax."', async () => {
    for (const path of [`${tc.v2}/contacts(CT000001)`, `${tc.v2}/contacts('x')`, `${tc.v2}/contacts(1)(2)`, '/api/v2.0/companies(nope)']) {
      expectBcError(await tc.get(path), 404, 'BadRequest_NotFound', 'Bad Request - Error in query syntax.');
    }
  });

  test('POST on companies → 405 BadRequest_MethodNotAllowed', async () => {
    const res = await tc.post('/api/v2.0/companies', { name: 'X' });
    expectBcError(
      res,
      405,
      'BadRequest_MethodNotAllowed',
      "'POST' requests for 'companies' of EdmType 'EntitySet' are not allowed within Dynamics 365 Business Central OData web services.",
    );
  });

  test('PUT on an entity → 405; POST on a read-only page → 405', async () => {
    const sal = await tc.post(`${tc.crm}/salutations`, { code: 'S1', description: 'x' });
    const put = await request(tc.app).put(`${tc.crm}/salutations(${sal.body.id})`).set('Authorization', tc.auth).send({});
    expectBcError(put, 405, 'BadRequest_MethodNotAllowed', /^'PUT' requests for 'salutations' of EdmType 'Entity'/);
    const post = await tc.post(`${tc.crm}/interactionLogEntries`, {});
    expectBcError(post, 405, 'BadRequest_MethodNotAllowed', /^'POST' requests for 'interactionLogEntries'/);
  });

  test('a bound action on an entity without actions → BadRequest_MethodNotImplemented', async () => {
    const c = await tc.post(`${tc.crm}/salutations`, { code: 'S2' });
    const res = await tc.post(`${tc.crm}/salutations(${c.body.id})/Microsoft.NAV.doSomething`, {});
    expectBcError(res, 501, 'BadRequest_MethodNotImplemented', 'Entity does not support bound actions');
  });

  test('an action the entity does not have → 404; an action called with GET → 405', async () => {
    const c = await tc.post(`${tc.crm}/contacts`, { surname: 'Actie' });
    const unknown = await tc.post(`${tc.crm}/contacts(${c.body.id})/Microsoft.NAV.fly`, {});
    expectBcError(unknown, 404, 'BadRequest_NotFound', `No HTTP resource was found that matches the request URI '${unknown.request.url}'.`);
    const get = await tc.get(`${tc.crm}/contacts(${c.body.id})/Microsoft.NAV.newPersonForHousehold`);
    expectBcError(get, 405, 'BadRequest_MethodNotAllowed', /^'GET' requests for 'Microsoft\.NAV\.newPersonForHousehold' of EdmType 'Action'/);
  });

  test('an unknown or unsupported system query option is refused (400) instead of being ignored', async () => {
    expectBcError(await tc.get(`${tc.v2}/contacts?$search=x`), 400, 'BadRequest', "The query parameter '$search' is not supported.");
    expectBcError(await tc.get(`${tc.v2}/contacts?$apply=groupby((type))`), 400, 'BadRequest', "The query parameter '$apply' is not supported.");
    expect((await tc.get(`${tc.v2}/contacts?$top=-1`)).status).toBe(400);
    // Options that are not system query options (BC's tenant=, company=) are not the API's concern.
    expect((await tc.get(`${tc.v2}/contacts?tenant=x`)).status).toBe(200);
  });

  test('a path that is not valid percent-encoding → 400, not 500', async () => {
    const res = await tc.get('/api/v2.0/companies(%E0%A4%A)');
    expect(res.status).toBeLessThan(500);
    expect(res.body.error.code).toMatch(/^BadRequest/);
  });

  test('405 for every method the API does not serve (PUT, OPTIONS) with the BC envelope', async () => {
    const put = await request(tc.app).put(`${tc.v2}/contacts`).set('Authorization', tc.auth).send({});
    expectBcError(put, 405, 'BadRequest_MethodNotAllowed', /^'PUT' requests for 'contacts' of EdmType 'EntitySet'/);
    const options = await request(tc.app).options(`${tc.v2}/contacts`).set('Authorization', tc.auth);
    expectBcError(options, 405, 'BadRequest_MethodNotAllowed', /^'OPTIONS' requests for 'contacts'/);
  });

  test('an unknown /_sim route → 404 in the envelope', async () => {
    const res = await tc.get('/_sim/nothing-here');
    expectBcError(res, 404, 'BadRequest_NotFound', `No HTTP resource was found that matches the request URI '${res.request.url}'.`);
  });
});

describe('Request bodies', () => {
  test('malformed JSON → 400 BadRequest "Invalid Request Body"', async () => {
    const res = await tc.post(`${tc.v2}/contacts`).set('Content-Type', 'application/json').send('{"displayName": ');
    expectBcError(res, 400, 'BadRequest', 'Invalid Request Body');
  });

  test('a JSON array or a bare value is not an entity → Invalid Request Body', async () => {
    expectBcError(await tc.post(`${tc.v2}/contacts`, [{ displayName: 'x' }]), 400, 'BadRequest', 'Invalid Request Body');
    const bare = await tc.post(`${tc.v2}/contacts`).set('Content-Type', 'application/json').send('"x"');
    expectBcError(bare, 400, 'BadRequest', 'Invalid Request Body');
  });

  test('a body over the limit → 413', async () => {
    const small = await newHttpCompany({ bodyLimit: '1kb' });
    const res = await small.post(`${small.v2}/contacts`, { displayName: 'x'.repeat(5000) });
    expectBcError(res, 413, 'Request_EntityTooLarge');
  });

  test('an unknown property → 400 naming it and the entity type', async () => {
    const res = await tc.post(`${tc.v2}/contacts`, { displayName: 'A', favouriteColour: 'blue' });
    expectBcError(
      res,
      400,
      'BadRequest',
      "The property 'favouriteColour' does not exist on type 'Microsoft.NAV.contact'. Make sure to only use property names that are defined by the type.",
    );
  });

  test('a read-only property → 400 BadRequest_InvalidOperation', async () => {
    const res = await tc.post(`${tc.v2}/contacts`, { displayName: 'A', lastModifiedDateTime: '2026-01-01T00:00:00Z' });
    expectBcError(res, 400, 'BadRequest_InvalidOperation', "Control 'Last Modified Date Time' is read-only.");
    const biz = await tc.post(`${tc.v2}/contacts`, { contactBusinessRelation: 'Customer' });
    expectBcError(biz, 400, 'BadRequest_InvalidOperation', "Control 'Contact Business Relation' is read-only.");
  });

  test('wrong JSON types and null → 400, not 500', async () => {
    expectBcError(await tc.post(`${tc.v2}/contacts`, { displayName: 12 }), 400, 'BadRequest', /Edm\.String/);
    expectBcError(await tc.post(`${tc.v2}/contacts`, { privacyBlocked: 'yes' }), 400, 'BadRequest', /Edm\.Boolean/);
    expectBcError(
      await tc.post(`${tc.v2}/contacts`, { displayName: null }),
      400,
      'BadRequest_RequiredParamNotProvided',
      "Field 'displayName' must not be blank or empty.",
    );
    expectBcError(await tc.post(`${tc.crm}/contacts`, { birthDate: '1970-02-30' }), 400, 'BadRequest', /Edm\.Date/);
    expectBcError(await tc.post(`${tc.crm}/contacts`, { type: 'Alien' }), 400, 'Application_EvaluateException', 'The value "Alien" cannot be evaluated into type Option.');
  });

  test('instance annotations in the body (@odata.etag) are ignored, as BC does', async () => {
    const res = await tc.post(`${tc.crm}/salutations`, { '@odata.etag': 'W/"x"', code: 'ANN', description: 'Annotated' });
    expect(res.status).toBe(201);
  });

  test('too long a value → Application_StringExceededLength', async () => {
    const res = await tc.post(`${tc.crm}/salutations`, { code: 'X'.repeat(11) });
    expectBcError(res, 400, 'Application_StringExceededLength', 'The length of the string is 11, but it must be less than or equal to 10 characters. Value: XXXXXXXXXXX');
  });
});
