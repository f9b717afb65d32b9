import fc from 'fast-check';

/** Hostile inputs shared by the fuzz suites: near-valid OData expressions, odd JSON values, odd strings. */

/** Properties of the API pages (every kind of EDM type), and some that are not. */
const PROPERTIES = ['displayName', 'surname', 'number', 'city', 'type', 'privacyBlocked', 'lastModifiedDateTime', 'birthDate', 'id', 'houseNumber', 'entryNumber', 'date', 'status', 'priority', 'closed', 'dateClosed', 'description', 'code', 'salespersonCode', 'teamCode', 'timeOfInteraction', 'startTime', 'commissionPercent', 'durationMin', 'showInCustomerPortal'];
export const FIELDS = [...PROPERTIES, 'note', 'colour', 'tasks', 'interactionLogEntries', 'a/b', '$it'];
const OPS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'and', 'or', 'not', 'in', 'has', 'add', 'mod', 'EQ', '==', '<>'];
export const LITERALS = [
  "'x'", "''", "''''", "'O''Brien'", "'; DROP TABLE Contact; --'", "' OR 1=1 --", "'\\u0000'", "'\u0000'", "'a\u0000b'", "'\u00e9\u4e2d\ud83d\ude00'",
  '0', '-1', '1.5', '1e308', '1e300', '-1e300', '2147483648', '-2147483649', '9223372036854775808', '99999999999999999999999', '1000000000000000000.5', '0.000000000000000000001',
  'NaN', 'INF', '-INF', 'true', 'false', 'null', '2026-01-01', '2026-02-30', '0001-01-01', '0000-00-00', '9999-12-31', '10000-01-01', '-0001-01-01',
  '2026-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '1752-12-31T00:00:00Z', '9999-12-31T23:59:59Z', '25:99:00', '5f0e2a7c-0000-4000-8000-000000000000',
  "Microsoft.NAV.contactType'Person'", "'In_x0020_Progress'", "('a','b')", "('a\u0000')", '()', '$root', '@p1', '%', '\\', '"x"',
];
const FUNCS = ['contains', 'startswith', 'endswith', 'tolower', 'toupper', 'substring', 'length', 'indexof', 'concat', 'year', 'cast', 'frobnicate', 'any', 'all'];

const token = fc.oneof(fc.constantFrom(...FIELDS), fc.constantFrom(...OPS), fc.constantFrom(...LITERALS), fc.constantFrom(...FUNCS), fc.constantFrom('(', ')', ',', '/', ':', ' '));

/** Expression-shaped text: mostly near-valid, so the parser's deeper paths, the binder and the SQL are reached. */
const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    // A comparison the binder accepts whenever the literal fits the property: these reach the SQL.
    fc.tuple(fc.constantFrom(...PROPERTIES), fc.constantFrom('eq', 'ne', 'gt', 'ge', 'lt', 'le'), fc.constantFrom(...LITERALS)).map(([f, o, l]) => `${f} ${o} ${l}`),
    fc.tuple(fc.constantFrom(...PROPERTIES), fc.array(fc.constantFrom(...LITERALS), { minLength: 1, maxLength: 3 })).map(([f, ls]) => `${f} in (${ls.join(',')})`),
    fc.tuple(fc.constantFrom('contains', 'startswith', 'endswith'), fc.constantFrom(...PROPERTIES), fc.constantFrom(...LITERALS)).map(([fn, f, l]) => `${fn}(${f},${l})`),
    fc.tuple(fc.constantFrom(...FIELDS), fc.constantFrom(...OPS), fc.constantFrom(...LITERALS)).map(([f, o, l]) => `${f} ${o} ${l}`),
    fc.tuple(fc.constantFrom(...FUNCS), fc.constantFrom(...FIELDS), fc.constantFrom(...LITERALS)).map(([fn, f, l]) => `${fn}(${f},${l})`),
    fc.tuple(fc.constantFrom(...FIELDS), fc.constantFrom(...LITERALS), fc.constantFrom(...LITERALS), fc.constantFrom(...OPS), fc.constantFrom(...LITERALS)).map(
      ([f, a, b, o, l]) => `substring(${f},${a},${b}) ${o} ${l}`,
    ),
    fc.tuple(tie('e'), fc.constantFrom('and', 'or'), tie('e')).map(([a, o, b]) => `${a} ${o} ${b}`),
    tie('e').map((e) => `(${e})`),
    fc.tuple(fc.constantFrom(...FIELDS), tie('e')).map(([f, e]) => `${f}/any(x: ${e})`),
    fc.tuple(fc.constantFrom(...FUNCS), tie('e')).map(([fn, e]) => `${fn}(${e})`),
  ),
})).e;

