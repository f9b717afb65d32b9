import type { Request, RequestHandler, Response } from 'express';
import { FindOperator } from 'typeorm';
import { ActionResult, ApiGroup, ApiPageDefinition, BoundActionDef, ParameterDef, Where } from '../../../pages/api/ApiPage';
import type { Company } from '../../../entities/System/Company.Table';
import type { User } from '../../../entities/System/User.Table';
import { RecordChangedError, RecordExistsError, RecordNotFoundError } from '../../runtime/BcError';
import type { Language } from '../../runtime/Labels';
import { tableMeta } from '../../runtime/Metadata';
import { PlatformText } from '../../runtime/PlatformErrors';
import { coerceFieldValue, TableRecord } from '../../runtime/Record';
import type { Session } from '../../runtime/Session';
import type { Simulator } from '../../runtime/Simulator';
import { SIMULATOR_VERSION } from '../../config';
import { authenticatedUser } from '../auth';
import { dialogsForRequest, setDialogTrace } from '../dialogs';
import { HttpErrors, ODataText } from '../HttpErrors';
import { etagOf, ifMatchAccepts } from './etag';
import { parseEntityBody, ParsedBody, serializeEntity } from './EntityCodec';
import { ApiResource, parseApiPath, PageStep } from './ODataPath';

/**
 * The one handler behind every API page: it adapts HTTP to page operations
 * (read, insert with validation in page order, modify, delete, bound actions)
 * and runs each request as ONE transaction (Simulator.run), so an error
 * anywhere — a trigger, a confirm nobody answered, a stale ETag — rolls the
 * whole request back.
 */
export function apiHandler(sim: Simulator, groups: ApiGroup[]): RequestHandler {
  return async (req, res) => {
    const resource = parseApiPath(req.path, groups);
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const baseUrl = `${req.protocol}://${req.get('host')}${resource.basePath}`;
    let reply: Reply;
    switch (resource.kind) {
      case 'serviceDocument':
        reply = serviceDocument(resource.group, method, baseUrl, resource.basePath);
        break;
      case 'companies':
        reply = companies(sim, method, baseUrl, resource.companyId, req);
        break;
      case 'page':
        reply = await pageRequest(sim, req, res, method, baseUrl, resource);
        break;
    }
    send(res, reply);
  };
}

interface Reply {
  status: number;
  body?: Record<string, unknown>;
  location?: string;
}

function send(res: Response, reply: Reply): void {
  res.status(reply.status);
  res.setHeader('OData-Version', '4.0');
  if (reply.location) res.setHeader('Location', reply.location);
  if (reply.body === undefined) {
    res.end();
    return;
  }
  res.type('application/json; odata.metadata=minimal');
  res.send(JSON.stringify(reply.body));
}

// ---- service document and companies (system database, no company transaction) ----

function serviceDocument(group: ApiGroup, method: string, baseUrl: string, basePath: string): Reply {
  if (method !== 'GET') throw HttpErrors.methodNotAllowed(method, basePath.split('/').pop()!, 'ServiceDocument');
  const sets = ['companies', ...group.pages.map((p) => p.entitySetName)];
  return {
    status: 200,
    body: { '@odata.context': `${baseUrl}/$metadata`, value: sets.map((name) => ({ name, kind: 'EntitySet', url: name })) },
  };
}

