import type { ApiGroup } from '../../../pages/api/ApiPage';
import type { ApiWebhookSubscription } from '../../../entities/System/ApiWebhookSubscription.Table';
import type { CommitObserver, RecordChange, Simulator } from '../../host/Simulator';
import { tableMeta, type TableMeta } from '../../runtime/Metadata';
import { postToSubscriber } from './outbound';
import { pageOf } from './resources';
import { MAX_ATTEMPTS, retryDelayMs, type WebhookSettings } from './settings';

/** One record's change in a company's window; several changes of one record merge into one. */
interface PendingChange {
  table: TableMeta;
  systemId: string;
  changeType: 'created' | 'updated' | 'deleted';
  at: Date;
}

/** A company's changes since its first one, waiting for the delay (BC: ApiSubscriptionDelayTime). */
interface Window {
  companyName: string;
  changes: Map<string, PendingChange>;
}

/** One element of `{"value":[…]}`, in the order of BC's codeunit 6154. */
interface Notification {
  subscriptionId: string;
  clientState: string;
  expirationDateTime: string;
  resource: string;
  changeType: string;
  lastModifiedDateTime: string;
}

/**
 * BC's webhook sender (codeunits 6153/6154) over the simulator's committed
 * changes: a company's first committed change of a subscribed table opens a
 * window of `delayMs`; then every subscription of that company gets one
 * notification per changed record (created/updated/deleted, several changes of
 * a record merged), or one `collection` notification when more than
 * `maxNotifications` records changed, all of a notification URL in one POST.
 * A failed POST is retried (no answer, 408, 429, 5xx) with BC's delays, or its
 * subscriptions are deleted (any other status, or too many attempts).
 * The windows and retries live in this process's memory (BC keeps them in
 * tables 2000000096/2000000097 and a job queue entry): see docs/differences.md.
 */
