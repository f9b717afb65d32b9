// [FEATURE] [HTTP] [OData] — query options in BC's dialect: $filter, $select, $orderby, $top/$skip, $count, $expand.
import request from 'supertest';
import { closeSharedSimulator } from '../library/LibraryMarketing';
import { arrangeContactmomentSetup, errorText, HttpTestCompany, newHttpCompany } from '../library/LibraryHttp';

afterAll(closeSharedSimulator);

let tc: HttpTestCompany;
/** number by display name */
const no: Record<string, string> = {};
const ids: Record<string, string> = {};

type Row = Record<string, unknown>;

async function values(path: string): Promise<Row[]> {
  const res = await tc.get(path);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.value;
}

async function names(query: string): Promise<string[]> {
  return (await values(`${tc.v2}/contacts?${query}`)).map((c) => c.displayName as string);
}

/** A 400 in BC's envelope, with the text (without the correlation id). */
async function rejected(path: string): Promise<{ code: string; text: string }> {
  const res = await tc.get(path);
  expect(res.status).toBe(400);
  expect(res.body.error.message).toMatch(/ {2}CorrelationId: {2}[0-9a-f-]{36}\.$/);
  return { code: res.body.error.code, text: errorText(res.body) };
}

beforeAll(async () => {
  tc = await newHttpCompany();
  await arrangeContactmomentSetup(tc);
  const contacts: Row[] = [
    { displayName: 'Jansen Wonen', city: 'Rotterdam', email: 'info@jansen.example', phoneNumber: '010-1111111' },
    { displayName: 'de Vries BV', city: 'Amsterdam', email: 'post@devries.example' },
    { displayName: 'Bakker & Zn', city: 'Rotterdam' },
    { displayName: "O'Brien Holding", city: 'Utrecht' },
    { displayName: 'JANSEN Zorg', city: 'Utrecht', privacyBlocked: true },
  ];
  for (const c of contacts) {
    const res = await tc.post(`${tc.v2}/contacts`, c);
    expect(res.status).toBe(201);
    no[c.displayName as string] = res.body.number;
    ids[c.displayName as string] = res.body.id;
  }
  const person = await tc.post(`${tc.v2}/contacts`, { type: 'Person', displayName: 'Piet Jansen', companyNumber: no['Jansen Wonen'] });
  expect(person.status).toBe(201);
  no['Piet Jansen'] = person.body.number;
  ids['Piet Jansen'] = person.body.id;
  // Contact moments: two questions for team KCC (team tasks), a complaint for KLACHTEN, a call answered at once.
  const log = async (name: string, templateCode: string, note: string) => {
    const res = await tc.post(`${tc.crm}/contacts(${ids[name]})/Microsoft.NAV.createInteractionFromTemplate`, { templateCode, note });
    expect(res.status).toBe(204);
  };
  await log('Jansen Wonen', 'VRAAG', 'Vraag over de huur');
  await log('de Vries BV', 'VRAAG', 'Vraag over de tuin');
  await log('Bakker & Zn', 'KLACHT', 'Klacht over lawaai');
  await log('Jansen Wonen', 'TEL-IN', 'Adres doorgegeven');
});

