import { STATUS_CODES } from 'node:http';
import type { BcError } from '../../runtime/BcError';
import { HttpErrors } from '../HttpErrors';
import type { InnerRequest, InnerResponse } from './batch';
import { MAX_BATCH_OPERATIONS } from './limits';

/**
 * OData 4.0's multipart batch format (OData Part 1 §11.7, RFC 2046), read into
 * the inner requests batch.ts runs and written back from their responses. It
 * only translates: what a request does, its limits and permissions stay in
 * batch.ts and ApiService.
 *
 *   Content-Type: multipart/mixed; boundary=b
 *
 *   --b
 *   Content-Type: application/http
 *   Content-Transfer-Encoding: binary
 *
 *   GET companies(…)/contacts HTTP/1.1
 *
 *   --b
 *   Content-Type: multipart/mixed; boundary=cs          ← a change set: one transaction
 *
 *   --cs
 *   Content-Type: application/http
 *   Content-ID: 1
 *
 *   POST companies(…)/contacts HTTP/1.1
 *   Content-Type: application/json
 *
 *   {"surname":"Jansen"}
 *   --cs--
 *   --b--
 */

/** A part of the batch: a request on its own, or a change set. */
export type BatchPart = { request: InnerRequest } | { changeSet: InnerRequest[] };

/** What a part answered: a response, or a committed change set's responses. A failed change set is its one failure. */
export type BatchResult = { response: InnerResponse } | { changeSet: InnerResponse[] };

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]*:[ \t]*(.*?)[ \t]*$/;
const CRLF = '\r\n';

export function isMultipart(contentType: string | undefined): boolean {
  return /^\s*multipart\/mixed\s*(;|$)/i.test(contentType ?? '');
}

/** The parts of a multipart/mixed batch body; a body that is not one is refused as a whole (400) before anything runs. */
export function parseMultipartBatch(body: string, contentType: string): BatchPart[] {
  let operations = 0;
  const parts = splitParts(body, boundaryOf(contentType), 'the batch').map((text, i): BatchPart => {
    const label = `part ${i + 1}`;
    const { headers, content } = splitHeaders(text, label);
    const type = headers.get('content-type');
    if (!isMultipart(type)) {
      operations++;
      return { request: readRequestPart(headers, content, label) };
    }
    const ids = new Set<string>();
    const changeSet = splitParts(content, boundaryOf(type!), `the change set of ${label}`).map((innerText, j) => {
      const innerLabel = `request ${j + 1} of the change set in ${label}`;
      const inner = splitHeaders(innerText, innerLabel);
      if (isMultipart(inner.headers.get('content-type'))) throw HttpErrors.invalidBatch(`${innerLabel} is a change set; a change set cannot contain another.`);
      const r = readRequestPart(inner.headers, inner.content, innerLabel);
      if (r.method === 'GET') throw HttpErrors.invalidBatch(`${innerLabel} is a GET; a change set may contain only POST, PUT, PATCH and DELETE requests.`);
      if (r.id !== '') {
        if (ids.has(r.id)) throw HttpErrors.invalidBatch(`the Content-ID '${r.id}' occurs twice in the change set of ${label}.`);
        ids.add(r.id);
      }
      operations++;
      return r;
    });
    if (changeSet.length === 0) throw HttpErrors.invalidBatch(`the change set of ${label} contains no request.`);
    return { changeSet };
  });
  if (operations > MAX_BATCH_OPERATIONS) throw HttpErrors.batchTooLarge(operations, MAX_BATCH_OPERATIONS);
  return parts;
}

/** The response body: a part per request or change set, in the order of the request. */
export function writeMultipartBatch(results: BatchResult[], boundary: string): string {
  const parts = results.map((r) => {
    if ('response' in r) return httpPart(r.response);
    const inner = `changesetresponse_${boundary.replace(/^batchresponse_/, '')}`;
    return `Content-Type: multipart/mixed; boundary=${inner}${CRLF}${CRLF}${multipart(r.changeSet.map(httpPart), inner)}`;
  });
  return multipart(parts, boundary);
}

function multipart(parts: string[], boundary: string): string {
  return parts.map((p) => `--${boundary}${CRLF}${p}${CRLF}`).join('') + `--${boundary}--${CRLF}`;
}

function httpPart(r: InnerResponse): string {
  const lines = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
  if (r.id !== '') lines.push(`Content-ID: ${r.id}`);
  lines.push('', `HTTP/1.1 ${r.status} ${STATUS_CODES[r.status] ?? ''}`.trimEnd(), 'OData-Version: 4.0');
  for (const [k, v] of Object.entries(r.headers)) lines.push(`${headerName(k)}: ${v}`);
  const body = r.body === undefined ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
  return [...lines, '', body].join(CRLF);
}

/** Response headers are kept lower-case; in a part they are written as HTTP/1.1 writes them (some clients look them up by that case). */
function headerName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

