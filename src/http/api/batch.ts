import { randomUUID } from 'node:crypto';
import type { BcError } from '../../runtime/BcError';
import { PreAnsweredDialogs } from '../../runtime/Dialogs';
import { CORRELATION_HEADER, errorReply } from '../errorMiddleware';
import { HttpErrors } from '../HttpErrors';
import type { ApiCall, ApiReply, CompanyRunner } from './apiCall';
import type { ApiService } from './ApiService';
import { MAX_BATCH_OPERATIONS, ResponseBudget } from './limits';
import { BatchPart, BatchResult, isMultipart, parseMultipartBatch, writeMultipartBatch } from './multipartBatch';
import { parseApiPath } from './ODataPath';

/**
 * `POST …/$batch` in OData's JSON batch format (bc-api.md §1.7):
 *
 *   {"requests":[{"id":"1","method":"POST","url":"companies(…)/contacts","headers":{…},"body":{…}}, …]}
 *   → {"responses":[{"id":"1","status":201,"headers":{…},"body":{…}}, …]}
 *
 * At most 100 operations. Each inner request runs through ApiService.handle,
 * exactly as it would on its own. Without `Isolation: snapshot` every inner
 * request is its own transaction and a failure does not stop the others.
 * With `Isolation: snapshot` the whole batch runs in ONE transaction (one
 * Simulator.run: the company's lock is held for the batch): the first failure
 * rolls back everything the earlier inner requests did, and the batch answers
 * with that failure only. URLs may be relative to the service root, absolute
 * paths, absolute URLs, or start with `$<id>` (the Location of an earlier
 * request); `dependsOn` is honoured (a request whose dependency failed gets 424).
 * The same in OData 4.0's multipart/mixed format (multipartBatch.ts): there a
 * change set is what runs in one transaction, as a snapshot batch does.
 */

export interface InnerRequest {
  /** The JSON request's id, a multipart part's Content-ID ('' when it has none). */
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
  /** Why the request fails without running (a multipart part's body its handler could not read). */
  invalid?: BcError;
}

export interface InnerResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** Thrown to roll an atomic group back after an inner request failed. */
class RollBack extends Error {
  constructor(readonly response: InnerResponse) {
    super('batch rolled back');
  }
}

/** What every inner request of one batch shares. */
interface BatchRun {
  service: ApiService;
  call: ApiCall;
  basePath: string;
  budget: ResponseBudget;
  /** Ids of the requests that failed (for dependsOn). */
  failed: Set<string>;
}

export async function handleBatch(service: ApiService, call: ApiCall, basePath: string): Promise<ApiReply> {
  const batch: BatchRun = { service, call, basePath, budget: new ResponseBudget(service.responseLimits), failed: new Set() };
  const contentType = call.header('content-type');
  if (isMultipart(contentType)) return multipartBatch(batch, parseMultipartBatch(typeof call.body === 'string' ? call.body : '', contentType!));
  const requests = readRequests(call.body);
  const locations = new Map<string, string>();
  if (/^\s*snapshot\s*$/i.test(call.header('isolation') ?? '')) {
    return { status: 200, body: { responses: await runAtomically(batch, requests, locations, 'with Isolation: snapshot') } };
  }
  const responses: InnerResponse[] = [];
  for (const r of requests) {
    const response = await runOne(batch, r, locations);
    if (response.status >= 400) batch.failed.add(r.id);
    responses.push(response);
  }
  return { status: 200, body: { responses } };
}

/** A multipart batch: requests on their own each in their own transaction, every change set atomic. */
async function multipartBatch(batch: BatchRun, parts: BatchPart[]): Promise<ApiReply> {
  const results: BatchResult[] = [];
  for (const part of parts) {
    if ('request' in part) {
      // Content-IDs name requests of the same change set only (OData 4.0 §11.7.3.1).
      results.push({ response: await runOne(batch, part.request, new Map()) });
      continue;
    }
    let responses: InnerResponse[];
    try {
      responses = await runAtomically(batch, part.changeSet, new Map(), 'in a change set');
    } catch (err) {
      responses = [errorResponse(batch.service, part.changeSet[0].id, err, {})];
    }
    results.push(responses.some((r) => r.status >= 400) ? { response: responses[0] } : { changeSet: responses });
  }
  const boundary = `batchresponse_${randomUUID()}`;
  return { status: 200, body: writeMultipartBatch(results, boundary), contentType: `multipart/mixed; boundary=${boundary}` };
}