describe('$filter: comparisons and logic', () => {
  test('eq on a string is exact and case-sensitive (as an AL filter on BC’s collation)', async () => {
    expect(await names("$filter=displayName eq 'Jansen Wonen'")).toEqual(['Jansen Wonen']);
    expect(await names("$filter=displayName eq 'jansen wonen'")).toEqual([]);
  });

  test('ne, gt, ge, lt, le on the number (Code) field', async () => {
    const n = no['de Vries BV'];
    const all = (await values(`${tc.v2}/contacts`)).map((c) => c.number as string);
    const sorted = [...all].sort();
    expect(all).toEqual(sorted);
    expect((await values(`${tc.v2}/contacts?$filter=number ne '${n}'`)).map((c) => c.number)).toEqual(all.filter((x) => x !== n));
    expect((await values(`${tc.v2}/contacts?$filter=number gt '${n}'`)).map((c) => c.number)).toEqual(all.filter((x) => x > n));
    expect((await values(`${tc.v2}/contacts?$filter=number ge '${n}'`)).map((c) => c.number)).toEqual(all.filter((x) => x >= n));
    expect((await values(`${tc.v2}/contacts?$filter=number lt '${n}'`)).map((c) => c.number)).toEqual(all.filter((x) => x < n));
    expect((await values(`${tc.v2}/contacts?$filter=number le '${n}'`)).map((c) => c.number)).toEqual(all.filter((x) => x <= n));
  });

  test('and across fields; or within one field; in (…)', async () => {
    expect(await names("$filter=city eq 'Rotterdam' and type eq 'Company'")).toEqual(['Jansen Wonen', 'Bakker & Zn']);
    expect(await names("$filter=city eq 'Utrecht' or city eq 'Amsterdam'")).toEqual(['de Vries BV', "O'Brien Holding", 'JANSEN Zorg']);
    expect(await names("$schemaversion=2.1&$filter=city in ('Utrecht','Amsterdam')")).toEqual(['de Vries BV', "O'Brien Holding", 'JANSEN Zorg']);
    expect(await names("$filter=(city eq 'Utrecht' or city eq 'Amsterdam') and privacyBlocked eq false")).toEqual(['de Vries BV', "O'Brien Holding"]);
  });

  test('in (…) needs $schemaversion=2.1, as BC: without it (or with 2.0) 501 BadRequest_MethodNotImplemented', async () => {
    for (const schema of ['', '$schemaversion=2.0&']) {
      const res = await tc.get(`${tc.v2}/contacts?${schema}$filter=city in ('Utrecht','Amsterdam')`);
      expect(res.status).toBe(501);
      expect(res.body.error.code).toBe('BadRequest_MethodNotImplemented');
      expect(errorText(res.body)).toBe("The 'in' operator in $filter requires $schemaversion=2.1 or later.");
    }
    // Also inside $expand, and on companies.
    const expand = await tc.get(`${tc.crm}/contacts?$expand=interactionLogEntries($filter=interactionTemplateCode in ('TEL-IN'))`);
    expect(expand.status).toBe(501);
    expect((await tc.get(`/api/v2.0/companies?$filter=name in ('X')`)).status).toBe(501);
    expect((await tc.get(`/api/v2.0/companies?$schemaversion=2.1&$filter=name in ('X')`)).status).toBe(200);
  });

  test("OR across distinct fields is refused with BC's message", async () => {
    const err = await rejected(`${tc.v2}/contacts?$filter=city eq 'Utrecht' or displayName eq 'x'`);
    expect(err.text).toBe("The 'OR' operator is not supported on distinct fields on an OData filter.");
    const nested = await rejected(`${tc.v2}/contacts?$filter=(city eq 'Utrecht' and type eq 'Company') or city eq 'Delft'`);
    expect(nested.text).toBe("The 'OR' operator is not supported on distinct fields on an OData filter.");
  });

  test("quotes in literals are doubled ('O''Brien'), and a literal never reaches SQL as text", async () => {
    expect(await names("$filter=displayName eq 'O''Brien Holding'")).toEqual(["O'Brien Holding"]);
    expect(await names("$filter=displayName eq 'x'' OR 1=1 --'")).toEqual([]);
    expect(await names(`$filter=${encodeURIComponent("displayName eq '; DROP TABLE Contact; --'")}`)).toEqual([]);
    expect((await values(`${tc.v2}/contacts`)).length).toBe(6);
  });

  test('a Boolean property alone, and eq true/false', async () => {
    expect(await names('$filter=privacyBlocked')).toEqual(['JANSEN Zorg']);
    expect(await names('$filter=privacyBlocked eq true')).toEqual(['JANSEN Zorg']);
    expect((await names('$filter=privacyBlocked eq false')).length).toBe(5);
  });

  test('enums in BC form; the plain member name and unknown members are refused', async () => {
    expect(await names("$filter=type eq 'Person'")).toEqual(['Piet Jansen']);
    expect(await names("$filter=type eq Microsoft.NAV.contactType'Person'")).toEqual(['Piet Jansen']);
    const tasks = await values(`${tc.crm}/tasks?$filter=status eq 'Not_x0020_Started' and systemTaskType eq 'Team'`);
    expect(tasks.map((t) => t.teamCode).sort()).toEqual(['KCC', 'KCC', 'KLACHTEN']);
    const plain = await rejected(`${tc.crm}/tasks?$filter=status eq 'Not Started'`);
    expect(plain.text).toBe("The string 'Not Started' is not a valid enumeration type constant.");
  });

  test('dates, Edm.Date literals unquoted; the blank date 0001-01-01 is the smallest', async () => {
    const entries = await values(`${tc.crm}/interactionLogEntries`);
    expect(entries).toHaveLength(4);
    const date = entries[0].date as string;
    expect((await values(`${tc.crm}/interactionLogEntries?$filter=date eq ${date}`)).length).toBe(4);
    expect((await values(`${tc.crm}/interactionLogEntries?$filter=date gt ${date}`)).length).toBe(0);
    // Open tasks have no Date Closed: blank, NULL in the database, and smaller than any date.
    const open = await values(`${tc.crm}/tasks?$filter=dateClosed eq 0001-01-01`);
    expect(open.length).toBe((await values(`${tc.crm}/tasks`)).length);
    expect((await values(`${tc.crm}/tasks?$filter=dateClosed lt 2000-01-01`)).length).toBe(open.length);
    expect((await values(`${tc.crm}/tasks?$filter=dateClosed gt 0001-01-01`)).length).toBe(0);
    const quoted = await rejected(`${tc.crm}/interactionLogEntries?$filter=date eq '${date}'`);
    expect(quoted.text).toBe("A binary operator with incompatible types was detected. Found operand types 'Edm.Date' and 'Edm.String' for operator kind 'Equal'.");
    const impossible = await rejected(`${tc.crm}/interactionLogEntries?$filter=date eq 2026-02-30`);
    expect(impossible.text).toBe("Cannot convert the literal '2026-02-30' to the expected type 'Edm.Date'.");
  });

  test('date-times (lastModifiedDateTime), GUIDs (id) and numbers', async () => {
    expect((await values(`${tc.v2}/contacts?$filter=lastModifiedDateTime ge 2026-03-02T09:15:30Z`)).length).toBe(6);
    expect((await values(`${tc.v2}/contacts?$filter=lastModifiedDateTime gt 2026-03-02T09:15:30Z`)).length).toBe(0);
    expect(await names(`$filter=id eq ${ids['de Vries BV']}`)).toEqual(['de Vries BV']);
    const entries = await values(`${tc.crm}/interactionLogEntries?$filter=entryNumber ge 2 and entryNumber le 3`);
    expect(entries.map((e) => e.entryNumber)).toEqual([2, 3]);
    expect((await values(`${tc.crm}/interactionLogEntries?$filter=cost lt 0.5`)).length).toBe(4);
  });
});

