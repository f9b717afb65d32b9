// [FEATURE] [HTTP] [Permissions] — users and permission sets per company, the admin API, the front door (Host, body type), the journal, loopback.
import request from 'supertest';
import { checkBinding, isLoopback, loadConfig } from '../../src/config';
import { startSimulator } from '../../src/index';
import { demoUsers } from '../../src/seed/demo';
import { closeSharedSimulator } from '../library/LibraryMarketing';
import { basic, createBusinessUser, errorText, HttpTestCompany, newHttpCompany } from '../library/LibraryHttp';

afterAll(() => closeSharedSimulator());

const PREVENTED = /^Sorry, the current permissions prevented the action\. \(/;

/** A second company, made by the library's SUPER user through the admin API. */
async function otherCompany(tc: HttpTestCompany, name: string): Promise<{ id: string; name: string }> {
  const res = await tc.post('/_sim/companies', { name, seed: 'empty' });
  expect(res.status).toBe(201);
  return res.body as { id: string; name: string };
}

async function roleCodes(tc: HttpTestCompany, companyId: string): Promise<string[]> {
  const res = await tc.get(`/api/empire/crm/v1.0/companies(${companyId})/roles`);
  expect(res.status).toBe(200);
  return (res.body.value as Array<{ code: string }>).map((r) => r.code);
}

function expectRefused(res: request.Response, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.body.error.code).toBe(code);
  expect(res.body.error.message).toMatch(/ {2}CorrelationId: {2}[0-9a-f-]{36}\.$/);
}

