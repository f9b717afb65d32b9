// [FEATURE] [HTTP] [Simulator controls] — the company clock and reset to the seed.
import { closeSharedSimulator } from '../library/LibraryMarketing';
import { arrangeContactmomentSetup, errorText, newHttpCompany } from '../library/LibraryHttp';

afterAll(closeSharedSimulator);

describe('/_sim/companies/{company}/clock', () => {
  test('freeze Today and set WorkDate; contact moments are dated on the WorkDate, records stamped with the frozen moment', async () => {
    const tc = await newHttpCompany();
    await arrangeContactmomentSetup(tc);
    const set = await tc.put(`/_sim/companies/${tc.companyId}/clock`, { frozenAt: '2026-06-15T10:00:00Z', workDate: '2026-06-12' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      frozenAt: '2026-06-15T10:00:00.000Z',
      workDate: '2026-06-12',
      now: '2026-06-15T10:00:00.000Z',
      today: '2026-06-15',
      effectiveWorkDate: '2026-06-12',
      timeZone: 'Europe/Amsterdam',
    });
    const hh = await tc.post(`${tc.crm}/contacts`, { surname: 'Klok' });
    expect(hh.body.lastModifiedDateTime).toBe('2026-06-15T10:00:00.000Z');
    await tc.post(`${tc.crm}/contacts(${hh.body.id})/Microsoft.NAV.createInteractionFromTemplate`, { templateCode: 'TEL-IN', note: 'x' });
    const [entry] = (await tc.get(`${tc.crm}/interactionLogEntries`)).body.value;
    expect(entry.date).toBe('2026-06-12');
  });

  test('the company may be named by its name; DELETE goes back to the real clock', async () => {
    const tc = await newHttpCompany();
    const name = (await tc.get(`/api/v2.0/companies(${tc.companyId})`)).body.name;
    const cleared = await tc.delete(`/_sim/companies/${encodeURIComponent(name)}/clock`, undefined);
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ frozenAt: null, workDate: null });
    expect(Math.abs(Date.parse(cleared.body.now) - Date.now())).toBeLessThan(60_000);
  });

  test('bad input is a 400, an unknown company a 404', async () => {
    const tc = await newHttpCompany();
    expect((await tc.put(`/_sim/companies/${tc.companyId}/clock`, { frozen: 'x' })).status).toBe(400);
    const bad = await tc.put(`/_sim/companies/${tc.companyId}/clock`, { workDate: '15-06-2026' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('Application_EvaluateException');
    expect((await tc.get('/_sim/companies/NO-SUCH-COMPANY/clock')).status).toBe(404);
  });
});

describe('/_sim/companies/{company}/reset', () => {
  test('puts the company back to its seed: what the API created is gone', async () => {
    const tc = await newHttpCompany();
    await tc.post(`${tc.crm}/roles`, { code: 'TMP' });
    expect((await tc.get(`${tc.crm}/roles`)).body.value).toHaveLength(1);
    const res = await tc.post(`/_sim/companies/${tc.companyId}/reset`);
    expect(res.status).toBe(204);
    expect((await tc.get(`${tc.crm}/roles`)).body.value).toEqual([]);
    const companies = (await tc.get('/_sim/companies')).body.value;
    expect(companies).toContainEqual(expect.objectContaining({ id: tc.companyId, seed: 'empty' }));
  });
});

