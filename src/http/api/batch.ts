import { randomUUID } from 'node:crypto';
import type { BcError } from '../../runtime/BcError';
import { PreAnsweredDialogs } from '../../runtime/Dialogs';
import type { Session } from '../../runtime/Session';
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
 * With `Isolation: snapshot` the whole batch is one snapshot (one
 * Simulator.run: the company's lock is held for the batch): every inner
 * request runs and is answered, and if any failed none of their changes is
 * applied (inSnapshot). URLs may be relative to the service root, absolute
 * paths, absolute URLs, or start with `$<id>` (the Location of an earlier
 * request); `dependsOn` is honoured (a request whose dependency failed gets 424).
 * The same in OData 4.0's multipart/mixed format (multipartBatch.ts): there a
 * change set runs in one transaction and answers with its first failure only.
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

/** Thrown to roll a transaction of the batch back after an inner request failed (its answer is kept). */
class RollBack extends Error {
  constructor() {
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
  const snapshot = /^\s*snapshot\s*$/i.test(call.header('isolation') ?? '');
  if (isMultipart(contentType)) {
    const parts = parseMultipartBatch(typeof call.body === 'string' ? call.body : '', contentType!);
    return multipartBatch(batch, parts, snapshot);
  }
  const requests = readRequests(call.body);
  const locations = new Map<string, string>();
  const units = requests.map((r) => async (run?: CompanyRunner) => {
    const response = await runOne(batch, r, locations, run);
    if (response.status >= 400) batch.failed.add(r.id);
    return { result: response, failed: response.status >= 400 };
  });
  if (snapshot) {
    const companyId = await oneCompany(batch, requests, 'with Isolation: snapshot');
    return { status: 200, body: { responses: await inSnapshot(batch, companyId, units) } };
  }
  const responses: InnerResponse[] = [];
  for (const unit of units) responses.push((await unit()).result);
  return { status: 200, body: { responses } };
}

/**
 * A multipart batch: every change set atomic (its first failure rolls it back and is its one answer); a request
 * on its own is its own transaction. With `Isolation: snapshot` the whole batch is one snapshot (inSnapshot).
 */
async function multipartBatch(batch: BatchRun, parts: BatchPart[], snapshot: boolean): Promise<ApiReply> {
  const units = parts.map((part) => async (run?: CompanyRunner): Promise<{ result: BatchResult; failed: boolean }> => {
    // Content-IDs name requests of the same change set only (OData 4.0 §11.7.3.1).
    if ('request' in part) {
      const response = await runOne(batch, part.request, new Map(), run);
      return { result: { response }, failed: response.status >= 400 };
    }
    let outcome: { responses: InnerResponse[]; failed: boolean };
    try {
      outcome = run ? await runInOrder(batch, part.changeSet, new Map(), run) : await runAtomically(batch, part.changeSet, new Map(), 'in a change set');
    } catch (err) {
      outcome = { responses: [errorResponse(batch.service, part.changeSet[0].id, err, {})], failed: true };
    }
    return { result: outcome.failed ? { response: outcome.responses[outcome.responses.length - 1] } : { changeSet: outcome.responses }, failed: outcome.failed };
  });
  let results: BatchResult[];
  if (snapshot) {
    const all = parts.flatMap((p) => ('request' in p ? [p.request] : p.changeSet));
    results = await inSnapshot(batch, await oneCompany(batch, all, 'with Isolation: snapshot'), units);
  } else {
    results = [];
    for (const unit of units) results.push((await unit()).result);
  }
  const boundary = `batchresponse_${randomUUID()}`;
  return { status: 200, body: writeMultipartBatch(results, boundary), contentType: `multipart/mixed; boundary=${boundary}` };
}

type Unit<R> = (run?: CompanyRunner) => Promise<{ result: R; failed: boolean }>;

/**
 * `Isolation: snapshot` (use-odata-batch.md): every unit (a request, a change set) runs and is answered, in ONE
 * transaction, and when any of them failed none of the changes is applied — Microsoft's example answers the two
 * successful PATCHes and the failing one, "none of the changes … are applied". A failure rolls back at once, as
 * an AL error rolls back its transaction, so the units after it run on a new transaction, which is rolled back
 * at the end too (docs/api.md, $batch).
 */
async function inSnapshot<R>(batch: BatchRun, companyId: string | undefined, units: Unit<R>[]): Promise<R[]> {
  const results: R[] = [];
  // No unit addresses a company: nothing they do writes (companies, $metadata, requests that fail on their own).
  if (companyId === undefined) {
    for (const unit of units) results.push((await unit()).result);
    return results;
  }
  let next = 0;
  let failed = false;
  while (next < units.length) {
    try {
      await batch.service.sim.run(companyId, { userId: batch.call.user.userName }, async (outer) => {
        const run = sharedRunner(outer, companyId, 'with Isolation: snapshot');
        while (next < units.length) {
          const { result, failed: unitFailed } = await units[next++](run);
          results.push(result);
          if (unitFailed) {
            failed = true;
            throw new RollBack();
          }
        }
        if (failed) throw new RollBack();
      });
    } catch (err) {
      if (!(err instanceof RollBack)) throw err;
    }
  }
  return results;
}

/** The one company the requests address (undefined if none does); more than one refuses the batch as a whole. */
async function oneCompany(batch: BatchRun, requests: InnerRequest[], what: string): Promise<string | undefined> {
  const companies = new Set<string>();
  for (const r of requests) {
    const id = await companyOf(batch, r);
    if (id) companies.add(id);
  }
  if (companies.size > 1) throw HttpErrors.invalidBatch(`${what} every request must address the same company.`);
  return [...companies][0];
}

/** Inner requests get a session of their own (their user, dialogs, language) on the shared transaction. */
function sharedRunner(outer: Session, companyId: string, what: string): CompanyRunner {
  return async (id, actor, fn) => {
    if (id !== companyId) throw HttpErrors.invalidBatch(`${what} every request must address the same company.`);
    return fn(outer.withUser(actor.userId, actor.dialogs ?? new PreAnsweredDialogs(), { language: actor.language ?? 'en-US' }));
  };
}

/** A change set's requests in order on `run`, stopping at the first failure (which is then the last response). */
async function runInOrder(batch: BatchRun, requests: InnerRequest[], locations: Map<string, string>, run?: CompanyRunner) {
  const responses: InnerResponse[] = [];
  for (const r of requests) {
    const response = await runOne(batch, r, locations, run);
    responses.push(response);
    if (response.status >= 400) {
      batch.failed.add(r.id);
      return { responses, failed: true };
    }
  }
  return { responses, failed: false };
}

/**
 * A change set in ONE transaction of its own (one Simulator.run: the company's lock is held meanwhile): the first
 * failure rolls back what the earlier requests did and is the only answer.
 */
async function runAtomically(batch: BatchRun, requests: InnerRequest[], locations: Map<string, string>, what: string) {
  const companyId = await oneCompany(batch, requests, what);
  if (companyId === undefined) return runInOrder(batch, requests, locations);
  let outcome: { responses: InnerResponse[]; failed: boolean } | undefined;
  try {
    await batch.service.sim.run(companyId, { userId: batch.call.user.userName }, async (outer) => {
      outcome = await runInOrder(batch, requests, locations, sharedRunner(outer, companyId, what));
      if (outcome.failed) throw new RollBack();
    });
  } catch (err) {
    if (!(err instanceof RollBack)) throw err;
  }
  return outcome!;
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
    const { path, search } = resolveUrl(r.url, basePath, locations, outer.origin);
    call.path = path;
    call.search = search;
    call.requestUri = `${outer.origin}/api${path}${search ? `?${search}` : ''}`;
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
function resolveUrl(url: string, basePath: string, locations: Map<string, string>, origin: string): { path: string; search: string } {
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
  if (!path.startsWith('/api/')) throw HttpErrors.noHttpResource(`${origin}${text}`);
  const inner = path.slice('/api'.length);
  if (/\/\$batch$/.test(inner)) throw HttpErrors.invalidBatch('a batch cannot contain another $batch.');
  return { path: inner, search };
}

/**
 * The company an inner request addresses, if it addresses one — in its path, `?company=` or `Company` header
 * (resolving `$id` URLs is not needed: they name entities of the same batch).
 */
async function companyOf(batch: BatchRun, r: InnerRequest): Promise<string | undefined> {
  if (r.url.startsWith('$')) return undefined;
  try {
    const { path, search } = resolveUrl(r.url, batch.basePath, new Map(), batch.call.origin);
    const resource = parseApiPath(await batch.service.companyPath({ path, search, header: (name) => r.headers[name.toLowerCase()] }), batch.service.groups);
    return resource.kind === 'page' ? resource.companyId : undefined;
  } catch {
    // The request will fail on its own when it runs.
    return undefined;
  }
}
