import { randomUUID } from 'node:crypto';

/** What a notification URL answered; null status: no answer (refused, timed out, broken). */
export interface OutboundAnswer {
  status: number | null;
  text: string;
}

/**
 * A POST to a subscriber. BC's notifications carry `clientRequestId` and
 * `x-ms-correlation-id` with one lowercase GUID, and a UTF-8 JSON body
 * without BOM; the handshake has no body.
 */
export async function postToSubscriber(url: string, body: unknown, timeoutMs: number): Promise<OutboundAnswer> {
  const id = randomUUID();
  const headers: Record<string, string> = { clientRequestId: id, 'x-ms-correlation-id': id };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    return { status: res.status, text: await res.text() };
  } catch {
    return { status: null, text: '' };
  }
}

/** `url` with `?validationToken=…` (or `&…` when it has a query already). */
export function withValidationToken(url: string, token: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}validationToken=${encodeURIComponent(token)}`;
}
