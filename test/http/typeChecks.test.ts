// [FEATURE] [HTTP] [Types] — values outside BC's types get BC's errors, the same on every database, and change nothing.
import { Contact, SalespersonPurchaser } from '../../entities';
import { closeSharedSimulator } from '../library/LibraryMarketing';
import { arrangeContactmomentSetup, errorText, HttpTestCompany, newHttpCompany } from '../library/LibraryHttp';

let tc: HttpTestCompany;
let contact: { id: string; '@odata.etag': string };

beforeAll(async () => {
  tc = await newHttpCompany();
  await arrangeContactmomentSetup(tc);
  contact = (await tc.post(`${tc.crm}/contacts`, { surname: 'Jansen' })).body;
});

afterAll(() => closeSharedSimulator());

const rows = async () => JSON.stringify((await tc.sim.snapshot(tc.companyId)).tables);

describe('Text and Code content', () => {
  test("a value longer than the field: BC's string-length text with the value", async () => {
    const before = await rows();
    const res = await tc.post(`${tc.crm}/salutations`, { code: 'ABCDEFGHIJK' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('Application_StringExceededLength');
    expect(errorText(res.body)).toBe('The length of the string is 11, but it must be less than or equal to 10 characters. Value: ABCDEFGHIJK');
    expect(await rows()).toBe(before);
  });

  test('a NUL character is refused in a body, a filter pane and by code alike; nothing is written', async () => {
    const before = await rows();
    const post = await tc.post(`${tc.crm}/contacts`, { surname: 'a\u0000b' });
    expect(post.status).toBe(400);
    expect(errorText(post.body)).toBe('The value of Surname in Contact contains the character NUL (U+0000), which empire-sim does not store.');
    const patch = await tc.patch(`${tc.crm}/contacts(${contact.id})`, { city: '\u0000' }, '*');
    expect(patch.status).toBe(400);
    // Assigned directly by code and inserted: the record's write checks it too.
    const err = await tc
      .run(async (s) => {
        const c = s.create(Contact);
        c.no = 'NUL';
        c.name = 'x\u0000';
        await c.insert();
      })
      .catch((e: Error & { code?: string }) => e);
    expect(err).toMatchObject({ code: 'Application_DialogException', message: 'The value of Name in Contact contains the character NUL (U+0000), which empire-sim does not store.' });
    expect(await rows()).toBe(before);
  });
});

describe('numbers and dates assigned by code', () => {
  test("Integer and Decimal out of BC's range, a date before 0001-01-01: refused on insert and modify", async () => {
    const before = await rows();
    const attempt = (fn: Parameters<HttpTestCompany['run']>[0]) => tc.run(fn).then(() => null, (e: Error) => e.message);
    expect(
      await attempt(async (s) => {
        const c = (await s.getBySystemId(Contact, contact.id))!;
        c.houseNo = 1e300;
        await c.modify();
      }),
    ).toBe('The value "1e+300" cannot be evaluated into type Integer.');
    expect(
      await attempt(async (s) => {
        const sp = s.create(SalespersonPurchaser);
        sp.code = 'BIG';
        sp.commissionPercent = 1e18;
        await sp.insert();
      }),
    ).toBe('The value "1000000000000000000" cannot be evaluated into type Decimal.');
    expect(
      await attempt(async (s) => {
        const c = (await s.getBySystemId(Contact, contact.id))!;
        c.birthDate = '0000-00-00';
        await c.modify();
      }),
    ).toBe('The value "0000-00-00" cannot be evaluated into type Date.');
    expect(await rows()).toBe(before);
  });
});

describe('$filter literals the database cannot take: ODL-style 400 on every database, never a 500', () => {
  const convert = (literal: string, type: string) => `Cannot convert the literal '${literal}' to the expected type '${type}'.`;
  const substring = /^No function signature for the function with name 'substring' matches the specified arguments\./;
  test.each<[string, number, string | RegExp | null]>([
    ["surname eq 'a\u0000b'", 400, convert("'a\u0000b'", 'Edm.String')],
    ["contains(surname, '\u0000')", 400, convert("'\u0000'", 'Edm.String')],
    ["surname in ('a', 'b\u0000')", 400, convert("'b\u0000'", 'Edm.String')],
    ['houseNumber eq 1e300', 400, convert('1e300', 'Edm.Int32')],
    ['houseNumber gt 99999999999999999999', 400, convert('99999999999999999999', 'Edm.Int32')],
    ['houseNumber eq 1.5', 400, convert('1.5', 'Edm.Int32')],
    ["substring(surname, 2147483648) eq 'x'", 400, substring],
    ["substring(surname, 1, 99999999999) eq 'x'", 400, substring],
    ['birthDate gt 0000-00-00', 400, convert('0000-00-00', 'Edm.Date')],
    // The edges of the types are values like any other.
    ['houseNumber lt 2147483647 and houseNumber gt -2147483647', 200, null],
    ["substring(surname, 2147483647) eq ''", 200, null],
  ])('%j → %i', async (filter, status, text) => {
    const res = await tc.get(`${tc.crm}/contacts?$schemaversion=2.1&$filter=${encodeURIComponent(filter)}`);
    expect(res.status).toBe(status);
    if (text) expect(errorText(res.body)).toMatch(typeof text === 'string' ? new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : text);
    if (status === 200) expect(res.body.value.map((c: { id: string }) => c.id)).toContain(contact.id);
  });
});

describe('simulator controls', () => {
  test("a company name or display name with a NUL: the Company table's check, not the database's error", async () => {
    const companies = (await tc.get('/_sim/companies')).body.value.length;
    for (const body of [{ name: 'a\u0000b' }, { name: 'OK-NAME', displayName: 'x\u0000' }]) {
      const res = await tc.post('/_sim/companies', body);
      expect(res.status).toBe(400);
      expect(errorText(res.body)).toMatch(/^The value of (Name|Display Name) in Company contains the character NUL \(U\+0000\), which empire-sim does not store\.$/);
    }
    expect((await tc.get('/_sim/companies')).body.value.length).toBe(companies);
  });
});