/**
 * The requests in ONE transaction (one Simulator.run: the company's lock is
 * held meanwhile): the first failure rolls back what the earlier ones did and
 * is the only answer. They must all address the same company.
 */
async function runAtomically(batch: BatchRun, requests: InnerRequest[], locations: Map<string, string>, what: string): Promise<InnerResponse[]> {
  const { service, call, basePath } = batch;
  const sameCompany = () => HttpErrors.invalidBatch(`${what} every request must address the same company.`);
  const companies = new Set<string>();
  for (const r of requests) {
    const id = companyOf(service, basePath, r);
    if (id) companies.add(id);
  }
  if (companies.size > 1) throw sameCompany();
  const responses: InnerResponse[] = [];
  const runAll = async (run?: CompanyRunner) => {
    for (const r of requests) {
      const response = await runOne(batch, r, locations, run);
      if (response.status >= 400) {
        batch.failed.add(r.id);
        throw new RollBack(response);
      }
      responses.push(response);
    }
  };
  try {
    if (companies.size === 0) await runAll();
    else {
      const [companyId] = companies;
      await service.sim.run(companyId, { userId: call.user.userName }, async (outer) => {
        // Inner requests get a session of their own (their user, dialogs, language) on the shared transaction.
        const shared: CompanyRunner = async (id, actor, fn) => {
          if (id !== companyId) throw sameCompany();
          const session = outer.withUser(actor.userId, actor.dialogs ?? new PreAnsweredDialogs(), { language: actor.language ?? 'en-US' });
          return fn(session);
        };
        await runAll(shared);
      });
    }
  } catch (err) {
    if (err instanceof RollBack) return [err.response];
    throw err;
  }
  return responses;
}

async function runOne(batch: BatchRun, r: InnerRequest, locations: Map<string, string>, run?: CompanyRunner): Promise<InnerResponse> {
  const { service, call: outer, basePath, failed } = batch;
  const correlationId = randomUUID();
  const call: ApiCall = {
    method: r.method,
    path: '',
    search: '',
    header: (name) => r.headers[name.toLowerCase()],
    body: r.body,
    user: outer.user,
    origin: outer.origin,
    responseHeaders: {},
    budget: new ResponseBudget(service.responseLimits, batch.budget),
  };
  try {
    if (r.invalid) throw r.invalid;
    const dependency = r.dependsOn.find((d) => failed.has(d));
    if (dependency !== undefined) {
      return {
        id: r.id,
        status: 424,
        headers: { [CORRELATION_HEADER]: correlationId },
        body: { error: { code: 'BadRequest', message: `The request depends on request '${dependency}', which failed.  CorrelationId:  ${correlationId}.` } },
      };
    }
    const { path, search } = resolveUrl(r.url, basePath, locations);
    call.path = path;
    call.search = search;
    const reply = await service.handle(call, run);
    const headers: Record<string, string> = { ...call.responseHeaders, [CORRELATION_HEADER]: correlationId };
    if (reply.location) {
      headers.location = reply.location;
      locations.set(r.id, reply.location);
    }
    if (reply.body !== undefined) headers['content-type'] = typeof reply.body === 'string' ? (reply.contentType ?? 'text/plain') : 'application/json; odata.metadata=minimal';
    return { id: r.id, status: reply.status, headers, body: reply.body };
  } catch (err) {
    call.budget!.release();
    return errorResponse(service, r.id, err, call.responseHeaders, correlationId);
  }
}

function errorResponse(service: ApiService, id: string, err: unknown, headers: Record<string, string>, correlationId = randomUUID()): InnerResponse {
  const e = errorReply(err, correlationId, { conflictStatus: service.conflictStatus });
  return { id, status: e.status, headers: { ...headers, ...e.headers, [CORRELATION_HEADER]: correlationId, 'content-type': 'application/json' }, body: e.body };
}

