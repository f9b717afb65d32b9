import type { ConformanceClient, Reply } from './client';

/** A behaviour that differs from BC's: the check fails with this text. */
export class CheckFailure extends Error {}

/** A check that cannot run against this endpoint (no data of the kind, other credentials): neither pass nor fail. */
export class CheckSkipped extends Error {}

export function ensure(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckFailure(message);
}

export interface Check {
  /** Stable name, e.g. `errors.unknownEntitySet`. */
  id: string;
  /** What BC does, in a line. */
  behaviour: string;
  /** Resolves (optionally with a detail for the table) when the endpoint behaves as BC; throws CheckFailure or CheckSkipped otherwise. */
  run(ctx: ConformanceContext): Promise<string | void>;
}

/** BC's error envelope: `{"error":{"code","message"}}`, the message ending in `  CorrelationId:  <guid>.` */
export interface BcErrorReply {
  status: number;
  code: string;
  /** The message without the CorrelationId tail. */
  text: string;
}

/** An id no record has (a pattern of the kit's own). */
export const NO_SUCH_ID = '00000000-0000-0000-0000-00000000c0f0';

const CORRELATION_TAIL = / {2}CorrelationId: {2}[0-9a-fA-F-]{36}\.$/;

/**
 * What the checks share: the client, the company, and the records the kit made for itself (named
 * with a marker no one else uses), deleted again by cleanup().
 */
export class ConformanceContext {
  readonly created: Array<{ path: string; what: string }> = [];
  private contacts?: Promise<Array<Record<string, any>>>;

  constructor(
    readonly client: ConformanceClient,
    readonly companyId: string,
    /** Prefix of every displayName the kit writes, e.g. `ZZ Conformance 1a2b3c4d`. */
    readonly marker: string,
  ) {}

  /** `companies({id})/<rest>` */
  in(rest: string): string {
    return `companies(${this.companyId})/${rest}`;
  }

  /** POSTs a record of the kit's own; it is deleted again by cleanup(). */
  async create(entitySet: string, body: Record<string, unknown>): Promise<Record<string, any>> {
    const reply = await this.client.send('POST', this.in(entitySet), { body });
    ensure(reply.status === 201, `POST ${entitySet} answered ${reply.status}, not 201: ${reply.text.slice(0, 300)}`);
    const entity = reply.json as Record<string, any>;
    ensure(typeof entity?.id === 'string', `POST ${entitySet} answered no id`);
    this.created.push({ path: this.in(`${entitySet}(${entity.id})`), what: `${entitySet} '${String(body.displayName ?? entity.id)}'` });
    return entity;
  }

  /** Three contacts of the kit's own, `<marker> A`, `B` and `C`, made once for all checks. */
  ourContacts(): Promise<Array<Record<string, any>>> {
    this.contacts ??= (async () => {
      const made = [];
      for (const suffix of ['A', 'B', 'C']) made.push(await this.create('contacts', { displayName: `${this.marker} ${suffix}` }));
      return made;
    })();
    return this.contacts;
  }

  /** PATCH one of the kit's own contacts (0–2) with its current ETag. */
  async patchOurs(index: number, body: Record<string, unknown>): Promise<Reply> {
    const path = this.in(`contacts(${(await this.ourContacts())[index].id})`);
    const etag = (await this.client.get(path)).json?.['@odata.etag'];
    return this.client.send('PATCH', path, { headers: { 'If-Match': String(etag) }, body });
  }

  /** `$filter` for the kit's own contacts. */
  get ourFilter(): string {
    return `startswith(displayName,'${this.marker}')`;
  }

  /** The reply as BC's error envelope, with the status it must have (any of `statuses`, if given). */
  errorOf(reply: Reply, ...statuses: number[]): BcErrorReply {
    if (statuses.length) ensure(statuses.includes(reply.status), `status ${reply.status}, not ${statuses.join(' or ')}: ${reply.text.slice(0, 300)}`);
    else ensure(reply.status >= 400, `status ${reply.status}, not an error`);
    const body = reply.json as { error?: { code?: unknown; message?: unknown } } | undefined;
    ensure(body && typeof body === 'object' && body.error && typeof body.error === 'object', `not BC's error envelope: ${reply.text.slice(0, 300)}`);
    const keys = Object.keys(body).join(',') + ' / ' + Object.keys(body.error).join(',');
    ensure(keys === 'error / code,message', `envelope has ${keys}, BC's has error / code,message`);
    ensure(typeof body.error.code === 'string' && typeof body.error.message === 'string', 'code and message are not texts');
    ensure(CORRELATION_TAIL.test(body.error.message), `message does not end in '  CorrelationId:  <guid>.': ${body.error.message}`);
    return { status: reply.status, code: body.error.code, text: body.error.message.replace(CORRELATION_TAIL, '') };
  }

  /** Deletes what the kit made, newest first (each with its current ETag); what could not be deleted. */
  async cleanup(): Promise<string[]> {
    const left: string[] = [];
    for (const { path, what } of [...this.created].reverse()) {
      try {
        const current = await this.client.get(path);
        if (current.status === 404) continue;
        const etag = current.json?.['@odata.etag'];
        const reply = await this.client.send('DELETE', path, { headers: typeof etag === 'string' ? { 'If-Match': etag } : {} });
        if (reply.status !== 204 && reply.status !== 200) left.push(`${what}: DELETE answered ${reply.status}`);
      } catch (err) {
        left.push(`${what}: ${(err as Error).message}`);
      }
    }
    this.created.length = 0;
    return left;
  }
}