export const hostileFilter = fc.oneof(
  { weight: 6, arbitrary: expr },
  { weight: 2, arbitrary: fc.array(token, { maxLength: 25 }).map((t) => t.join(' ')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 400 }).map((n) => '('.repeat(n) + "city eq 'x'" + ')'.repeat(n % 3 === 0 ? n : n - 1)) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 300 }).map((n) => Array.from({ length: n }, () => "city eq 'x'").join(' or ')) },
);

export const hostileList = fc.array(fc.oneof(fc.constantFrom(...FIELDS, '*', 'asc', 'desc', ''), fc.string({ maxLength: 8 })), { maxLength: 6 });

const orderby = fc.oneof(hostileList.map((l) => l.join(',')), fc.tuple(fc.constantFrom(...FIELDS), fc.constantFrom(' asc', ' desc', ' up', '')).map(([f, d]) => f + d));
const expand = fc.oneof(
  fc.constantFrom('interactionLogEntries', 'tasks', 'contactRoles', 'teamMembers', 'city', 'nope', '*', ''),
  fc.tuple(fc.constantFrom('tasks', 'interactionLogEntries', 'teamMembers', 'x'), fc.constantFrom('$select', '$filter', '$top', '$orderby', '$expand', '$count', '$skip', 'junk'), hostileFilter).map(
    ([nav, opt, value]) => `${nav}(${opt}=${value})`,
  ),
);

/** Odd numbers as text: over Int32/Int64, exponents, signs, not numbers at all. */
const numberText = fc.oneof(
  fc.nat().map(String),
  fc.constantFrom('-1', '2147483648', '9007199254740993', '1e3', '1.5', '0x10', ' 1', '', 'NaN', '99999999999999999999'),
  fc.string({ maxLength: 6 }),
);

/** One query option, hostile in name or value. */
export const queryOption: fc.Arbitrary<[string, string]> = fc.oneof(
  { weight: 4, arbitrary: hostileFilter.map((v) => ['$filter', v] as [string, string]) },
  orderby.map((v) => ['$orderby', v] as [string, string]),
  hostileList.map((l) => ['$select', l.join(',')] as [string, string]),
  expand.map((v) => ['$expand', v] as [string, string]),
  numberText.map((v) => ['$top', v] as [string, string]),
  numberText.map((v) => ['$skip', v] as [string, string]),
  fc.constantFrom('true', 'false', 'TRUE', '1', '').map((v) => ['$count', v] as [string, string]),
  fc.oneof(fc.base64String({ maxLength: 40 }), fc.string({ maxLength: 20 })).map((v) => ['$skiptoken', v] as [string, string]),
  fc.constantFrom('1.0', '2.0', '2.1', '3', 'x', '').map((v) => ['$schemaversion', v] as [string, string]),
  fc.constantFrom('$search', '$apply', '$compute', '$format', '$levels', 'plain', '$FILTER', '%24filter', '$filter ').map((k) => [k, 'x'] as [string, string]),
);

/** A JSON value of every kind, with BC's type limits and NULs among them. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(
      'Person', 'Company', 'In_x0020_Progress', '2026-02-30', '0001-01-01', '0000-00-00', '9999-12-31', '10000-01-01', '2026-03-02T09:00:00Z', '1752-01-01T00:00:00Z',
      'x'.repeat(300), 'X'.repeat(101), "'; DROP TABLE Contact; --", 'a\u0000b', '\u0000', '\ud800', 'KCC', 'TST', 'VRAAG', '3011AB12A', '12:30:00', '25:00:00',
      1e300, -1e300, 2147483647, 2147483648, -2147483648, 9007199254740993, 1e18, 999999999999999.99, 0.1, -0, 1.5,
    ),
  },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }) },
  { weight: 1, arbitrary: fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxLength: 3 }) },
);

/** A JSON body as a string: objects of the given keys mostly, sometimes any JSON or not JSON at all. */
export function hostileBody(keys: string[]): fc.Arbitrary<string> {
  const nested = fc.array(fc.dictionary(fc.constantFrom(...keys), hostileValue, { maxKeys: 3 }), { maxLength: 2 });
  return fc.oneof(
    { weight: 8, arbitrary: fc.dictionary(fc.constantFrom(...keys), fc.oneof({ weight: 6, arbitrary: hostileValue }, { weight: 1, arbitrary: nested }), { maxKeys: 4 }).map((o) => JSON.stringify(o)) },
    { weight: 1, arbitrary: fc.json() },
    { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('', '{', '{"a":', 'null', '[]', '"x"', '{"__proto__":{"x":1}}', '{"a":1,"a":2}', '\u0000')) },
  );
}
