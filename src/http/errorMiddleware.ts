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
  BadRequest_MethodNotAllowed: 405,
  Request_EntityTooLarge: 413,
  Simulator_NotSupported: 501,
};

export function httpStatusFor(code: string): number {
  if (STATUS_BY_CODE[code]) return STATUS_BY_CODE[code];
  if (code.startsWith('Authentication_')) return 401;
  if (code.startsWith('Authorization_')) return 403;
  return 400;
}

/**
 * The ONE place an error becomes an HTTP response: BC's envelope
 * `{"error":{"code":…,"message":"…  CorrelationId:  <guid>."}}`.
 * Anything that is not a BcError is a simulator bug: 500, logged.
 */
export const errorMiddleware: ErrorRequestHandler = (err, _req, res, next) => {
  if (res.headersSent) {
    next(err);
    return;
  }
  const bc = asBcError(err);
  const id = correlationOf(res);
  let status = 500;
  let code = 'Internal_ServerError';
  let message = 'An unexpected error occurred in empire-sim.';
  if (bc) {
    status = httpStatusFor(bc.code);
    code = bc.code;
    message = bc.message;
  } else {
    console.error(`[${id}]`, err);
  }
  if (status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="empire-sim"');
  if (bc instanceof CallbackNotAllowedError && bc.dialogKey) res.setHeader(UNANSWERED_DIALOG_HEADER, bc.dialogKey);
  res.status(status).json({ error: { code, message: `${message}  CorrelationId:  ${id}.` } });
};

function correlationOf(res: Response): string {
  if (!res.locals.correlationId) {
    res.locals.correlationId = randomUUID();
    res.setHeader(CORRELATION_HEADER, res.locals.correlationId);
  }
  return res.locals.correlationId as string;
}

/** BcErrors as they are; the body parser's errors become BC's request errors. */
function asBcError(err: unknown): BcError | null {
  if (err instanceof BcError) return err;
  const e = err as { type?: string; status?: number; limit?: number };
  if (e && e.type === 'entity.too.large') return HttpErrors.requestTooLarge(`${e.limit} bytes`);
  if (e && typeof e.status === 'number' && e.status >= 400 && e.status < 500 && typeof e.type === 'string') {
    return HttpErrors.invalidRequestBody();
  }
  return null;
}
