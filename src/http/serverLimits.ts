import { randomUUID } from 'node:crypto';
import http, { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RequestListener } from 'node:http';
import { BadRequestError, BcError } from '../runtime/BcError';
import { CORRELATION_HEADER, errorReply } from './errorMiddleware';

/**
 * The HTTP server's own limits: connections and how long a client may take.
 * A slow or idle client holds a socket (and a file descriptor) until one of
 * these timeouts closes it, so without them a few clients can hold them all.
 */
export interface ServerLimits {
  /** Open connections at once; more are closed at once by Node, unanswered (default 1,000). */
  maxConnections?: number;
  /** Time to receive a request's headers (default 30 s); then 408. */
  headersTimeout?: number;
  /** Time to receive a whole request (default 120 s); then 408. */
  requestTimeout?: number;
  /** Idle time of a kept-alive connection between requests (default 5 s, Node's). */
  keepAliveTimeout?: number;
}

export const SERVER_LIMITS: Required<ServerLimits> = {
  maxConnections: 1_000,
  headersTimeout: 30_000,
  requestTimeout: 120_000,
  keepAliveTimeout: 5_000,
};

/** simulator: what Node's HTTP parser refused, in BC's envelope (BC's front end answers these before BC sees them). */
class RequestHeaderTooLargeError extends BcError {
  readonly code = 'Request_HeaderFieldsTooLarge';
}
class RequestTimeoutError extends BcError {
  readonly code = 'Request_Timeout';
}

/** An HTTP server for the app with the limits applied and the parser's errors answered in BC's envelope. */
export function createLimitedServer(app: RequestListener, limits: ServerLimits = {}): Server {
  const l = { ...SERVER_LIMITS, ...definedOnly(limits) };
  const server = http.createServer(
    {
      headersTimeout: l.headersTimeout,
      requestTimeout: l.requestTimeout,
      keepAliveTimeout: l.keepAliveTimeout,
      // Node checks the two request timeouts on this interval (default 30 s), too coarse for short timeouts.
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(l.headersTimeout / 2))),
    },
    app,
  );
  server.maxConnections = l.maxConnections;
  server.on('clientError', answerClientError);
  return server;
}

/**
 * Node's default answer to a request it cannot parse is a bare `400` (or
 * 431, 408) without a body; this one has BC's envelope and a correlation id.
 * A connection that is already gone gets nothing.
 */
export function answerClientError(err: NodeJS.ErrnoException & { bytesParsed?: number }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const correlationId = randomUUID();
  const reply = errorReply(clientErrorAsBcError(err), correlationId);
  const body = JSON.stringify(reply.body);
  const head = [
    `HTTP/1.1 ${reply.status} ${http.STATUS_CODES[reply.status] ?? 'Bad Request'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `${CORRELATION_HEADER}: ${correlationId}`,
    'Connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}

function clientErrorAsBcError(err: NodeJS.ErrnoException): BcError {
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW':
      return new RequestHeaderTooLargeError('The request line or headers are larger than the server accepts (16 KB).');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new RequestTimeoutError('The request was not received in time.');
    default:
      return new BadRequestError('BadRequest', 'The request could not be read: it is not a valid HTTP request.');
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
