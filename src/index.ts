import type { ThrottleLimits } from './http/throttle';
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { AppLocals, createApp } from './http/app';
import { checkBinding } from './config';
import { hostNamesFor, LOOPBACK_HOSTS } from './http/frontDoor';
import type { WebhookOptions } from './http/webhooks/settings';
import type { RequestJournal } from './http/journal';
import type { ResponseLimits } from './http/api/limits';
import { createLimitedServer, ServerLimits } from './http/serverLimits';
import type { ManagerOptions } from './pageSession/PageSessionManager';
import { seedDemoCompany, demoUsers, DEMO_COMPANY_DISPLAY_NAME, DEMO_COMPANY_NAME } from './seed/demo';
import { seedEmptyCompany } from './seed/empty';
import { SeedFunction, Simulator, Snapshot, UserSpec } from './host/Simulator';
import { BUSINESS_USER_SET } from './host/Permissions';

/**
 * empire-sim as a library: start a simulator with its HTTP API in-process
 * (for tests of a client, or a training tool), get its URL and company id,
 * and reset, snapshot, restore or stop it.
 *
 *   const sim = await startSimulator();              // random port, in memory, demo data
 *   await fetch(`${sim.url}/api/v2.0/companies`, { headers: { authorization: basic('ANNE', 'demo-anne') } });
 *   await sim.reset();                               // back to the seed between tests
 *   await sim.stop();
 *
 * The same controls are served over HTTP under /_sim (see /_sim/docs/).
 */
export interface StartOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /**
   * Interface to listen on; default 127.0.0.1. Another one is refused while any user still has a
   * well-known demo key (checkBinding in src/config.ts).
   */
  host?: string;
  /** More names the Host header may carry, besides localhost, 127.0.0.1, [::1] and the bound host (all interfaces: this machine's names). */
  allowedHosts?: string[];
  /** Folder for the SQLite files; null (default) keeps everything in memory. */
  dataDir?: string | null;
  /** The seed of the company created when there is none yet: 'demo' (default) or 'empty'. */
  seed?: 'demo' | 'empty';
  /** Largest accepted request body (default 4mb). */
  bodyLimit?: string;
  /** Largest page of a collection (server-driven paging); default 20,000 as BC online. */
  maxPageSize?: number;
  /** Requests kept in the request journal (/_sim/requests); default 1,000. */
  journalSize?: number;
  /** HTTP status of a stale ETag: 409 (default, BC's HTTP table) or 412. */
  conflictStatus?: 409 | 412;
  /** Every resource bounded (docs/limits.md): the defaults hold for what is not given. */
  limits?: Limits;
  /** BC online's per-user request limits ('online', or figures of your own); default none, as on-premises. */
  throttle?: 'online' | ThrottleLimits;
  /** API webhooks (docs/api.md, Webhooks): `delayMs` (BC: 30 s), `retryFactor`, `expiryMs`, `maxSubscriptions`, … */
  webhooks?: WebhookOptions;
}

/** The limits of docs/limits.md, by the layer that enforces them. */
export interface Limits extends ServerLimits, ResponseLimits {
  /** Companies this instance may hold (default 100). */
  maxCompanies?: number;
  /** Page sessions: idle expiry (`ttlMs`), per user, in total, client-sent state size. */
  pageSessions?: Pick<ManagerOptions, 'ttlMs' | 'maxPerUser' | 'maxTotal' | 'maxStateChars'>;
}

export interface RunningSimulator {
  /** `http://127.0.0.1:<port>`: the API is at `${url}/api/v2.0` and `${url}/api/empire/crm/v1.0`. */
  url: string;
  port: number;
  /** The company's SystemId: `companies(${companyId})` in API URLs. */
  companyId: string;
  companyName: string;
  /** The users who can authenticate (user name + web-service access key). */
  users: UserSpec[];
  /** The simulator itself, for direct access (sim.run with the table classes). */
  sim: Simulator;
  /** The company back to its seed. */
  reset(): Promise<void>;
  /** The company's data now; restore() without an argument goes back to the latest one. */
  snapshot(): Promise<Snapshot>;
  restore(snapshot?: Snapshot): Promise<void>;
  /** The request journal (what /_sim/requests shows). */
  journal: RequestJournal;
  stop(): Promise<void>;
}

