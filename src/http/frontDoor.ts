import os from 'node:os';
import express, { type Request, type RequestHandler } from 'express';
import { HttpErrors } from './HttpErrors';

/**
 * The checks every request passes before any route reads it, against the
 * attacks a simulator on a trainer's laptop invites: a web page in the
 * trainee's browser posting a form to it (CSRF), and the same through a
 * domain that resolves to 127.0.0.1 (DNS rebinding).
 */

/** The names a loopback server answers to; startSimulator adds the bound host, EMPIRE_SIM_ALLOWED_HOSTS any others. */
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** Host names a server bound to `host` answers to, besides the configured ones. All interfaces: this machine's name and addresses. */
export function hostNamesFor(host: string): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [host.includes(':') && !host.startsWith('[') ? `[${host}]` : host];
  const names = [os.hostname()];
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) names.push(a.family === 'IPv6' ? `[${a.address.replace(/%.*$/, '')}]` : a.address);
  }
  return names;
}

/**
 * Refuses a request whose Host header (without the port) is not one of the
 * allowed names: a rebound domain name never is. Case-insensitive, as DNS.
 */
export function hostCheck(allowed: string[]): RequestHandler {
  const names = new Set(allowed.map((h) => h.toLowerCase()));
  return (req, _res, next) => {
    const host = (req.headers.host ?? '').toLowerCase();
    const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d*$/, '');
    if (!names.has(name)) throw HttpErrors.invalidHostname();
    next();
  };
}

/**
 * The media types a request body may have, by path. A form or text/plain
 * body (what a foreign web page can send without a CORS preflight) is
 * refused before anything reads it. multipart/mixed is not among those (a
 * browser preflights it), and only an API's `$batch` reads it.
 */
const BODY_TYPES: Array<{ path: RegExp; types: string[] }> = [
  { path: /^/, types: ['application/json'] },
  { path: /^\/api\/.*\/(\$|%24)batch$/i, types: ['multipart/mixed'] },
];

/** A multipart/mixed body, which BODY_TYPES admits on `$batch` only, as text for batch.ts; before the JSON reader, which then skips it. */
export const multipartBody = (limit: string | number): RequestHandler => express.text({ type: 'multipart/mixed', limit });

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const bodyTypeCheck: RequestHandler = (req, _res, next) => {
  if (WRITES.has(req.method) && hasBody(req)) {
    const types = bodyTypesFor(req);
    if (!req.is(types)) throw HttpErrors.unsupportedMediaType(req.get('content-type') ?? '', types);
  }
  next();
};

/** An empty body (Content-Length: 0, what fetch sends for a bodiless POST) needs no type. */
function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

function bodyTypesFor(req: Request): string[] {
  return BODY_TYPES.filter((t) => t.path.test(req.path)).flatMap((t) => t.types);
}