describe('a user with a permission set in one company', () => {
  test('sees only that company in GET /api/v2.0/companies and /_sim/companies; the SUPER user sees both', async () => {
    const tc = await newHttpCompany();
    const other = await otherCompany(tc, 'PERM-SEE');
    const auth = await createBusinessUser(tc, 'SEE1', 'see1-key-123');

    const api = await request(tc.app).get('/api/v2.0/companies').set('Authorization', auth);
    expect(api.status).toBe(200);
    expect(api.body.value.map((c: { id: string }) => c.id)).toEqual([tc.companyId]);
    const count = await request(tc.app).get('/api/v2.0/companies/$count').set('Authorization', auth);
    expect(count.text).toBe('1');
    const sim = await request(tc.app).get('/_sim/companies').set('Authorization', auth);
    expect(sim.body.value.map((c: { id: string }) => c.id)).toEqual([tc.companyId]);

    const admin = (await tc.get('/api/v2.0/companies')).body.value.map((c: { id: string }) => c.id);
    expect(admin).toEqual(expect.arrayContaining([tc.companyId, other.id]));
  });

  test("another company's URL is refused (API read, write, the company itself, a $batch inside) and nothing is written there", async () => {
    const tc = await newHttpCompany();
    const other = await otherCompany(tc, 'PERM-API');
    const auth = await createBusinessUser(tc, 'API1', 'api1-key-123');
    const roles = `/api/empire/crm/v1.0/companies(${other.id})/roles`;

    expectRefused(await request(tc.app).get(roles).set('Authorization', auth), 403, 'Authorization_InsufficientPermissions');
    const post = await request(tc.app).post(roles).set('Authorization', auth).send({ code: 'INTRUDER' });
    expectRefused(post, 403, 'Authorization_InsufficientPermissions');
    expect(errorText(post.body)).toMatch(PREVENTED);
    expect(errorText(post.body)).toContain(other.id);
    expectRefused(await request(tc.app).get(`/api/v2.0/companies(${other.id})`).set('Authorization', auth), 403, 'Authorization_InsufficientPermissions');

    const batch = await request(tc.app)
      .post('/api/empire/crm/v1.0/$batch')
      .set('Authorization', auth)
      .send({ requests: [{ id: '1', method: 'POST', url: `companies(${other.id})/roles`, body: { code: 'VIA-BATCH' } }] });
    expect(batch.status).toBe(200);
    expect(batch.body.responses[0].status).toBe(403);

    // Their own company works as before.
    expect((await request(tc.app).post(`/api/empire/crm/v1.0/companies(${tc.companyId})/roles`).set('Authorization', auth).send({ code: 'OWN' })).status).toBe(201);
    expect(await roleCodes(tc, other.id)).toEqual([]);
  });

  test("page sessions: opening a page in another company is refused; /pages/me lists only their company", async () => {
    const tc = await newHttpCompany();
    const other = await otherCompany(tc, 'PERM-PAGE');
    const auth = await createBusinessUser(tc, 'PAGE1', 'page1-key-123');

    const open = await request(tc.app).post('/pages/sessions').set('Authorization', auth).send({ page: 'Contacten', company: other.id });
    expectRefused(open, 403, 'Authorization_InsufficientPermissions');
    const me = await request(tc.app).get('/pages/me').set('Authorization', auth);
    expect(me.body.companies.map((c: { id: string }) => c.id)).toEqual([tc.companyId]);
    const own = await request(tc.app).post('/pages/sessions').set('Authorization', auth).send({ page: 'Contacten' });
    expect(own.status).toBe(200);
  });

  test('cannot reach the admin API: companies, reset, snapshots, clock, users, journal — and nothing changes', async () => {
    const tc = await newHttpCompany();
    const auth = await createBusinessUser(tc, 'ADM1', 'adm1-key-123');
    await tc.post(`${tc.crm}/roles`, { code: 'KEEP' });
    const as = (t: request.Test) => t.set('Authorization', auth);
    const c = `/_sim/companies/${tc.companyId}`;

    const refused = [
      await as(request(tc.app).post('/_sim/companies')).send({ name: 'PERM-NEW' }),
      await as(request(tc.app).post(`${c}/reset`)),
      await as(request(tc.app).post(`${c}/snapshots`)),
      await as(request(tc.app).get(`${c}/snapshots`)),
      await as(request(tc.app).put(`${c}/clock`)).send({ workDate: '2030-01-01' }),
      await as(request(tc.app).post(`${c}/clock/advance`)).send({ days: 3 }),
      await as(request(tc.app).delete(c)),
      await as(request(tc.app).get('/_sim/users')),
      await as(request(tc.app).post('/_sim/users')).send({ userName: 'SNEAKY', webServiceAccessKey: 'sneaky-key-1' }),
      await as(request(tc.app).post('/_sim/users/ADM1/permissions')).send({ roleId: 'SUPER' }),
      await as(request(tc.app).get('/_sim/requests')),
      await as(request(tc.app).delete('/_sim/requests')),
    ];
    for (const res of refused) expectRefused(res, 403, 'Authorization_InsufficientPermissions');
    expect(errorText(refused[0].body)).toBe(
      'Sorry, the current permissions prevented the action. (Create a company: needs the SUPER permission set for all companies)',
    );

    expect(await roleCodes(tc, tc.companyId)).toEqual(['KEEP']);
    const companies = (await tc.get('/_sim/companies')).body.value.map((x: { name: string }) => x.name);
    expect(companies).not.toContain('PERM-NEW');
    expect((await tc.get(`${c}/clock`)).body.workDate).toBeNull();
    expect((await tc.get('/_sim/users/SNEAKY')).status).toBe(404);
    expect((await tc.get('/_sim/users/ADM1')).body.permissions.map((p: { id: string }) => p.id)).toEqual(['D365 BUS FULL ACCESS']);
    // Reading their own company's clock is allowed: it is data of the company they work in.
    expect((await as(request(tc.app).get(`${c}/clock`))).status).toBe(200);
  });
});