function companies(sim: Simulator, method: string, baseUrl: string, companyId: string | undefined, req: Request): Reply {
  if (method !== 'GET') throw HttpErrors.methodNotAllowed(method, 'companies', companyId ? 'Entity' : 'EntitySet');
  if (companyId) {
    return { status: 200, body: { '@odata.context': `${baseUrl}/$metadata#companies/$entity`, ...companyEntity(findCompany(sim, companyId)) } };
  }
  const { top, skip } = queryOptions(req);
  const all = sim.listCompanies().slice(skip, top === undefined ? undefined : skip + top);
  return { status: 200, body: { '@odata.context': `${baseUrl}/$metadata#companies`, value: all.map(companyEntity) } };
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

function findCompany(sim: Simulator, id: string): Company {
  const company = sim.listCompanies().find((c) => c.systemId === id);
  if (!company) throw new RecordNotFoundError(PlatformText.recordNotFound('Company', `Id='${id}'`));
  return company;
}

// ---- API pages ----

type PageResource = Extract<ApiResource, { kind: 'page' }>;

async function pageRequest(sim: Simulator, req: Request, res: Response, method: string, baseUrl: string, resource: PageResource): Promise<Reply> {
  const company = findCompany(sim, resource.companyId);
  const { steps, action } = resource;
  const last = steps[steps.length - 1];
  const page = last.page;
  const target = action ? 'action' : last.key === undefined ? 'collection' : 'entity';
  const segment = action ? `Microsoft.NAV.${action.name}` : (last.navigationName ?? page.entitySetName);

  // Everything that needs no data is checked before the transaction starts.
  if (target === 'collection' && !(method === 'GET' || (method === 'POST' && page.insertAllowed))) {
    throw HttpErrors.methodNotAllowed(method, segment, 'EntitySet');
  }
  if (target === 'entity') {
    const allowed = method === 'GET' || (method === 'PATCH' && page.modifyAllowed) || (method === 'DELETE' && page.deleteAllowed);
    if (!allowed) throw HttpErrors.methodNotAllowed(method, segment, 'Entity');
  }
  if (target === 'action' && method !== 'POST') throw HttpErrors.methodNotAllowed(method, segment, 'Action');
  const paging = queryOptions(req);
  const ifMatch = req.get('if-match');
  if ((method === 'PATCH' || method === 'DELETE') && !ifMatch) throw HttpErrors.invalidToken();
  const body =
    target === 'action'
      ? undefined
      : method === 'POST'
        ? parseEntityBody(page, req.body, 'insert')
        : method === 'PATCH'
          ? parseEntityBody(page, req.body, 'modify')
          : undefined;
  const params = action ? parseActionParameters(action.name, action.def, req.body) : {};

  const user = authenticatedUser(res.locals);
  const dialogs = dialogsForRequest(req, action?.def.dialogAnswers?.(params));
  const context: RequestContext = { baseUrl, companyId: company.systemId, steps };
  try {
    return await sim.run(company.systemId, { userId: user.userName, dialogs, language: languageFor(req, user) }, async (session) => {
      const resolved = await resolveSteps(session, steps);
      if (action) return runAction(session, context, page, resolved.rec!, action.def, params);
      switch (method) {
        case 'GET':
          return target === 'collection' ? readCollection(session, context, page, resolved.where, paging) : readEntity(session, context, page, resolved.rec!);
        case 'POST':
          return insertEntity(session, context, page, resolved.where, body!);
        case 'PATCH':
          return modifyEntity(session, context, page, resolved.rec!, body!, ifMatch!);
        default:
          return deleteEntity(resolved.rec!, ifMatch!);
      }
    });
  } finally {
    setDialogTrace(res, dialogs.trace);
  }
}

interface RequestContext {
  baseUrl: string;
  companyId: string;
  steps: PageStep[];
}

/** `companies(…)/teams(…)/tasks` (+ `/$entity`): the resource path in `@odata.context`. */
function contextUrl(ctx: RequestContext, entity: boolean): string {
  const parts = ctx.steps.map((s, i) => {
    const name = s.navigationName ?? s.page.entitySetName;
    return i < ctx.steps.length - 1 ? `${name}(${s.key})` : name;
  });
  return `${ctx.baseUrl}/$metadata#companies(${ctx.companyId})/${parts.join('/')}${entity ? '/$entity' : ''}`;
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

/** AND of two TypeORM where clauses (an array is an OR of its members). */
function andWhere(a: Where<any>, b: Where<any>): Where<any> {
  const as = Array.isArray(a) ? a : [a];
  const bs = Array.isArray(b) ? b : [b];
  const out = as.flatMap((x) => bs.map((y) => ({ ...x, ...y })));
  return out.length === 1 ? out[0] : out;
}

async function readCollection(
  session: Session,
  ctx: RequestContext,
  page: ApiPageDefinition<any>,
  where: Where<any> | null,
  paging: Paging,
): Promise<Reply> {
  let rows: TableRecord[] = [];
  if (where !== null && paging.top !== 0) {
    rows = await session.find(page.table, where, page.order, paging.top === undefined ? undefined : paging.skip + paging.top);
    rows = rows.slice(paging.skip);
  }
  const value = [];
  for (const r of rows) value.push(await serializeEntity(page, r, session));
  return { status: 200, body: { '@odata.context': contextUrl(ctx, false), value } };
}

async function readEntity(session: Session, ctx: RequestContext, page: ApiPageDefinition<any>, rec: TableRecord): Promise<Reply> {
  return { status: 200, body: { '@odata.context': contextUrl(ctx, true), ...(await serializeEntity(page, rec, session)) } };
}

/**
 * POST: a new record (Init), the view's and the navigation link's values,
 * then Validate of each given field in page order (CurrFieldNo set, as a page
 * does), then Insert(true) — BC's API pages are DelayedInsert.
 */
async function insertEntity(
  session: Session,
  ctx: RequestContext,
  page: ApiPageDefinition<any>,
  where: Where<any> | null,
  body: ParsedBody,
): Promise<Reply> {
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
  return {
    status: 201,
    location: canonicalUrl(ctx, page, rec),
    body: { '@odata.context': contextUrl(ctx, true), ...(await serializeEntity(page, rec, session)) },
  };
}

/** PATCH: the ETag must be current; the given fields are validated in page order, then Modify(true). */
async function modifyEntity(
  session: Session,
  ctx: RequestContext,
  page: ApiPageDefinition<any>,
  rec: TableRecord,
  body: ParsedBody,
  ifMatch: string,
): Promise<Reply> {
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
  return { status: 200, body: { '@odata.context': contextUrl(ctx, true), ...(await serializeEntity(page, rec, session)) } };
}

async function deleteEntity(rec: TableRecord, ifMatch: string): Promise<Reply> {
  if (!ifMatchAccepts(ifMatch, etagOf(rec))) throw new RecordChangedError(ODataText.entityChanged);
  await rec.delete(true);
  return { status: 204 };
}

async function runAction(
  session: Session,
  ctx: RequestContext,
  page: ApiPageDefinition<any>,
  rec: TableRecord,
  def: BoundActionDef<any>,
  params: Record<string, unknown>,
): Promise<Reply> {
  const result: ActionResult = await def.run({ session, rec, page }, params);
  switch (result.kind) {
    case 'updated':
      await rec.reload();
      return { status: 200, body: { '@odata.context': contextUrl(ctx, true), ...(await serializeEntity(page, rec, session)) } };
    case 'created': {
      await result.record.reload();
      const body = result.body ?? {
        '@odata.context': `${ctx.baseUrl}/$metadata#companies(${ctx.companyId})/${result.page.entitySetName}/$entity`,
        ...(await serializeEntity(result.page, result.record, session)),
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
    const spec = def.parameters[key];
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

interface Paging {
  top?: number;
  skip: number;
}

/** `$top`/`$skip` only, for now; any other system query option fails loudly (501) instead of being ignored. */
function queryOptions(req: Request): Paging {
  const paging: Paging = { skip: 0 };
  for (const [key, raw] of Object.entries(req.query)) {
    if (!key.startsWith('$')) continue;
    if (key !== '$top' && key !== '$skip') throw HttpErrors.notSupported(`The query option ${key}`);
    const value = Array.isArray(raw) ? raw.join(',') : String(raw);
    if (!/^\d+$/.test(value)) throw HttpErrors.invalidTopSkip(value, key);
    if (key === '$top') paging.top = Number(value);
    else paging.skip = Number(value);
  }
  return paging;
}

/** Accept-Language picks the language of texts; otherwise the user's own language. */
function languageFor(req: Request, user: User): Language {
  const accept = (req.get('accept-language') ?? '').trim().toLowerCase();
  if (accept.startsWith('nl')) return 'nl-NL';
  if (accept.startsWith('en')) return 'en-US';
  return user.language === 'nl-NL' ? 'nl-NL' : 'en-US';
}
