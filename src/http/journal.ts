import type { RequestHandler } from 'express';
import { CORRELATION_HEADER } from './errorMiddleware';
import type { InjectedFault } from './faults';

/**
 * The request journal (what WireMock and Mockoon keep): every request's
 * method, URL, status, duration, correlation id and user, in a bounded ring
 * buffer — a long-running simulator must not grow without limit (WireMock's
 * unbounded journal is a known out-of-memory cause, bc-api.md §3). Read and
 * cleared through `/_sim/requests` (SUPER only). Requests without an
 * authenticated user are counted, not kept: anyone can send those, and
 * must not be able to push the real ones out of the ring.
 */
export interface JournalEntry {
  /** Increasing number of the request since the journal was created. */
  seq: number;
  /** When the request arrived (ISO 8601). */
  at: string;
  method: string;
  url: string;
  status: number;
  durationMs: number;
  correlationId: string;
  /** The authenticated user. */
  user: string;
  /** The fault a rule of /_sim/faults injected into the request (src/http/faults.ts), if one fired. */
  fault?: InjectedFault;
}

export const DEFAULT_JOURNAL_SIZE = 1000;

export class RequestJournal {
  private readonly entries: JournalEntry[] = [];
  private next = 0;
  private seq = 0;
  /** Requests without an authenticated user since the journal was created or cleared. */
  unauthenticated = 0;

  constructor(readonly capacity = DEFAULT_JOURNAL_SIZE) {}

  add(entry: Omit<JournalEntry, 'seq'>): void {
    if (this.capacity <= 0) return;
    const full = { seq: ++this.seq, ...entry };
    if (this.entries.length < this.capacity) this.entries.push(full);
    else this.entries[this.next] = full;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Oldest first. */
  list(): JournalEntry[] {
    if (this.entries.length < this.capacity) return [...this.entries];
    return [...this.entries.slice(this.next), ...this.entries.slice(0, this.next)];
  }

  clear(): void {
    this.entries.length = 0;
    this.next = 0;
    this.unauthenticated = 0;
  }

  /** Express middleware: records each request when its response is finished (or the connection closed). */
  middleware(): RequestHandler {
    return (req, res, next) => {
      const start = process.hrtime.bigint();
      const at = new Date().toISOString();
      let done = false;
      const record = () => {
        if (done) return;
        done = true;
        const user = (res.locals.user as { userName?: string } | undefined)?.userName;
        if (!user) {
          this.unauthenticated++;
          return;
        }
        this.add({
          at,
          method: req.method,
          url: req.originalUrl,
          status: res.statusCode,
          durationMs: Number(process.hrtime.bigint() - start) / 1e6,
          correlationId: String(res.getHeader(CORRELATION_HEADER) ?? ''),
          user,
          ...(res.locals.injectedFault ? { fault: res.locals.injectedFault as InjectedFault } : {}),
        });
      };
      res.once('finish', record);
      res.once('close', record);
      next();
    };
  }
}
