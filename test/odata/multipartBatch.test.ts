// [FEATURE] [HTTP] [OData] [$batch] — OData 4.0's multipart/mixed $batch over real HTTP: requests and change sets,
// a change set as one transaction (all or nothing), $<Content-ID> references, permissions per inner request, a real
// client (@odata/client) writing the request and reading the response, and malformed multipart refused in BC's envelope.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { OData, parseMultiPartContent } from '@odata/client';
import { closeSharedSimulator } from '../library/LibraryMarketing';
import { basic, createBusinessUser, errorText, HttpTestCompany, newHttpCompany, TEST_KEY, TEST_USER } from '../library/LibraryHttp';

let tc: HttpTestCompany;
let server: Server;
let url: string;

beforeAll(async () => {
  tc = await newHttpCompany();
  server = await listen(tc);
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await closeSharedSimulator();
});

function listen(company: HttpTestCompany): Promise<Server> {
  return new Promise<Server>((resolve) => {
    const s = company.app.listen(0, '127.0.0.1', () => resolve(s));
  });
}

const CRLF = '\r\n';
const roles = () => `companies(${tc.companyId})/roles`;

/** An application/http part: MIME headers, a request line, the request's headers and body. */
function req(method: string, path: string, opts: { body?: unknown; headers?: Record<string, string>; contentId?: string } = {}): string {
  const mime = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary', ...(opts.contentId ? [`Content-ID: ${opts.contentId}`] : [])];
  const headers = Object.entries({ ...(opts.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...(opts.headers ?? {}) }).map(([k, v]) => `${k}: ${v}`);
  const body = opts.body === undefined ? '' : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  return [...mime, '', `${method} ${path} HTTP/1.1`, ...headers, '', body].join(CRLF);
}

function changeSet(boundary: string, parts: string[]): string {
  return [`Content-Type: multipart/mixed; boundary=${boundary}`, '', multipart(boundary, parts)].join(CRLF);
}

function multipart(boundary: string, parts: string[]): string {
  return parts.map((p) => `--${boundary}${CRLF}${p}${CRLF}`).join('') + `--${boundary}--${CRLF}`;
}

async function postBatch(body: string, contentType = 'multipart/mixed; boundary=batch_1', auth = tc.auth, path = '/api/empire/crm/v1.0/$batch') {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { authorization: auth, 'content-type': contentType }, body });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text(), correlationId: res.headers.get('x-correlation-id') };
}

interface Part {
  headers: Record<string, string>;
  /** An application/http part's response; a change set's parts. */
  status?: number;
  responseHeaders?: Record<string, string>;
  body?: any;
  parts?: Part[];
}

/** The test's own reading of a multipart response (RFC 2046), keeping the change sets' nesting a client flattens. */
function parse(text: string, boundary: string): Part[] {
  const chunks = text.split(new RegExp(`\\r\\n--${boundary}|^--${boundary}`));
  expect(chunks[chunks.length - 1]).toMatch(/^--\r\n$/);
  return chunks.slice(1, -1).map((chunk) => {
    const [head, ...rest] = chunk.replace(/^\r\n/, '').split('\r\n\r\n');
    const headers = Object.fromEntries(head.split('\r\n').map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    const content = rest.join('\r\n\r\n');
    if (headers['content-type'].startsWith('multipart/mixed')) return { headers, parts: parse(content, headers['content-type'].split('boundary=')[1]) };
    expect(headers['content-type']).toBe('application/http');
    const [statusLine, ...lines] = content.split('\r\n\r\n')[0].split('\r\n');
    const bodyText = content.split('\r\n\r\n').slice(1).join('\r\n\r\n');
    return {
      headers,
      status: Number(/^HTTP\/1\.1 (\d{3}) /.exec(statusLine)![1]),
      responseHeaders: Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()])),
      body: bodyText === '' ? undefined : bodyText.startsWith('{') ? JSON.parse(bodyText) : bodyText,
    };
  });
}

function responseParts(res: { status: number; contentType: string; text: string }): Part[] {
  // The error's text in the failure, when there is one.
  expect([res.status, res.status === 200 ? '' : res.text]).toEqual([200, '']);
  const m = /^multipart\/mixed; boundary=(batchresponse_[0-9a-f-]{36})$/.exec(res.contentType);
  expect(m).not.toBeNull();
  return parse(res.text, m![1]);
}

async function roleCodes(): Promise<string[]> {
  const res = await tc.get(`${tc.crm}/roles`);
  return (res.body.value as Array<{ code: string }>).map((r) => r.code).sort();
}

