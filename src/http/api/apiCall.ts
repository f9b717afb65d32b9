import type { User } from '../../../entities/System/User.Table';
import type { Session } from '../../runtime/Session';
import type { Actor } from '../../host/Simulator';
import type { ResponseBudget } from './limits';

/** One API request, independent of Express (a $batch's inner requests are these too). */
export interface ApiCall {
  method: string;
  /** The path after `/api`, undecoded (`/v2.0/companies(…)/contacts`). */
  path: string;
  /** The query string without `?`, undecoded. */
  search: string;
  header(name: string): string | undefined;
  body: unknown;
  user: User;
  /** `http://host:port`, for absolute URLs in the response. */
  origin: string;
  /** The URL as the client sent it (BC's online form too), for "No HTTP resource … '<uri>'"; else built from path and search. */
  requestUri?: string;
  /** Headers of the response, set also when the request fails (dialog trace, ignored filter...). */
  responseHeaders: Record<string, string>;
  /** A $batch's inner request: its share of the batch's budget (otherwise the request makes its own). */
  budget?: ResponseBudget;
}

export interface ApiReply {
  status: number;
  /** A JSON body, or text (`/$count`, `$metadata`). */
  body?: unknown;
  /** The JSON body as text, when it was written as text (jsonReply): what is sent; `body` is parsed from it when read. */
  json?: string;
  contentType?: string;
  location?: string;
}

/** A reply whose JSON body is already text: sent as it is; `body` is parsed from it only if something reads it ($batch, tests). */
export function jsonReply(reply: Omit<ApiReply, 'body' | 'json'>, json: string): ApiReply {
  return new JsonReply(reply.status, json, reply.location);
}

class JsonReply implements ApiReply {
  private parsed?: { body: unknown };
  location?: string;
  constructor(
    readonly status: number,
    public json: string | undefined,
    location: string | undefined,
  ) {
    if (location !== undefined) this.location = location;
  }

  get body(): unknown {
    this.parsed ??= { body: JSON.parse(this.json!) };
    return this.parsed.body;
  }

  set body(value: unknown) {
    // A body replaced as an object is no longer the text.
    this.parsed = { body: value };
    this.json = undefined;
  }
}

/** How a request gets its transaction: Simulator.run, or (in a snapshot $batch) the batch's shared one. */
export type CompanyRunner = <T>(companyId: string, actor: Actor, fn: (session: Session) => Promise<T>) => Promise<T>;