describe('$filter: functions', () => {
  test('startswith, endswith, contains are case-sensitive', async () => {
    expect(await names("$filter=startswith(displayName,'Jansen')")).toEqual(['Jansen Wonen']);
    expect(await names("$filter=endswith(displayName,'Zorg')")).toEqual(['JANSEN Zorg']);
    expect(await names("$filter=contains(displayName,'ans')")).toEqual(['Jansen Wonen', 'Piet Jansen']);
    expect(await names("$filter=contains(displayName,'ans') eq false and city eq 'Utrecht'")).toEqual(["O'Brien Holding", 'JANSEN Zorg']);
  });

  test('tolower/toupper make a comparison case-insensitive (AL @)', async () => {
    expect(await names("$filter=tolower(displayName) eq 'jansen zorg'")).toEqual(['JANSEN Zorg']);
    expect(await names("$filter=toupper(city) eq 'UTRECHT'")).toEqual(["O'Brien Holding", 'JANSEN Zorg']);
  });

  test('substring(x, n) compares from the 0-based position n', async () => {
    expect(await names("$filter=substring(displayName, 7) eq 'Wonen'")).toEqual(['Jansen Wonen']);
    expect(await names("$filter=substring(displayName, 0, 2) eq 'de'")).toEqual(['de Vries BV']);
  });

  test('nested functions need $schemaversion=2.1', async () => {
    const err = await rejected(`${tc.v2}/contacts?$filter=contains(tolower(displayName),'jansen')`);
    expect(err.text).toMatch(/require \$schemaversion=2\.1/);
    expect(await names("$schemaversion=2.1&$filter=contains(tolower(displayName),'jansen')")).toEqual(['Jansen Wonen', 'JANSEN Zorg', 'Piet Jansen']);
    expect(await names("$schemaversion=2.0&$filter=startswith(displayName,'Bak')")).toEqual(['Bakker & Zn']);
  });

  test('functions BC has no AL equivalent for, unknown functions and wrong arguments are refused', async () => {
    expect((await rejected(`${tc.v2}/contacts?$filter=length(displayName) eq 5`)).text).toMatch(/^The filter expression 'length\(\)' is not supported/);
    expect((await rejected(`${tc.v2}/contacts?$filter=frobnicate(displayName)`)).text).toBe(
      "An unknown function with name 'frobnicate' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.",
    );
    expect((await rejected(`${tc.v2}/contacts?$filter=contains(privacyBlocked,'x')`)).text).toMatch(/^No function signature for the function with name 'contains'/);
  });
});