function readRequests(body: unknown): InnerRequest[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw HttpErrors.invalidRequestBody();
  const list = (body as { requests?: unknown }).requests;
  if (!Array.isArray(list)) throw HttpErrors.invalidBatch("the body must be {\"requests\": [ … ]}.");
  if (list.length > MAX_BATCH_OPERATIONS) throw HttpErrors.batchTooLarge(list.length, MAX_BATCH_OPERATIONS);
  const ids = new Set<string>();
  return list.map((item, i): InnerRequest => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) throw HttpErrors.invalidBatch(`request ${i + 1} is not an object.`);
    const r = item as Record<string, unknown>;
    const id = r.id === undefined ? String(i + 1) : typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id) : null;
    if (id === null || ids.has(id)) throw HttpErrors.invalidBatch(`request ${i + 1} needs a unique string id.`);
    ids.add(id);
    if (typeof r.method !== 'string' || !/^[A-Za-z]+$/.test(r.method)) throw HttpErrors.invalidBatch(`request '${id}' has no valid method.`);
    if (typeof r.url !== 'string' || r.url === '') throw HttpErrors.invalidBatch(`request '${id}' has no url.`);
    const headers: Record<string, string> = {};
    if (r.headers !== undefined) {
      if (r.headers === null || typeof r.headers !== 'object' || Array.isArray(r.headers)) throw HttpErrors.invalidBatch(`the headers of request '${id}' must be an object.`);
      for (const [k, v] of Object.entries(r.headers as Record<string, unknown>)) {
        if (typeof v !== 'string') throw HttpErrors.invalidBatch(`header '${k}' of request '${id}' must be a string.`);
        headers[k.toLowerCase()] = v;
      }
    }
    const dependsOn = r.dependsOn === undefined ? [] : r.dependsOn;
    if (!Array.isArray(dependsOn) || !dependsOn.every((d) => typeof d === 'string' && ids.has(d) && d !== id)) {
      throw HttpErrors.invalidBatch(`dependsOn of request '${id}' must name earlier requests.`);
    }
    return { id, method: r.method.toUpperCase(), url: r.url, headers, body: r.body, dependsOn: dependsOn as string[] };
  });
}

/** An inner URL → the path after `/api` and the query string. */
function resolveUrl(url: string, basePath: string, locations: Map<string, string>): { path: string; search: string } {
  let text = url;
  const ref = /^\$([^/?]+)(.*)$/.exec(text);
  if (ref) {
    const location = locations.get(ref[1]);
    if (!location) throw HttpErrors.invalidBatch(`'$${ref[1]}' does not name an earlier request that created an entity.`);
    text = location + ref[2];
  }
  if (/^https?:\/\//i.test(text)) {
    const u = new URL(text);
    text = u.pathname + u.search;
  } else if (!text.startsWith('/')) {
    text = `${basePath}/${text}`;
  }
  const q = text.indexOf('?');
  const path = q < 0 ? text : text.slice(0, q);
  const search = q < 0 ? '' : text.slice(q + 1);
  if (!path.startsWith('/api/')) throw HttpErrors.resourceNotFound(path.split('/').filter(Boolean)[0] ?? '');
  const inner = path.slice('/api'.length);
  if (/\/\$batch$/.test(inner)) throw HttpErrors.invalidBatch('a batch cannot contain another $batch.');
  return { path: inner, search };
}

/** The company an inner request addresses, if it addresses one (resolving `$id` URLs is not needed: they name entities of the same batch). */
function companyOf(service: ApiService, basePath: string, r: InnerRequest): string | undefined {
  if (r.url.startsWith('$')) return undefined;
  try {
    const { path } = resolveUrl(r.url, basePath, new Map());
    const resource = parseApiPath(path, service.groups);
    return resource.kind === 'page' ? resource.companyId : undefined;
  } catch {
    // The request will fail on its own when it runs.
    return undefined;
  }
}
