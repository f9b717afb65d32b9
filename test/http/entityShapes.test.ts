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
    for (let i = 0; i < 2; i++) expect((await tc.post(`${tc.crm}/contacts(${household.id})/Microsoft.NAV.newPersonForHousehold`, { roleCode: 'CONTRACT' })).status).toBe(204);
    const [person, other] = (await tc.get(`${tc.crm}/contacts?$filter=type eq 'Person'&$orderby=number`)).body.value;
    const logged = await tc.post(`${tc.crm}/contacts(${person.id})/Microsoft.NAV.createInteractionFromTemplate`, { templateCode: 'TEL-IN', note: 'Vraag beantwoord.' });
    expect(logged.status).toBe(204);
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

const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

describe('customer (API v2.0, page 30009)', () => {
  test('has exactly BC’s 27 properties, in the page’s order, with the values of a customer without entries', async () => {
    const tc = await arrange();
    const res = await tc.post(`${tc.v2}/customers`, { displayName: 'Fam. Jansen' });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).filter((k) => !k.startsWith('@odata.'))).toEqual([
      'id',
      'number',
      'displayName',
      'type',
      'addressLine1',
      'addressLine2',
      'city',
      'state',
      'country',
      'postalCode',
      'phoneNumber',
      'email',
      'website',
      'salespersonCode',
      'balanceDue',
      'creditLimit',
      'taxLiable',
      'taxAreaId',
      'taxAreaDisplayName',
      'taxRegistrationNumber',
      'currencyId',
      'currencyCode',
      'paymentTermsId',
      'shipmentMethodId',
      'paymentMethodId',
      'blocked',
      'lastModifiedDateTime',
    ]);
    expect(res.body).toMatchObject({
      balanceDue: 0,
      creditLimit: 0,
      taxLiable: false,
      taxAreaId: EMPTY_GUID,
      taxAreaDisplayName: '',
      currencyId: EMPTY_GUID,
      currencyCode: '',
      paymentTermsId: EMPTY_GUID,
      shipmentMethodId: EMPTY_GUID,
      paymentMethodId: EMPTY_GUID,
    });
  });

  test('$metadata: BC’s types, lengths and read-only members', async () => {
    const tc = await arrange();
    const xml = (await tc.get('/api/v2.0/$metadata')).text;
    const customer = /<EntityType Name="customer">[\s\S]*?<\/EntityType>/.exec(xml)![0];
    const prop = (name: string) => new RegExp(`<Property Name="${name}" ([^>]*)/?>`).exec(customer)?.[1] ?? '';
    expect(prop('addressLine2')).toMatch(/Type="Edm\.String" MaxLength="50"/);
    expect(prop('state')).toMatch(/MaxLength="30"/);
    expect(prop('website')).toMatch(/MaxLength="255"/);
    for (const p of ['balanceDue', 'creditLimit']) expect(prop(p)).toMatch(/Type="Edm\.Decimal"/);
    expect(prop('taxLiable')).toMatch(/Type="Edm\.Boolean"/);
    for (const p of ['taxAreaId', 'currencyId', 'paymentTermsId', 'shipmentMethodId', 'paymentMethodId']) expect(prop(p)).toMatch(/Type="Edm\.Guid"/);
    const c = (await tc.post(`${tc.v2}/customers`, { displayName: 'Fam. Jansen' })).body;
    for (const readOnlyField of ['balanceDue', 'taxAreaDisplayName']) {
      const res = await tc.patch(`${tc.v2}/customers(${c.id})`, { [readOnlyField]: readOnlyField === 'balanceDue' ? 5 : 'x' }, c['@odata.etag']);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('BadRequest_InvalidOperation');
    }
  });

  test('the new fields are stored, and the household contact takes over address, website and VAT number', async () => {
    const tc = await arrange();
    const res = await tc.post(`${tc.v2}/customers`, {
      displayName: 'Fam. de Vries',
      addressLine1: 'Lindelaan 4',
      addressLine2: 'Achterhuis',
      state: 'Utrecht',
      website: 'https://devries.example',
      creditLimit: 1250.5,
      taxLiable: true,
      taxRegistrationNumber: 'nl001234567b01',
      currencyCode: '',
      currencyId: EMPTY_GUID,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      addressLine2: 'Achterhuis',
      state: 'Utrecht',
      website: 'https://devries.example',
      creditLimit: 1250.5,
      taxLiable: true,
      taxRegistrationNumber: 'NL001234567B01',
      currencyId: EMPTY_GUID,
    });
    const contacts = (await tc.get(`${tc.v2}/contacts?$filter=displayName eq 'Fam. de Vries'`)).body.value;
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ addressLine2: 'Achterhuis', state: 'Utrecht', website: 'https://devries.example', taxRegistrationNumber: 'NL001234567B01' });
    const filtered = await tc.get(`${tc.v2}/customers?$filter=currencyId eq ${EMPTY_GUID} and number eq '${res.body.number}'`);
    expect(filtered.body.value.map((x: { id: string }) => x.id)).toEqual([res.body.id]);
  });

  test.each([
    ['currencyId', 'The "currencyId" does not match to a Currency.'],
    ['paymentTermsId', 'The "paymentTermsId" does not match to a Payment Terms.'],
    ['shipmentMethodId', 'The "shipmentMethodId" does not match to a Shipment Method.'],
    ['paymentMethodId', 'The "paymentMethodId" does not match to a Payment Method.'],
  ])('a %s that names no record gets the page’s text and changes nothing', async (name, text) => {
    const tc = await arrange();
    const c = (await tc.post(`${tc.v2}/customers`, { displayName: 'Fam. Bakker' })).body;
    const res = await tc.patch(`${tc.v2}/customers(${c.id})`, { [name]: '5b6a1f0e-3c1d-4f7e-9a2b-0c4d5e6f7a8b', city: 'Zeist' }, c['@odata.etag']);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('Application_DialogException');
    expect(errorText(res.body)).toBe(text);
    const after = (await tc.get(`${tc.v2}/customers(${c.id})`)).body;
    expect(after).toMatchObject({ [name]: EMPTY_GUID, city: '', '@odata.etag': c['@odata.etag'] });
    const notGuid = await tc.patch(`${tc.v2}/customers(${c.id})`, { [name]: 'EUR' }, c['@odata.etag']);
    expect(notGuid.status).toBe(400);
    expect(errorText(notGuid.body)).toMatch(/Cannot convert the literal 'EUR' to the expected type 'Edm\.Guid'/);
  });

  test('a currencyCode other than the local currency, and a taxAreaId, name no record', async () => {
    const tc = await arrange();
    const c = (await tc.post(`${tc.v2}/customers`, { displayName: 'Fam. Smit' })).body;
    const code = await tc.patch(`${tc.v2}/customers(${c.id})`, { currencyCode: 'USD' }, c['@odata.etag']);
    expect(code.status).toBe(400);
    expect(errorText(code.body)).toBe('The "currencyCode" does not match to a Currency.');
    const taxArea = await tc.patch(`${tc.v2}/customers(${c.id})`, { taxAreaId: '5b6a1f0e-3c1d-4f7e-9a2b-0c4d5e6f7a8b' }, c['@odata.etag']);
    expect(taxArea.body.error.code).toBe('Internal_RecordNotFound');
    expect(errorText(taxArea.body)).toBe(
      "The VAT Business Posting Group does not exist. Identification fields and values: SystemId='{5B6A1F0E-3C1D-4F7E-9A2B-0C4D5E6F7A8B}'",
    );
    expect((await tc.get(`${tc.v2}/customers(${c.id})`)).body['@odata.etag']).toBe(c['@odata.etag']);
  });

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
    expect(logged.status).toBe(204);
    const taskNumber = (await tc.get(`${tc.crm}/contacts(${household.id})/interactionLogEntries`)).body.value[0].toDoNumber;
    // VRAAG's task priority is High (arrangeContactmomentSetup).
    const high = await tc.get(`${tc.crm}/tasks?$filter=priority eq 'High' and number eq '${taskNumber}' and systemTaskType eq 'Team'`);
    expect(high.body.value.map((t: { number: string }) => t.number)).toEqual([taskNumber]);
    const normal = await tc.get(`${tc.crm}/tasks?$filter=priority eq 'Normal' and number eq '${taskNumber}'`);
    expect(normal.body.value).toEqual([]);
    // An enum literal is not a string: ODL refuses it for an Edm.String property.
    const typed = await tc.get(`${tc.crm}/tasks?$filter=priority eq Microsoft.NAV.toDoPriority'High'`);
    expect(typed.status).toBe(400);
  });
});

