// [FEATURE] [HTTP] [Simulator controls] — the company clock and reset to the seed.
import { closeSharedSimulator } from '../library/LibraryMarketing';
import { arrangeContactmomentSetup, newHttpCompany } from '../library/LibraryHttp';

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
    expect(bad.body.error.code).toBe('Application_DialogException');
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
