/**
 * The conformance kit's HTTP client: plain `fetch` against an API root (this simulator's
 * `http://host:port/api/v2.0`, or a BC environment's `https://api.businesscentral.dynamics.com/v2.0/{tenant}/{environment}/api/v2.0`),
 * authenticated with Basic (user name + web service access key) or an OAuth bearer token. It
 * imports nothing of the simulator: the kit judges any BC-shaped endpoint by what goes over the wire.
 */
export type Credentials = { user: string; key: string } | { token: string };

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  json: any;
}

export interface Send {
  headers?: Record<string, string>;
  body?: unknown;
}

export const REQUEST_TIMEOUT_MS = 60_000;

export class ConformanceClient {
  readonly root: string;

  constructor(
    root: string,
    private readonly credentials: Credentials,
  ) {
    this.root = root.replace(/\/+$/, '');
  }

  get usesBasic(): boolean {
    return 'user' in this.credentials;
  }

  /** The Authorization header for these credentials. */
  authorization(credentials: Credentials = this.credentials): string {
    if ('token' in credentials) return `Bearer ${credentials.token}`;
    return `Basic ${Buffer.from(`${credentials.user}:${credentials.key}`).toString('base64')}`;
  }

  /** The same request with other credentials (to see wrong ones refused). */
  withCredentials(credentials: Credentials): ConformanceClient {
    return new ConformanceClient(this.root, credentials);
  }

  /** `path` relative to the API root (`companies(…)/contacts`), or an absolute URL (a nextLink). */
  url(path: string): string {
    return /^https?:\/\//i.test(path) ? path : `${this.root}/${path.replace(/^\/+/, '')}`;
  }

  async send(method: string, path: string, options: Send = {}): Promise<Reply> {
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: this.authorization(), ...options.headers };
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const res = await fetch(this.url(path), { method, headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  }

  get(path: string, headers?: Record<string, string>): Promise<Reply> {
    return this.send('GET', path, { headers });
  }
}
