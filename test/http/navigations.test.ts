// [FEATURE] [HTTP] [API v2.0] — the parts of APIV2 - Customers and APIV2 - Contacts as navigation properties:
// customerFinancialDetails and picture are single-valued (Multiplicity = ZeroOrOne), answered as one entity through
// the URL and as an object in $expand, with the values BC shows for a customer without ledger entries and a record
// without an image; what the simulator cannot do with them (upload or delete a picture) is Simulator_NotSupported.
import request from 'supertest';
import { closeSharedSimulator } from '../library/LibraryMarketing';
import { HttpTestCompany, newHttpCompany } from '../library/LibraryHttp';

afterAll(() => closeSharedSimulator());

let tc: HttpTestCompany;
beforeAll(async () => {
  tc = await newHttpCompany();
});

const json = (body: Record<string, unknown>) => Object.fromEntries(Object.entries(body).filter(([k]) => !k.startsWith('@odata.')));

describe('customers({id})/customerFinancialDetails', () => {
  test('one entity with BC’s properties: the balances of a customer without ledger entries are 0', async () => {
    const customer = (await tc.post(`${tc.v2}/customers`, { displayName: 'Balans BV' })).body;
    const res = await tc.get(`${tc.v2}/customers(${customer.id})/customerFinancialDetails`);
    expect(res.status).toBe(200);
    expect(res.body['@odata.context']).toMatch(new RegExp(`/\\$metadata#companies\\(${tc.companyId}\\)/customers\\(${customer.id}\\)/customerFinancialDetails$`));
    expect(json(res.body)).toEqual({
      id: customer.id,
      number: customer.number,
      balance: 0,
      totalSalesExcludingTax: 0,
      overdueAmount: 0,
      lastModifiedDateTime: customer.lastModifiedDateTime,
    });
  });

  test('read-only: POST, PATCH and DELETE are refused and change nothing', async () => {
    const customer = (await tc.post(`${tc.v2}/customers`, { displayName: 'Alleen Lezen' })).body;
    const url = `${tc.v2}/customers(${customer.id})/customerFinancialDetails`;
    expect((await tc.post(url, { balance: 1 })).status).toBe(405);
    const details = (await tc.get(url)).body;
    expect((await tc.patch(url, { balance: 1 }, details['@odata.etag'])).status).toBe(405);
    expect((await tc.delete(url, details['@odata.etag'])).status).toBe(405);
    expect((await tc.get(`${tc.v2}/customers(${customer.id})`)).body.displayName).toBe('Alleen Lezen');
  });
});

describe('picture of a customer and of a contact', () => {
  test('a record without an image: BC’s picture entity with width and height 0 and no content type', async () => {
    const customer = (await tc.post(`${tc.v2}/customers`, { displayName: 'Foto BV' })).body;
    const contact = (await tc.post(`${tc.v2}/contacts`, { displayName: 'Foto Contact' })).body;
    const ofCustomer = await tc.get(`${tc.v2}/customers(${customer.id})/picture`);
    expect(ofCustomer.status).toBe(200);
    // pictureContent is an Edm.Stream: part of $metadata, not of the JSON entity.
    expect(json(ofCustomer.body)).toEqual({ id: customer.id, parentType: 'Customer', width: 0, height: 0, contentType: '' });
    const ofContact = await tc.get(`${tc.v2}/contacts(${contact.id})/picture`);
    expect(json(ofContact.body)).toEqual({ id: contact.id, parentType: 'Contact', width: 0, height: 0, contentType: '' });
  });

  test('uploading or deleting a picture is Simulator_NotSupported, and the customer stays', async () => {
    const customer = (await tc.post(`${tc.v2}/customers`, { displayName: 'Geen Foto' })).body;
    const url = `${tc.v2}/customers(${customer.id})/picture`;
    const picture = (await tc.get(url)).body;
    for (const res of [await tc.patch(url, { contentType: 'image/png' }, picture['@odata.etag']), await tc.delete(url, picture['@odata.etag'])]) {
      expect(res.body.error.code).toBe('Simulator_NotSupported');
    }
    expect((await tc.get(`${tc.v2}/customers(${customer.id})`)).status).toBe(200);
  });
});