export class WebhookNotifier implements CommitObserver {
  /** Company name → source table ids with subscriptions, as last read from the system database. */
  private subscribedTables = new Map<string, Set<number>>();
  private readonly windows = new Map<string, Window>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopObserving: (() => void) | null = null;
  private refreshedAt = 0;
  private refreshing: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly sim: Simulator,
    private readonly groups: ApiGroup[],
    private readonly settings: WebhookSettings,
  ) {}

  start(): void {
    this.stopObserving = this.sim.commits.observe(this);
    this.refreshSoon();
  }

  /** Stops observing and drops what was waiting; waits for POSTs under way. */
  async close(): Promise<void> {
    this.closed = true;
    this.stopObserving?.();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.windows.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Reads which tables have subscriptions: after a subscription changes here, and when an operation
   * runs more than `refreshMs` after the last read (subscriptions of other instances over the same database).
   */
  async refresh(): Promise<void> {
    if (this.closed) return;
    this.refreshedAt = Date.now();
    const next = new Map<string, Set<number>>();
    for (const sub of await this.sim.apiSubscriptions.list()) {
      const set = next.get(sub.companyName) ?? new Set<number>();
      set.add(sub.sourceTableId);
      next.set(sub.companyName, set);
    }
    this.subscribedTables = next;
  }

  watches(table: TableMeta): boolean {
    if (Date.now() - this.refreshedAt > this.settings.refreshMs) this.refreshSoon();
    for (const set of this.subscribedTables.values()) if (set.has(table.id)) return true;
    return false;
  }

  committed(company: { name: string }, changes: RecordChange[]): void {
    const tables = this.subscribedTables.get(company.name);
    if (!tables || this.closed) return;
    for (const c of changes) {
      if (!tables.has(c.table.id)) continue;
      let window = this.windows.get(company.name);
      if (!window) {
        window = { companyName: company.name, changes: new Map() };
        this.windows.set(company.name, window);
        this.later(this.settings.delayMs, () => this.flush(company.name));
      }
      merge(window.changes, c);
    }
  }

  /** A refresh in the background; a failed one (the database closing) is tried again at the next operation. */
  private refreshSoon(): void {
    if (this.refreshing || this.closed) return;
    this.refreshedAt = Date.now();
    const p = this.refresh().catch(() => {
      this.refreshedAt = 0;
    });
    this.refreshing = p;
    this.inFlight.add(p);
    void p.finally(() => {
      this.refreshing = null;
      this.inFlight.delete(p);
    });
  }

  private async flush(companyName: string): Promise<void> {
    const window = this.windows.get(companyName);
    this.windows.delete(companyName);
    if (!window) return;
    await this.sim.apiSubscriptions.deleteExpired(this.settings.now());
    const byUrl = new Map<string, { notifications: Notification[]; subscriptionIds: Set<string> }>();
    for (const sub of await this.sim.apiSubscriptions.list({ companyName })) {
      const page = pageOf(this.groups, sub);
      if (!page) continue;
      const table = tableMeta(page.table);
      const changes = [...window.changes.values()].filter((c) => c.table === table);
      if (changes.length === 0) continue;
      const entry = byUrl.get(sub.notificationUrl) ?? { notifications: [], subscriptionIds: new Set<string>() };
      byUrl.set(sub.notificationUrl, entry);
      entry.subscriptionIds.add(sub.subscriptionId);
      if (changes.length > this.settings.maxNotifications) {
        entry.notifications.push(collectionNotification(sub, changes, page.fields.some((f) => f.name === 'lastModifiedDateTime')));
      } else {
        for (const c of changes) entry.notifications.push(notification(sub, `${sub.resourceUrl}(${c.systemId})`, c.changeType, c.at));
      }
    }
    for (const [url, entry] of byUrl) this.track(this.send(url, entry.notifications, [...entry.subscriptionIds], 0));
  }

  private async send(url: string, notifications: Notification[], subscriptionIds: string[], attempt: number): Promise<void> {
    const answer = await postToSubscriber(url, { value: notifications }, this.settings.sendTimeoutMs);
    if (answer.status !== null && answer.status >= 200 && answer.status < 300) return;
    // BC's ShouldReschedule: only a missing answer, 408, 429 and 5xx are worth another attempt.
    const retry = answer.status === null || answer.status === 408 || answer.status === 429 || answer.status >= 500;
    if (!retry || attempt + 1 > MAX_ATTEMPTS || this.closed) {
      if (!this.closed) await this.deleteSubscriptions(subscriptionIds);
      return;
    }
    this.later(retryDelayMs(attempt, this.settings), async () => {
      // A subscription deleted or expired meanwhile gets nothing more.
      const now = this.settings.now();
      const alive = new Set<string>();
      for (const id of subscriptionIds) {
        const sub = await this.sim.apiSubscriptions.get(id);
        if (sub && sub.expirationDateTime > now) alive.add(id);
      }
      const left = notifications.filter((n) => alive.has(n.subscriptionId));
      if (left.length) await this.send(url, left, [...alive], attempt + 1);
    });
  }

  private async deleteSubscriptions(ids: string[]): Promise<void> {
    for (const id of ids) await this.sim.apiSubscriptions.delete(id);
    await this.refresh();
  }

  private later(ms: number, fn: () => Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) this.track(fn());
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  /** Keeps a background task so close() can wait for it; its failure is logged, never thrown at a request. */
  private track(p: Promise<unknown>): void {
    const tracked = p.catch((err) => {
      if (!this.closed) console.error('webhooks:', err);
    });
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }
}

/** Created then updated stays created; a delete wins; the latest time is kept. */
function merge(changes: Map<string, PendingChange>, c: RecordChange): void {
  const key = `${c.table.id}|${c.systemId}`;
  const before = changes.get(key);
  const changeType = before?.changeType === 'created' && c.type === 'updated' ? 'created' : c.type;
  changes.set(key, { table: c.table, systemId: c.systemId, changeType, at: before && before.at > c.at ? before.at : c.at });
}

function notification(sub: ApiWebhookSubscription, resource: string, changeType: string, at: Date): Notification {
  return {
    subscriptionId: sub.subscriptionId,
    clientState: sub.clientState,
    expirationDateTime: new Date(sub.expirationDateTime).toISOString(),
    resource,
    changeType,
    lastModifiedDateTime: at.toISOString(),
  };
}

/** BC: the resource with `$filter=lastModifiedDateTime gt` the window's first change minus 50 ms, if the entity has that field. */
function collectionNotification(sub: ApiWebhookSubscription, changes: PendingChange[], hasLastModified: boolean): Notification {
  const first = new Date(Math.min(...changes.map((c) => c.at.getTime())));
  const last = new Date(Math.max(...changes.map((c) => c.at.getTime())));
  const resource = hasLastModified
    ? `${sub.resourceUrl}?$filter=lastModifiedDateTime%20gt%20${new Date(first.getTime() - 50).toISOString()}`
    : sub.resourceUrl;
  return notification(sub, resource, 'collection', last);
}
