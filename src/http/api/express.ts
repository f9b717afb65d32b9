import type { Request, RequestHandler, Response } from 'express';
import type { ApiGroup } from '../../../pages/api/ApiPage';
import type { Simulator } from '../../host/Simulator';
import { authenticatedUser } from '../auth';
import type { ApiCall, ApiReply } from './apiCall';
import { ApiOptions, ApiService } from './ApiService';

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
  const origin = `${req.protocol}://${req.get('host')}`;
  return {
    method: req.method,
    path: req.path,
    search: q < 0 ? '' : req.originalUrl.slice(q + 1),
    header: (name) => req.get(name),
    body: req.body,
    user: authenticatedUser(res.locals),
    origin,
    requestUri: `${origin}${req.originalUrl}`,
    responseHeaders: {},
  };
}

function send(res: Response, reply: ApiReply): void {
  res.status(reply.status);
  res.setHeader('OData-Version', '4.0');
  if (reply.location) res.setHeader('Location', reply.location);
  // A reply written as JSON text (jsonReply) goes out as it is; its body is not read (that would parse the text).
  if (reply.json === undefined) {
    const body = reply.body;
    if (body === undefined) {
      res.end();
      return;
    }
    if (typeof body === 'string') {
      if (reply.contentType?.startsWith('multipart/')) {
        // As it is: Express would append "; charset=utf-8" after the boundary, where clients read the boundary up to the end.
        res.setHeader('Content-Type', reply.contentType);
        res.end(body);
      } else {
        res.type(reply.contentType ?? 'text/plain');
        res.send(body);
      }
      return;
    }
  }
  const json = reply.json ?? JSON.stringify(reply.body);
  const req = res.req;
  if (req.method === 'HEAD' || req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined || !WITH_BODY.has(reply.status)) {
    // Express's freshness check (its 304) and HEAD, as before.
    res.type('application/json; odata.metadata=minimal');
    res.send(json);
    return;
  }
  // What res.send would write, without its work per answer (Content-Type re-parsed, the text copied into a
  // Buffer, headers and body in two writes): Node sends a string body in the same write as the headers.
  res.setHeader('Content-Type', JSON_TYPE);
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json);
}

/** The Content-Type res.send gives `application/json; odata.metadata=minimal` (test/http/wire.test.ts). */
const JSON_TYPE = 'application/json; odata.metadata=minimal; charset=utf-8';
/** The statuses whose JSON answer Express writes as it is (it empties 204, 205 and 304). */
const WITH_BODY = new Set([200, 201]);
