// [FEATURE] [HTTP] — what the API's answers carry on the wire, byte for byte where clients read it: the
// status, the headers (Content-Type with its charset, Content-Length, OData-Version, the security headers,
// the correlation id) and the body; a conditional GET and a HEAD as Express answers them.
import request from 'supertest';
import { closeSharedSimulator } from '../library/LibraryMarketing';
import { HttpTestCompany, newHttpCompany } from '../library/LibraryHttp';

afterAll(closeSharedSimulator);

let tc: HttpTestCompany;
beforeAll(async () => {
  tc = await newHttpCompany();
});

const SECURITY = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

test('a JSON answer: OData Content-Type with charset, its byte length, OData-Version, no ETag header', async () => {
  const res = await tc.get(`${tc.crm}/contacts?$top=2&$select=number,displayName`).buffer(true);
  expect(res.status).toBe(200);
  expect(res.headers).toMatchObject({ 'content-type': 'application/json; odata.metadata=minimal; charset=utf-8', 'odata-version': '4.0', ...SECURITY });
  expect(res.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(res.headers.etag).toBeUndefined();
  expect(res.headers['transfer-encoding']).toBeUndefined();
  expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
  expect(JSON.parse(res.text)).toEqual(res.body);
});

test('a JSON answer with characters outside ASCII: Content-Length counts UTF-8 bytes', async () => {
  const posted = await tc.post(`${tc.crm}/contacts`, { displayName: 'Zoë Ærø — “test”' });
  expect(posted.status).toBe(201);
  expect(posted.headers['content-type']).toBe('application/json; odata.metadata=minimal; charset=utf-8');
  expect(posted.headers.location).toContain(posted.body.id);
  expect(Number(posted.headers['content-length'])).toBe(Buffer.byteLength(posted.text));
  const res = await tc.get(`${tc.crm}/contacts(${posted.body.id})?$select=displayName`);
  expect(res.body.displayName).toBe('Zoë Ærø — “test”');
  expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
});

test('text answers ($count) keep text/plain with charset', async () => {
  const res = await tc.get(`${tc.crm}/contacts/$count`);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
  expect(res.text).toMatch(/^\d+$/);
});

test('204 without a body and without Content-Type', async () => {
  const posted = await tc.post(`${tc.crm}/contacts`, { displayName: 'Wordt verwijderd' });
  const res = await tc.delete(`${tc.crm}/contacts(${posted.body.id})`, posted.body['@odata.etag']);
  expect(res.status).toBe(204);
  expect(res.headers['content-type']).toBeUndefined();
  expect(res.text).toBe('');
});

test('conditional GETs and HEAD answer as Express answers them', async () => {
  const url = `${tc.crm}/contacts?$top=1`;
  // No ETag and no Last-Modified on the answer: If-None-Match: * makes it "fresh" for Express (304).
  const star = await tc.get(url).set('If-None-Match', '*');
  expect(star.status).toBe(304);
  expect(star.headers['content-type']).toBeUndefined();
  const tag = await tc.get(url).set('If-None-Match', 'W/"x"');
  expect(tag.status).toBe(200);
  const noCache = await tc.get(url).set('If-None-Match', '*').set('Cache-Control', 'no-cache');
  expect(noCache.status).toBe(200);
  const since = await tc.get(url).set('If-Modified-Since', new Date().toUTCString());
  expect(since.status).toBe(200);
  const head = await request(tc.app).head(url).set('Authorization', tc.auth);
  expect(head.status).toBe(200);
  expect(head.headers['content-type']).toBe('application/json; odata.metadata=minimal; charset=utf-8');
  expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
  expect(head.text ?? '').toBe('');
});
