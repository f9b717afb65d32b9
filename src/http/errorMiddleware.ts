import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { BcError, CallbackNotAllowedError } from '../runtime/BcError';
import { UNANSWERED_DIALOG_HEADER } from './dialogs';
import { HttpErrors } from './HttpErrors';

export const CORRELATION_HEADER = 'x-correlation-id';

/** Every response carries a correlation id; error messages end with it, as BC's do. */
export const correlationId: RequestHandler = (_req, res, next) => {
  const id = randomUUID();
  res.locals.correlationId = id;
  res.setHeader(CORRELATION_HEADER, id);
  next();
};

/**
 * BC error code → HTTP status (bc-api.md §1.5, §1.6). Everything not listed
 * is a 400: request errors and business-logic errors alike, as in BC.
 */
const STATUS_BY_CODE: Record<string, number> = {
  Internal_RecordNotFound: 404,
  BadRequest_NotFound: 404,
  BadRequest_ResourceNotFound: 404,
  Request_EntityChanged: 409,
  // Deadlock or lock timeout on a server database: a conflict with another request, worth retrying.
  Simulator_DatabaseConflict: 409,
  BadRequest_MethodNotAllowed: 405,
  // ODataNotImplementedException: a live BC answers `in` below $schemaversion=2.1 with 501 (docs/api.md, Errors).
  BadRequest_MethodNotImplemented: 501,
  Internal_CompanyNotFound: 404,
  Request_EntityTooLarge: 413,
  BadRequest_UnsupportedMediaType: 415,
  // The limits of docs/limits.md: the simulator's codes where BC documents only the status.
  Request_Timeout: 408,
  Request_HeaderFieldsTooLarge: 431,
  Simulator_TooManyPageSessions: 429,
  Simulator_NotSupported: 501,
  Application_TooManyRequests: 429,
  Simulator_ServiceUnavailable: 503,
};

export function httpStatusFor(code: string): number {
  if (STATUS_BY_CODE[code]) return STATUS_BY_CODE[code];
  if (code.startsWith('Authentication_')) return 401;
  if (code.startsWith('Authorization_')) return 403;
  return 400;
}

export interface ErrorOptions {
  /**
   * The status of a stale ETag (Request_EntityChanged): 409 by default, as BC's HTTP table documents;
   * 412 is often assumed, so it can be switched until checked against a sandbox (bc-api.md §1.5).
   */
  conflictStatus?: number;
}

export interface ErrorReply {
  status: number;
  headers: Record<string, string>;
  body: { error: { code: string; message: string } };
}

/**
 * The ONE place an error becomes a response: BC's envelope
 * `{"error":{"code":…,"message":"…  CorrelationId:  <guid>."}}`. Used by the
 * error middleware and for the inner requests of a $batch. Anything that is
 * not a BcError is a simulator bug: 500, logged.
 */
export function errorReply(err: unknown, correlationId: string, options: ErrorOptions = {}): ErrorReply {
  const bc = asBcError(err);
  let status = 500;
  let code = 'Internal_ServerError';
  let message = 'An unexpected error occurred in empire-sim.';
  const headers: Record<string, string> = {};
  if (bc) {
    status = bc.httpStatus ?? (bc.code === 'Request_EntityChanged' && options.conflictStatus ? options.conflictStatus : httpStatusFor(bc.code));
    code = bc.code;
    message = bc.message;
  } else {
    console.error(`[${correlationId}]`, err);
  }
  if (status === 401) headers['WWW-Authenticate'] = 'Basic realm="empire-sim"';
  if (bc instanceof CallbackNotAllowedError && bc.dialogKey) headers[UNANSWERED_DIALOG_HEADER] = bc.dialogKey;
  return { status, headers, body: { error: { code, message: `${message}  CorrelationId:  ${correlationId}.` } } };
}

export const errorMiddleware: ErrorRequestHandler = (err, req, res, next) => {
  if (res.headersSent) {
    next(err);
    return;
  }
  const options = (req.app.locals as { errorOptions?: ErrorOptions }).errorOptions ?? {};
  const reply = errorReply(err, correlationOf(res), options);
  for (const [k, v] of Object.entries(reply.headers)) res.setHeader(k, v);
  res.status(reply.status).json(reply.body);
};

function correlationOf(res: Response): string {
  if (!res.locals.correlationId) {
    res.locals.correlationId = randomUUID();
    res.setHeader(CORRELATION_HEADER, res.locals.correlationId);
  }
  return res.locals.correlationId as string;
}

/**
 * BcErrors as they are; the body parser's errors become BC's request errors,
 * and Express's own 4xx errors (a path that is not valid percent-encoding)
 * BC's query syntax error — never a 500 for bad input.
 */
function asBcError(err: unknown): BcError | null {
  if (err instanceof BcError) return err;
  const e = err as { type?: string; status?: number; statusCode?: number; limit?: number };
  if (!e || typeof e !== 'object') return null;
  if (e.type === 'entity.too.large') return HttpErrors.requestTooLarge(`${e.limit} bytes`);
  const status = typeof e.status === 'number' ? e.status : e.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return typeof e.type === 'string' ? HttpErrors.invalidRequestBody() : HttpErrors.querySyntax();
  }
  if (err instanceof URIError) return HttpErrors.querySyntax();
  return null;
}
