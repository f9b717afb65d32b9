// [FEATURE] [HTTP] [OData] — independent OData libraries from npm read the $metadata and talk to the API:
// SAP's EDMX parser + annotation converter build a model from the CSDL; @odata/client (light-odata) queries,
// creates, counts, calls bound actions and sends a JSON $batch.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { convert } from '@sap-ux/annotation-converter';
import { parse } from '@sap-ux/edmx-parser';
import { Guid, OData } from '@odata/client';
import buildQuery from 'odata-query';
import { closeSharedSimulator } from '../library/LibraryMarketing';
import { arrangeContactmomentSetup, HttpTestCompany, newHttpCompany, TEST_KEY, TEST_USER } from '../library/LibraryHttp';

let tc: HttpTestCompany;
let server: Server;
let url: string;

beforeAll(async () => {
  tc = await newHttpCompany();
  await arrangeContactmomentSetup(tc);
  server = await new Promise<Server>((resolve) => {
    const s = tc.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await closeSharedSimulator();
});

const auth = () => ({ authorization: `Basic ${Buffer.from(`${TEST_USER}:${TEST_KEY}`).toString('base64')}` });

async function metadataModel(base: string) {
  const res = await fetch(`${url}${base}/$metadata`, { headers: auth() });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
  return convert(parse(await res.text()));
}

describe('$metadata through SAP’s EDMX parser and annotation converter', () => {
  test('empire/crm/v1.0: entity types with keys, typed properties, enums, navigation properties, bound actions, entity sets', async () => {
    const model = await metadataModel('/api/empire/crm/v1.0');
    expect(model.namespace).toBe('Microsoft.NAV');
    const byName = new Map(model.entityTypes.map((t) => [t.name, t]));
    for (const name of ['company', 'contact', 'customer', 'interactionLogEntry', 'task', 'team', 'teamMember', 'salespersonPurchaser']) {
      expect(byName.get(name)?.keys.map((k) => k.name)).toEqual(['id']);
    }
    const task = byName.get('task')!;
    const type = (n: string) => task.entityProperties.find((p) => p.name === n)?.type;
    expect(type('id')).toBe('Edm.Guid');
    expect(type('number')).toBe('Edm.String');
    expect(type('date')).toBe('Edm.Date');
    expect(type('closed')).toBe('Edm.Boolean');
    expect(type('lastModifiedDateTime')).toBe('Edm.DateTimeOffset');
    // An AL enum is its own type, named after the enum object (Enum "Task Status"); an Option is a string.
    expect(type('status')).toBe('Microsoft.NAV.taskStatus');
    const status = model.enumTypes?.find((e) => e.name === 'taskStatus');
    expect(status?.members.map((m) => m.name)).toEqual(['Not_x0020_Started', 'In_x0020_Progress', 'Completed', 'Waiting', 'Postponed']);
    expect(type('priority')).toBe('Edm.String');
    expect(model.enumTypes?.map((e) => e.name)).not.toContain('toDoPriority');

    const contact = byName.get('contact')!;
    expect(contact.navigationProperties.map((n) => [n.name, n.targetTypeName, n.isCollection])).toEqual([
      ['interactionLogEntries', 'Microsoft.NAV.interactionLogEntry', true],
      ['tasks', 'Microsoft.NAV.task', true],
      ['contactRoles', 'Microsoft.NAV.contactRole', true],
    ]);
    const company = byName.get('company')!;
    expect(company.navigationProperties.map((n) => n.name)).toEqual(expect.arrayContaining(['contacts', 'tasks', 'teams', 'interactionLogEntries']));

    const assignToMe = model.actions.find((a) => a.name === 'assignToMe');
    expect(assignToMe).toMatchObject({ isBound: true, sourceType: 'Microsoft.NAV.task' });
    const complete = model.actions.find((a) => a.name === 'complete')!;
    expect(complete.parameters.map((p) => [p.name, p.type])).toEqual([
      ['task', 'Microsoft.NAV.task'],
      ['registerInteraction', 'Edm.Boolean'],
      ['interaction', 'Microsoft.NAV.taskCompleteInteraction'],
    ]);
    // One action name bound to two entity types (an overload on the binding parameter).
    const fromTemplate = model.actions.filter((a) => a.name === 'createInteractionFromTemplate').map((a) => a.sourceType);
    expect(fromTemplate.sort()).toEqual(['Microsoft.NAV.contact', 'Microsoft.NAV.customer']);

    expect(model.entitySets.map((s) => s.name)).toEqual(expect.arrayContaining(['companies', 'contacts', 'tasks', 'teams']));
    expect(model.entityContainer.name).toBe('default');
  });

  test('v2.0: the standard entities with BC’s API names', async () => {
    const model = await metadataModel('/api/v2.0');
    const sp = model.entityTypes.find((t) => t.name === 'salespersonPurchaser')!;
    expect(sp.entityProperties.map((p) => p.name)).toContain('commisionPercent');
    expect(model.entitySets.map((s) => s.name).sort()).toEqual(['companies', 'contacts', 'customers', 'salespeoplePurchasers']);
  });
});

describe('@odata/client against the API', () => {
  const client = () =>
    OData.New4({
      serviceEndpoint: `${url}/api/empire/crm/v1.0/`,
      credential: { username: TEST_USER, password: TEST_KEY },
    });

  test('create, query with its filter builder, count, retrieve by GUID key, bound action, JSON $batch', async () => {
    const odata = client();
    const contacts = odata.getEntitySet(`companies(${tc.companyId})/contacts`);
    const created = await contacts.create({ initials: 'K.', surname: 'Client', city: 'Delft' });
    expect(created).toMatchObject({ displayName: 'K. Client', city: 'Delft', type: 'Company' });
    await contacts.create({ surname: 'Tweede', city: 'Delft' });
    await contacts.create({ surname: 'Derde', city: 'Leiden' });

    const delft = await contacts.query(odata.newOptions().filter(odata.newFilter().property('city').eq('Delft')).orderby('surname', 'asc'));
    expect(delft.map((c: { surname: string }) => c.surname)).toEqual(['Client', 'Tweede']);
    expect(await contacts.count(odata.newFilter().property('city').eq('Leiden'))).toBe(1);

    const one = await contacts.retrieve(Guid.from(created.id), odata.newOptions().select(['displayName', 'city']));
    expect(one).toMatchObject({ displayName: 'K. Client', city: 'Delft' });

    // The action answers 204 No Content, as BC's; the entry is read afterwards.
    await contacts.action('Microsoft.NAV.createInteractionFromTemplate', Guid.from(created.id), { templateCode: 'TEL-IN', note: 'Via de client' });
    const entries = odata.getEntitySet(`companies(${tc.companyId})/contacts(${created.id})/interactionLogEntries`);
    expect(await entries.query()).toEqual([expect.objectContaining({ note: 'Via de client', toDoNumber: '' })]);

    const batch = await odata.execBatchRequestsJson([
      odata.newBatchRequest({ collection: `companies(${tc.companyId})/contacts`, method: 'POST', entity: { surname: 'Batch', city: 'Delft' } }),
      odata.newBatchRequest({ collection: `companies(${tc.companyId})/contacts`, params: odata.newOptions().filter(odata.newFilter().property('city').eq('Delft')) }),
    ]);
    const results = await Promise.all(batch.map((b) => b));
    const statuses = results.map((r: { status: number }) => r.status);
    expect(statuses).toEqual([201, 200]);
    const list = await (results[1] as { json(): Promise<{ value: { surname: string }[] }> }).json();
    expect(list.value.map((c) => c.surname).sort()).toEqual(['Batch', 'Client', 'Tweede']);
  });

  test('odata-query builds query strings the API accepts (a second, independent builder)', async () => {
    const query = buildQuery({
      filter: { and: [{ city: 'Delft' }, { surname: { startswith: 'T' } }] },
      select: ['surname', 'city'],
      orderBy: 'surname desc',
      top: 5,
      count: true,
    });
    const res = await fetch(`${url}/api/empire/crm/v1.0/companies(${tc.companyId})/contacts${query}`, { headers: auth() });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { '@odata.count': number; value: { surname: string }[] };
    expect(body.value.map((c) => c.surname)).toEqual(['Tweede']);
    expect(body['@odata.count']).toBe(1);
  });
});
