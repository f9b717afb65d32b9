// [HTTP] [API] — the compiled entity writer (src/http/api/EntityWriter.ts) writes the same bytes as
// JSON.stringify of an entity built as an object, field by field (the oracle below), for every API page and edge values.
import type { ApiPageDefinition } from '../../pages/api/ApiPage';
import { apiGroups } from '../../pages';
import { computedValues, EntitySource, pageFields, shownFields, toJson } from '../../src/http/api/EntityCodec';
import { etagOf } from '../../src/http/api/etag';
import { writeOpenEntities } from '../../src/http/api/EntityWriter';
import type { TableRecord } from '../../src/runtime/Record';
import type { Session } from '../../src/runtime/Session';
import { closeSharedSimulator, newTestCompany, TestCompany } from '../library/LibraryMarketing';

afterAll(() => closeSharedSimulator());

const pages = [...new Set(apiGroups.flatMap((g) => [...g.pages, ...(g.parts ?? [])]))];

/** Values at the edges of each kind, cycled through by row (index `i`). */
const EDGES: Record<string, unknown[]> = {
  Text: ['', null, 'quote " and back\\slash', 'Zoë 日本語 😀 \u2028', 'control \u0000\u0001\n\t\r\u001f end', 'x'.repeat(250)],
  Code: ['', null, 'KLANT', 'A"B\\C', 'Ü-123'],
  DateFormula: ['', null, '<1M>', '<-CW+1D>'],
  Guid: ['', null, '00000000-0000-0000-0000-000000000000', '6f9619ff-8b86-d011-b42d-00cf4fc964ff'],
  Integer: [0, null, -5, 2_147_483_647, -2_147_483_648],
  BigInteger: [0, null, 9_007_199_254_740_991, -42],
  Decimal: [0, null, 0.1 + 0.2, -0, 1e21, 12.5, -1234567.891, 1e-7],
  Boolean: [false, true, null, 0, 1],
  Option: [0, 1, 2, 3, 99, null],
  Date: ['', null, '0001-01-01', '2026-02-28', '9999-12-31'],
  Time: ['', null, '00:00:00', '23:59:59.999'],
  DateTime: ['', null, '0001-01-01T00:00:00.000Z', '2026-03-02T09:15:30.123Z', new Date('2026-12-31T23:59:59Z')],
  Blob: [null],
  Media: [null],
};

function edgeRecord(s: Session, page: ApiPageDefinition<any>, i: number): TableRecord {
  const rec = s.create(page.table) as TableRecord;
  for (const f of pageFields(page)) {
    if (!f.meta || f.property === undefined || f.property === 'systemId') continue;
    const values = EDGES[f.meta.type.kind];
    if (values) (rec as any)[f.property] = values[i % values.length];
  }
  rec.systemId = `0000000${i}-1111-2222-3333-444455556666`;
  (rec as any).rowVersion = i + 1;
  (rec as any).systemCreatedAt = i % 2 ? new Date('0001-01-01T00:00:00Z') : '';
  (rec as any).systemModifiedAt = i % 2 ? '' : new Date('2026-03-02T09:15:30Z');
  return rec;
}

/**
 * The oracle: an entity as an object — `@odata.etag`, then the shown fields in page order, each value
 * formatted by toJson (the one place for formatting), stream properties left out — for JSON.stringify.
 */
async function asObjects(page: ApiPageDefinition<any>, rows: readonly EntitySource[], s: Session, select?: ReadonlySet<string>) {
  const shown = shownFields(page, select);
  const computed = await computedValues(shown, rows, s);
  return rows.map((rec, i) => {
    const values = rec as Record<string, unknown>;
    const out: Record<string, unknown> = { '@odata.etag': etagOf(rec as { systemId: string; rowVersion: number }) };
    for (const f of shown.fields) {
      if (f.kind !== 'stream') out[f.name] = toJson(f, f.property === undefined ? computed.get(f.name)![i] : values[f.property]);
    }
    return out;
  });
}

async function both(s: Session, page: ApiPageDefinition<any>, rows: readonly (TableRecord | Record<string, unknown>)[], select?: ReadonlySet<string>) {
  const objects = await asObjects(page, rows as EntitySource[], s, select);
  const texts = await writeOpenEntities(page, rows, s, select);
  return { expected: objects.map((o) => JSON.stringify(o)), actual: texts.map((t) => `${t}}`) };
}

describe('entity writer', () => {
  let tc: TestCompany;
  beforeAll(async () => {
    tc = await newTestCompany();
  });

  test.each(pages.map((p) => [p.entityName, p] as const))('%s: every property of records with edge values, byte for byte', async (_name, page) => {
    await tc.run(async (s) => {
      const rows = Array.from({ length: 8 }, (_, i) => edgeRecord(s, page, i));
      const { expected, actual } = await both(s, page, rows);
      expect(actual).toEqual(expected);
      expect(actual[0]).toMatch(/^\{"@odata\.etag":"W\/\\"/);
    });
  });

  test.each(pages.map((p) => [p.entityName, p] as const))('%s: $select subsets, from records and from row values', async (_name, page) => {
    await tc.run(async (s) => {
      const rows = Array.from({ length: 5 }, (_, i) => edgeRecord(s, page, i));
      const tableFields = pageFields(page).filter((f) => f.property !== undefined);
      const subsets = [new Set<string>(), new Set([tableFields[0].name]), new Set(tableFields.filter((_, i) => i % 2).map((f) => f.name))];
      for (const select of subsets) {
        const fromRecords = await both(s, page, rows, select);
        expect(fromRecords.actual).toEqual(fromRecords.expected);
        // Row values, as collection.readRows gives them when no shown field needs a record.
        const values = rows.map((r) => ({ ...r }) as Record<string, unknown>);
        const fromValues = await both(s, page, values, select);
        expect(fromValues.actual).toEqual(fromValues.expected);
      }
    });
  });

  test('an empty page of rows writes nothing', async () => {
    await tc.run(async (s) => expect(await writeOpenEntities(pages[0], [], s)).toEqual([]));
  });
});
