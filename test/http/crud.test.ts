// [FEATURE] [HTTP] [API pages] — CRUD through the generic page handler: validation in page order, ETags, rollback, enums.
import { randomUUID } from 'node:crypto';
import { Contact, Todo } from '../../entities';
import { closeSharedSimulator } from '../library/LibraryMarketing';
import { arrangeContactmomentSetup, errorText, HttpTestCompany, newHttpCompany } from '../library/LibraryHttp';

afterAll(closeSharedSimulator);

describe('companies', () => {
  test('lists the companies with id, name and an ETag; a company by id', async () => {
    const tc = await newHttpCompany();
    const list = await tc.get('/api/v2.0/companies');
    expect(list.status).toBe(200);
    expect(list.body['@odata.context']).toMatch(/\/api\/v2\.0\/\$metadata#companies$/);
    const mine = list.body.value.find((c: { id: string }) => c.id === tc.companyId);
    expect(mine).toMatchObject({ id: tc.companyId, '@odata.etag': expect.stringMatching(/^W\/"/) });
    const one = await tc.get(`/api/empire/crm/v1.0/companies(${tc.companyId})`);
    expect(one.status).toBe(200);
    expect(one.body.name).toBe(mine.name);
    expect(one.body['@odata.context']).toMatch(/\/api\/empire\/crm\/v1\.0\/\$metadata#companies\/\$entity$/);
  });

  test('the service document lists the entity sets of the API', async () => {
    const tc = await newHttpCompany();
    const res = await tc.get('/api/empire/crm/v1.0');
    expect(res.status).toBe(200);
    const names = res.body.value.map((v: { name: string }) => v.name);
    expect(names).toEqual(expect.arrayContaining(['companies', 'contacts', 'tasks', 'teams', 'interactionLogEntries']));
  });
});

describe('POST / GET / PATCH / DELETE', () => {
  let tc: HttpTestCompany;
  beforeAll(async () => {
    tc = await newHttpCompany();
  });

  test('POST a contact: 201, Location, number from the No. Series, the table computes the rest', async () => {
    const res = await tc.post(`${tc.v2}/contacts`, { displayName: 'Woonzorg Noord', phoneNumber: '010-1234567', email: 'info@woonzorg.example' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`${res.request.url.replace(/\/contacts$/, '')}/contacts(${res.body.id})`);
    expect(res.body).toMatchObject({
      '@odata.etag': expect.stringMatching(/^W\/"[A-Za-z0-9+/=]+"$/),
      number: expect.stringMatching(/^CT\d{6}$/),
      type: 'Company',
      displayName: 'Woonzorg Noord',
      companyNumber: res.body.number,
      contactBusinessRelation: 'None',
      jobTitle: '',
      website: '',
      taxRegistrationNumber: '',
      lastInteractionDate: '0001-01-01',
      searchName: 'WOONZORG NOORD',
      email: 'info@woonzorg.example',
    });
    expect(res.body['@odata.context']).toMatch(/#companies\([0-9a-f-]+\)\/contacts\/\$entity$/);
    const get = await tc.get(`${tc.v2}/contacts(${res.body.id})`);
    expect(get.status).toBe(200);
    // (supertest serves each request on its own port, so the context URLs differ in the port only)
    const { '@odata.context': _a, ...got } = get.body;
    const { '@odata.context': _b, ...posted } = res.body;
    expect(got).toEqual(posted);
  });

  test('a client may choose the id (SystemId) on POST; a taken id is refused', async () => {
    const id = randomUUID();
    const res = await tc.post(`${tc.crm}/salutations`, { id, code: 'ID1' });
    expect(res.status).toBe(201);
    expect(res.body.id).toBe(id);
    const again = await tc.post(`${tc.crm}/salutations`, { id, code: 'ID2' });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('Internal_EntityWithSameKeyExists');
  });

  test('a client-chosen id does not make a new contact look stored to its triggers (Type.OnValidate)', async () => {
    const id = randomUUID();
    const res = await tc.post(`${tc.crm}/contacts`, { id, type: 'Person', surname: 'Eigen' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id, type: 'Person', displayName: 'Eigen' });
  });

  test('POST through a navigation property takes the link’s values (teams(…)/teamMembers → Team Code)', async () => {
    await tc.run(async (s) => {
      const { createSalesperson } = await import('../library/LibraryMarketing');
      await createSalesperson(s, 'NAVSP', 'Nav Salesperson');
    });
    const team = await tc.post(`${tc.crm}/teams`, { code: 'NAV', name: 'Navigatie' });
    const member = await tc.post(`${tc.crm}/teams(${team.body.id})/teamMembers`, { salespersonCode: 'navsp' });
    expect(member.status).toBe(201);
    expect(member.body).toMatchObject({ teamCode: 'NAV', salespersonCode: 'NAVSP', salespersonName: 'Nav Salesperson' });
    expect(member.headers.location).toMatch(new RegExp(`/teamMembers\\(${member.body.id}\\)$`));
    const members = (await tc.get(`${tc.crm}/teams(${team.body.id})/teamMembers`)).body.value;
    expect(members.map((m: { salespersonCode: string }) => m.salespersonCode)).toEqual(['NAVSP']);
    // The member is reachable through the team, and not through another team.
    const other = await tc.post(`${tc.crm}/teams`, { code: 'NAV2' });
    expect((await tc.get(`${tc.crm}/teams(${team.body.id})/teamMembers(${member.body.id})`)).status).toBe(200);
    expect((await tc.get(`${tc.crm}/teams(${other.body.id})/teamMembers(${member.body.id})`)).status).toBe(404);
  });

  test('PATCH without If-Match → 400 BadRequest_InvalidToken, nothing changed', async () => {
    const c = await tc.post(`${tc.v2}/contacts`, { displayName: 'Zonder token' });
    const res = await tc.patch(`${tc.v2}/contacts(${c.body.id})`, { displayName: 'Changed' }, undefined);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BadRequest_InvalidToken');
    expect(errorText(res.body)).toBe(
      'Could not validate the client concurrency token required by the service. Please provide a valid token in the client request.',
    );
    expect((await tc.get(`${tc.v2}/contacts(${c.body.id})`)).body.displayName).toBe('Zonder token');
  });

  test('PATCH with the current ETag → 200 with a new ETag; the old one is then stale → 409 Request_EntityChanged', async () => {
    const c = await tc.post(`${tc.v2}/contacts`, { displayName: 'Eerste' });
    const first = await tc.patch(`${tc.v2}/contacts(${c.body.id})`, { displayName: 'Tweede' }, c.body['@odata.etag']);
    expect(first.status).toBe(200);
    expect(first.body.displayName).toBe('Tweede');
    expect(first.body['@odata.etag']).not.toBe(c.body['@odata.etag']);
    const stale = await tc.patch(`${tc.v2}/contacts(${c.body.id})`, { displayName: 'Derde' }, c.body['@odata.etag']);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('Request_EntityChanged');
    expect(errorText(stale.body)).toBe('Another user has already changed the record.');
    expect((await tc.get(`${tc.v2}/contacts(${c.body.id})`)).body.displayName).toBe('Tweede');
  });

  test('If-Match: * overrides the check; an ETag of another record does not match', async () => {
    const a = await tc.post(`${tc.v2}/contacts`, { displayName: 'A' });
    const b = await tc.post(`${tc.v2}/contacts`, { displayName: 'B' });
    expect((await tc.patch(`${tc.v2}/contacts(${a.body.id})`, { displayName: 'A2' }, b.body['@odata.etag'])).status).toBe(409);
    const star = await tc.patch(`${tc.v2}/contacts(${a.body.id})`, { displayName: 'A3' }, '*');
    expect(star.status).toBe(200);
    expect(star.body.displayName).toBe('A3');
  });

  test('PATCH validates like a page: a person typed as one Name is split into its parts (NameBreakdown)', async () => {
    const c = await tc.post(`${tc.crm}/contacts`, { type: 'Person' });
    const res = await tc.patch(`${tc.crm}/contacts(${c.body.id})`, { displayName: 'Jan van Dijk' }, '*');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ firstName: 'Jan', middleName: 'van', surname: 'Dijk', displayName: 'Jan van Dijk' });
  });

  test('changing a primary key field through PATCH (a Rename) is not simulated → 501', async () => {
    const s = await tc.post(`${tc.crm}/salutations`, { code: 'REN' });
    const res = await tc.patch(`${tc.crm}/salutations(${s.body.id})`, { code: 'REN2' }, '*');
    expect(res.status).toBe(501);
    expect(res.body.error.code).toBe('Simulator_NotSupported');
    // The same value is no rename.
    expect((await tc.patch(`${tc.crm}/salutations(${s.body.id})`, { code: 'ren', description: 'x' }, '*')).status).toBe(200);
  });

  test('DELETE needs If-Match, runs OnDelete and answers 204; the record is gone', async () => {
    const s = await tc.post(`${tc.crm}/salutations`, { code: 'DEL' });
    expect((await tc.delete(`${tc.crm}/salutations(${s.body.id})`, undefined)).status).toBe(400);
    expect((await tc.delete(`${tc.crm}/salutations(${s.body.id})`, 'W/"stale"')).status).toBe(409);
    const res = await tc.delete(`${tc.crm}/salutations(${s.body.id})`, s.body['@odata.etag']);
    expect(res.status).toBe(204);
    expect((await tc.get(`${tc.crm}/salutations(${s.body.id})`)).status).toBe(404);
  });

  test('$top and $skip page through the collection in primary-key order', async () => {
    const t = await newHttpCompany();
    for (const code of ['R3', 'R1', 'R2']) await t.post(`${t.crm}/roles`, { code });
    const all = await t.get(`${t.crm}/roles`);
    expect(all.body.value.map((r: { code: string }) => r.code)).toEqual(['R1', 'R2', 'R3']);
    const page = await t.get(`${t.crm}/roles?$top=1&$skip=1`);
    expect(page.body.value.map((r: { code: string }) => r.code)).toEqual(['R2']);
    expect((await t.get(`${t.crm}/roles?$top=0`)).body.value).toEqual([]);
  });
});

describe('values', () => {
  test('BC’s blank date 0001-01-01 is accepted in a body and clears the date; other dates of the years 1–99 are dates of those years', async () => {
    const tc = await newHttpCompany();
    const c = (await tc.post(`${tc.crm}/contacts`, { surname: 'Datum', birthDate: '1970-05-01' })).body;
    expect(c.birthDate).toBe('1970-05-01');
    const cleared = await tc.patch(`${tc.crm}/contacts(${c.id})`, { birthDate: '0001-01-01' }, '*');
    expect(cleared.status).toBe(200);
    expect(cleared.body.birthDate).toBe('0001-01-01');
    const early = await tc.patch(`${tc.crm}/contacts(${c.id})`, { birthDate: '0099-12-31' }, '*');
    expect(early.status).toBe(200);
    expect(early.body.birthDate).toBe('0099-12-31');
    const notADate = await tc.patch(`${tc.crm}/contacts(${c.id})`, { birthDate: '0001-02-30' }, '*');
    expect(notADate.status).toBe(400);
  });

  test('options/enums are names with spaces as _x0020_, the blank member is _x0020_; blank dates are 0001-01-01', async () => {
    const tc = await newHttpCompany();
    await tc.run(async (s) => {
      const { createInteractionTemplate, createSalesperson, createTeam } = await import('../library/LibraryMarketing');
      await createSalesperson(s, 'ME', 'Me', tc.userName);
      await createTeam(s, 'T', ['S1']);
      await createInteractionTemplate(s, 'TPL', { createTask: true, teamCode: 'T' });
    });
    const c = await tc.post(`${tc.crm}/contacts`, { surname: 'Enum' });
    expect(c.body.correspondenceType).toBe('_x0020_');
    expect(c.body.birthDate).toBe('0001-01-01');
    const tpl = (await tc.get(`${tc.crm}/interactionTemplates`)).body.value[0];
    expect(tpl).toMatchObject({ informationFlow: 'Inbound', initiatedBy: 'Them', taskType: '_x0020_', taskPriority: 'Normal' });

    await tc.run(async (s) => {
      const { EmpireInteraction } = await import('../../codeunits/process/EmpireInteraction.Codeunit');
      await new EmpireInteraction(s).fromContact(c.body.number, { templateCode: 'TPL', note: 'Vraag' });
    }, { user: tc.userName });
    const tasks = (await tc.get(`${tc.crm}/tasks`)).body.value;
    const teamTask = tasks.find((t: { systemTaskType: string }) => t.systemTaskType === 'Team');
    expect(teamTask).toMatchObject({ status: 'Not_x0020_Started', priority: 'Normal', type: '_x0020_', dateClosed: '0001-01-01' });
    // Written back in the same form; the plain name is accepted too.
    const patched = await tc.patch(`${tc.crm}/tasks(${teamTask.id})`, { status: 'In_x0020_Progress' }, teamTask['@odata.etag']);
    expect(patched.status).toBe(200);
    expect(patched.body.status).toBe('In_x0020_Progress');
    const again = await tc.patch(`${tc.crm}/tasks(${teamTask.id})`, { status: 'Waiting', priority: 'High' }, '*');
    expect(again.body).toMatchObject({ status: 'Waiting', priority: 'High' });
    // A member's copy follows the team task (UpdateAttendeeTasks).
    const member = (await tc.get(`${tc.crm}/tasks`)).body.value.find((t: { systemTaskType: string }) => t.systemTaskType === 'Organizer');
    expect(member).toMatchObject({ status: 'Waiting', priority: 'High', salespersonCode: 'S1' });
    // ...and is read-only, as on the Taakkaart (PagePartsEditable): a PATCH of it changes nothing.
    const refused = await tc.patch(`${tc.crm}/tasks(${member.id})`, { priority: 'Low' }, member['@odata.etag']);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('BadRequest_InvalidOperation');
    expect(errorText(refused.body)).toBe("Control 'Priority' is read-only.");
    expect((await tc.get(`${tc.crm}/tasks(${member.id})`)).body).toMatchObject({ priority: 'High', '@odata.etag': member['@odata.etag'] });
  });
});

describe("values outside BC's types", () => {
  test('an Integer past Edm.Int32, a non-integer, a Decimal past 999,999,999,999,999.99: 400 with BC\'s text, nothing stored', async () => {
    const tc = await newHttpCompany();
    await tc.run(async (s) => {
      const { createSalesperson } = await import('../library/LibraryMarketing');
      await createSalesperson(s, 'SP', 'Sales', tc.userName);
    });
    const hh = await tc.post(`${tc.crm}/contacts`, { surname: 'Grens' });
    expect(hh.status).toBe(201);
    const etag = hh.body['@odata.etag'] as string;
    const cases: [Record<string, unknown>, string][] = [
      // The OData layer refuses what is no Edm.Int32 before AL sees it.
      [{ houseNumber: 1e300 }, "Cannot convert the literal '1e+300' to the expected type 'Edm.Int32'."],
      [{ houseNumber: 2147483648 }, "Cannot convert the literal '2147483648' to the expected type 'Edm.Int32'."],
      [{ houseNumber: 12.5 }, "Cannot convert the literal '12.5' to the expected type 'Edm.Int32'."],
    ];
    for (const [body, text] of cases) {
      const res = await tc.patch(`${tc.crm}/contacts(${hh.body.id})`, body, etag);
      expect({ body, status: res.status, text: errorText(res.body) }).toEqual({ body, status: 400, text });
    }
    // The largest Integer is a value like any other.
    const max = await tc.patch(`${tc.crm}/contacts(${hh.body.id})`, { houseNumber: 2147483647 }, etag);
    expect(max.status).toBe(200);
    expect(max.body.houseNumber).toBe(2147483647);
    const sp = (await tc.get(`${tc.v2}/salespeoplePurchasers?$filter=code eq 'SP'`)).body.value[0];
    const decimal = await tc.patch(`${tc.v2}/salespeoplePurchasers(${sp.id})`, { commisionPercent: 1e18 }, sp['@odata.etag']);
    expect(decimal.status).toBe(400);
    // A Decimal within Edm.Decimal but past BC's Decimal is refused by the field, as AL's Evaluate refuses it.
    expect(errorText(decimal.body)).toBe('The value "1000000000000000000" cannot be evaluated into type Decimal.');
    expect((await tc.get(`${tc.v2}/salespeoplePurchasers(${sp.id})`)).body['@odata.etag']).toBe(sp['@odata.etag']);
  });
});

describe('one request, one transaction', () => {
  test('an error halfway rolls back what the request already wrote (new person + role: unknown role code)', async () => {
    const tc = await newHttpCompany();
    await arrangeContactmomentSetup(tc);
    const household = await tc.post(`${tc.crm}/contacts`, { surname: 'Rollback' });
    const before = (await tc.get(`${tc.crm}/contacts`)).body.value.length;
    // newPersonForHousehold inserts and modifies the person, then fails on the role's table relation.
    const res = await tc.post(`${tc.crm}/contacts(${household.body.id})/Microsoft.NAV.newPersonForHousehold`, { roleCode: 'NOPE' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('Internal_InvalidTableRelation');
    const after = (await tc.get(`${tc.crm}/contacts`)).body.value;
    expect(after).toHaveLength(before);
    // Not even the number was used: the next contact gets the number the failed person had.
    const next = await tc.post(`${tc.crm}/contacts`, { surname: 'Volgende' });
    expect(next.body.number).toBe(nextNumber(household.body.number));
    await tc.run(async (s) => expect(await s.count(Contact)).toBe(after.length + 1));
  });

  test('an unanswered confirm after a write rolls the write back (Status saved, then Text032 unanswered)', async () => {
    const tc = await newHttpCompany();
    await arrangeContactmomentSetup(tc);
    const hh = await tc.post(`${tc.crm}/contacts`, { surname: 'Bakker' });
    await tc.post(`${tc.crm}/contacts(${hh.body.id})/Microsoft.NAV.createInteractionFromTemplate`, { templateCode: 'VRAAG', note: 'Vraag' });
    const task = (await tc.get(`${tc.crm}/tasks`)).body.value.find((t: { systemTaskType: string }) => t.systemTaskType === 'Team');
    // Status In Progress is validated first and modifies the task (and its copies); Salesperson Code then asks Text032.
    const res = await tc.patch(`${tc.crm}/tasks(${task.id})`, { status: 'In_x0020_Progress', salespersonCode: 'TST' }, task['@odata.etag']);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('Application_CallbackNotAllowed');
    const now = await tc.get(`${tc.crm}/tasks(${task.id})`);
    expect(now.body).toMatchObject({ status: 'Not_x0020_Started', salespersonCode: '', teamCode: 'KCC', '@odata.etag': task['@odata.etag'] });
    await tc.run(async (s) => expect(await s.count(Todo, { status: 0 })).toBe(3));
  });
});

function nextNumber(no: string): string {
  const digits = no.replace(/^\D+/, '');
  return no.slice(0, no.length - digits.length) + String(Number(digits) + 1).padStart(digits.length, '0');
}
