/** How the simulator's webhooks behave; BC's defaults unless said otherwise (docs/api.md, Webhooks). */
export interface WebhookOptions {
  /** Wait after a company's first change before notifying (BC: ApiSubscriptionDelayTime, 30,000 ms). Env EMPIRE_SIM_WEBHOOK_DELAY_MS. */
  delayMs?: number;
  /** Multiplies BC's retry delays (1, 1, 10, 100, 1,000 minutes); tests use a small factor. Env EMPIRE_SIM_WEBHOOK_RETRY_FACTOR. */
  retryFactor?: number;
  /** Lifetime of a subscription and of a renewal (BC: ApiSubscriptionExpiration, 3 days). */
  expiryMs?: number;
  /** Subscriptions per tenant (BC online: 200). */
  maxSubscriptions?: number;
  /** More changes than this for one subscription in one window become one `collection` notification (BC: 1,000). */
  maxNotifications?: number;
  /** Time the notification URL has to answer the handshake (BC on-premises: ApiSubscriptionNotificationUrlTimeout, 5,000 ms). */
  handshakeTimeoutMs?: number;
  /** Time the notification URL has to answer a notification (BC on-premises: ApiSubscriptionSendingNotificationTimeout, 30,000 ms). */
  sendTimeoutMs?: number;
  /** Subscriptions made by other instances over the same database are looked for at an operation this long after the last look (simulator; default 2,000 ms). */
  refreshMs?: number;
  /** The time subscriptions expire against (tests move it forward); default the real clock. */
  now?: () => Date;
}

export type WebhookSettings = Required<WebhookOptions>;

const MINUTE = 60_000;
/** BC's delay before the next attempt, by the number of failed attempts so far (codeunit 6154). */
const RETRY_MINUTES = [1, 1, 1, 10, 100, 1000];
/** Failed attempts after which the subscription is deleted (BC: GetMaxNumberOfAttempts). */
export const MAX_ATTEMPTS = 5;

export function retryDelayMs(failedAttempts: number, settings: WebhookSettings): number {
  return RETRY_MINUTES[Math.min(failedAttempts, RETRY_MINUTES.length - 1)] * MINUTE * settings.retryFactor;
}

export function webhookSettings(options: WebhookOptions = {}, env: NodeJS.ProcessEnv = process.env): WebhookSettings {
  return {
    delayMs: options.delayMs ?? envNumber(env, 'EMPIRE_SIM_WEBHOOK_DELAY_MS') ?? 30_000,
    retryFactor: options.retryFactor ?? envNumber(env, 'EMPIRE_SIM_WEBHOOK_RETRY_FACTOR') ?? 1,
    expiryMs: options.expiryMs ?? 3 * 24 * 60 * MINUTE,
    maxSubscriptions: options.maxSubscriptions ?? 200,
    maxNotifications: options.maxNotifications ?? 1000,
    handshakeTimeoutMs: options.handshakeTimeoutMs ?? 5000,
    sendTimeoutMs: options.sendTimeoutMs ?? 30_000,
    refreshMs: options.refreshMs ?? 2000,
    now: options.now ?? (() => new Date()),
  };
}

function envNumber(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, not '${text}'.`);
  return n;
}
