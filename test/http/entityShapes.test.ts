// [FEATURE] [HTTP] [API v2.0] — contact and customer as Microsoft's AL API pages define them
// (APIV2Contacts.Page.al, APIV2Customers.Page.al, app 29.0): property names and order, the page's
// displayName errors, and the values BC computes (lastInteractionDate, taxRegistrationNumber).
import { closeSharedSimulator } from '../library/LibraryMarketing';
import { arrangeContactmomentSetup, errorText, HttpTestCompany, newHttpCompany } from '../library/LibraryHttp';

afterAll(() => closeSharedSimulator());

async function arrange(): Promise<HttpTestCompany> {
  const tc = await newHttpCompany();
  await arrangeContactmomentSetup(tc);
  return tc;
}

async function contactCount(tc: HttpTestCompany): Promise<number> {
  const res = await tc.get(`${tc.v2}/contacts?$count=true&$top=0`);
  return res.body['@odata.count'];
}

describe('contact (API v2.0, page 30071)', () => {
  test('has exactly BC’s 23 properties, in the page’s order', async () => {
    const tc = await arrange();
    const res = await tc.post(`${tc.v2}/contacts`, { displayName: 'Woonzorg Noord' });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).filter((k) => !k.startsWith('@odata.'))).toEqual([
      'id',
      'number',
      'type',
      'displayName',
      'jobTitle',
      'companyNumber',
      'companyName',
      'contactBusinessRelation',
      'addressLine1',
      'addressLine2',
      'city',
      'state',
      'country',
      'postalCode',
      'phoneNumber',
      'mobilePhoneNumber',
      'email',
      'website',
      'searchName',
      'privacyBlocked',
      'taxRegistrationNumber',
      'lastInteractionDate',
      'lastModifiedDateTime',
    ]);
    expect(res.body).toMatchObject({ contactBusinessRelation: 'None', lastInteractionDate: '0001-01-01' });
  });

  test('$metadata declares contactBusinessRelation as the read-only enum and no businessRelation', async () => {
    const tc = await arrange();
    const xml = (await tc.get('/api/v2.0/$metadata')).text;
    const contact = /<EntityType Name="contact">[\s\S]*?<\/EntityType>/.exec(xml)![0];
    expect(contact).toMatch(/<Property Name="contactBusinessRelation" Type="Microsoft\.NAV\.[A-Za-z]+"/);
    expect(contact).not.toMatch(/Name="businessRelation"/);
    for (const p of ['jobTitle', 'website', 'taxRegistrationNumber']) expect(contact).toMatch(new RegExp(`<Property Name="${p}" Type="Edm\\.String"`));
    expect(contact).toMatch(/<Property Name="lastInteractionDate" Type="Edm\.Date"/);
  });

  test('a POST without a displayName, or with a blank one, is refused with the page’s own texts and creates nothing', async () => {
    const tc = await arrange();
    const before = await contactCount(tc);
    const missing = await tc.post(`${tc.v2}/contacts`, { phoneNumber: '010-1234567' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('Application_DialogException');
    expect(errorText(missing.body)).toBe('A "displayName" must be provided.');
    const blank = await tc.post(`${tc.v2}/contacts`, { displayName: '' });
    expect(blank.status).toBe(400);
    expect(errorText(blank.body)).toBe('The blank "displayName" is not allowed.');
    expect(await contactCount(tc)).toBe(before);
  });

  test('a PATCH to a blank displayName is refused and the name stays', async () => {
    const tc = await arrange();
    const c = (await tc.post(`${tc.v2}/contacts`, { displayName: 'Woonzorg Noord' })).body;
    const res = await tc.patch(`${tc.v2}/contacts(${c.id})`, { displayName: '' }, c['@odata.etag']);
    expect(res.status).toBe(400);
    expect(errorText(res.body)).toBe('The blank "displayName" is not allowed.');
    expect((await tc.get(`${tc.v2}/contacts(${c.id})`)).body.displayName).toBe('Woonzorg Noord');
  });

  test('jobTitle, website and taxRegistrationNumber are stored; the VAT registration number in capitals', async () => {
    const tc = await arrange();
    const res = await tc.post(`${tc.v2}/contacts`, {
      displayName: 'P. de Boer',
      type: 'Person',
      jobTitle: 'Huurder',
      website: 'https://woonzorg.example/noord',
      taxRegistrationNumber: 'nl123456789b01',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ jobTitle: 'Huurder', website: 'https://woonzorg.example/noord', taxRegistrationNumber: 'NL123456789B01' });
  });

  test('lastInteractionDate: a person’s own last contact moment; a household’s covers its persons', async () => {
    const tc = await arrange();
    const household = (await tc.post(`${tc.crm}/contacts`, { surname: 'Dijk', initials: 'J.', middleName: 'van' })).body;
    const person = (await tc.post(`${tc.crm}/contacts(${household.id})/Microsoft.NAV.newPersonForHousehold`, { roleCode: 'CONTRACT' })).body;
    const other = (await tc.post(`${tc.crm}/contacts(${household.id})/Microsoft.NAV.newPersonForHousehold`, { roleCode: 'CONTRACT' })).body;
    const logged = await tc.post(`${tc.crm}/contacts(${person.id})/Microsoft.NAV.createInteractionFromTemplate`, { templateCode: 'TEL-IN', note: 'Vraag beantwoord.' });
    expect(logged.status).toBe(201);
    const entry = (await tc.get(`${tc.crm}/contacts(${person.id})/interactionLogEntries`)).body.value[0];
    const date = (id: string) => tc.get(`${tc.v2}/contacts(${id})`).then((r) => r.body.lastInteractionDate);
    expect(await date(person.id)).toBe(entry.date);
    expect(await date(household.id)).toBe(entry.date);
    expect(await date(other.id)).toBe('0001-01-01');
    // The list computes it for a page of rows at once: the same values.
    const listed = (await tc.get(`${tc.v2}/contacts?$select=id,lastInteractionDate`)).body.value as Array<{ id: string; lastInteractionDate: string }>;
    const byId = new Map(listed.map((c) => [c.id, c.lastInteractionDate]));
    expect([byId.get(person.id), byId.get(household.id), byId.get(other.id)]).toEqual([entry.date, entry.date, '0001-01-01']);
  });
});