/** The seeds a company can be created from and reset to. */
export const seeds: Record<string, SeedFunction> = { demo: seedDemoCompany, empty: seedEmptyCompany };

export async function startSimulator(options: StartOptions = {}): Promise<RunningSimulator> {
  const limits = options.limits ?? {};
  const sim = await Simulator.start({ dataDir: options.dataDir ?? null, seeds, users: demoUsers, maxCompanies: limits.maxCompanies });
  try {
    const host = options.host ?? '127.0.0.1';
    checkBinding(host, await sim.listUsers());
    const company = await ensureCompany(sim, options.seed ?? 'demo');
    await letDemoUsersIn(sim, company.name);
    const app = createApp(sim, {
      allowedHosts: [...LOOPBACK_HOSTS, ...hostNamesFor(host), ...(options.allowedHosts ?? [])],
      bodyLimit: options.bodyLimit,
      maxPageSize: options.maxPageSize,
      journalSize: options.journalSize,
      conflictStatus: options.conflictStatus,
      throttle: options.throttle,
      webhooks: options.webhooks,
      seeds: Object.keys(seeds),
      pageSessions: limits.pageSessions,
      maxExpandedEntities: limits.maxExpandedEntities,
      maxBatchEntities: limits.maxBatchEntities,
    });
    const { journal, webhooks } = (app.locals as { simulator: AppLocals }).simulator;
    const server = await listen(createLimitedServer(app, limits), options.port ?? 0, host);
    const port = (server.address() as AddressInfo).port;
    const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
    let stopped = false;
    let latest: Snapshot | undefined;
    return {
      url: `http://${shownHost}:${port}`,
      port,
      companyId: company.systemId,
      companyName: company.name,
      users: demoUsers,
      sim,
      journal,
      reset: () => sim.resetCompany(company.systemId),
      async snapshot() {
        latest = await sim.snapshot(company.systemId);
        return latest;
      },
      async restore(s) {
        const target = s ?? latest;
        if (!target) throw new Error('restore() without a snapshot: take one with snapshot() first');
        await sim.restore(company.systemId, target);
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        await webhooks.close();
        await close(server);
        await sim.close();
      },
    };
  } catch (err) {
    await sim.close();
    throw err;
  }
}

/** First start: no companies yet → the demo company (or an empty one). Later starts use what is there. */
async function ensureCompany(sim: Simulator, seed: 'demo' | 'empty') {
  const existing = sim.listCompanies();
  const demo = existing.find((c) => c.name === DEMO_COMPANY_NAME);
  if (demo) return demo;
  if (existing.length > 0) return existing[0];
  return seed === 'demo'
    ? sim.createCompany(DEMO_COMPANY_NAME, { displayName: DEMO_COMPANY_DISPLAY_NAME, seed: 'demo' })
    : sim.createCompany('Empty', { seed: 'empty' });
}

/**
 * The demo employees work in the company the library started with, also when it is not the demo company
 * (`seed: 'empty'`), as the quick start promises; a user who already has a set there keeps what they have.
 */
async function letDemoUsersIn(sim: Simulator, companyName: string): Promise<void> {
  for (const spec of demoUsers) {
    const user = await sim.findUser(spec.userName);
    if (!user || (await sim.permissions.of(user)).canUse(companyName)) continue;
    await sim.permissions.assign(user, { roleId: BUSINESS_USER_SET, company: companyName });
  }
}

function listen(server: Server, port: number, host: string | undefined): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    // Keep-alive connections would hold close() open until they time out.
    server.closeAllConnections();
  });
}

export { createApp } from './http/app';
export type { AppOptions } from './http/app';
export type { WebhookOptions } from './http/webhooks/settings';
export { RequestJournal } from './http/journal';
export type { JournalEntry } from './http/journal';
export { Simulator } from './host/Simulator';
export type { Actor, SeedFunction, SimulatorOptions, Snapshot, UserSpec } from './host/Simulator';
export { Session } from './runtime/Session';
export { PreAnsweredDialogs, ScriptedDialogs, parseDialogAnswers } from './runtime/Dialogs';
export type { DialogPort, DialogTrace } from './runtime/Dialogs';
export * from './runtime/BcError';
export { seedDemoCompany, demoUsers, DEMO_COMPANY_NAME } from './seed/demo';
export { seedEmptyCompany } from './seed/empty';
export * as entities from '../entities';
export { apiGroups } from '../pages';