describe('$filter: what BC does not do', () => {
  test('any/all lambdas are ignored (as BC ignores them) and the response says so', async () => {
    const res = await tc.get(`${tc.crm}/contacts?$filter=interactionLogEntries/any(e: e/description eq 'x')`);
    expect(res.status).toBe(200);
    expect(res.body.value).toHaveLength(6);
    expect(res.headers['x-sim-ignored-filter']).toMatch(/ignored, as Business Central ignores them: interactionLogEntries\/any\(e: e\/description eq 'x'\)/);
    // Only the lambda is dropped: the rest of the filter still applies.
    const and = await tc.get(`${tc.crm}/contacts?$filter=city eq 'Utrecht' and interactionLogEntries/all(e: e/cost gt 1)`);
    expect(and.body.value.map((c: Row) => c.displayName)).toEqual(["O'Brien Holding", 'JANSEN Zorg']);
    expect((await tc.get(`${tc.crm}/contacts?$filter=city eq 'Utrecht'`)).headers['x-sim-ignored-filter']).toBeUndefined();
  });

  test('not, arithmetic, has and comparisons between two properties are refused, never widened', async () => {
    for (const f of ["not (city eq 'Utrecht')", 'entryNumber add 1 eq 2', "displayName eq city", "1 eq 1"]) {
      const err = await rejected(`${tc.crm}/contacts?$filter=${encodeURIComponent(f)}`);
      expect(err.text).toMatch(/is not supported by Business Central OData web services|Could not find a property/);
    }
  });

  test("ODL's texts for unknown properties, incompatible types and syntax errors", async () => {
    expect((await rejected(`${tc.v2}/contacts?$filter=colour eq 'red'`)).text).toBe("Could not find a property named 'colour' on type 'Microsoft.NAV.contact'.");
    expect((await rejected(`${tc.v2}/contacts?$filter=displayName eq 5`)).text).toBe(
      "A binary operator with incompatible types was detected. Found operand types 'Edm.String' and 'Edm.Int32' for operator kind 'Equal'.",
    );
    expect((await rejected(`${tc.v2}/contacts?$filter=displayName eq 'open`)).text).toBe(
      "There is an unterminated string literal at position 15 in 'displayName eq 'open'.",
    );
    expect((await rejected(`${tc.v2}/contacts?$filter=displayName eq`)).text).toBe("Expression expected at position 14 in 'displayName eq'.");
    expect((await rejected(`${tc.v2}/contacts?$filter=displayName eq 'a' 'b'`)).text).toBe("Syntax error at position 19 in 'displayName eq 'a' 'b''.");
    expect((await rejected(`${tc.v2}/contacts?$filter=displayName ~ 'a'`)).text).toBe("Syntax error: character '~' is not valid at position 12 in 'displayName ~ 'a''.");
    expect((await rejected(`${tc.v2}/contacts?$filter=${'('.repeat(500)}`)).text).toBe('Recursion depth exceeded allowed limit.');
  });

  test('a computed page field (not a table field) cannot be filtered or sorted on', async () => {
    expect((await rejected(`${tc.crm}/tasks?$filter=note eq 'x'`)).text).toMatch(/^The property 'note' cannot be used in \$filter/);
    expect((await rejected(`${tc.crm}/tasks?$orderby=note`)).text).toMatch(/^The property 'note' cannot be used in \$orderby/);
  });

  test('an option given twice is refused', async () => {
    expect((await rejected(`${tc.v2}/contacts?$top=1&$top=2`)).text).toBe("Query option '$top' was specified more than once, but it must be specified at most once.");
  });
});

