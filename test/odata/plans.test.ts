// [FEATURE] [OData] — query options planned once per page and query: the same options share one frozen plan; an error is an error every time.
import { apiGroups } from '../../pages';
import { planOptions, readQueryString } from '../../src/http/api/odata/queryOptions';

const page = apiGroups.flatMap((g) => g.pages).find((p) => p.entitySetName === 'contacts')!;
const plan = (search: string, shape: 'collection' | 'entity' | 'count' = 'collection', schema21 = false) =>
  planOptions(page, readQueryString(search).options, shape, schema21);

test('the same options on the same page: one plan, frozen', () => {
  const a = plan("$filter=number eq 'CT000001'&$select=number,displayName&$top=5");
  const b = plan("$filter=number eq 'CT000001'&$select=number,displayName&$top=5");
  expect(b).toBe(a);
  expect(Object.isFrozen(a) && Object.isFrozen(a.orderBy) && Object.isFrozen(a.expand)).toBe(true);
  expect(a.top).toBe(5);
  expect([...a.select!]).toEqual(['number', 'displayName']);
  expect(() => {
    (a as { top?: number }).top = 6;
  }).toThrow(TypeError);
});

test("the shared plan's $filter is frozen to its literals; the page's properties it names are not", () => {
  const filter = "$filter=(number eq 'CT000001' or number eq 'CT000002') and contains(displayName, 'Jans') and number in ('A', 'B') and number ne 'C'";
  const a = plan(filter, 'collection', true);
  const frozen: object[] = [];
  const walk = (node: unknown, key = ''): void => {
    if (node === null || typeof node !== 'object') return;
    if (key === 'prop') {
      expect(Object.isFrozen(node)).toBe(false);
      return;
    }
    expect([key, Object.isFrozen(node)]).toEqual([key, true]);
    frozen.push(node);
    for (const [k, child] of Object.entries(node)) walk(child, Array.isArray(node) ? key : k);
  };
  walk(a.filter);
  expect(frozen.length).toBeGreaterThan(12);
  expect(() => {
    (a.filter!.bound as { t: string }).t = 'true';
  }).toThrow(TypeError);
  expect(plan(filter, 'collection', true).filter!.bound.t).toBe('and');
});

test('other options, another shape or schema version: another plan, each with its own values', () => {
  const base = plan('$top=5');
  expect(plan('$top=6')).not.toBe(base);
  expect(plan('$top=6').top).toBe(6);
  expect(plan('$top=5&$skiptoken=abc').skipToken).toBe('abc');
  expect(plan('$top=5').skipToken).toBeUndefined();
  expect(plan('$select=number', 'entity')).not.toBe(plan('$select=number', 'collection'));
  expect(plan('$top=5', 'collection', true)).not.toBe(base);
});

test('an option the shape does not take is refused every time it is asked', () => {
  for (let i = 0; i < 2; i++) expect(() => plan('$top=5', 'entity')).toThrow(/\$top/);
  for (let i = 0; i < 2; i++) expect(() => plan("$filter=nosuchfield eq 'x'")).toThrow(/nosuchfield/);
});

test('past the number of plans kept per page, every plan is still right', () => {
  const first = plan('$top=1000');
  for (let n = 0; n < 300; n++) expect(plan(`$top=${n}`).top).toBe(n);
  const again = plan('$top=1000');
  expect(again.top).toBe(1000);
  expect(again).toEqual(first);
});
