// [FEATURE] [HTTP] [OData] — the simulator's /api/v2.0 $metadata against a fixture transcribed from Microsoft's AL API
// pages (test/odata/fixtures/bc-api-v2-metadata.json, sources named in it): contact, customer, salespersonPurchaser and
// company — properties in page order, Edm types, MaxLength, read-only (by a PATCH of each property, as BC publishes no
// per-property annotation), navigation properties and the entity sets' capability annotations. Every difference must be
// a row of the machine-readable table in docs/differences.md; a row that no longer differs fails too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { convert } from '@sap-ux/annotation-converter';
import { parse } from '@sap-ux/edmx-parser';
import { closeSharedSimulator } from '../library/LibraryMarketing';
import { HttpTestCompany, newHttpCompany } from '../library/LibraryHttp';

interface FixtureProperty {
  name: string;
  type: string;
  maxLength?: number | 'unknown';
  readOnly: boolean;
}
interface FixtureNavigation {
  name: string;
  type: string;
  collection: boolean;
  containsTarget: boolean;
}
interface FixtureEntity {
  entitySet: string;
  properties: FixtureProperty[];
  navigations: FixtureNavigation[];
  capabilities: { insertable: boolean; updatable: boolean; deletable: boolean };
}
const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures/bc-api-v2-metadata.json'), 'utf8')) as { entities: Record<string, FixtureEntity> };

/** One difference: entity, member (property, navigation, `*` for the entity), aspect, BC's value, the simulator's. */
type Difference = [entity: string, member: string, aspect: string, bc: string, simulator: string];
const key = (d: Difference) => d.join(' | ');

/** The rows between the table's markers in docs/differences.md: `| entity | member | aspect | BC | simulator | why |`. */
function listedDifferences(): Difference[] {
  const text = readFileSync(join(__dirname, '../../docs/differences.md'), 'utf8');
  const m = /<!-- metadata-differences:start -->([\s\S]*?)<!-- metadata-differences:end -->/.exec(text);
  if (!m) throw new Error('docs/differences.md has no metadata-differences table');
  return m[1]
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2)
    .map((line) => {
      const cells = line.split('|').slice(1, -1).map((c) => c.trim().replace(/^`|`$/g, ''));
      return cells.slice(0, 5) as Difference;
    });
}

let tc: HttpTestCompany;
beforeAll(async () => {
  tc = await newHttpCompany();
});
afterAll(closeSharedSimulator);

async function ourMetadata() {
  const res = await tc.get('/api/v2.0/$metadata');
  expect(res.status).toBe(200);
  return { xml: res.text, model: convert(parse(res.text)) };
}

/**
 * A capability annotation inside an EntitySet, as BC writes them (inline). SAP's parser reads only out-of-line
 * `<Annotations Target>` blocks, so the entity set's element is read here.
 */
function capability(xml: string, entitySet: string, term: string, property: string): string {
  const set = new RegExp(`<EntitySet\\s+Name="${entitySet}"[^>]*>([\\s\\S]*?)</EntitySet>`).exec(xml)?.[1] ?? '';
  const value = new RegExp(
    `<Annotation\\s+Term="Org\\.OData\\.Capabilities\\.V1\\.${term}"\\s*>\\s*<Record>\\s*<PropertyValue\\s+Property="${property}"\\s+Bool="(true|false)"`,
  ).exec(set)?.[1];
  return value ?? 'absent';
}

