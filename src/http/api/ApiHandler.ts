import type { Request, RequestHandler, Response } from 'express';
import { FindOperator } from 'typeorm';
import { ActionResult, ApiGroup, ApiPageDefinition, BoundActionDef, own, ParameterDef, Where } from '../../../pages/api/ApiPage';
import type { Company } from '../../../entities/System/Company.Table';
import type { User } from '../../../entities/System/User.Table';
import { RecordChangedError, RecordExistsError, RecordNotFoundError } from '../../runtime/BcError';
import type { Language } from '../../runtime/Labels';
import { TableClass, tableMeta } from '../../runtime/Metadata';
import { PlatformText } from '../../runtime/PlatformErrors';
import { coerceFieldValue, TableRecord } from '../../runtime/Record';
import type { Session } from '../../runtime/Session';
import type { Actor, Simulator } from '../../runtime/Simulator';
import { SIMULATOR_VERSION } from '../../config';
import { authenticatedUser } from '../auth';
import { dialogsForRequest, dialogTraceValue, DIALOG_TRACE_HEADER } from '../dialogs';
import { HttpErrors, ODataText } from '../HttpErrors';
import { handleBatch } from './batch';
import { etagOf, ifMatchAccepts } from './etag';
import { DEFAULT_MAX_PAGE_SIZE } from './limits';
import { companyEntityType } from './edmModel';
import { parseEntityBody, ParsedBody, serializeEntity } from './EntityCodec';
import { metadataDocument } from './metadata';
import { ApiResource, parseApiPath, PageStep } from './ODataPath';
import { andWhere, readRows, serializeRows, serializeWithExpand } from './odata/collection';
import { bindFilter } from './odata/bind';
import { evaluateFilter } from './odata/evaluate';
import { parseFilter, parseOrderBy, parseSelect } from './odata/parser';
import { CollectionOptions, planOptions, RawQuery, readQueryString, readSchemaVersion } from './odata/queryOptions';

/**
 * The API: one generic handler behind every API page. It adapts a request to
 * page operations (read with the OData query options, insert with validation
 * in page order and deep insert, modify, delete, bound actions) and runs each
 * request as ONE transaction (Simulator.run), so an error anywhere — a
 * trigger, a confirm nobody answered, a stale ETag — rolls the whole request
 * back. `$batch` runs its inner requests through the same code
 * (ApiService.handle), in one shared transaction with `Isolation: snapshot`.
 */

export { DEFAULT_MAX_PAGE_SIZE, MAX_BATCH_OPERATIONS } from './limits';

/** The header that reports $filter parts the simulator ignored as BC ignores them (any/all lambdas). */
export const IGNORED_FILTER_HEADER = 'X-Sim-Ignored-Filter';

export interface ApiOptions {
  /** Largest page of a collection (server-driven paging); `Prefer: odata.maxpagesize` may ask for less. */
  maxPageSize?: number;
  /** Status of a stale ETag inside a $batch (the error middleware has its own copy for plain requests). */
  conflictStatus?: number;
}

/** One API request, independent of Express (a $batch's inner requests are these too). */
export interface ApiCall {
  method: string;
  /** The path after `/api`, undecoded (`/v2.0/companies(…)/contacts`). */
  path: string;
  /** The query string without `?`, undecoded. */
  search: string;
  header(name: string): string | undefined;
  body: unknown;
  user: User;
  /** `http://host:port`, for absolute URLs in the response. */
  origin: string;
  /** Headers of the response, set also when the request fails (dialog trace, ignored filter...). */
  responseHeaders: Record<string, string>;
}

export interface ApiReply {
  status: number;
  /** A JSON body, or text (`/$count`, `$metadata`). */
  body?: unknown;
  contentType?: string;
  location?: string;
}

/** How a request gets its transaction: Simulator.run, or (in a snapshot $batch) the batch's shared one. */
export type CompanyRunner = <T>(companyId: string, actor: Actor, fn: (session: Session) => Promise<T>) => Promise<T>;

export class ApiService {
  readonly maxPageSize: number;
  readonly conflictStatus?: number;

  constructor(
    readonly sim: Simulator,
    readonly groups: ApiGroup[],
    options: ApiOptions = {},
  ) {
    this.maxPageSize = options.maxPageSize ?? DEFAULT_MAX_PAGE_SIZE;
    this.conflictStatus = options.conflictStatus;
  }

