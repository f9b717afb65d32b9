import express, { Express } from 'express';
import { apiGroups } from '../../pages';
import type { ApiGroup } from '../../pages/api/ApiPage';
import type { Simulator } from '../host/Simulator';
import { SIMULATOR_VERSION } from '../config';
import { apiHandler } from './api/express';
import { onlineUrls } from './onlineUrls';
import { DEFAULT_MAX_PAGE_SIZE, ResponseLimits } from './api/limits';
import type { ManagerOptions } from '../pageSession/PageSessionManager';
import { basicAuth } from './auth';
import { docsRoutes } from './docs';
import { correlationId, errorMiddleware, ErrorOptions } from './errorMiddleware';
import { HttpErrors } from './HttpErrors';
import { inOrder } from './inOrder';
import { DEFAULT_JOURNAL_SIZE, RequestJournal } from './journal';
import { bodyTypeCheck, hostCheck, LOOPBACK_HOSTS, multipartBody } from './frontDoor';
import { securityHeaders } from './securityHeaders';
import { simRoutes } from './simRoutes';
import { simUserRoutes } from './simUserRoutes';
import type { ThrottleLimits } from './throttle';
import { ThrottleControl } from './throttleControl';
import { FaultInjector } from './faults';
import { simFaultRoutes } from './simFaultRoutes';
import { trainingRoutes } from './trainingRoutes';
import { pageSessionRoutes } from './pageSessionRoutes';
import { WebhookNotifier } from './webhooks/WebhookNotifier';
import { webhookSettings, type WebhookOptions } from './webhooks/settings';
import { subscriptionsRoute } from './webhooks/subscriptionsRoute';

export interface AppOptions extends ResponseLimits {
  /** Largest accepted request body (body-parser syntax); larger → 413. Default 4mb. */
  bodyLimit?: string | number;
  /** The API route groups; default: Microsoft's v2.0 and empire/crm/v1.0. */
  groups?: ApiGroup[];
  /** Largest page of a collection (server-driven paging). Default 20,000, as BC online. */
  maxPageSize?: number;
  /** Requests kept in the journal (/_sim/requests); 0 keeps none. Default 1,000. */
  journalSize?: number;
  /** Seed names, for GET /_sim/seeds. */
  seeds?: string[];
  /** HTTP status of a stale ETag (Request_EntityChanged): 409 (default, BC's HTTP table) or 412. */
  conflictStatus?: 409 | 412;
  /** Host names (without port) requests may address; default localhost, 127.0.0.1 and [::1]. */
  allowedHosts?: string[];
  /** Page sessions' limits and idle expiry (docs/limits.md). */
  pageSessions?: ManagerOptions;
  /** BC online's per-user request limits on the API ('online' or figures); default none (src/http/throttle.ts). */
  throttle?: 'online' | ThrottleLimits;
  /** API webhooks: delay, retry factor, expiry, limits (docs/api.md, Webhooks); the environment's otherwise. */
  webhooks?: WebhookOptions;
}

/** What createApp exposes besides the routes (app.locals.simulator). */
export interface AppLocals {
  journal: RequestJournal;
  /** The per-user request limits, for the instance and per company (off unless set; /_sim/throttling). */
  throttle: ThrottleControl;
  /** The fault and latency rules (/_sim/faults). */
  faults: FaultInjector;
  /** Sends the webhook notifications; close() it when the app stops. */
  webhooks: WebhookNotifier;
}

/**
 * The HTTP façade over a running Simulator. The pipeline, in order:
 * correlation id → journal → Host header → body type → page sessions →
 * authentication (API and /_sim) → throttling and injected faults (API) → JSON body → the API pages / simulator
 * controls → unknown route → the one error middleware.
 */
export function createApp(sim: Simulator, options: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  // OData has its own ETags (@odata.etag, If-Match); Express's body hashes would be a second, different kind.
  app.set('etag', false);
  const journal = new RequestJournal(options.journalSize ?? DEFAULT_JOURNAL_SIZE);
  const webhooks = webhookSettings(options.webhooks);
  const groups = options.groups ?? apiGroups;
  const notifier = new WebhookNotifier(sim, groups, webhooks);
  notifier.start();
  const limits = new ThrottleControl(options.throttle ?? 'off');
  const faults = new FaultInjector(sim);
  (app.locals as { simulator?: AppLocals }).simulator = { journal, webhooks: notifier, throttle: limits, faults };
  app.use(inOrder([securityHeaders, correlationId, journal.middleware(), hostCheck(options.allowedHosts ?? LOOPBACK_HOSTS), bodyTypeCheck, onlineUrls()]));
  (app.locals as { errorOptions?: ErrorOptions }).errorOptions = { conflictStatus: options.conflictStatus };
  app.use(pageSessionRoutes(sim, options.pageSessions)); // page sessions + web client (docs/pages.md); before `/` so browsers get the client

  app.get('/', (_req, res) => {
    res.json({
      name: 'empire-sim',
      version: SIMULATOR_VERSION,
      apis: ['/api/v2.0', '/api/empire/crm/v1.0'],
      simulator: '/_sim',
      docs: '/_sim/docs/',
      openapi: '/_sim/openapi.json',
      authentication: 'HTTP Basic: user name + web service access key',
    });
  });

  // bodyTypeCheck let only JSON bodies through (and multipart ones to $batch, read as text before); read them whatever parameters the type has.
  const json = express.json({ limit: options.bodyLimit ?? '4mb', type: () => true, strict: true });
  const apiHandlers = [basicAuth(sim), limits.middleware(groups, sim), faults.middleware(groups), multipartBody(options.bodyLimit ?? '4mb'), json];
  const subscriptions = subscriptionsRoute(sim, groups, webhooks, () => notifier.refresh());
  app.use(
    '/api',
    inOrder([
      ...apiHandlers,
      subscriptions,
      apiHandler(sim, groups, {
        maxPageSize: options.maxPageSize ?? DEFAULT_MAX_PAGE_SIZE,
        conflictStatus: options.conflictStatus,
        maxExpandedEntities: options.maxExpandedEntities,
        maxBatchEntities: options.maxBatchEntities,
      }),
    ]),
  );
  app.use('/_sim', docsRoutes(groups));
  // The trainer's console (docs/training.md), its query (?klas=) kept.
  app.get('/console', (req, res) => res.redirect(`/web/console.html${req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : ''}`));
  app.use(
    '/_sim',
    basicAuth(sim),
    json,
    simRoutes(sim, { journal, seeds: options.seeds }),
    simUserRoutes(sim),
    simFaultRoutes(sim, faults, limits),
    trainingRoutes(sim),
  );

  // A URL nothing serves: BC's answer, with the URL as sent (docs/api.md, Errors).
  app.use((req) => {
    throw HttpErrors.noHttpResource(`${req.protocol}://${req.get('host')}${req.originalUrl}`);
  });
  app.use(errorMiddleware);
  return app;
}
