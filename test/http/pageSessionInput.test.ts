// [FEATURE] [Page sessions] [HTTP] — malformed page-session requests are 400s in BC's envelope (never a 500) and change nothing.
import { closeSharedSimulator } from '../library/LibraryMarketing';
import { arrangeContactmomentSetup, errorText, HttpTestCompany, newHttpCompany } from '../library/LibraryHttp';

let tc: HttpTestCompany;
let contactId: string;

beforeAll(async () => {
  tc = await newHttpCompany();
  await arrangeContactmomentSetup(tc);
  contactId = (await tc.post(`${tc.crm}/contacts`, { surname: 'Jansen' })).body.id;
});

afterAll(() => closeSharedSimulator());

const rows = async () => JSON.stringify((await tc.sim.snapshot(tc.companyId)).tables);
const open = (body: unknown) => tc.post('/pages/sessions', body);
const envelope = /^(.*) {2}CorrelationId: {2}[0-9a-f-]{36}\.$/s;

describe('opening a page', () => {
  test.each<[string, unknown, number, string | RegExp]>([
    ['page null', { page: null }, 400, 'Send {"page": "<page name, caption or number>"}.'],
    ['page an object', { page: {} }, 400, 'Send {"page": "<page name, caption or number>"}.'],
    ['no body', undefined, 400, 'Send {"page": "<page name, caption or number>"}.'],
    ['a mode pages do not have', { page: 'Contact Card', mode: 'edit!' }, 400, 'The page Contact Card cannot be opened with mode.'],
    ['recordId an object', { page: 'Contact Card', recordId: {} }, 400, 'The page Contact Card cannot be opened with recordId.'],
    ['recordId not a GUID', { page: 'Contact Card', recordId: 'x' }, 404, "The Contact does not exist. Identification fields and values: Id='x'"],
    ['recordId on a popup', { page: 'Interactie aanmaken', recordId: '00000000-0000-0000-0000-000000000000' }, 400, /cannot be opened with recordId\.$/],
    ['a filter on a field the table does not have', { page: 'Contact List', filters: { colour: 'red' } }, 400, 'The page Contacts cannot be opened with filters (colour).'],
    ['a filter value of another type', { page: 'Task List', filters: { closed: 'maybe' } }, 400, 'The value "maybe" cannot be evaluated into type Boolean.'],
    ['a filter value out of range', { page: 'Contact List', filters: { houseNo: 1e300 } }, 400, 'The value "1e+300" cannot be evaluated into type Integer.'],
    ['a filter value with a NUL', { page: 'Contact List', filters: { city: 'a\u0000' } }, 400, 'The value of City in Contact contains the character NUL (U+0000), which empire-sim does not store.'],
    ['context not an object', { page: 'Contact List', context: 'x' }, 400, 'The page Contacts cannot be opened with context.'],
  ])('%s', async (_what, body, status, text) => {
    const before = await rows();
    const res = await open(body);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(envelope);
    expect(errorText(res.body)).toMatch(typeof text === 'string' ? new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : text);
    expect(await rows()).toBe(before);
  });

  test("Evaluate's error is one text and code, BC's, in English and Dutch: 'cannot be evaluated' / 'kan niet worden geëvalueerd'", async () => {
    const opened = await open({ page: 'Task List', filters: { closed: 'maybe' } });
    expect(opened.body.error.code).toBe('Application_EvaluateException');
    expect(errorText(opened.body)).toBe('The value "maybe" cannot be evaluated into type Boolean.');
    // The client's language toggle (?lang) plays the part of Accept-Language for page sessions.
    const card = (await tc.post('/pages/sessions?lang=nl-NL', { page: 'Contact Card', mode: 'edit', recordId: contactId })).body.view;
    const before = await rows();
    const set = await tc.post(`/pages/sessions/${card.sessionId}/fields?lang=nl-NL`, { field: 'Type', value: 'Huishouden' });
    expect(set.body.error.code).toBe('Application_EvaluateException');
    expect(errorText(set.body)).toBe('De waarde "Huishouden" kan niet worden geëvalueerd naar het type Option.');
    expect(await rows()).toBe(before);
  });

  test('the checked filters still open a list: an option by its name, a list of values', async () => {
    const res = await open({ page: 'Task List', filters: { systemToDoType: ['Organizer', 'Team'], closed: false } });
    expect(res.status).toBe(200);
    expect(res.body.view.total).toBeGreaterThanOrEqual(0);
  });
});

describe('calls on an open page', () => {
  test('navigate and the filter pane on a card are 400s, a field set on an empty list is refused; nothing written', async () => {
    const card = (await open({ page: 'Contact Card', mode: 'edit', recordId: contactId })).body.view;
    const before = await rows();
    const nav = await tc.post(`/pages/sessions/${card.sessionId}/navigate`, { to: 'next' });
    expect(nav.status).toBe(400);
    expect(errorText(nav.body)).toBe('The page Contact Card is not a list.');
    const filter = await tc.post(`/pages/sessions/${card.sessionId}/filters`, { filters: { Naam: 'x' } });
    expect(filter.status).toBe(400);
    // A list with no rows has no record to set a field on.
    const list = (await open({ page: 'Contact List', filters: { no: 'NOBODY' } })).body.view;
    // An operation's error is part of the page's answer (the client shows it on the page), as every field error is.
    const set = await tc.post(`/pages/sessions/${list.sessionId}/fields`, { field: 'Naam', value: 'x' });
    expect(set.status).toBe(200);
    expect(set.body.error).toMatchObject({ code: 'BadRequest_InvalidOperation' });
    expect(await rows()).toBe(before);
  });

  test("a 900 KB filter pane text is over the session's state limit (413); a pattern longer than the field gets its string-length error; the list keeps its filters", async () => {
    const list = (await open({ page: 'Contact List' })).body.view;
    const huge = await tc.post(`/pages/sessions/${list.sessionId}/filters`, { filters: { Naam: '*a'.repeat(450_000) } });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('Request_EntityTooLarge');
    const long = await tc.post(`/pages/sessions/${list.sessionId}/filters`, { filters: { Naam: '*a'.repeat(100) } });
    expect(long.status).toBe(400);
    expect(long.body.error.code).toBe('Application_StringExceededLength');
    const again = await tc.get(`/pages/sessions/${list.sessionId}`);
    expect(again.status).toBe(200);
    expect(again.body.view.userFilters).toEqual({});
  });
});