describe('$batch in multipart/mixed', () => {
  test('reads and writes in one batch; a change set commits and answers nested, with the Content-IDs; $1 names its first request', async () => {
    const body = multipart('batch_1', [
      req('GET', `${roles()}?$filter=code eq 'MP-A'`),
      changeSet('cs_1', [
        req('POST', roles(), { body: { code: 'MP-A', description: 'Een' }, contentId: '1' }),
        req('PATCH', '$1', { body: { description: 'Gewijzigd' }, headers: { 'If-Match': '*' }, contentId: '2' }),
      ]),
      req('GET', `/api/empire/crm/v1.0/${roles()}/$count`),
    ]);
    const [before, set, count] = responseParts(await postBatch(body));
    expect(before).toMatchObject({ status: 200, body: { value: [] } });
    expect(set.headers['content-type']).toMatch(/^multipart\/mixed; boundary=changesetresponse_/);
    const [created, patched] = set.parts!;
    expect(created).toMatchObject({ headers: { 'content-id': '1' }, status: 201, body: { code: 'MP-A', description: 'Een' } });
    expect(created.responseHeaders!.location).toMatch(/\/roles\([0-9a-f-]{36}\)$/);
    expect(patched).toMatchObject({ headers: { 'content-id': '2' }, status: 200, body: { code: 'MP-A', description: 'Gewijzigd', id: created.body.id } });
    expect(count).toMatchObject({ status: 200, body: '1' });
    expect((await tc.get(`${tc.crm}/roles(${created.body.id})`)).body.description).toBe('Gewijzigd');
  });

  test('a change set whose second request fails leaves nothing behind and answers with that one failure; the parts around it still run', async () => {
    await tc.post(`${tc.crm}/roles`, { code: 'MP-DUP' });
    const body = multipart('batch_1', [
      req('POST', roles(), { body: { code: 'MP-BEFORE' } }),
      changeSet('cs_1', [
        req('POST', roles(), { body: { code: 'MP-NEW' }, contentId: 'a' }),
        req('POST', roles(), { body: { code: 'MP-DUP' }, contentId: 'b' }),
        req('POST', roles(), { body: { code: 'MP-NEVER' }, contentId: 'c' }),
      ]),
      req('POST', roles(), { body: { code: 'MP-AFTER' } }),
    ]);
    const parts = responseParts(await postBatch(body));
    expect(parts.map((p) => p.status)).toEqual([201, 400, 201]);
    const failure = parts[1];
    expect(failure.headers).toMatchObject({ 'content-type': 'application/http', 'content-id': 'b' });
    expect(failure.body.error.code).toBe('Internal_EntityWithSameKeyExists');
    expect(failure.body.error.message).toMatch(new RegExp(`  CorrelationId:  ${failure.responseHeaders!['x-correlation-id']}\\.$`));
    const codes = await roleCodes();
    expect(codes).toEqual(expect.arrayContaining(['MP-AFTER', 'MP-BEFORE', 'MP-DUP']));
    expect(codes).not.toContain('MP-NEW');
    expect(codes).not.toContain('MP-NEVER');
  });

  test('Isolation: snapshot — every part is answered (a committed change set nested) and, as one failed, nothing is applied', async () => {
    await tc.post(`${tc.crm}/roles`, { code: 'SN-DUP' });
    const before = await roleCodes();
    const body = multipart('batch_1', [
      req('POST', roles(), { body: { code: 'SN-1' } }),
      changeSet('cs_1', [req('POST', roles(), { body: { code: 'SN-2' }, contentId: '1' }), req('PATCH', '$1', { body: { description: 'x' }, headers: { 'If-Match': '*' }, contentId: '2' })]),
      req('POST', roles(), { body: { code: 'SN-DUP' } }),
      req('GET', `${roles()}?$filter=code eq 'SN-1'`),
    ]);
    const res = await fetch(`${url}/api/empire/crm/v1.0/$batch`, {
      method: 'POST',
      headers: { authorization: tc.auth, 'content-type': 'multipart/mixed; boundary=batch_1', isolation: 'snapshot' },
      body,
    });
    const parts = responseParts({ status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() });
    expect(parts.map((p) => p.status ?? p.parts!.map((q) => q.status))).toEqual([201, [201, 200], 400, 200]);
    expect(parts[2].body.error.code).toBe('Internal_EntityWithSameKeyExists');
    // The failure rolled back what came before it; the GET after it runs on a new transaction, rolled back in turn.
    expect(parts[3].body.value).toEqual([]);
    expect(await roleCodes()).toEqual(before);
    // Without a failure the snapshot commits.
    const ok = await fetch(`${url}/api/empire/crm/v1.0/$batch`, {
      method: 'POST',
      headers: { authorization: tc.auth, 'content-type': 'multipart/mixed; boundary=batch_1', isolation: 'snapshot' },
      body: multipart('batch_1', [req('POST', roles(), { body: { code: 'SN-OK' } })]),
    });
    expect(ok.status).toBe(200);
    expect(await roleCodes()).toContain('SN-OK');
  });

  test('$<Content-ID> names a request of the same change set only; an inner body that is not JSON fails that request alone', async () => {
    const body = multipart('batch_1', [
      req('POST', roles(), { body: { code: 'MP-OUT' }, contentId: 'out' }),
      req('PATCH', '$out', { body: { description: 'x' }, headers: { 'If-Match': '*' } }),
      req('POST', roles(), { body: '{"code": "MP-BROKEN"' }),
      req('POST', roles(), { body: 'code=MP-FORM', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }),
    ]);
    const [created, ref, broken, form] = responseParts(await postBatch(body));
    expect(created).toMatchObject({ status: 201, headers: { 'content-id': 'out' } });
    expect(ref.status).toBe(400);
    expect(errorText(ref.body)).toBe("The batch request is not valid: '$out' does not name an earlier request that created an entity.");
    expect(broken).toMatchObject({ status: 400, body: { error: { code: 'BadRequest' } } });
    expect(errorText(broken.body)).toBe('Invalid Request Body');
    expect(form).toMatchObject({ status: 415, body: { error: { code: 'BadRequest_UnsupportedMediaType' } } });
    expect(await roleCodes()).not.toContain('MP-FORM');
  });

  test('lenient framing, as clients write it: LF line endings, a quoted boundary, a request without headers', async () => {
    const noHeaders = ['Content-Type: application/http', '', `POST ${roles()} HTTP/1.1`, '', '{"code":"MP-LF"}'].join(CRLF);
    const body = multipart('b b', [noHeaders, req('GET', `${roles()}?$filter=code eq 'MP-LF'`)]).replace(/\r\n/g, '\n');
    const [created, read] = responseParts(await postBatch(body, 'multipart/mixed; boundary="b b"'));
    expect(created).toMatchObject({ status: 201, body: { code: 'MP-LF' } });
    expect(read.body.value.map((r: { code: string }) => r.code)).toEqual(['MP-LF']);
  });

  test('each inner request is permission-checked: a change set into a company the user has no set in fails whole', async () => {
    const other = (await tc.post('/_sim/companies', { name: 'MP-OTHER', seed: 'empty' })).body as { id: string };
    const auth = await createBusinessUser(tc, 'MPUSER', 'mp-user-key-1');
    const body = multipart('batch_1', [
      changeSet('cs_1', [req('POST', `companies(${other.id})/roles`, { body: { code: 'MP-INTRUDER' }, contentId: '1' })]),
      changeSet('cs_2', [req('POST', roles(), { body: { code: 'MP-OWN' }, contentId: '1' })]),
    ]);
    const [intruder, own] = responseParts(await postBatch(body, undefined, auth));
    expect(intruder).toMatchObject({ status: 403, body: { error: { code: 'Authorization_InsufficientPermissions' } } });
    expect(own.parts![0]).toMatchObject({ status: 201 });
    expect((await tc.get(`/api/empire/crm/v1.0/companies(${other.id})/roles`)).body.value).toEqual([]);

    // One transaction is one company: a change set across two answers 400 in its place and writes in neither.
    const [twoCompanies] = responseParts(
      await postBatch(multipart('batch_1', [changeSet('cs_1', [req('POST', roles(), { body: { code: 'MP-TWO' } }), req('POST', `companies(${other.id})/roles`, { body: { code: 'MP-TWO' } })])])),
    );
    expect(twoCompanies.status).toBe(400);
    expect(errorText(twoCompanies.body)).toBe('The batch request is not valid: in a change set every request must address the same company.');
    expect(await roleCodes()).not.toContain('MP-TWO');
    expect((await tc.get(`/api/empire/crm/v1.0/companies(${other.id})/roles`)).body.value).toEqual([]);
  });

  test('@odata/client writes a multipart batch (each write in a change set of its own) and reads the answer', async () => {
    const odata = OData.New4({ serviceEndpoint: `${url}/api/empire/crm/v1.0/`, credential: { username: TEST_USER, password: TEST_KEY } });
    const results = await odata.execBatchRequests([
      odata.newBatchRequest({ collection: roles(), method: 'POST', entity: { code: 'MP-CLIENT', description: 'Via o.js' } }),
      odata.newBatchRequest({ collection: roles(), params: odata.newOptions().filter(odata.newFilter().property('code').eq('MP-CLIENT')) }),
      odata.newBatchRequest({ collection: roles(), method: 'POST', entity: { code: '' } }),
    ]);
    const [created, read, refused] = (await Promise.all(results)) as Array<{ status: number; json(): Promise<any> }>;
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ code: 'MP-CLIENT', description: 'Via o.js' });
    expect(read.status).toBe(200);
    expect((await read.json()).value.map((r: { code: string }) => r.code)).toEqual(['MP-CLIENT']);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.message).toMatch(/ {2}CorrelationId: {2}[0-9a-f-]{36}\.$/);

    // Its parser reads a hand-written batch's answer too, change sets flattened.
    const res = await postBatch(multipart('b', [req('GET', `${roles()}/$count`), changeSet('c', [req('DELETE', `${roles()}(${(await read.json()).value[0].id})`, { headers: { 'If-Match': '*' } })])]), 'multipart/mixed; boundary=b');
    const flat = await parseMultiPartContent(res.text, res.contentType.split('=').pop()!);
    expect(flat.map((r) => r.status)).toEqual([200, 204]);
  });
});