describe('/_sim/companies: create from a seed, delete', () => {
  test('POST creates a company from the seed; it is served by the API at once; DELETE removes it', async () => {
    const tc = await newHttpCompany();
    const name = `TRAINEE-${Date.now() % 100000}`;
    const created = await tc.post('/_sim/companies', { name, displayName: 'Cursist 1', seed: 'empty' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name, displayName: 'Cursist 1', seed: 'empty', id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(created.headers.location).toBe(`/_sim/companies/${created.body.id}`);
    const roles = await tc.get(`/api/empire/crm/v1.0/companies(${created.body.id})/roles`);
    expect(roles.status).toBe(200);
    expect(roles.body.value).toEqual([]);
    expect((await tc.get(`/_sim/companies/${encodeURIComponent(name)}`)).body.id).toBe(created.body.id);

    const again = await tc.post('/_sim/companies', { name });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('Internal_EntityWithSameKeyExists');
    expect((await tc.post('/_sim/companies', { name: 'X', seed: 'nope' })).status).toBe(400);
    expect((await tc.post('/_sim/companies', { name: 'X', colour: 'red' })).status).toBe(400);
    expect((await tc.post('/_sim/companies', {})).body.error.code).toBe('BadRequest_RequiredParamNotProvided');

    expect((await tc.delete(`/_sim/companies/${created.body.id}`, undefined)).status).toBe(204);
    expect((await tc.get(`/api/empire/crm/v1.0/companies(${created.body.id})/roles`)).status).toBe(404);
    expect((await tc.get('/_sim/companies')).body.value.map((c: { id: string }) => c.id)).not.toContain(created.body.id);
  });
});

describe('/_sim/companies: the caption set a class is trained in', () => {
  test("'000' by default; set at creation or by PATCH; kept over a reset; a bad value changes nothing", async () => {
    const tc = await newHttpCompany();
    const name = `CAPT-${Date.now() % 100000}`;
    const plain = await tc.post('/_sim/companies', { name });
    expect(plain.body.captionSet).toBe('000');
    await tc.delete(`/_sim/companies/${plain.body.id}`, undefined);

    const created = await tc.post('/_sim/companies', { name, captionSet: '003' });
    expect(created.status).toBe(201);
    expect(created.body.captionSet).toBe('003');
    const bad = await tc.patch(`/_sim/companies/${created.body.id}`, { captionSet: '004' }, undefined);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^The value "004" cannot be evaluated into type Option\./);
    expect((await tc.get(`/_sim/companies/${created.body.id}`)).body.captionSet).toBe('003');
    expect((await tc.patch(`/_sim/companies/${created.body.id}`, { captionSet: 3 }, undefined)).status).toBe(400);
    expect((await tc.patch(`/_sim/companies/${created.body.id}`, {}, undefined)).status).toBe(400);

    const changed = await tc.patch(`/_sim/companies/${created.body.id}`, { captionSet: '000' }, undefined);
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: created.body.id, captionSet: '000' });
    await tc.patch(`/_sim/companies/${created.body.id}`, { captionSet: '003' }, undefined);
    expect((await tc.post(`/_sim/companies/${created.body.id}/reset`)).status).toBe(204);
    expect((await tc.get('/_sim/companies')).body.value).toContainEqual(expect.objectContaining({ id: created.body.id, captionSet: '003' }));
    await tc.delete(`/_sim/companies/${created.body.id}`, undefined);
  });
});

describe('/_sim/companies/{company}/snapshots', () => {
  test('take a snapshot, change data, restore it; list and delete snapshots', async () => {
    const tc = await newHttpCompany();
    await tc.post(`${tc.crm}/roles`, { code: 'KEEP' });
    const snap = await tc.post(`/_sim/companies/${tc.companyId}/snapshots`);
    expect(snap.status).toBe(201);
    expect(snap.body).toMatchObject({ id: expect.any(String), takenAt: expect.any(String), rows: expect.any(Number) });
    await tc.post(`${tc.crm}/roles`, { code: 'GONE' });
    const keep = (await tc.get(`${tc.crm}/roles?$filter=code eq 'KEEP'`)).body.value[0];
    await tc.delete(`${tc.crm}/roles(${keep.id})`, '*');
    expect((await tc.get(`${tc.crm}/roles`)).body.value.map((r: { code: string }) => r.code)).toEqual(['GONE']);

    expect((await tc.post(`/_sim/companies/${tc.companyId}/snapshots/${snap.body.id}/restore`)).status).toBe(204);
    const after = (await tc.get(`${tc.crm}/roles`)).body.value;
    expect(after.map((r: { code: string }) => r.code)).toEqual(['KEEP']);
    // The very same record (SystemId and ETag) is back.
    expect(after[0]).toMatchObject({ id: keep.id, '@odata.etag': keep['@odata.etag'] });

    expect((await tc.get(`/_sim/companies/${tc.companyId}/snapshots`)).body.value.map((s: { id: string }) => s.id)).toEqual([snap.body.id]);
    expect((await tc.delete(`/_sim/companies/${tc.companyId}/snapshots/${snap.body.id}`, undefined)).status).toBe(204);
    expect((await tc.post(`/_sim/companies/${tc.companyId}/snapshots/${snap.body.id}/restore`)).status).toBe(404);
  });
});

