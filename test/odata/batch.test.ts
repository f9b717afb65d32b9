// [FEATURE] [HTTP] [OData] — $batch (JSON), Isolation: snapshot rollback, deep insert, no deep update, ETag conflicts.
import { Role, TeamSalesperson } from '../../entities';
import { closeSharedSimulator, createSalesperson } from '../library/LibraryMarketing';
import { errorText, HttpTestCompany, newHttpCompany } from '../library/LibraryHttp';

afterAll(closeSharedSimulator);

type Row = Record<string, unknown>;

let tc: HttpTestCompany;
beforeAll(async () => {
  tc = await newHttpCompany();
  await tc.run(async (s) => {
    for (const code of ['ANNA', 'BERT', 'CEES']) await createSalesperson(s, code, `Medewerker ${code}`);
  });
});

const batch = (body: unknown, headers: Record<string, string> = {}) => {
  const req = tc.post('/api/empire/crm/v1.0/$batch', body);
  for (const [k, v] of Object.entries(headers)) req.set(k, v);
  return req;
};

async function roleCodes(): Promise<string[]> {
  return tc.run(async (s) => (await s.find(Role)).map((r) => r.code));
}

describe('$batch (JSON)', () => {
  test('inner requests run in order through the same handler; each answers with its own status, headers and body', async () => {
    const res = await batch({
      requests: [
        { id: 'a', method: 'POST', url: `companies(${tc.companyId})/roles`, headers: { 'content-type': 'application/json' }, body: { code: 'B1', description: 'Een' } },
        { id: 'b', method: 'GET', url: `companies(${tc.companyId})/roles?$filter=code eq 'B1'&$select=code,description` },
        { id: 'c', method: 'GET', url: `companies(${tc.companyId})/roles(00000000-0000-0000-0000-000000000000)` },
        { id: 'd', method: 'PATCH', url: '$a', headers: { 'if-match': '*' }, body: { description: 'Gewijzigd' }, dependsOn: ['a'] },
        { id: 'e', method: 'GET', url: `/api/empire/crm/v1.0/companies(${tc.companyId})/roles/$count` },
      ],
    });
    expect(res.status).toBe(200);
    const [a, b, c, d, e] = res.body.responses as Row[];
    expect(a).toMatchObject({ id: 'a', status: 201, body: { code: 'B1', description: 'Een' } });
    expect((a.headers as Record<string, string>).location).toMatch(/\/roles\([0-9a-f-]{36}\)$/);
    expect(b).toMatchObject({ id: 'b', status: 200, body: { value: [{ code: 'B1', description: 'Een' }] } });
    expect(c).toMatchObject({ id: 'c', status: 404, body: { error: { code: 'Internal_RecordNotFound' } } });
    expect((c.body as { error: { message: string } }).error.message).toMatch(/ {2}CorrelationId: {2}[0-9a-f-]{36}\.$/);
    expect(d).toMatchObject({ id: 'd', status: 200, body: { code: 'B1', description: 'Gewijzigd' } });
    expect(e).toMatchObject({ id: 'e', status: 200, body: '1' });
    // Without Isolation: snapshot a failed request does not undo the others.
    expect(await roleCodes()).toContain('B1');
  });

  test('Isolation: snapshot — every inner request is answered, and with one failure none of the changes is applied', async () => {
    const before = await roleCodes();
    const res = await batch(
      {
        requests: [
          { id: '1', method: 'POST', url: `companies(${tc.companyId})/roles`, body: { code: 'S1' } },
          { id: '2', method: 'POST', url: `companies(${tc.companyId})/roles`, body: { code: 'S2' } },
          { id: '3', method: 'POST', url: `companies(${tc.companyId})/roles`, body: { code: 'S1' } },
          { id: '4', method: 'POST', url: `companies(${tc.companyId})/roles`, body: { code: 'S4' } },
          { id: '5', method: 'GET', url: `companies(${tc.companyId})/roles?$filter=code eq 'S1' or code eq 'S4'` },
        ],
      },
      { Isolation: 'snapshot' },
    );
    expect(res.status).toBe(200);
    // As Microsoft's example (use-odata-batch.md): the successful answers and the failure, in order.
    expect(res.body.responses.map((r: Row) => [r.id, r.status])).toEqual([['1', 201], ['2', 201], ['3', 400], ['4', 201], ['5', 200]]);
    expect(res.body.responses[2]).toMatchObject({ body: { error: { code: 'Internal_EntityWithSameKeyExists' } } });
    // The failure rolled back at once, as an AL error rolls back its transaction: later requests see S4, not S1.
    expect(res.body.responses[4].body.value.map((r: Row) => r.code)).toEqual(['S4']);
    expect(await roleCodes()).toEqual(before);
  });

  test('Isolation: snapshot — requests addressed with ?company= and the Company header are one snapshot too', async () => {
    const before = await roleCodes();
    const name = (await tc.get(`/api/v2.0/companies(${tc.companyId})`)).body.name as string;
    const res = await batch(
      {
        requests: [
          { id: '1', method: 'POST', url: `roles?company=${tc.companyId}`, body: { code: 'Q1' } },
          { id: '2', method: 'POST', url: 'roles', headers: { Company: name }, body: { code: 'Q2' } },
          { id: '3', method: 'PATCH', url: '$1', headers: { 'If-Match': '*' }, body: { description: 'x'.repeat(101) } },
        ],
      },
      { Isolation: 'snapshot' },
    );
    expect(res.body.responses.map((r: Row) => r.status)).toEqual([201, 201, 400]);
    expect(res.body.responses[1].headers.location).toContain(`companies(${tc.companyId})/roles(`);
    expect(await roleCodes()).toEqual(before);
  });

  test('Isolation: snapshot — all succeed: one transaction, all kept; inner requests see each other’s writes', async () => {
    const res = await batch(
      {
        requests: [
          { id: '1', method: 'POST', url: `companies(${tc.companyId})/roles`, body: { code: 'T1' } },
          { id: '2', method: 'GET', url: `companies(${tc.companyId})/roles?$filter=code eq 'T1'` },
        ],
      },
      { Isolation: 'snapshot' },
    );
    expect(res.body.responses.map((r: Row) => r.status)).toEqual([201, 200]);
    expect(res.body.responses[1].body.value).toHaveLength(1);
    expect(await roleCodes()).toContain('T1');
  });

  test('dependsOn a failed request → 424; at most 100 operations; malformed batches are refused', async () => {
    const dep = await batch({
      requests: [
        { id: 'x', method: 'POST', url: `companies(${tc.companyId})/roles`, body: { nope: 1 } },
        { id: 'y', method: 'GET', url: `companies(${tc.companyId})/roles`, dependsOn: ['x'] },
      ],
    });
    expect(dep.body.responses.map((r: Row) => r.status)).toEqual([400, 424]);
    const many = Array.from({ length: 101 }, (_, i) => ({ id: String(i), method: 'GET', url: `companies(${tc.companyId})/roles` }));
    const tooMany = await batch({ requests: many });
    expect(tooMany.status).toBe(400);
    expect(errorText(tooMany.body)).toBe('The batch request contains 101 operations; at most 100 are allowed.');
    expect((await batch({ requests: many.slice(0, 100) })).status).toBe(200);
    expect((await batch({ nothing: [] })).status).toBe(400);
    expect((await batch([1, 2])).status).toBe(400);
    const nested = await batch({ requests: [{ id: '1', method: 'POST', url: '$batch', body: {} }] });
    expect(nested.body.responses[0].status).toBe(400);
    expect((await tc.get('/api/v2.0/$batch')).status).toBe(405);
  });
});