function schemaDifferences({ xml, model }: Awaited<ReturnType<typeof ourMetadata>>): Difference[] {
  const out: Difference[] = [];
  for (const [entity, bc] of Object.entries(fixture.entities)) {
    const type = model.entityTypes.find((t) => t.name === entity);
    if (!type) {
      out.push([entity, '*', 'entityType', 'present', 'absent']);
      continue;
    }
    const ours = new Map(type.entityProperties.map((p) => [p.name, p]));
    const bcNames = bc.properties.map((p) => p.name);
    for (const p of bc.properties) {
      const mine = ours.get(p.name);
      if (!mine) {
        out.push([entity, p.name, 'property', 'present', 'absent']);
        continue;
      }
      if (mine.type !== p.type) out.push([entity, p.name, 'type', p.type, mine.type]);
      const bcLength = p.maxLength === undefined ? 'none' : String(p.maxLength);
      const ourLength = mine.maxLength === undefined ? 'none' : String(mine.maxLength);
      if (bcLength !== ourLength) out.push([entity, p.name, 'maxLength', bcLength, ourLength]);
    }
    for (const name of ours.keys()) if (!bcNames.includes(name)) out.push([entity, name, 'property', 'absent', 'present']);
    const ourOrder = [...ours.keys()].filter((n) => bcNames.includes(n));
    const bcOrder = bcNames.filter((n) => ours.has(n));
    if (ourOrder.join(',') !== bcOrder.join(',')) out.push([entity, '*', 'propertyOrder', bcOrder.join(','), ourOrder.join(',')]);

    const navs = new Map(type.navigationProperties.map((n) => [n.name, n]));
    const navType = (collection: boolean, target: string) => (collection ? `Collection(${target})` : target);
    for (const n of bc.navigations) {
      const mine = navs.get(n.name);
      if (!mine) {
        out.push([entity, n.name, 'navigation', navType(n.collection, n.type), 'absent']);
        continue;
      }
      const ourType = navType(mine.isCollection, mine.targetTypeName);
      if (ourType !== navType(n.collection, n.type)) out.push([entity, n.name, 'navigation', navType(n.collection, n.type), ourType]);
      if (Boolean(mine.containsTarget) !== n.containsTarget) out.push([entity, n.name, 'containsTarget', String(n.containsTarget), String(Boolean(mine.containsTarget))]);
    }
    for (const name of navs.keys()) if (!bc.navigations.some((n) => n.name === name)) out.push([entity, name, 'navigation', 'absent', 'present']);

    const flags: [string, boolean, string][] = [
      ['insertable', bc.capabilities.insertable, capability(xml, bc.entitySet, 'InsertRestrictions', 'Insertable')],
      ['updatable', bc.capabilities.updatable, capability(xml, bc.entitySet, 'UpdateRestrictions', 'Updatable')],
      ['deletable', bc.capabilities.deletable, capability(xml, bc.entitySet, 'DeleteRestrictions', 'Deletable')],
    ];
    for (const [aspect, expected, mine] of flags) if (mine !== String(expected)) out.push([entity, bc.entitySet, aspect, String(expected), mine]);
  }
  return out;
}

/**
 * Read-only as a client meets it: a PATCH of the property with the value it has. A read-only control answers
 * "Control '…' is read-only."; anything other than that or 200 is a failure of its own, not a difference.
 */
async function readOnlyDifferences(): Promise<Difference[]> {
  const out: Difference[] = [];
  const entities: [string, string, Record<string, unknown>][] = [
    ['contact', 'contacts', { displayName: 'Fixture Contact' }],
    ['customer', 'customers', { displayName: 'Fixture Customer' }],
    ['salespersonPurchaser', 'salespeoplePurchasers', { code: 'FIXSP', displayName: 'Fixture Salesperson' }],
  ];
  for (const [entity, set, body] of entities) {
    const created = await tc.post(`${tc.v2}/${set}`, body);
    expect(created.status).toBe(201);
    const url = `${tc.v2}/${set}(${created.body.id})`;
    for (const p of fixture.entities[entity].properties) {
      const current = (await tc.get(url)).body;
      const res = await tc.patch(url, { [p.name]: current[p.name] }, current['@odata.etag']);
      let readOnly: boolean;
      if (res.status === 200) readOnly = false;
      else if (res.status === 400 && /^Control '.*' is read-only\./.test(res.body.error?.message ?? '')) readOnly = true;
      else throw new Error(`PATCH ${entity}.${p.name}: ${res.status} ${JSON.stringify(res.body)}`);
      if (readOnly !== p.readOnly) out.push([entity, p.name, 'readOnly', String(p.readOnly), String(readOnly)]);
    }
  }
  // companies: BC's entity set is read-only as a whole (no page; the platform serves it).
  const company = (await tc.get(`/api/v2.0/companies(${tc.companyId})`)).body;
  const res = await tc.patch(`/api/v2.0/companies(${tc.companyId})`, { displayName: company.displayName }, company['@odata.etag'] ?? '*');
  expect(res.status).toBe(405);
  for (const p of fixture.entities.company.properties) if (!p.readOnly) out.push(['company', p.name, 'readOnly', 'false', 'true']);
  return out;
}

test('every difference between our $metadata and Microsoft’s API pages is listed in docs/differences.md, and every listed one still exists', async () => {
  const found = [...schemaDifferences(await ourMetadata()), ...(await readOnlyDifferences())].map(key).sort();
  const listed = listedDifferences().map(key).sort();
  expect(found.filter((d) => !listed.includes(d))).toEqual([]);
  expect(listed.filter((d) => !found.includes(d))).toEqual([]);
});

test('the fixture itself: four entities, properties as many as the AL pages have controls', () => {
  // 23 controls on APIV2Contacts, 27 on APIV2Customers, 11 on APIV2SalespersonPurchaser (app 29.0); 10 company properties in the docs.
  const counts = Object.fromEntries(Object.entries(fixture.entities).map(([name, e]) => [name, e.properties.length]));
  expect(counts).toEqual({ contact: 23, customer: 27, salespersonPurchaser: 11, company: 10 });
});
