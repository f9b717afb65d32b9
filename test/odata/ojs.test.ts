// [FEATURE] [HTTP] [OData] — o.js (npm `odata`), a client nobody here wrote, against the API as its README
// uses it: query with $filter/$top, create, update with its ETag, and its default batch (multipart/mixed).
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { o } from 'odata';
import { closeSharedSimulator } from '../library/LibraryMarketing';
import { arrangeContactmomentSetup, HttpTestCompany, newHttpCompany, TEST_KEY, TEST_USER } from '../library/LibraryHttp';

let tc: HttpTestCompany;
let server: Server;
let root: string;

beforeAll(async () => {
  tc = await newHttpCompany();
  await arrangeContactmomentSetup(tc);
  server = await new Promise<Server>((resolve) => {
    const s = tc.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/empire/crm/v1.0/companies(${tc.companyId})/`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await closeSharedSimulator();
});

function handler() {
  return o(root, {
    headers: { authorization: `Basic ${Buffer.from(`${TEST_USER}:${TEST_KEY}`).toString('base64')}`, 'content-type': 'application/json' },
  });
}

test('query, create and update through o.js', async () => {
  const created = await handler().post('contacts', { surname: 'Ojs', initials: 'O.', city: 'Utrecht' }).query();
  expect(created).toMatchObject({ displayName: 'O. Ojs', city: 'Utrecht' });
  const found = await handler().get('contacts').query({ $filter: "surname eq 'Ojs'", $top: 5 });
  expect(found.map((c: { id: string }) => c.id)).toEqual([created.id]);
  const patched = await o(root, {
    headers: {
      authorization: `Basic ${Buffer.from(`${TEST_USER}:${TEST_KEY}`).toString('base64')}`,
      'content-type': 'application/json',
      'if-match': created['@odata.etag'],
    },
  })
    .patch(`contacts(${created.id})`, { city: 'Amersfoort' })
    .query();
  expect(patched).toMatchObject({ id: created.id, city: 'Amersfoort' });
});

test('o.js batch (multipart/mixed, its default): several reads in one request', async () => {
  await handler().post('contacts', { surname: 'Batchreeks' }).query();
  const authorization = `Basic ${Buffer.from(`${TEST_USER}:${TEST_KEY}`).toString('base64')}`;
  // BC's $batch is at the API's root; o.js sends the batch with its batch headers only.
  const api = root.replace(/companies\([^)]*\)\/$/, '');
  const company = `companies(${tc.companyId})`;
  const batchHandler = o(api, {
    headers: { authorization, 'content-type': 'application/json' },
    // o.js's own batch defaults (its README), with the credentials added: a given batch config replaces them all.
    batch: {
      boundaryPrefix: 'batch_',
      changsetBoundaryPrefix: 'changset_',
      endpoint: '$batch',
      headers: new Headers({ 'Content-Type': 'multipart/mixed', authorization }),
      useChangset: false,
      useRelativeURLs: false,
    },
  });
  const answers = await batchHandler.get(`${company}/contacts?$filter=surname eq 'Batchreeks'`).get(`${company}/teams`).batch();
  // o.js parses each part of the multipart answer: its Content-ID, status and body (the collection's value).
  const [contacts, teams] = answers as Array<{ contentId: number; status: number; body: Array<Record<string, string>> }>;
  expect([contacts.contentId, contacts.status, teams.contentId, teams.status]).toEqual([1, 200, 2, 200]);
  expect(contacts.body.map((c) => c.surname)).toEqual(['Batchreeks']);
  expect(teams.body.map((t) => t.code)).toEqual(expect.arrayContaining(['KCC', 'KLACHTEN']));
});