describe('deep insert', () => {
  test('POST a team with its members: one transaction, the link’s values assigned, the members in the answer', async () => {
    const res = await tc.post(`${tc.crm}/teams`, { code: 'DEEP', name: 'Diep', teamMembers: [{ salespersonCode: 'ANNA' }, { salespersonCode: 'BERT' }] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 'DEEP', name: 'Diep' });
    expect(res.body.teamMembers.map((m: Row) => [m.teamCode, m.salespersonCode, m.salespersonName])).toEqual([
      ['DEEP', 'ANNA', 'Medewerker ANNA'],
      ['DEEP', 'BERT', 'Medewerker BERT'],
    ]);
    const members = (await tc.get(`${tc.crm}/teams(${res.body.id})/teamMembers`)).body.value;
    expect(members.map((m: Row) => m.salespersonCode)).toEqual(['ANNA', 'BERT']);
  });

  test('a failing nested entity rolls back the parent too', async () => {
    const res = await tc.post(`${tc.crm}/teams`, { code: 'HALF', teamMembers: [{ salespersonCode: 'ANNA' }, { salespersonCode: 'NOBODY' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('Internal_InvalidTableRelation');
    expect((await tc.get(`${tc.crm}/teams?$filter=code eq 'HALF'`)).body.value).toEqual([]);
    await tc.run(async (s) => expect(await s.count(TeamSalesperson, { teamCode: 'HALF' })).toBe(0));
  });

  test('into a navigation whose page does not allow inserts → 405; a nested value that is not an array → 400', async () => {
    const res = await tc.post(`${tc.crm}/teams`, { code: 'NOPE', tasks: [{ description: 'x' }] });
    expect(res.status).toBe(405);
    expect(res.body.error.code).toBe('BadRequest_MethodNotAllowed');
    expect((await tc.post(`${tc.crm}/teams`, { code: 'NOPE', teamMembers: { salespersonCode: 'ANNA' } })).status).toBe(400);
  });

  test('deep update (PATCH with a navigation property) is refused, as BC does', async () => {
    const team = await tc.post(`${tc.crm}/teams`, { code: 'UPD' });
    const res = await tc.patch(`${tc.crm}/teams(${team.body.id})`, { name: 'x', teamMembers: [{ salespersonCode: 'CEES' }] }, team.body['@odata.etag']);
    expect(res.status).toBe(400);
    expect(errorText(res.body)).toMatch(/^Deep update is not supported: 'teamMembers' is a navigation property/);
    expect((await tc.get(`${tc.crm}/teams(${team.body.id})`)).body.name).toBe('');
  });
});

describe('ETags: two clients editing the same record never lose an update', () => {
  test('the second writer with the first ETag gets 409 Request_EntityChanged; after re-reading it succeeds', async () => {
    const role = await tc.post(`${tc.crm}/roles`, { code: 'ET', description: 'Begin' });
    const etag = role.body['@odata.etag'];
    const [first, second] = await Promise.all([
      tc.patch(`${tc.crm}/roles(${role.body.id})`, { description: 'Client A' }, etag),
      tc.patch(`${tc.crm}/roles(${role.body.id})`, { description: 'Client B' }, etag),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = first.status === 409 ? first : second;
    const winner = first.status === 200 ? first : second;
    expect(errorText(loser.body)).toBe('Another user has already changed the record.');
    const now = await tc.get(`${tc.crm}/roles(${role.body.id})`);
    expect(now.body.description).toBe(winner.body.description);
    const retry = await tc.patch(`${tc.crm}/roles(${role.body.id})`, { description: 'Both' }, now.body['@odata.etag']);
    expect(retry.status).toBe(200);
    // A DELETE with a stale ETag is refused too.
    expect((await tc.delete(`${tc.crm}/roles(${role.body.id})`, etag)).status).toBe(409);
  });

  test('the status of a stale ETag is configurable (409 by default, as BC documents; 412 as often assumed)', async () => {
    const other = await newHttpCompany({ conflictStatus: 412 });
    const role = await other.post(`${other.crm}/roles`, { code: 'C412' });
    await other.patch(`${other.crm}/roles(${role.body.id})`, { description: 'x' }, role.body['@odata.etag']);
    const stale = await other.patch(`${other.crm}/roles(${role.body.id})`, { description: 'y' }, role.body['@odata.etag']);
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('Request_EntityChanged');
  });

  test('in a $batch, a stale ETag fails that request only (or the whole batch with Isolation: snapshot)', async () => {
    const role = await tc.post(`${tc.crm}/roles`, { code: 'EB', description: 'Begin' });
    const stale = role.body['@odata.etag'];
    await tc.patch(`${tc.crm}/roles(${role.body.id})`, { description: 'Eerder' }, stale);
    const url = `companies(${tc.companyId})/roles(${role.body.id})`;
    const res = await batch(
      {
        requests: [
          { id: '1', method: 'POST', url: `companies(${tc.companyId})/roles`, body: { code: 'EB2' } },
          { id: '2', method: 'PATCH', url, headers: { 'if-match': stale }, body: { description: 'Later' } },
        ],
      },
      { Isolation: 'snapshot' },
    );
    expect(res.body.responses).toEqual([expect.objectContaining({ id: '1', status: 201 }), expect.objectContaining({ id: '2', status: 409 })]);
    expect(await roleCodes()).not.toContain('EB2');
  });
});