describe('the admin API for users and permission sets (SUPER)', () => {
  test('create a user with a set in one company; assign one in another; remove it; delete the user', async () => {
    const tc = await newHttpCompany();
    const other = await otherCompany(tc, 'PERM-TRAINEE');
    const sets = await tc.get('/_sim/permissionSets');
    expect(sets.body.value.map((s: { id: string }) => s.id)).toEqual(['D365 BASIC', 'D365 BUS FULL ACCESS', 'SUPER']);

    const created = await tc.post('/_sim/users', {
      userName: 'trainee01',
      fullName: 'Trainee 01',
      webServiceAccessKey: 'trainee-01-key',
      permissions: [{ roleId: 'D365 BUS FULL ACCESS', company: 'PERM-TRAINEE' }],
    });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe('/_sim/users/TRAINEE01');
    expect(created.body).toMatchObject({ userName: 'TRAINEE01', fullName: 'Trainee 01', language: 'nl-NL' });
    expect(created.body.permissions).toEqual([{ id: 'D365 BUS FULL ACCESS', displayName: 'Dyn. 365 Full Business Acc.', company: 'PERM-TRAINEE', scope: 'System', appID: '00000000-0000-0000-0000-000000000000' }]);
    expect(JSON.stringify(created.body)).not.toContain('trainee-01-key');

    const trainee = basic('TRAINEE01', 'trainee-01-key');
    const seen = async () => (await request(tc.app).get('/api/v2.0/companies').set('Authorization', trainee)).body.value.map((c: { id: string }) => c.id);
    expect(await seen()).toEqual([other.id]);

    const ownCompany = tc.sim.company(tc.companyId).name;
    const assigned = await tc.post('/_sim/users/TRAINEE01/permissions', { roleId: 'D365 BASIC', company: tc.companyId });
    expect(assigned.status).toBe(201);
    expect(assigned.body).toMatchObject({ id: 'D365 BASIC', company: ownCompany });
    expect((await seen()).sort()).toEqual([tc.companyId, other.id].sort());
    expectRefused(await tc.post('/_sim/users/TRAINEE01/permissions', { roleId: 'D365 BASIC', company: ownCompany }), 400, 'Internal_EntityWithSameKeyExists');
    expectRefused(await tc.post('/_sim/users/TRAINEE01/permissions', { roleId: 'NO SUCH SET' }), 404, 'Internal_RecordNotFound');

    const removed = await tc.delete(`/_sim/users/TRAINEE01/permissions/${encodeURIComponent('D365 BASIC')}?company=${encodeURIComponent(ownCompany)}`, undefined);
    expect(removed.status).toBe(204);
    expect(await seen()).toEqual([other.id]);

    const changed = await request(tc.app).patch('/_sim/users/TRAINEE01').set('Authorization', tc.auth).send({ webServiceAccessKey: 'a-new-key-456' });
    expect(changed.status).toBe(200);
    expect((await request(tc.app).get('/api/v2.0/companies').set('Authorization', trainee)).status).toBe(401);

    expect((await tc.delete('/_sim/users/TRAINEE01', undefined)).status).toBe(204);
    expect((await request(tc.app).get('/api/v2.0/companies').set('Authorization', basic('TRAINEE01', 'a-new-key-456'))).status).toBe(401);
    expect((await tc.get('/_sim/users')).body.value.map((u: { userName: string }) => u.userName)).not.toContain('TRAINEE01');
  });

  test('bad user input is refused with BC-style errors and creates nothing', async () => {
    const tc = await newHttpCompany();
    const cases: Array<[unknown, number, string]> = [
      [{ userName: 'X1' }, 400, 'BadRequest_RequiredParamNotProvided'],
      [{ userName: 'X2', webServiceAccessKey: 'short' }, 400, 'BadRequest'],
      [{ userName: 'X:3', webServiceAccessKey: 'long-enough-key' }, 400, 'BadRequest'],
      [{ userName: 'X'.repeat(51), webServiceAccessKey: 'long-enough-key' }, 400, 'Application_StringExceededLength'],
      [{ userName: 'X5', webServiceAccessKey: 'long-enough-key', admin: true }, 400, 'BadRequest'],
      [{ userName: 'X6', webServiceAccessKey: 'long-enough-key', permissions: [{ roleId: 'SUPER', company: 'NO-SUCH-COMPANY' }] }, 404, 'Internal_RecordNotFound'],
      [{ userName: 'TESTER', webServiceAccessKey: 'long-enough-key' }, 400, 'Internal_EntityWithSameKeyExists'],
    ];
    for (const [body, status, code] of cases) expectRefused(await tc.post('/_sim/users', body), status, code);
    const names = (await tc.get('/_sim/users')).body.value.map((u: { userName: string }) => u.userName);
    for (const n of ['X1', 'X2', 'X:3', 'X5', 'X6']) expect(names).not.toContain(n);
  });

  test('the last user with SUPER for all companies keeps it and cannot be deleted', async () => {
    const tc = await newHttpCompany();
    const supers = (await tc.get('/_sim/users')).body.value.filter((u: { permissions: Array<{ id: string; company: string }> }) =>
      u.permissions.some((p) => p.id === 'SUPER' && p.company === ''),
    );
    expect(supers.map((u: { userName: string }) => u.userName)).toEqual(['TESTER']);
    const res = await tc.delete('/_sim/users/TESTER/permissions/SUPER', undefined);
    expectRefused(res, 400, 'BadRequest');
    expect(errorText(res.body)).toBe('At least one user must have the SUPER permission set for all companies; TESTER is the last one.');
    expectRefused(await tc.delete('/_sim/users/TESTER', undefined), 400, 'BadRequest');
    expect((await tc.get('/_sim/users')).status).toBe(200);
  });

  test('SUPER in one company administers that company only; deleting a company removes its assignments', async () => {
    const tc = await newHttpCompany();
    const other = await otherCompany(tc, 'PERM-LOCAL');
    await tc.post('/_sim/users', {
      userName: 'LOCALADMIN',
      webServiceAccessKey: 'local-admin-key',
      permissions: [{ roleId: 'SUPER', company: 'PERM-LOCAL' }],
    });
    const auth = basic('LOCALADMIN', 'local-admin-key');
    expect((await request(tc.app).post(`/_sim/companies/${other.id}/reset`).set('Authorization', auth)).status).toBe(204);
    expectRefused(await request(tc.app).post(`/_sim/companies/${tc.companyId}/reset`).set('Authorization', auth), 403, 'Authorization_InsufficientPermissions');
    expectRefused(await request(tc.app).post('/_sim/companies').set('Authorization', auth).send({ name: 'PERM-LOCAL2' }), 403, 'Authorization_InsufficientPermissions');

    expect((await tc.delete(`/_sim/companies/${other.id}`, undefined)).status).toBe(204);
    expect((await tc.get('/_sim/users/LOCALADMIN')).body.permissions).toEqual([]);
    // A new company of the same name does not inherit the old assignment.
    const again = await otherCompany(tc, 'PERM-LOCAL');
    expectRefused(await request(tc.app).post(`/_sim/companies/${again.id}/reset`).set('Authorization', auth), 403, 'Authorization_InsufficientPermissions');
  });
});