  async handle(call: ApiCall, run?: CompanyRunner): Promise<ApiReply> {
    const runner: CompanyRunner = run ?? ((id, actor, fn) => this.sim.run(id, actor, fn));
    const resource = parseApiPath(call.path, this.groups);
    const method = call.method === 'HEAD' ? 'GET' : call.method;
    const query = readQueryString(call.search);
    const baseUrl = `${call.origin}${resource.basePath}`;
    switch (resource.kind) {
      case 'serviceDocument':
        return serviceDocument(resource.group, method, baseUrl, resource.basePath);
      case 'metadata':
        if (method !== 'GET') throw HttpErrors.methodNotAllowed(method, '$metadata', 'ServiceDocument');
        return { status: 200, body: metadataDocument(resource.group), contentType: 'application/xml' };
      case 'batch':
        if (method !== 'POST') throw HttpErrors.methodNotAllowed(method, '$batch', 'ServiceDocument');
        return handleBatch(this, call, resource.basePath);
      case 'companies':
        return this.companies(method, baseUrl, resource, query);
      case 'page':
        return this.pageRequest(call, method, baseUrl, resource, query, runner);
    }
  }

  // ---- companies (system database, no company transaction) ----

  private async companies(method: string, baseUrl: string, resource: Extract<ApiResource, { kind: 'companies' }>, query: RawQuery): Promise<ApiReply> {
    const { companyId } = resource;
    if (method !== 'GET') throw HttpErrors.methodNotAllowed(method, 'companies', companyId ? 'Entity' : 'EntitySet');
    if (companyId) {
      for (const key of query.options.keys()) {
        if (key !== '$select' && key !== '$schemaversion' && key !== '$format') throw HttpErrors.optionNotAllowedHere(key);
      }
      const entity = companyEntity(await findCompany(this.sim, companyId));
      return { status: 200, body: { '@odata.context': `${baseUrl}/$metadata#companies/$entity`, ...selectCompany(entity, query) } };
    }
    for (const key of query.options.keys()) {
      if (key === '$expand' || key === '$skiptoken') throw HttpErrors.optionNotAllowedHere(key);
    }
    const plan = readSchemaVersion(query.options);
    const filterText = query.options.get('$filter');
    let all = this.sim.listCompanies().map(companyEntity);
    if (filterText !== undefined) {
      const { bound } = bindFilter(parseFilter(filterText), companyEntityType, { nestedFunctions: plan.nestedFunctions, navigations: [] });
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

  // ---- API pages ----

  private async pageRequest(
    call: ApiCall,
    method: string,
    baseUrl: string,
    resource: Extract<ApiResource, { kind: 'page' }>,
    query: RawQuery,
    run: CompanyRunner,
  ): Promise<ApiReply> {
    const company = await findCompany(this.sim, resource.companyId);
    const { steps, action } = resource;
    const last = steps[steps.length - 1];
    const page = last.page;
    const target = action ? 'action' : last.key === undefined ? 'collection' : 'entity';
    const segment = action ? `Microsoft.NAV.${action.name}` : (last.navigationName ?? page.entitySetName);

    // Everything that needs no data is checked before the transaction starts.
    if (resource.count && method !== 'GET') throw HttpErrors.methodNotAllowed(method, '$count', 'EntitySet');
    if (target === 'collection' && !(method === 'GET' || (method === 'POST' && page.insertAllowed))) {
      throw HttpErrors.methodNotAllowed(method, segment, 'EntitySet');
    }
    if (target === 'entity') {
      const allowed = method === 'GET' || (method === 'PATCH' && page.modifyAllowed) || (method === 'DELETE' && page.deleteAllowed);
      if (!allowed) throw HttpErrors.methodNotAllowed(method, segment, 'Entity');
    }
    if (target === 'action' && method !== 'POST') throw HttpErrors.methodNotAllowed(method, segment, 'Action');
    const schema = readSchemaVersion(query.options);
    const shape = resource.count ? 'count' : target === 'collection' && method === 'GET' ? 'collection' : 'entity';
    const options = planOptions(page, query.options, shape, schema.nestedFunctions);
    const ifMatch = call.header('if-match');
    if ((method === 'PATCH' || method === 'DELETE') && !ifMatch) throw HttpErrors.invalidToken();
    const body =
      target === 'action'
        ? undefined
        : method === 'POST'
          ? parseEntityBody(page, call.body, 'insert')
          : method === 'PATCH'
            ? parseEntityBody(page, call.body, 'modify')
            : undefined;
    const params = action ? parseActionParameters(action.name, action.def, call.body) : {};
    const paging = target === 'collection' && method === 'GET' && !resource.count ? this.paging(call, resource) : undefined;
    if (options.filter?.ignored.length) {
      call.responseHeaders[IGNORED_FILTER_HEADER] = asciiHeader(
        `any/all lambda expressions in $filter are ignored, as Business Central ignores them: ${options.filter.ignored.join('; ')}`,
      );
    }

    const user = call.user;
    const dialogs = dialogsForRequest(call.header.bind(call), action?.def.dialogAnswers?.(params));
    const context: RequestContext = { baseUrl, companyId: company.systemId, steps, options };
    try {
      return await run(company.systemId, { userId: user.userName, dialogs, language: languageFor(call, user) }, async (session) => {
        const resolved = await resolveSteps(session, steps);
        if (action) return runAction(session, context, page, resolved.rec!, action.def, params);
        switch (method) {
          case 'GET':
            if (resource.count) {
              const { count } = await readRows(session, page, resolved.where, { ...options, count: true, top: 0 });
              return { status: 200, body: String(count ?? 0), contentType: 'text/plain' };
            }
            return target === 'collection'
              ? this.readCollection(session, call, context, page, resolved.where, paging!)
              : readEntity(session, context, page, resolved.rec!);
          case 'POST':
            return insertEntity(session, context, page, resolved.where, body!);
          case 'PATCH':
            return modifyEntity(session, context, page, resolved.rec!, body!, ifMatch!);
          default:
            return deleteEntity(session, resolved.rec!, ifMatch!);
        }
      });
    } finally {
      const trace = dialogTraceValue(dialogs.trace);
      if (trace) call.responseHeaders[DIALOG_TRACE_HEADER] = trace;
    }
  }

  /** `Prefer: odata.maxpagesize=N` (capped at the maximum; answered with Preference-Applied). */
  private paging(call: ApiCall, resource: Extract<ApiResource, { kind: 'page' }>) {
    let pageSize = this.maxPageSize;
    let preferred = false;
    for (const pref of (call.header('prefer') ?? '').split(',')) {
      const m = /^\s*(?:odata\.)?maxpagesize\s*=\s*"?(\d+)"?\s*$/i.exec(pref);
      if (m && Number(m[1]) > 0) {
        pageSize = Math.min(Number(m[1]), this.maxPageSize);
        preferred = true;
      }
    }
    if (preferred) call.responseHeaders['Preference-Applied'] = `odata.maxpagesize=${pageSize}`;
    return { pageSize, preferred, resource: `${resource.companyId}${call.path}` };
  }

  private async readCollection(
    session: Session,
    call: ApiCall,
    ctx: RequestContext,
    page: ApiPageDefinition<any>,
    where: Where<any> | null,
    paging: ReturnType<ApiService['paging']>,
  ): Promise<ApiReply> {
    const { rows, nextToken, count } = await readRows(session, page, where, ctx.options, paging);
    const body: Record<string, unknown> = { '@odata.context': contextUrl(ctx, false) };
    if (count !== undefined) body['@odata.count'] = count;
    body.value = await serializeRows(session, page, rows, ctx.options);
    if (nextToken) body['@odata.nextLink'] = nextLink(call, nextToken);
    return { status: 200, body };
  }
}

/** The request again with `$skiptoken` (and without `$skip`, which the token already accounts for). */
function nextLink(call: ApiCall, token: string): string {
  const parts = readQueryString(call.search)
    .pairs.filter(([k]) => k !== '$skiptoken' && k !== '$skip')
    .map(([k, v]) => `${encodeQueryPart(k)}=${encodeQueryPart(v)}`);
  parts.push(`$skiptoken=${token}`);
  return `${call.origin}/api${call.path}?${parts.join('&')}`;
}

/** Keeps `$`, `,`, `(`, `)`, `'`, `/` and `:` readable (as OData clients write them); everything else percent-encoded. */
function encodeQueryPart(text: string): string {
  return encodeURIComponent(text).replace(/%24/g, '$').replace(/%2C/g, ',').replace(/%2F/g, '/').replace(/%3A/g, ':');
}

/** Header values are Latin-1 at best: non-ASCII and control characters \u-escaped. */
function asciiHeader(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// ---- Express ----

/** The Express end of the API: request → ApiCall → ApiService → response. */
export function apiHandler(sim: Simulator, groups: ApiGroup[], options: ApiOptions = {}): RequestHandler {
  const service = new ApiService(sim, groups, options);
  return async (req, res) => {
    const call = callFromRequest(req, res);
    const copyHeaders = () => {
      for (const [k, v] of Object.entries(call.responseHeaders)) res.setHeader(k, v);
    };
    let reply: ApiReply;
    try {
      reply = await service.handle(call);
    } catch (err) {
      // The error middleware writes the envelope; the dialog trace and the like still go with it.
      copyHeaders();
      throw err;
    }
    copyHeaders();
    send(res, reply);
  };
}

function callFromRequest(req: Request, res: Response): ApiCall {
  const q = req.originalUrl.indexOf('?');
  return {
    method: req.method,
    path: req.path,
    search: q < 0 ? '' : req.originalUrl.slice(q + 1),
    header: (name) => req.get(name),
    body: req.body,
    user: authenticatedUser(res.locals),
    origin: `${req.protocol}://${req.get('host')}`,
    responseHeaders: {},
  };
}

function send(res: Response, reply: ApiReply): void {
  res.status(reply.status);
  res.setHeader('OData-Version', '4.0');
  if (reply.location) res.setHeader('Location', reply.location);
  if (reply.body === undefined) {
    res.end();
    return;
  }
  if (typeof reply.body === 'string') {
    res.type(reply.contentType ?? 'text/plain');
    res.send(reply.body);
    return;
  }
  res.type('application/json; odata.metadata=minimal');
  res.send(JSON.stringify(reply.body));
}

// ---- service document and companies ----

function serviceDocument(group: ApiGroup, method: string, baseUrl: string, basePath: string): ApiReply {
  if (method !== 'GET') throw HttpErrors.methodNotAllowed(method, basePath.split('/').pop()!, 'ServiceDocument');
  const sets = ['companies', ...group.pages.map((p) => p.entitySetName)];
  return {
    status: 200,
    body: { '@odata.context': `${baseUrl}/$metadata`, value: sets.map((name) => ({ name, kind: 'EntitySet', url: name })) },
  };
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
    systemModifiedAt: c.systemModifiedAt ? new Date(c.systemModifiedAt).toISOString() : '0001-01-01T00:00:00Z',
  };
}

/** A company's property values as the filter evaluator compares them (date-times as Dates). */
function companyValues(c: Record<string, unknown>): Record<string, unknown> {
  return {
    ...c,
    systemCreatedAt: new Date(c.systemCreatedAt as string),
    systemModifiedAt: new Date(c.systemModifiedAt as string),
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
async function findCompany(sim: Simulator, id: string): Promise<Company> {
  const known = () => sim.listCompanies().find((c) => c.systemId === id);
  let company = known();
  if (!company) {
    await sim.refreshCompanies();
    company = known();
  }
  if (!company) throw new RecordNotFoundError(PlatformText.recordNotFound('Company', `Id='${id}'`));
  return company;
}

// ---- API pages ----

interface RequestContext {
  baseUrl: string;
  companyId: string;
  steps: PageStep[];
  options: CollectionOptions;
}

/** `companies(…)/teams(…)/tasks` (+ `/$entity`): the resource path in `@odata.context`; `(a,b)` after a $select. */
function contextUrl(ctx: RequestContext, entity: boolean, page?: ApiPageDefinition<any>): string {
  const parts = ctx.steps.map((s, i) => {
    const name = s.navigationName ?? s.page.entitySetName;
    return i < ctx.steps.length - 1 ? `${name}(${s.key})` : name;
  });
  const path = page ? page.entitySetName : parts.join('/');
  const select = ctx.options.select ? `(${[...ctx.options.select].join(',')})` : '';
  return `${ctx.baseUrl}/$metadata#companies(${ctx.companyId})/${path}${select}${entity ? '/$entity' : ''}`;
}

function canonicalUrl(ctx: RequestContext, page: ApiPageDefinition<any>, rec: TableRecord): string {
  return `${ctx.baseUrl}/companies(${ctx.companyId})/${page.entitySetName}(${rec.systemId})`;
}

/**
 * Walks the page chain with the data: each navigation property's link is
 * computed from the record before it (AL SubPageLink), each key is looked up
 * inside the page's view and link — a record outside them is not found.
 */
async function resolveSteps(session: Session, steps: PageStep[]): Promise<{ where: Where<any> | null; rec?: TableRecord }> {
  let where: Where<any> | null = steps[0].page.sourceTableView ?? {};
  let rec: TableRecord | undefined;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (i > 0) {
      const link = await step.navigation!.link(rec!, session);
      where = link === null ? null : andWhere(step.page.sourceTableView ?? {}, link);
    }
    if (step.key === undefined) {
      rec = undefined;
      continue;
    }
    const found: TableRecord | null = where === null ? null : await session.findFirst(step.page.table, andWhere(where, { systemId: step.key }));
    if (!found) throw new RecordNotFoundError(PlatformText.recordNotFound(tableMeta(step.page.table).caption, `Id='${step.key}'`));
    rec = found;
  }
  return { where, rec };
}

async function readEntity(session: Session, ctx: RequestContext, page: ApiPageDefinition<any>, rec: TableRecord): Promise<ApiReply> {
  return { status: 200, body: { '@odata.context': contextUrl(ctx, true), ...(await serializeWithExpand(session, page, rec, ctx.options)) } };
}

/**
 * POST: a new record (Init), the view's and the navigation link's values,
 * then Validate of each given field in page order (CurrFieldNo set, as a page
 * does), then Insert(true) — BC's API pages are DelayedInsert. Then the deep
 * insert: each nested collection's entities are inserted the same way
 * through the navigation property, in the same transaction. The answer shows
 * the new entity with the nested entities it created (and any $expand).
 */
async function insertEntity(
  session: Session,
  ctx: RequestContext,
  page: ApiPageDefinition<any>,
  where: Where<any> | null,
  body: ParsedBody,
): Promise<ApiReply> {
  const { rec, nested } = await insertRecord(session, page, where, body);
  const entity = await serializeWithExpand(session, page, rec, ctx.options);
  for (const [name, children] of nested) {
    if (!(name in entity)) entity[name] = children;
  }
  return {
    status: 201,
    location: canonicalUrl(ctx, page, rec),
    body: { '@odata.context': contextUrl(ctx, true), ...entity },
  };
}

async function insertRecord(
  session: Session,
  page: ApiPageDefinition<any>,
  where: Where<any> | null,
  body: ParsedBody,
): Promise<{ rec: TableRecord; nested: Map<string, Record<string, unknown>[]> }> {
  if (where === null) throw HttpErrors.notSupported('Creating an entity through a navigation property that links to nothing');
  const rec = session.create(page.table) as TableRecord;
  if (!Array.isArray(where)) {
    for (const [property, value] of Object.entries(where)) {
      if (!(value instanceof FindOperator) && (typeof value !== 'object' || value === null)) (rec as any)[property] = value;
    }
  }
  for (const a of body.assignments) await rec.validate(a.info.property!, a.value, { fromPage: true });
  if (body.systemId) {
    if (await session.exists(page.table, { systemId: body.systemId })) {
      throw new RecordExistsError(PlatformText.recordExists(tableMeta(page.table).caption, `Id='${body.systemId}'`));
    }
    // Only now: until Insert a blank SystemId is how triggers tell a new record from a stored one.
    rec.systemId = body.systemId;
  }
  await rec.insert(true);
  await rec.reload();
  const nested = new Map<string, Record<string, unknown>[]>();
  for (const deep of body.nested) {
    const link = await deep.navigation.link(rec, session);
    const childWhere = link === null ? null : andWhere(deep.page.sourceTableView ?? {}, link);
    const created: Record<string, unknown>[] = [];
    for (const item of deep.items) {
      const child = await insertRecord(session, deep.page, childWhere, item);
      const json = await serializeEntity(deep.page, child.rec, session);
      for (const [name, grandChildren] of child.nested) json[name] = grandChildren;
      created.push(json);
    }
    nested.set(deep.name, created);
  }
  return { rec, nested };
}

/** PATCH: the ETag must be current; the given fields are validated in page order, then Modify(true). */
async function modifyEntity(
  session: Session,
  ctx: RequestContext,
  page: ApiPageDefinition<any>,
  rec: TableRecord,
  body: ParsedBody,
  ifMatch: string,
): Promise<ApiReply> {
  rec = await lockedCurrent(session, rec);
  if (!ifMatchAccepts(ifMatch, etagOf(rec))) throw new RecordChangedError(ODataText.entityChanged);
  let changed = false;
  for (const a of body.assignments) {
    if (a.info.primaryKey) {
      // Same key value: nothing to do. A different one would be a Rename, which the simulator does not do.
      if (coerceFieldValue(a.info.meta!, a.value) === (rec as any)[a.info.property!]) continue;
      throw HttpErrors.notSupported(`Renaming a ${tableMeta(page.table).caption} through the API (changing ${a.info.meta!.caption})`);
    }
    await rec.validate(a.info.property!, a.value, { fromPage: true });
    changed = true;
  }
  if (changed) await rec.modify(true);
  await rec.reload();
  return { status: 200, body: { '@odata.context': contextUrl(ctx, true), ...(await serializeWithExpand(session, page, rec, ctx.options)) } };
}

async function deleteEntity(session: Session, rec: TableRecord, ifMatch: string): Promise<ApiReply> {
  rec = await lockedCurrent(session, rec);
  if (!ifMatchAccepts(ifMatch, etagOf(rec))) throw new RecordChangedError(ODataText.entityChanged);
  await rec.delete(true);
  return { status: 204 };
}

/**
 * The record as stored, under a row lock on server databases: a concurrent
 * PATCH of the same row waits for the first to commit and then fails the
 * ETag check with BC's "Another user has already changed the record.", as on
 * SQLite where the transactions run one after the other.
 */
async function lockedCurrent(session: Session, rec: TableRecord): Promise<TableRecord> {
  return session.getForUpdate(rec.constructor as TableClass<TableRecord>, ...rec.keyValues());
}

async function runAction(
  session: Session,
  ctx: RequestContext,
  page: ApiPageDefinition<any>,
  rec: TableRecord,
  def: BoundActionDef<any>,
  params: Record<string, unknown>,
): Promise<ApiReply> {
  const result: ActionResult = await def.run({ session, rec, page }, params);
  switch (result.kind) {
    case 'updated':
      await rec.reload();
      return { status: 200, body: { '@odata.context': contextUrl(ctx, true), ...(await serializeWithExpand(session, page, rec, ctx.options)) } };
    case 'created': {
      await result.record.reload();
      const body = result.body ?? {
        '@odata.context': contextUrl(ctx, true, result.page),
        ...(await serializeRows(session, result.page, [result.record], { expand: [] }))[0],
      };
      return { status: 201, location: canonicalUrl(ctx, result.page, result.record), body };
    }
    case 'none':
      return { status: 204 };
  }
}

// ---- request parts ----

const EDM_OF: Record<ParameterDef['type'], string> = {
  string: 'Edm.String',
  boolean: 'Edm.Boolean',
  number: 'Edm.Decimal',
  object: 'Edm.ComplexType',
};

/** An action's JSON body: known parameters of the right JSON type, required ones present. */
function parseActionParameters(action: string, def: BoundActionDef<any>, body: unknown): Record<string, unknown> {
  if (body === undefined) body = {};
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw HttpErrors.invalidRequestBody();
  const given = body as Record<string, unknown>;
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given)) {
    if (key.includes('@')) continue;
    const spec = own(def.parameters, key);
    if (!spec) throw HttpErrors.unknownParameter(key, action);
    if (value === null) continue;
    if (spec.type === 'object') {
      if (typeof value !== 'object' || Array.isArray(value)) throw HttpErrors.invalidRequestBody();
      for (const member of Object.keys(value as object)) {
        if (spec.members && !spec.members.includes(member)) throw HttpErrors.unknownParameter(`${key}/${member}`, action);
      }
    } else if (typeof value !== spec.type) {
      throw HttpErrors.cannotConvertPrimitive(EDM_OF[spec.type]);
    }
    params[key] = value;
  }
  for (const [key, spec] of Object.entries(def.parameters)) {
    if (spec.required && params[key] === undefined) throw HttpErrors.missingParameter(key, action);
  }
  return params;
}

/** Accept-Language picks the language of texts; otherwise the user's own language. */
function languageFor(call: ApiCall, user: User): Language {
  const accept = (call.header('accept-language') ?? '').trim().toLowerCase();
  if (accept.startsWith('nl')) return 'nl-NL';
  if (accept.startsWith('en')) return 'en-US';
  return user.language === 'nl-NL' ? 'nl-NL' : 'en-US';
}