describe('company (API v2.0): systemCreatedBy and systemModifiedBy', () => {
  test('the User Security ID of the admin who created the company; the null GUID for one the simulator made', async () => {
    const tc = await arrange();
    const me = (await tc.get(`/_sim/users/${tc.userName}`)).body.id as string;
    expect(me).toMatch(/^[0-9a-f-]{36}$/);
    const made = await tc.post('/_sim/companies', { name: `CREATEDBY-${Date.now() % 100000}` });
    expect(made.status).toBe(201);
    try {
      const company = (await tc.get(`/api/v2.0/companies(${made.body.id})`)).body;
      expect(company).toMatchObject({ systemCreatedBy: me, systemModifiedBy: me });
      expect(Object.keys(company).filter((k) => !k.startsWith('@odata.'))).toEqual([
        'id',
        'systemVersion',
        'timestamp',
        'name',
        'displayName',
        'businessProfileId',
        'systemCreatedAt',
        'systemCreatedBy',
        'systemModifiedAt',
        'systemModifiedBy',
      ]);
      const byCreator = (await tc.get(`/api/v2.0/companies?$filter=systemCreatedBy eq ${me}`)).body.value.map((c: { id: string }) => c.id);
      expect(byCreator).toEqual([made.body.id]);
      const own = (await tc.get(`/api/v2.0/companies(${tc.companyId})`)).body;
      expect(own).toMatchObject({ systemCreatedBy: EMPTY_GUID, systemModifiedBy: EMPTY_GUID });
      const xml = (await tc.get('/api/v2.0/$metadata')).text;
      const company$ = /<EntityType Name="company">[\s\S]*?<\/EntityType>/.exec(xml)![0];
      expect(company$).toMatch(/<Property Name="systemCreatedBy" Type="Edm\.Guid"/);
      expect(company$).toMatch(/<Property Name="systemModifiedBy" Type="Edm\.Guid"/);
    } finally {
      await tc.delete(`/_sim/companies/${made.body.id}`, undefined);
    }
  });
});
