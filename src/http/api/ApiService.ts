import type { ApiGroup, ApiPageDefinition, Where } from '../../../pages/api/ApiPage';
import type { User } from '../../../entities/System/User.Table';
import { requestLanguage, type Language } from '../../runtime/Labels';
import type { Session } from '../../runtime/Session';
import type { Simulator } from '../../host/Simulator';
import { requireCompanyAccess } from '../auth';
import { dialogsForRequest, dialogTraceValue, DIALOG_TRACE_HEADER } from '../dialogs';
import { HttpErrors } from '../HttpErrors';
import { parseActionParameters, runAction } from './actions';
import { ApiCall, ApiReply, CompanyRunner, jsonReply } from './apiCall';
import { handleBatch } from './batch';
import { deleteEntity, insertEntity, modifyEntity, readEntity, resolveSteps } from './entityOperations';
import { parseEntityBody } from './EntityCodec';
import { DEFAULT_MAX_PAGE_SIZE, RESPONSE_LIMITS, ResponseBudget, ResponseLimits } from './limits';
import { metadataDocument } from './metadata';
import { EMPTY_GUID } from './edm';
import { ApiResource, parseApiPath, pathWithCompany } from './ODataPath';
import { readRows, writeRows } from './odata/collection';
import { planOptions, RawQuery, readQueryString, readSchemaVersion } from './odata/queryOptions';
import { companies, findCompany, findCompanyByRef, serviceDocument } from './serviceDocument';
import { contextUrl, nextLink, RequestContext } from './urls';

/**
 * The API: one generic handler behind every API page. It adapts a request to
 * page operations (read with the OData query options, insert with validation
 * in page order and deep insert, modify, delete, bound actions) and runs each
 * request as ONE transaction (Simulator.run), so an error anywhere — a
 * trigger, a confirm nobody answered, a stale ETag — rolls the whole request
 * back. `$batch` runs its inner requests through the same code
 * (ApiService.handle), in one shared transaction with `Isolation: snapshot`.
 * This file decides what a request is and checks what needs no data; the
 * work is in entityOperations.ts, actions.ts and serviceDocument.ts, and
 * express.ts is the only part that knows Express.
 */

/** The header that reports $filter parts the simulator ignored as BC ignores them (any/all lambdas). */
export const IGNORED_FILTER_HEADER = 'X-Sim-Ignored-Filter';

export interface ApiOptions extends ResponseLimits {
  /** Largest page of a collection (server-driven paging); `Prefer: odata.maxpagesize` may ask for less. */
  maxPageSize?: number;
  /** Status of a stale ETag inside a $batch (the error middleware has its own copy for plain requests). */
  conflictStatus?: number;
}

export class ApiService {
  readonly maxPageSize: number;
  readonly conflictStatus?: number;
  readonly responseLimits: Required<ResponseLimits>;

  constructor(
    readonly sim: Simulator,
    readonly groups: ApiGroup[],
    options: ApiOptions = {},
  ) {
    this.maxPageSize = options.maxPageSize ?? DEFAULT_MAX_PAGE_SIZE;
    this.conflictStatus = options.conflictStatus;
    this.responseLimits = {
      maxExpandedEntities: options.maxExpandedEntities ?? RESPONSE_LIMITS.maxExpandedEntities,
      maxBatchEntities: options.maxBatchEntities ?? RESPONSE_LIMITS.maxBatchEntities,
    };
  }