describe('customer (API v2.0, page 30009)', () => {
  test('a POST without a displayName, or with a blank one, is refused with the page’s own texts', async () => {
    const tc = await arrange();
    const missing = await tc.post(`${tc.v2}/customers`, { phoneNumber: '010-1234567' });
    expect(missing.status).toBe(400);
    expect(errorText(missing.body)).toBe('A "displayName" must be provided.');
    const blank = await tc.post(`${tc.v2}/customers`, { displayName: '' });
    expect(errorText(blank.body)).toBe('The blank "displayName" is not allowed.');
    const count = await tc.get(`${tc.v2}/customers?$count=true&$top=0`);
    expect(count.body['@odata.count']).toBe(0);
  });
});

describe('$metadata: AL enums as their own types, options as strings', () => {
  test('v2.0 names each enum after its AL enum object', async () => {
    const tc = await arrange();
    const xml = (await tc.get('/api/v2.0/$metadata')).text;
    const propertyType = (entity: string, property: string) =>
      new RegExp(`<EntityType Name="${entity}">[\\s\\S]*?<Property Name="${property}" Type="([^"]+)"`).exec(xml)?.[1];
    expect(propertyType('contact', 'type')).toBe('Microsoft.NAV.contactType');
    expect(propertyType('contact', 'contactBusinessRelation')).toBe('Microsoft.NAV.contactBusinessRelation');
    expect(propertyType('customer', 'type')).toBe('Microsoft.NAV.contactType');
    expect(propertyType('customer', 'blocked')).toBe('Microsoft.NAV.customerBlocked');
    const blocked = /<EnumType Name="customerBlocked">([\s\S]*?)<\/EnumType>/.exec(xml)![1];
    expect([...blocked.matchAll(/Member Name="([^"]+)" Value="(\d+)"/g)].map((m) => [m[1], Number(m[2])])).toEqual([
      ['_x0020_', 0],
      ['Ship', 1],
      ['Invoice', 2],
      ['All', 3],
    ]);
    // One EnumType per enum object, however many properties use it.
    expect(xml.match(/<EnumType Name="contactType">/g)).toHaveLength(1);
  });

  test('an Option is Edm.String in $metadata and still filters by its member names', async () => {
    const tc = await arrange();
    const xml = (await tc.get('/api/empire/crm/v1.0/$metadata')).text;
    expect(/<EntityType Name="task">[\s\S]*?<Property Name="priority" Type="([^"]+)"/.exec(xml)?.[1]).toBe('Edm.String');
    expect(xml).not.toMatch(/<EnumType Name="toDoPriority">/);
    const household = (await tc.post(`${tc.crm}/contacts`, { surname: 'Prio' })).body;
    const logged = await tc.post(`${tc.crm}/contacts(${household.id})/Microsoft.NAV.createInteractionFromTemplate`, { templateCode: 'VRAAG', note: 'x' });
    expect(logged.status).toBe(201);
    // VRAAG's task priority is High (arrangeContactmomentSetup).
    const high = await tc.get(`${tc.crm}/tasks?$filter=priority eq 'High' and number eq '${logged.body.taskNumber}'`);
    expect(high.body.value.map((t: { number: string }) => t.number)).toEqual([logged.body.taskNumber]);
    const normal = await tc.get(`${tc.crm}/tasks?$filter=priority eq 'Normal' and number eq '${logged.body.taskNumber}'`);
    expect(normal.body.value).toEqual([]);
    // An enum literal is not a string: ODL refuses it for an Edm.String property.
    const typed = await tc.get(`${tc.crm}/tasks?$filter=priority eq Microsoft.NAV.toDoPriority'High'`);
    expect(typed.status).toBe(400);
  });
});
