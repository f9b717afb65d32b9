// [FEATURE] [HTTP] [OData] — server-driven paging: Prefer odata.maxpagesize, @odata.nextLink with $skiptoken, the page-size limit.
import request from 'supertest';
import { Role, Todo } from '../../entities';
import { closeSharedSimulator } from '../library/LibraryMarketing';
import { errorText, HttpTestCompany, newHttpCompany } from '../library/LibraryHttp';

afterAll(closeSharedSimulator);

type Row = Record<string, unknown>;

let tc: HttpTestCompany;
const CODES = Array.from({ length: 23 }, (_, i) => `R${String(i + 1).padStart(2, '0')}`);

beforeAll(async () => {
  tc = await newHttpCompany();
  await tc.run(async (s) => {
    // Descriptions repeat, so ordering by them needs the key as tie-breaker.
    for (const [i, code] of [...CODES].reverse().entries()) {
      const r = s.create(Role);
      r.code = code;
      r.description = `Rol ${String.fromCharCode(65 + (i % 4))}`;
      await r.insert(true);
    }
  });
});

/** Follows @odata.nextLink (a path relative to the app) until the last page; the pages' values. */
async function follow(first: string, prefer?: string): Promise<{ pages: Row[][]; links: string[]; preferenceApplied?: string }> {
  const pages: Row[][] = [];
  const links: string[] = [];
  let url: string | undefined = first;
  let preferenceApplied: string | undefined;
  while (url) {
    const req = tc.get(url);
    if (prefer) req.set('Prefer', prefer);
    const res = await req;
    expect(res.status).toBe(200);
    preferenceApplied ??= res.headers['preference-applied'];
    pages.push(res.body.value);
    const next = res.body['@odata.nextLink'] as string | undefined;
    if (next) {
      links.push(next);
      expect(next).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\//);
      url = next.replace(/^http:\/\/[^/]+/, '');
    } else url = undefined;
    expect(pages.length).toBeLessThan(50);
  }
  return { pages, links, preferenceApplied };
}

describe('Prefer: odata.maxpagesize', () => {
  test('pages of N with an opaque $skiptoken next link; every row exactly once, in order', async () => {
    const { pages, links, preferenceApplied } = await follow(`${tc.crm}/roles?$select=code`, 'odata.maxpagesize=5');
    expect(preferenceApplied).toBe('odata.maxpagesize=5');
    expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);
    expect(pages.flat().map((r) => r.code)).toEqual(CODES);
    expect(links).toHaveLength(4);
    for (const link of links) {
      expect(link).toMatch(/[?&]\$skiptoken=[A-Za-z0-9_-]+$/);
      expect(link).toContain('$select=code');
    }
  });

  test('the next link keeps the page size when the client does not repeat the header', async () => {
    const first = await tc.get(`${tc.crm}/roles`).set('Prefer', 'odata.maxpagesize=10');
    expect(first.body.value).toHaveLength(10);
    const second = await tc.get(first.body['@odata.nextLink'].replace(/^http:\/\/[^/]+/, ''));
    expect(second.body.value).toHaveLength(10);
    expect(second.headers['preference-applied']).toBeUndefined();
  });

  test('with $filter, $orderby on a non-key column (keyset on description + key) and $count', async () => {
    const { pages } = await follow(`${tc.crm}/roles?$filter=code ge 'R05'&$orderby=description desc&$count=true`, 'odata.maxpagesize=4');
    const rows = pages.flat();
    expect(rows).toHaveLength(19);
    const expected = CODES.filter((c) => c >= 'R05');
    expect(rows.map((r) => r.code).sort()).toEqual(expected);
    // Sorted by description descending, then by the key.
    const keys = rows.map((r) => `${r.description}|${r.code}`);
    const sorted = [...keys].sort((a, b) => {
      const [da, ca] = a.split('|');
      const [db, cb] = b.split('|');
      return da === db ? ca.localeCompare(cb) : db.localeCompare(da);
    });
    expect(keys).toEqual(sorted);
  });

  test('$top across pages: the next link stops at $top rows; $skip applies once', async () => {
    const { pages } = await follow(`${tc.crm}/roles?$top=12&$skip=3`, 'odata.maxpagesize=5');
    expect(pages.map((p) => p.length)).toEqual([5, 5, 2]);
    expect(pages.flat().map((r) => r.code)).toEqual(CODES.slice(3, 15));
  });

  test('a nullable sort column pages by offset (blank dates are NULL)', async () => {
    await tc.run(async (s) => expect(await s.count(Todo)).toBe(0));
    const { pages } = await follow(`${tc.crm}/roles?$orderby=lastModifiedDateTime`, 'odata.maxpagesize=6');
    expect(pages.flat().map((r) => r.code).sort()).toEqual(CODES);
  });

  test('a next link of another query, or a made-up token, is refused', async () => {
    const first = await tc.get(`${tc.crm}/roles?$filter=code ge 'R01'`).set('Prefer', 'odata.maxpagesize=5');
    const token = /\$skiptoken=([^&]+)/.exec(first.body['@odata.nextLink'])![1];
    const other = await tc.get(`${tc.crm}/roles?$filter=code ge 'R02'&$skiptoken=${token}`);
    expect(other.status).toBe(400);
    expect(errorText(other.body)).toBe(`The skip token value '${token}' is not valid.`);
    const junk = await tc.get(`${tc.crm}/roles?$skiptoken=${Buffer.from('{"k":["x\' OR 1=1"],"n":0,"p":5,"f":"x"}').toString('base64url')}`);
    expect(junk.status).toBe(400);
    expect((await tc.get(`${tc.crm}/roles?$skiptoken=%%%`)).status).toBe(400);
  });
});

describe('the page-size limit', () => {
  test('without Prefer, a collection larger than the maximum page size is paged at the maximum (configurable; BC online: 20,000)', async () => {
    const small = await newHttpCompany({ maxPageSize: 7 });
    await small.run(async (s) => {
      for (const code of CODES) {
        const r = s.create(Role);
        r.code = code;
        await r.insert(true);
      }
    });
    const res = await small.get(`${small.crm}/roles`);
    expect(res.body.value).toHaveLength(7);
    expect(res.body['@odata.nextLink']).toMatch(/\$skiptoken=/);
    // Asking for more than the maximum gets the maximum, and says so.
    const more = await small.get(`${small.crm}/roles`).set('Prefer', 'odata.maxpagesize=100');
    expect(more.body.value).toHaveLength(7);
    expect(more.headers['preference-applied']).toBe('odata.maxpagesize=7');
  });

  test('no next link when everything fits', async () => {
    const res = await request(tc.app).get(`${tc.crm}/roles`).set('Authorization', tc.auth);
    expect(res.body.value).toHaveLength(23);
    expect(res.body['@odata.nextLink']).toBeUndefined();
  });
});