describe('/_sim/companies/{company}/clock/advance', () => {
  test('moves a frozen clock forward; freezes a running one at now + the amount', async () => {
    const tc = await newHttpCompany();
    await tc.put(`/_sim/companies/${tc.companyId}/clock`, { frozenAt: '2026-06-15T10:00:00Z' });
    const res = await tc.post(`/_sim/companies/${tc.companyId}/clock/advance`, { days: 3, hours: 1, minutes: 30 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ frozenAt: '2026-06-18T11:30:00.000Z', today: '2026-06-18' });
    expect((await tc.post(`/_sim/companies/${tc.companyId}/clock/advance`, { days: -1 })).status).toBe(400);
    expect((await tc.post(`/_sim/companies/${tc.companyId}/clock/advance`, { weeks: 1 })).status).toBe(400);
  });

  test("a moment outside BC's DateTime range (to 9999-12-31) or an impossible date is refused with BC's text; the clock keeps its time", async () => {
    const tc = await newHttpCompany();
    await tc.put(`/_sim/companies/${tc.companyId}/clock`, { frozenAt: '2026-06-15T10:00:00Z', workDate: '2026-06-12' });
    const refused = [
      await tc.post(`/_sim/companies/${tc.companyId}/clock/advance`, { days: 1e300 }),
      await tc.post(`/_sim/companies/${tc.companyId}/clock/advance`, { days: 2_920_000 }),
      await tc.put(`/_sim/companies/${tc.companyId}/clock`, { workDate: '0000-00-00' }),
      await tc.put(`/_sim/companies/${tc.companyId}/clock`, { frozenAt: '1700-01-01T00:00:00Z' }),
    ];
    expect(refused.map((r) => r.status)).toEqual([400, 400, 400, 400]);
    expect(errorText(refused[1].body)).toBe('The value "+010021-02-21T10:00:00.000Z" cannot be evaluated into type DateTime.');
    expect(errorText(refused[2].body)).toBe('The value "0000-00-00" cannot be evaluated into type Date.');
    const clock = await tc.get(`/_sim/companies/${tc.companyId}/clock`);
    expect(clock.body).toMatchObject({ frozenAt: '2026-06-15T10:00:00.000Z', workDate: '2026-06-12' });
  });
});

describe('/_sim/requests: the request journal', () => {
  test('method, URL, status, duration, correlation id and user of each request; filters; clear', async () => {
    const tc = await newHttpCompany({ journalSize: 5 });
    expect((await tc.delete('/_sim/requests', undefined)).status).toBe(204);
    const failed = await tc.get(`${tc.v2}/contacts?$filter=nope eq 1`);
    await tc.get(`${tc.crm}/roles`);
    const journal = await tc.get('/_sim/requests');
    expect(journal.body.capacity).toBe(5);
    const entries = journal.body.value;
    // The DELETE that cleared it is recorded after the clearing; the GET of the journal itself only once it is answered.
    expect(entries.map((e: { method: string; status: number }) => `${e.method} ${e.status}`)).toEqual(['DELETE 204', 'GET 400', 'GET 200']);
    expect(entries[1]).toMatchObject({
      url: `${tc.v2}/contacts?$filter=nope%20eq%201`,
      status: 400,
      correlationId: failed.headers['x-correlation-id'],
      user: 'TESTER',
      durationMs: expect.any(Number),
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect((await tc.get('/_sim/requests?status=400')).body.value).toHaveLength(1);
    expect((await tc.get(`/_sim/requests?correlationId=${failed.headers['x-correlation-id']}`)).body.value).toHaveLength(1);
    expect((await tc.get('/_sim/requests?limit=1')).body.value).toHaveLength(1);
    // A ring buffer: never more than its capacity.
    for (let i = 0; i < 8; i++) await tc.get(`${tc.crm}/roles?i=${i}`);
    const full = (await tc.get('/_sim/requests')).body.value;
    expect(full).toHaveLength(5);
    expect(full[4].url).toBe(`${tc.crm}/roles?i=7`);
  });
});
