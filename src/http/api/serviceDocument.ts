import type { ApiGroup } from '../../../pages/api/ApiPage';
import type { Company } from '../../../entities/System/Company.Table';
import type { User } from '../../../entities/System/User.Table';
import { RecordNotFoundError } from '../../runtime/BcError';
import { PlatformText } from '../../runtime/PlatformErrors';
import type { Simulator } from '../../host/Simulator';
import { SIMULATOR_VERSION } from '../../config';
import { requireCompanyAccess, visibleCompanies } from '../auth';
import { HttpErrors } from '../HttpErrors';
import type { ApiReply } from './apiCall';
import { etagOf } from './etag';
import { EMPTY_GUID, isGuid } from './edm';
import { companyEntityType } from './edmModel';
import type { ApiResource } from './ODataPath';
import { bindFilter } from './odata/bind';
import { evaluateFilter } from './odata/evaluate';
import { parseFilter, parseOrderBy, parseSelect } from './odata/parser';
import { RawQuery, readSchemaVersion } from './odata/queryOptions';

/**
 * What an API group serves outside any company: the service document and
 * `companies` (from the system database, no company transaction).
 */

export function serviceDocument(group: ApiGroup, method: string, baseUrl: string, basePath: string): ApiReply {
  if (method !== 'GET') throw HttpErrors.methodNotAllowed(method, basePath.split('/').pop()!, 'ServiceDocument');
  const sets = ['companies', ...group.pages.map((p) => p.entitySetName)];
  return {
    status: 200,
    body: { '@odata.context': `${baseUrl}/$metadata`, value: sets.map((name) => ({ name, kind: 'EntitySet', url: name })) },
  };
}

/**
 * `companies`, `companies(id)` and `companies/$count`: the companies the user has a permission set in, as BC
 * lists them; the query options are applied here, in memory.
 */
export async function companies(
  sim: Simulator,
  user: User,
  method: string,
  baseUrl: string,
  resource: Extract<ApiResource, { kind: 'companies' }>,
  query: RawQuery,
): Promise<ApiReply> {
  const { companyId } = resource;
  if (method !== 'GET') throw HttpErrors.methodNotAllowed(method, 'companies', companyId ? 'Entity' : 'EntitySet');
  if (companyId) {
    for (const key of query.options.keys()) {
      if (key !== '$select' && key !== '$schemaversion' && key !== '$format') throw HttpErrors.optionNotAllowedHere(key);
    }
    const company = await findCompany(sim, companyId);
    await requireCompanyAccess(sim, user, company, companyId);
    const entity = companyEntity(company);
    return { status: 200, body: { '@odata.context': `${baseUrl}/$metadata#companies/$entity`, ...selectCompany(entity, query) } };
  }
  for (const key of query.options.keys()) {
    if (key === '$expand' || key === '$skiptoken') throw HttpErrors.optionNotAllowedHere(key);
  }
  const plan = readSchemaVersion(query.options);
  const filterText = query.options.get('$filter');
  let all = (await visibleCompanies(sim, user)).map(companyEntity);
  if (filterText !== undefined) {
    const { bound } = bindFilter(parseFilter(filterText), companyEntityType, { schema21: plan.schema21, navigations: [] });
    all = all.filter((c) => evaluateFilter(bound, companyValues(c)));
  }
  if (resource.count) return { status: 200, body: String(all.length), contentType: 'text/plain' };
  const order = query.options.get('$orderby');
  if (order !== undefined) {
    // Companies are few and in memory: the same syntax as for pages, sorted here.
    const items = parseOrderBy(order);
    for (const item of [...items].reverse()) {
      if (!companyEntityType.byName.has(item.property)) throw HttpErrors.propertyNotDeclared(item.property, companyEntityType.qualifiedName);
      all.sort((a, b) => compareValues(a[item.property], b[item.property]) * (item.descending ? -1 : 1));
    }
  }
  const total = all.length;
  const top = topSkip(query, '$top');
  const skip = topSkip(query, '$skip') ?? 0;
  const page = all.slice(skip, top === undefined ? undefined : skip + top).map((c) => selectCompany(c, query));
  const body: Record<string, unknown> = { '@odata.context': `${baseUrl}/$metadata#companies` };
  const count = query.options.get('$count');
  if (count !== undefined && count !== 'true' && count !== 'false') throw HttpErrors.invalidCount(count);
  if (count === 'true') body['@odata.count'] = total;
  body.value = page;
  return { status: 200, body };
}