  async handle(call: ApiCall, run?: CompanyRunner): Promise<ApiReply> {
    const runner: CompanyRunner = run ?? ((id, actor, fn) => this.sim.run(id, actor, fn));
    const resource = parseApiPath(await this.companyPath(call), this.groups, call.requestUri ?? `${call.origin}/api${call.path}${call.search ? `?${call.search}` : ''}`);
    const method = call.method === 'HEAD' ? 'GET' : call.method;
    const query = readQueryString(call.search);
    const baseUrl = `${call.origin}${resource.basePath}`;
    // BC runs a ReadOnly request on a read-only replica, where a write throws; refused here before anything runs.
    if (method !== 'GET' && resource.kind !== 'batch' && /^\s*readonly\s*$/i.test(call.header('Data-Access-Intent') ?? '')) {
      throw HttpErrors.readOnlyIntent(method);
    }
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
        return companies(this.sim, call.user, method, baseUrl, resource, query);
      case 'page':
        return this.pageRequest(call, method, baseUrl, resource, query, runner);
    }
  }

  /**
   * The request's path with the company of `?company=` or the `Company` header put in as `companies(<id>)/`,
   * when the path addresses an entity set without one; the company is looked up by id or name.
   */
  async companyPath(call: Pick<ApiCall, 'path' | 'search' | 'header'>): Promise<string> {
    const ref = companyParameter(call);
    if (ref === undefined || pathWithCompany(call.path, this.groups, EMPTY_GUID) === undefined) return call.path;
    const company = await findCompanyByRef(this.sim, ref);
    return pathWithCompany(call.path, this.groups, company.systemId)!;
  }

  private async pageRequest(
    call: ApiCall,
    method: string,
    baseUrl: string,
    resource: Extract<ApiResource, { kind: 'page' }>,
    query: RawQuery,
    run: CompanyRunner,
  ): Promise<ApiReply> {
    const company = await findCompany(this.sim, resource.companyId);
    await requireCompanyAccess(this.sim, call.user, company, resource.companyId);
    const { steps, action } = resource;
    const last = steps[steps.length - 1];
    const page = last.page;
    // A single-valued navigation (`customers({id})/picture`) names one entity without a key.
    const single = last.navigation?.multiplicity === 'ZeroOrOne';
    const target = action ? 'action' : last.key === undefined && !single ? 'collection' : 'entity';
    const segment = action ? `Microsoft.NAV.${action.name}` : (last.navigationName ?? page.entitySetName);

    // Everything that needs no data is checked before the transaction starts.
    const notSimulated = target === 'action' ? undefined : page.notSimulated?.[method as 'POST' | 'PATCH' | 'DELETE'];
    if (notSimulated) throw HttpErrors.notSupported(notSimulated);
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
    const options = planOptions(page, query.options, shape, schema.schema21);
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
    const context: RequestContext = { baseUrl, companyId: company.systemId, steps, options, budget: call.budget ?? new ResponseBudget(this.responseLimits) };
    try {
      return await run(company.systemId, { userId: user.userName, dialogs, language: languageFor(call, user) }, async (session) => {
        const resolved = await resolveSteps(session, steps);
        if (action) return runAction(session, page, resolved.rec!, action.def, params);
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
    // In a $batch no more rows are read than the batch has room for: a page that would not fit fails before it is read whole.
    const room = ctx.budget.readable();
    const { rows, nextToken, count } = await readRows(session, page, where, ctx.options, room < paging.pageSize ? { ...paging, pageSize: room } : paging);
    let json = `{"@odata.context":${JSON.stringify(contextUrl(ctx, false))}`;
    if (count !== undefined) json += `,"@odata.count":${JSON.stringify(count)}`;
    json += `,"value":[${(await writeRows(session, page, rows, ctx.options, ctx.budget)).join(',')}]`;
    if (nextToken) json += `,"@odata.nextLink":${JSON.stringify(nextLink(call, nextToken))}`;
    return jsonReply({ status: 200 }, `${json}}`);
  }
}

/** `company=` in the query string (any case, as ASP.NET reads parameter names), else the `Company` header. */
function companyParameter(call: Pick<ApiCall, 'search' | 'header'>): string | undefined {
  // Read on its own, so the query string's own errors still come after the route's (readQueryString, below).
  for (const part of call.search.split('&')) {
    const m = /^company=(.*)$/i.exec(part);
    if (!m) continue;
    try {
      return decodeURIComponent(m[1].replace(/\+/g, ' '));
    } catch {
      throw HttpErrors.queryEncoding();
    }
  }
  return call.header('company');
}

/** Header values are Latin-1 at best: non-ASCII and control characters \u-escaped. */
function asciiHeader(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Accept-Language picks the language of texts; otherwise the user's own language. */
function languageFor(call: ApiCall, user: User): Language {
  return requestLanguage(call.header('accept-language'), user.language);
}