describe('$expand of single-valued navigations', () => {
  test('an object per entity in a list and on one entity, with $select inside', async () => {
    const customer = (await tc.post(`${tc.v2}/customers`, { displayName: 'Uitklap BV' })).body;
    const one = await tc.get(`${tc.v2}/customers(${customer.id})?$expand=customerFinancialDetails,picture($select=parentType,width)`);
    expect(one.status).toBe(200);
    expect(one.body.customerFinancialDetails).toMatchObject({ id: customer.id, balance: 0 });
    expect(json(one.body.picture)).toEqual({ parentType: 'Customer', width: 0 });
    const list = await tc.get(`${tc.v2}/customers?$filter=displayName eq 'Uitklap BV'&$expand=picture`);
    expect(list.body.value).toHaveLength(1);
    expect(list.body.value[0].picture).toMatchObject({ id: customer.id, height: 0 });
    const contacts = await tc.get(`${tc.v2}/contacts?$top=1&$expand=picture`);
    expect(contacts.body.value[0].picture).toMatchObject({ parentType: 'Contact' });
  });
});

describe('parts the simulator does not serve', () => {
  test('defaultDimensions, agedAccountsReceivable, contactsInformation, documentAttachments: Simulator_NotSupported by URL and by $expand', async () => {
    const customer = (await tc.post(`${tc.v2}/customers`, { displayName: 'Delen BV' })).body;
    for (const part of ['defaultDimensions', 'agedAccountsReceivable', 'contactsInformation', 'documentAttachments']) {
      const byUrl = await tc.get(`${tc.v2}/customers(${customer.id})/${part}`);
      expect([byUrl.status, byUrl.body.error.code]).toEqual([501, 'Simulator_NotSupported']);
      const expanded = await tc.get(`${tc.v2}/customers(${customer.id})?$expand=${part}`);
      expect([expanded.status, expanded.body.error.code]).toEqual([501, 'Simulator_NotSupported']);
    }
    // Any other name is still BC's "not found".
    expect((await tc.get(`${tc.v2}/customers(${customer.id})/nothing`)).body.error.code).not.toBe('Simulator_NotSupported');
  });
});

describe('$metadata', () => {
  test('single-valued navigation properties, one picture type with its enum and its stream', async () => {
    const xml = (await tc.get('/api/v2.0/$metadata')).text;
    expect(xml).toContain('<NavigationProperty Name="customerFinancialDetails" Type="Microsoft.NAV.customerFinancialDetail" ContainsTarget="true"/>');
    expect(xml).toContain('<NavigationProperty Name="picture" Type="Microsoft.NAV.picture" ContainsTarget="true"/>');
    expect(xml.match(/<EntityType Name="picture">/g)).toHaveLength(1);
    expect(xml).toContain('<Property Name="parentType" Type="Microsoft.NAV.pictureEntityParentType"/>');
    expect(xml).toContain('<Property Name="contentType" Type="Edm.String" MaxLength="100"/>');
    expect(xml).toContain('<Property Name="pictureContent" Type="Edm.Stream"/>');
    expect(xml).toMatch(/<EnumType Name="pictureEntityParentType"><Member Name="Customer" Value="1"\/>.*<Member Name="Item_x0020_Variant" Value="6"\/><\/EnumType>/);
    // Parts are no entity sets of their own here.
    expect(xml).not.toContain('<EntitySet Name="pictures"');
  });
});

describe('OpenAPI', () => {
  test('a single-valued navigation is one entity of a declared schema; what is not simulated has no operation', async () => {
    const doc = (await request(tc.app).get('/_sim/openapi.json')).body;
    const picture = doc.paths['/api/v2.0/companies({company_id})/customers({parent_id})/picture'];
    expect(Object.keys(picture)).toEqual(['get']);
    const ref: string = picture.get.responses['200'].content['application/json'].schema.$ref;
    const schema = doc.components.schemas[ref.replace('#/components/schemas/', '')];
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['id', 'parentType', 'width', 'height', 'contentType']));
  });
});
