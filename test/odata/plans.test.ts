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