describe('malformed multipart: 4xx in the envelope, nothing changed', () => {
  const post = (code: string) => req('POST', roles(), { body: { code }, contentId: '1' });
  const cases: Array<[string, () => { body: string; type?: string }, number, string | RegExp]> = [
    ['no boundary', () => ({ body: multipart('batch_1', [post('MP-X1')]), type: 'multipart/mixed' }), 400, /needs a boundary parameter/],
    ['no closing delimiter', () => ({ body: `--batch_1${CRLF}${post('MP-X2')}${CRLF}` }), 400, "The batch request is not valid: the batch does not end with '--batch_1--'."],
    ['a bad part header', () => ({ body: multipart('batch_1', [`Content-Type application/http${CRLF}${CRLF}GET ${roles()} HTTP/1.1${CRLF}`]) }), 400, /part 1 has the header line 'Content-Type application\/http'/],
    ['a part that is not application/http', () => ({ body: multipart('batch_1', [post('MP-X3').replace('application/http', 'text/plain')]) }), 400, /a request is an application\/http part/],
    ['a bad request line', () => ({ body: multipart('batch_1', [post('MP-X4'), req('GET', roles()).replace(' HTTP/1.1', '')]) }), 400, /part 2 does not start with a request line/],
    ['an unknown method', () => ({ body: multipart('batch_1', [post('MP-X5'), req('MERGE', roles(), { body: {} })]) }), 400, "The batch request is not valid: part 2 has the method 'MERGE'; a batch request is GET, POST, PUT, PATCH or DELETE."],
    ['a change set in a change set', () => ({ body: multipart('batch_1', [changeSet('cs_1', [post('MP-X6'), changeSet('cs_2', [post('MP-X7')])])]) }), 400, /a change set cannot contain another/],
    ['a GET in a change set', () => ({ body: multipart('batch_1', [changeSet('cs_1', [post('MP-X8'), req('GET', roles())])]) }), 400, /request 2 of the change set in part 1 is a GET/],
    ['more than 100 operations', () => ({ body: multipart('batch_1', [post('MP-X9'), ...Array.from({ length: 100 }, () => req('GET', roles()))]) }), 400, 'The batch request contains 101 operations; at most 100 are allowed.'],
  ];

  test.each(cases)('%s', async (_name, make, status, message) => {
    const before = await roleCodes();
    const { body, type } = make();
    const res = await postBatch(body, type);
    expect(res.status).toBe(status);
    const parsed = JSON.parse(res.text);
    expect(parsed.error.code).toBe('BadRequest');
    expect(parsed.error.message).toMatch(new RegExp(`  CorrelationId:  ${res.correlationId}\\.$`));
    if (typeof message === 'string') expect(errorText(parsed)).toBe(message);
    else expect(errorText(parsed)).toMatch(message);
    expect(await roleCodes()).toEqual(before);
  });

  test('a body over the limit is 413; multipart/mixed elsewhere than $batch is 415', async () => {
    const small = await newHttpCompany({ bodyLimit: '2kb' });
    const s = await listen(small);
    try {
      const big = multipart('batch_1', [req('POST', `companies(${small.companyId})/roles`, { body: { code: 'MP-BIG', description: 'x'.repeat(3000) } })]);
      const res = await fetch(`http://127.0.0.1:${(s.address() as AddressInfo).port}/api/v2.0/$batch`, {
        method: 'POST',
        headers: { authorization: basic(TEST_USER, TEST_KEY), 'content-type': 'multipart/mixed; boundary=batch_1' },
        body: big,
      });
      expect(res.status).toBe(413);
      expect((await res.json()).error.code).toBe('Request_EntityTooLarge');
    } finally {
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
    const elsewhere = await postBatch(multipart('batch_1', [post('MP-X10')]), undefined, tc.auth, `/api/empire/crm/v1.0/${roles()}`);
    expect(elsewhere.status).toBe(415);
    expect(JSON.parse(elsewhere.text).error.code).toBe('BadRequest_UnsupportedMediaType');
    expect(await roleCodes()).not.toContain('MP-X10');
  });
});