/** The boundary parameter of a multipart/mixed type (RFC 2046 §5.1.1: 1–70 characters, perhaps quoted). */
function boundaryOf(contentType: string): string {
  const m = /;\s*boundary\s*=\s*(?:"([^"]*)"|([^\s;]+))/i.exec(contentType);
  const boundary = m ? (m[1] ?? m[2]) : '';
  if (boundary === '' || boundary.length > 70 || /[\r\n]/.test(boundary)) {
    throw HttpErrors.invalidBatch(`the Content-Type '${contentType.slice(0, 200)}' needs a boundary parameter of 1 to 70 characters.`);
  }
  return boundary;
}

/**
 * The body parts between `--boundary` lines and the closing `--boundary--`.
 * A part's last line break belongs to the delimiter after it; text before
 * the first delimiter and after the last (preamble, epilogue) is ignored.
 */
function splitParts(body: string, boundary: string, what: string): string[] {
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  let start = -1;
  let at = 0;
  for (;;) {
    const i = body.indexOf(delimiter, at);
    if (i < 0) throw HttpErrors.invalidBatch(`${what} does not end with '${delimiter}--'.`);
    at = i + delimiter.length;
    if (i > 0 && body[i - 1] !== '\n') continue;
    const close = body.startsWith('--', at);
    const eol = body.indexOf('\n', at);
    const rest = body.slice(close ? at + 2 : at, eol < 0 ? body.length : eol);
    // Transport padding only; anything else means the boundary occurred inside a line.
    if (rest.trim() !== '') continue;
    if (start >= 0) parts.push(body.slice(start, i).replace(/\r?\n$/, ''));
    if (close) return parts;
    if (eol < 0) throw HttpErrors.invalidBatch(`${what} does not end with '${delimiter}--'.`);
    start = eol + 1;
    at = start;
  }
}

/** A header block, up to the first empty line, and what follows it. */
function splitHeaders(text: string, label: string): { headers: Map<string, string>; content: string } {
  // No headers at all: the empty line comes first.
  const end = /^\r?\n|\r?\n\r?\n/.exec(text);
  const block = end ? text.slice(0, end.index) : text.replace(/\r?\n$/, '');
  const content = end ? text.slice(end.index + end[0].length) : '';
  const headers = new Map<string, string>();
  for (const line of block === '' ? [] : block.split(/\r?\n/)) {
    const m = HEADER_LINE.exec(line);
    if (!m) throw HttpErrors.invalidBatch(`${label} has the header line '${line.slice(0, 100)}', which is not 'Name: value'.`);
    headers.set(m[1].toLowerCase(), m[2]);
  }
  return { headers, content };
}

/** An `application/http` part: a request line, the request's headers and its body. */
function readRequestPart(mime: Map<string, string>, content: string, label: string): InnerRequest {
  const type = mime.get('content-type') ?? '';
  if (!/^application\/http\s*(;|$)/i.test(type)) throw HttpErrors.invalidBatch(`${label} has the Content-Type '${type.slice(0, 100)}'; a request is an application/http part.`);
  const encoding = mime.get('content-transfer-encoding');
  if (encoding !== undefined && encoding.toLowerCase() !== 'binary') {
    throw HttpErrors.invalidBatch(`${label} has the Content-Transfer-Encoding '${encoding.slice(0, 100)}'; only binary is supported.`);
  }
  const eol = content.indexOf('\n');
  const line = (eol < 0 ? content : content.slice(0, eol)).replace(/\r$/, '');
  // The URL up to the version, spaces and all: clients leave a $filter's spaces unencoded, as in a JSON batch's url.
  const m = /^(\S+) (\S.*) HTTP\/1\.[01]$/.exec(line);
  if (!m) throw HttpErrors.invalidBatch(`${label} does not start with a request line 'METHOD URL HTTP/1.1': '${line.slice(0, 100)}'.`);
  const method = m[1].toUpperCase();
  if (!METHODS.has(method)) throw HttpErrors.invalidBatch(`${label} has the method '${m[1].slice(0, 20)}'; a batch request is GET, POST, PUT, PATCH or DELETE.`);
  const { headers, content: body } = splitHeaders(eol < 0 ? '' : content.slice(eol + 1), label);
  const r: InnerRequest = { id: mime.get('content-id') ?? '', method, url: m[2], headers: Object.fromEntries(headers), body: undefined, dependsOn: [] };
  if (body.trim() !== '') readBody(r, body);
  return r;
}

/** A body the request's own handler would refuse is refused there, as that request's answer: the batch's other requests still run. */
function readBody(r: InnerRequest, text: string): void {
  const type = r.headers['content-type'];
  let invalid: BcError | undefined;
  if (type !== undefined && !/^application\/json\s*(;|$)/i.test(type)) invalid = HttpErrors.unsupportedMediaType(type, ['application/json']);
  else {
    try {
      r.body = JSON.parse(text) as unknown;
    } catch {
      invalid = HttpErrors.invalidRequestBody();
    }
  }
  if (invalid) r.invalid = invalid;
}