describe('the front door: CSRF and DNS rebinding', () => {
  test('a form or text/plain body is refused (415) before anything reads it, on the API, /_sim and the page sessions', async () => {
    const tc = await newHttpCompany();
    const roles = `${tc.crm}/roles`;
    const form = await request(tc.app).post(roles).set('Authorization', tc.auth).type('form').send('code=FORM');
    expectRefused(form, 415, 'BadRequest_UnsupportedMediaType');
    expect(errorText(form.body)).toBe(
      "A supported MIME type could not be found that matches the content type of the response. None of the supported type(s) 'application/json' matches the content type 'application/x-www-form-urlencoded'.",
    );
    const text = await request(tc.app).post(roles).set('Authorization', tc.auth).set('Content-Type', 'text/plain').send('{"code":"TEXT"}');
    expectRefused(text, 415, 'BadRequest_UnsupportedMediaType');
    const none = await request(tc.app).post(roles).set('Authorization', tc.auth).set('Content-Type', '').send('{"code":"NONE"}');
    expectRefused(none, 415, 'BadRequest_UnsupportedMediaType');

    await tc.post(roles, { code: 'KEEP' });
    const reset = await request(tc.app).post(`/_sim/companies/${tc.companyId}/reset`).set('Authorization', tc.auth).set('Content-Type', 'text/plain').send('x');
    expectRefused(reset, 415, 'BadRequest_UnsupportedMediaType');
    const clock = await request(tc.app).put(`/_sim/companies/${tc.companyId}/clock`).set('Authorization', tc.auth).type('form').send('workDate=2030-01-01');
    expectRefused(clock, 415, 'BadRequest_UnsupportedMediaType');
    const page = await request(tc.app).post('/pages/sessions').set('Authorization', tc.auth).set('Content-Type', 'text/plain').send('{"page":"Contacten"}');
    expectRefused(page, 415, 'BadRequest_UnsupportedMediaType');
    const batch = await request(tc.app).post('/api/empire/crm/v1.0/$batch').set('Authorization', tc.auth).set('Content-Type', 'text/plain')
      .send(JSON.stringify({ requests: [{ id: '1', method: 'POST', url: `companies(${tc.companyId})/roles`, body: { code: 'BATCH' } }] }));
    expectRefused(batch, 415, 'BadRequest_UnsupportedMediaType');

    expect(await roleCodes(tc, tc.companyId)).toEqual(['KEEP']);
    expect((await tc.get(`/_sim/companies/${tc.companyId}/clock`)).body.workDate).toBeNull();
    // JSON with parameters is JSON; a bodiless POST needs no type.
    const withParams = await request(tc.app).post(roles).set('Authorization', tc.auth).set('Content-Type', 'application/json; charset=utf-8').send('{"code":"PARAMS"}');
    expect(withParams.status).toBe(201);
    expect((await request(tc.app).post(`/_sim/companies/${tc.companyId}/reset`).set('Authorization', tc.auth)).status).toBe(204);
  });

  test('a foreign Host header is refused with the envelope and changes nothing; the loopback names are served', async () => {
    const tc = await newHttpCompany();
    const roles = `${tc.crm}/roles`;
    for (const host of ['evil.example', 'evil.example:3000', 'localhost.evil.example', '127.0.0.1.nip.io:3000']) {
      const res = await request(tc.app).post(roles).set('Host', host).set('Authorization', tc.auth).send({ code: 'REBOUND' });
      expectRefused(res, 400, 'BadRequest');
      expect(errorText(res.body)).toBe('Bad Request - Invalid Hostname');
    }
    const web = await request(tc.app).get('/').set('Host', 'evil.example').set('Accept', 'text/html');
    expect(web.status).toBe(400);
    expect(await roleCodes(tc, tc.companyId)).toEqual([]);
    for (const host of ['localhost:3000', 'LOCALHOST', '127.0.0.1', '[::1]:8080']) {
      expect((await request(tc.app).get('/api/v2.0/companies').set('Host', host).set('Authorization', tc.auth)).status).toBe(200);
    }
  });
});