/** API v2.0 `companies`. systemVersion is the simulator's version, not a BC build number. */
function companyEntity(c: Company): Record<string, unknown> {
  return {
    '@odata.etag': etagOf(c),
    id: c.systemId,
    systemVersion: `empire-sim ${SIMULATOR_VERSION}`,
    timestamp: c.rowVersion,
    name: c.name,
    displayName: c.displayName,
    businessProfileId: '',
    systemCreatedAt: c.systemCreatedAt ? new Date(c.systemCreatedAt).toISOString() : '0001-01-01T00:00:00Z',
    systemCreatedBy: c.systemCreatedBy || EMPTY_GUID,
    systemModifiedAt: c.systemModifiedAt ? new Date(c.systemModifiedAt).toISOString() : '0001-01-01T00:00:00Z',
    systemModifiedBy: c.systemModifiedBy || EMPTY_GUID,
  };
}

/** A company's property values as the filter evaluator compares them (date-times as Dates). */
function companyValues(c: Record<string, unknown>): Record<string, unknown> {
  return {
    ...c,
    systemCreatedAt: new Date(c.systemCreatedAt as string),
    systemModifiedAt: new Date(c.systemModifiedAt as string),
    // A bound null-GUID literal is blank (''), as the table fields' values are.
    systemCreatedBy: c.systemCreatedBy === EMPTY_GUID ? '' : c.systemCreatedBy,
    systemModifiedBy: c.systemModifiedBy === EMPTY_GUID ? '' : c.systemModifiedBy,
  };
}

function selectCompany(entity: Record<string, unknown>, query: RawQuery): Record<string, unknown> {
  const text = query.options.get('$select');
  if (text === undefined) return entity;
  const items = parseSelect(text);
  if (items === '*') return entity;
  for (const name of items) {
    if (!companyEntityType.byName.has(name)) throw HttpErrors.propertyNotDeclared(name, companyEntityType.qualifiedName);
  }
  const out: Record<string, unknown> = { '@odata.etag': entity['@odata.etag'] };
  for (const p of companyEntityType.properties) if (items.includes(p.name)) out[p.name] = entity[p.name];
  return out;
}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [x, y] = [String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

function topSkip(query: RawQuery, option: '$top' | '$skip'): number | undefined {
  const raw = query.options.get(option);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) throw HttpErrors.invalidTopSkip(raw, option);
  return Number(raw);
}

/** A company another instance created a moment ago is found too: unknown ids refresh the list once. */
/** A company by its id (a GUID) or, as BC's `company=[name]`, by its name. */
export async function findCompanyByRef(sim: Simulator, ref: string): Promise<Company> {
  if (isGuid(ref.replace(/^\{|\}$/g, ''))) return findCompany(sim, ref.replace(/^\{|\}$/g, '').toLowerCase());
  const known = () => sim.listCompanies().find((c) => c.name === ref);
  let company = known();
  if (!company) {
    await sim.refreshCompanies();
    company = known();
  }
  if (!company) throw new RecordNotFoundError(PlatformText.recordNotFound('Company', `Name='${ref}'`));
  return company;
}

export async function findCompany(sim: Simulator, id: string): Promise<Company> {
  const known = () => sim.listCompanies().find((c) => c.systemId === id);
  let company = known();
  if (!company) {
    await sim.refreshCompanies();
    company = known();
  }
  if (!company) throw new RecordNotFoundError(PlatformText.recordNotFound('Company', `Id='${id}'`));
  return company;
}