describe('$select, $orderby, $top, $skip, $count', () => {
  test('$select returns the etag and the selected properties only, and says so in @odata.context', async () => {
    const res = await tc.get(`${tc.v2}/contacts?$select=number,displayName&$filter=city eq 'Amsterdam'`);
    expect(res.body.value).toEqual([{ '@odata.etag': expect.stringMatching(/^W\//), number: no['de Vries BV'], displayName: 'de Vries BV' }]);
    expect(res.body['@odata.context']).toMatch(/\/contacts\(number,displayName\)$/);
    expect((await rejected(`${tc.v2}/contacts?$select=number,colour`)).text).toBe("Could not find a property named 'colour' on type 'Microsoft.NAV.contact'.");
    expect((await tc.get(`${tc.v2}/contacts?$select=*`)).body.value[0]).toHaveProperty('email');
  });

  test('$orderby asc/desc on several properties; the key breaks ties', async () => {
    expect(await names('$orderby=city desc,displayName&$filter=type eq \'Company\'')).toEqual([
      "JANSEN Zorg",
      "O'Brien Holding",
      'Bakker & Zn',
      'Jansen Wonen',
      'de Vries BV',
    ]);
    expect((await rejected(`${tc.v2}/contacts?$orderby=colour`)).text).toBe("Could not find a property named 'colour' on type 'Microsoft.NAV.contact'.");
    expect((await rejected(`${tc.v2}/contacts?$orderby=displayName sideways`)).text).toMatch(/^Syntax error at position 12/);
  });

  test('$top and $skip, and $count=true with the total before paging', async () => {
    const res = await tc.get(`${tc.v2}/contacts?$orderby=displayName&$top=2&$skip=1&$count=true`);
    expect(res.body['@odata.count']).toBe(6);
    expect(res.body.value.map((c: Row) => c.displayName)).toEqual(['JANSEN Zorg', 'Jansen Wonen']);
    expect((await rejected(`${tc.v2}/contacts?$count=yes`)).text).toBe("'yes' is not a valid count option.");
    expect((await rejected(`${tc.v2}/contacts?$top=1.5`)).text).toBe(
      "Invalid value '1.5' for $top query option found. The $top query option requires a non-negative integer value.",
    );
  });

  test('/$count answers the number as text, with the filter applied', async () => {
    const res = await tc.get(`${tc.v2}/contacts/$count?$filter=city eq 'Rotterdam'`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    // Piet Jansen lives at his household's address.
    expect(res.text).toBe('3');
    const team = (await values(`${tc.crm}/teams?$filter=code eq 'KCC'`))[0];
    expect((await tc.get(`${tc.crm}/teams(${team.id})/tasks/$count`)).text).toBe('2');
    expect((await tc.get('/api/v2.0/companies/$count')).text).toMatch(/^\d+$/);
  });

  test('options that make no sense on a single entity are refused', async () => {
    expect((await rejected(`${tc.v2}/contacts(${ids['de Vries BV']})?$top=1`)).text).toBe("The query option '$top' is not allowed on this resource.");
    const one = await tc.get(`${tc.v2}/contacts(${ids['de Vries BV']})?$select=displayName`);
    expect(one.body).toEqual({ '@odata.context': expect.stringMatching(/contacts\(displayName\)\/\$entity$/), '@odata.etag': expect.any(String), displayName: 'de Vries BV' });
  });
});

describe('navigation collections and $expand', () => {
  test('query options apply to a navigation collection (teams(…)/tasks)', async () => {
    const team = (await values(`${tc.crm}/teams?$filter=code eq 'KCC'`))[0];
    const tasks = await values(`${tc.crm}/teams(${team.id})/tasks?$filter=status eq 'Not_x0020_Started'&$select=number,contactNumber&$orderby=number desc`);
    expect(tasks.map((t) => t.contactNumber)).toEqual([no['de Vries BV'], no['Jansen Wonen']]);
    expect(Object.keys(tasks[0]).sort()).toEqual(['@odata.etag', 'contactNumber', 'number']);
  });

  test("$expand a contact's interaction log entries and tasks, with nested $select/$filter/$orderby/$top", async () => {
    const res = await tc.get(
      `${tc.crm}/contacts(${ids['Jansen Wonen']})?$select=displayName&$expand=interactionLogEntries($select=entryNumber,interactionTemplateCode;$orderby=entryNumber desc),tasks($filter=systemTaskType eq 'Organizer';$select=teamCode,salespersonCode;$orderby=salespersonCode)`,
    );
    expect(res.status).toBe(200);
    expect(res.body.displayName).toBe('Jansen Wonen');
    expect(res.body.interactionLogEntries.map((e: Row) => [e.entryNumber, e.interactionTemplateCode])).toEqual([
      [4, 'TEL-IN'],
      [1, 'VRAAG'],
    ]);
    // A contact's tasks are the members' copies of the team task (System Task Type Organizer).
    expect(res.body.tasks).toEqual([
      { '@odata.etag': expect.any(String), teamCode: 'KCC', salespersonCode: 'BOB' },
      { '@odata.etag': expect.any(String), teamCode: 'KCC', salespersonCode: 'TST' },
    ]);
    const top = await tc.get(`${tc.crm}/contacts(${ids['Jansen Wonen']})?$expand=interactionLogEntries($top=1)`);
    expect(top.body.interactionLogEntries).toHaveLength(1);
  });

  test('$expand on a collection expands every row', async () => {
    const teams = await values(`${tc.crm}/teams?$expand=teamMembers($select=salespersonCode),tasks($select=number)&$orderby=code`);
    const byCode = Object.fromEntries(teams.map((t) => [t.code, t]));
    expect((byCode.KCC.teamMembers as Row[]).map((m) => m.salespersonCode)).toEqual(['BOB', 'TST']);
    expect(byCode.KCC.tasks as Row[]).toHaveLength(2);
  });

  test('$expand of something that is not a navigation property is refused with ODL’s text', async () => {
    expect((await rejected(`${tc.crm}/contacts?$expand=displayName`)).text).toBe(
      "Property 'displayName' on type 'Microsoft.NAV.contact' is not a navigation property or complex property. Only navigation properties can be expanded.",
    );
    expect((await rejected(`${tc.crm}/contacts?$expand=orders`)).text).toBe("Could not find a property named 'orders' on type 'Microsoft.NAV.contact'.");
    expect((await rejected(`${tc.crm}/contacts?$expand=tasks($select=colour)`)).text).toBe("Could not find a property named 'colour' on type 'Microsoft.NAV.task'.");
  });
});

describe('lists written from rows', () => {
  // A list whose fields need no record (table fields, and fields computed from rows such as an entry's
  // note) is written from the columns it shows; a single GET goes through the record. Both must agree.
  const pick = (entity: Row, keys: string[]) => Object.fromEntries(keys.map((k) => [k, entity[k]]));

  test('every list entity, ETag included, is what a GET of that entity answers', async () => {
    const long = 'Huurder belt over de verwarming die al twee weken niet werkt; monteur is langs geweest maar het probleem blijft bestaan.';
    const logged = await tc.post(`${tc.crm}/contacts(${ids["O'Brien Holding"]})/Microsoft.NAV.createInteractionFromTemplate`, { templateCode: 'TEL-IN', note: long });
    expect(logged.status).toBe(204);
    const entries = await values(`${tc.crm}/interactionLogEntries`);
    expect(entries.length).toBeGreaterThanOrEqual(5);
    for (const e of entries) expect(e).toEqual(await single(`${tc.crm}/interactionLogEntries(${e.id})`));
    // The long note is stored as two comment lines of at most 80 characters, listed in line order.
    const lines = (entries.find((e) => e.contactNumber === no["O'Brien Holding"])!.note as string).split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    expect(lines[0]).toMatch(/^Huurder belt/);
    expect(lines[1]).toMatch(/bestaan\.$/);

    const selected = await values(`${tc.v2}/contacts?$select=number,displayName,city,privacyBlocked,lastModifiedDateTime&$orderby=city desc`);
    expect(selected.length).toBeGreaterThanOrEqual(6);
    for (const c of selected) {
      const full = await single(`${tc.v2}/contacts?$filter=number eq '${c.number}'`, true);
      expect(c).toEqual(pick(full, ['@odata.etag', 'number', 'displayName', 'city', 'privacyBlocked', 'lastModifiedDateTime']));
    }
    const team = (await values(`${tc.crm}/teams?$filter=code eq 'KCC'`))[0];
    const tasks = await values(`${tc.crm}/teams(${team.id})/tasks?$filter=status eq 'Not_x0020_Started'&$select=id,number,date,status,closed`);
    expect(tasks.length).toBe(2);
    for (const t of tasks) expect(t).toEqual(pick(await single(`${tc.crm}/tasks(${t.id})`), ['@odata.etag', 'id', 'number', 'date', 'status', 'closed']));
    // Every task, with its notes (one read for the page, kept under the team task's number) and Contact Name.
    const all = await values(`${tc.crm}/tasks`);
    expect(all.filter((t) => t.note !== '').length).toBeGreaterThanOrEqual(2);
    for (const t of all) expect(t).toEqual(await single(`${tc.crm}/tasks(${t.id})`));
  });

  test('a changed row is listed with its new ETag and values', async () => {
    const id = ids['Bakker & Zn'];
    const before = await single(`${tc.v2}/contacts(${id})`);
    const patched = await tc.patch(`${tc.v2}/contacts(${id})`, { city: 'Delft' }, before['@odata.etag'] as string);
    expect(patched.status).toBe(200);
    const [listed] = await values(`${tc.v2}/contacts?$filter=number eq '${no['Bakker & Zn']}'&$select=city`);
    expect(listed).toEqual({ '@odata.etag': patched.body['@odata.etag'], city: 'Delft' });
    expect(listed['@odata.etag']).not.toBe(before['@odata.etag']);
  });
});

async function single(path: string, fromList = false): Promise<Row> {
  const res = await tc.get(path);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  if (fromList) {
    expect(res.body.value).toHaveLength(1);
    return res.body.value[0];
  }
  const { '@odata.context': _context, ...entity } = res.body;
  return entity;
}

describe('companies', () => {
  test('$filter, $select and $count on companies', async () => {
    const name = (await tc.get(`/api/v2.0/companies(${tc.companyId})`)).body.name;
    const res = await tc.get(`/api/v2.0/companies?$filter=name eq '${name}'&$select=id,name&$count=true`);
    expect(res.body['@odata.count']).toBe(1);
    expect(res.body.value).toEqual([{ '@odata.etag': expect.any(String), id: tc.companyId, name }]);
    expect((await rejected(`/api/v2.0/companies?$filter=name eq 'A' or displayName eq 'B'`)).text).toBe(
      "The 'OR' operator is not supported on distinct fields on an OData filter.",
    );
  });
});

describe('requests through a real server', () => {
  test('+ in a query string is a space, as ASP.NET reads it', async () => {
    const res = await request(tc.app).get(`${tc.v2}/contacts?$filter=displayName+eq+'de+Vries+BV'`).set('Authorization', tc.auth);
    expect(res.body.value.map((c: Row) => c.displayName)).toEqual(['de Vries BV']);
  });
});