describe('the request journal', () => {
  test('readable and clearable by SUPER only; unauthenticated requests are counted, not kept', async () => {
    const tc = await newHttpCompany({ journalSize: 50 });
    const auth = await createBusinessUser(tc, 'JOUR1', 'jour1-key-123');
    expect((await tc.delete('/_sim/requests', undefined)).status).toBe(204);

    await request(tc.app).get(`${tc.crm}/roles`);
    await request(tc.app).get(`${tc.crm}/roles`).set('Authorization', basic('TESTER', 'wrong-key'));
    await request(tc.app).get(`${tc.crm}/roles?$top=1`).set('Authorization', auth);
    expectRefused(await request(tc.app).delete('/_sim/requests').set('Authorization', auth), 403, 'Authorization_InsufficientPermissions');

    const journal = await tc.get('/_sim/requests');
    expect(journal.status).toBe(200);
    expect(journal.body.unauthenticated).toBe(2);
    const entries = journal.body.value.map((e: { method: string; url: string; user: string; status: number }) => `${e.user} ${e.method} ${e.url} ${e.status}`);
    // The clearing request is recorded when it finishes, after the clear.
    expect(entries).toEqual(['TESTER DELETE /_sim/requests 204', `JOUR1 GET ${tc.crm}/roles?$top=1 200`, 'JOUR1 DELETE /_sim/requests 403']);
  });
});

describe('listening beyond this machine', () => {
  test('loopback is the default; another interface is refused while a user has a well-known demo key', async () => {
    expect(loadConfig({}).host).toBeUndefined();
    expect(loadConfig({ EMPIRE_SIM_ALLOWED_HOSTS: 'sim.school.example, 10.0.0.5' }).allowedHosts).toEqual(['sim.school.example', '10.0.0.5']);
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopback(h)).toBe(true);
    for (const h of ['0.0.0.0', '::', '10.0.0.5', 'sim.school.example']) expect(isLoopback(h)).toBe(false);

    expect(() => checkBinding('127.0.0.1', demoUsers)).not.toThrow();
    expect(() => checkBinding('0.0.0.0', demoUsers)).toThrow(/^refusing to listen on 0\.0\.0\.0: 17 user\(s\) still have their well-known demo key \(demo-<name>\): ANNE, BRAM/);
    const ownKeys = demoUsers.map((u) => ({ ...u, webServiceAccessKey: `${u.userName}-own-secret` }));
    expect(() => checkBinding('0.0.0.0', ownKeys)).not.toThrow();
    expect(() => checkBinding('10.0.0.5', [...ownKeys, { userName: 'TRAINER', webServiceAccessKey: 'demo-trainer' }])).toThrow(/TRAINER/);

    await expect(startSimulator({ host: '0.0.0.0', seed: 'empty' })).rejects.toThrow(/refusing to listen on 0\.0\.0\.0/);
    const sim = await startSimulator({ seed: 'empty' });
    try {
      expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const trainer = { authorization: basic('TRAINER', 'demo-trainer') };
      expect((await fetch(`${sim.url}/_sim/requests`, { headers: trainer })).status).toBe(200);
      expect((await fetch(`${sim.url}/_sim/requests`, { headers: { authorization: basic('ANNE', 'demo-anne') } })).status).toBe(403);
    } finally {
      await sim.stop();
    }
  });
});
