import path from 'node:path';
import pkg from '../package.json';
import { demoAccessKey } from './seed/demoData';

/** The simulator's version (package.json), shown by the server and in `companies.systemVersion`. */
export const SIMULATOR_VERSION: string = pkg.version;

export interface ServerConfig {
  /** `PORT`, default 3000. 0 picks a free port. */
  port: number;
  /** `HOST`, default 127.0.0.1 (this machine only). */
  host?: string;
  /** `EMPIRE_SIM_ALLOWED_HOSTS`, comma-separated: more names the Host header may carry (besides localhost, 127.0.0.1, [::1] and HOST). */
  allowedHosts: string[];
  /** `EMPIRE_SIM_DATA_DIR`, default ./data; `:memory:` keeps everything in memory (gone on exit). */
  dataDir: string | null;
  /** `EMPIRE_SIM_BODY_LIMIT`, default 4mb: larger request bodies get 413. */
  bodyLimit: string;
  /** `EMPIRE_SIM_THROTTLE=online`: BC online's per-user request limits (429); default off, as on-premises. */
  throttle?: 'online';
}

/** Configuration from the environment; a bad value stops the server with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const portText = env.PORT ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new Error(`PORT must be a number from 0 to 65535, not '${portText}'.`);
  const dir = env.EMPIRE_SIM_DATA_DIR ?? './data';
  const throttle = env.EMPIRE_SIM_THROTTLE || 'off';
  if (throttle !== 'online' && throttle !== 'off') throw new Error(`EMPIRE_SIM_THROTTLE must be 'online' or 'off', not '${throttle}'.`);
  return {
    port,
    host: env.HOST || undefined,
    allowedHosts: (env.EMPIRE_SIM_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim()).filter((h) => h !== ''),
    dataDir: dir === ':memory:' ? null : path.resolve(dir),
    bodyLimit: env.EMPIRE_SIM_BODY_LIMIT ?? '4mb',
    throttle: throttle === 'online' ? 'online' : undefined,
  };
}

/** 127.0.0.0/8, ::1 and localhost: reachable from this machine only. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}

/**
 * Listening beyond this machine while a user still has the documented demo key (`demo-<name>`) would let
 * anyone on the network sign in as them: refused, with what to do instead.
 */
export function checkBinding(host: string, users: ReadonlyArray<{ userName: string; webServiceAccessKey: string }>): void {
  if (isLoopback(host)) return;
  const exposed = users.filter((u) => u.webServiceAccessKey === demoAccessKey(u.userName)).map((u) => u.userName);
  if (exposed.length === 0) return;
  throw new Error(
    `refusing to listen on ${host}: ${exposed.length} user(s) still have their well-known demo key (demo-<name>): ${exposed.join(', ')}. ` +
      'Start on 127.0.0.1 (leave HOST unset), give them keys of their own (PATCH /_sim/users/{name} {"webServiceAccessKey": "…"}), ' +
      'then start on the other interface. (A deleted demo user is made again, with the demo key, at the next start.)',
  );
}

// ---- Limits (docs/limits.md): every resource a client can make the server hold is bounded ----

/** The limits settable from the environment; what is not set keeps its default. */
export interface LimitsConfig {
  maxCompanies?: number;
  maxConnections?: number;
  headersTimeout?: number;
  requestTimeout?: number;
  keepAliveTimeout?: number;
  maxExpandedEntities?: number;
  maxBatchEntities?: number;
  pageSessions: { ttlMs?: number; maxPerUser?: number; maxTotal?: number; maxStateChars?: number };
}

/** Environment variable → the limit it sets (all whole numbers; times in milliseconds). */
export const LIMIT_VARIABLES = {
  EMPIRE_SIM_MAX_COMPANIES: 'maxCompanies',
  EMPIRE_SIM_MAX_CONNECTIONS: 'maxConnections',
  EMPIRE_SIM_HEADERS_TIMEOUT_MS: 'headersTimeout',
  EMPIRE_SIM_REQUEST_TIMEOUT_MS: 'requestTimeout',
  EMPIRE_SIM_KEEP_ALIVE_TIMEOUT_MS: 'keepAliveTimeout',
  EMPIRE_SIM_MAX_EXPANDED_ENTITIES: 'maxExpandedEntities',
  EMPIRE_SIM_MAX_BATCH_ENTITIES: 'maxBatchEntities',
  EMPIRE_SIM_PAGE_SESSION_TTL_MS: 'pageSessions.ttlMs',
  EMPIRE_SIM_PAGE_SESSIONS_PER_USER: 'pageSessions.maxPerUser',
  EMPIRE_SIM_PAGE_SESSIONS_TOTAL: 'pageSessions.maxTotal',
  EMPIRE_SIM_PAGE_SESSION_STATE_CHARS: 'pageSessions.maxStateChars',
} as const;

/** The limits from the environment; a value that is not a positive whole number stops the server with a clear message. */
export function loadLimits(env: NodeJS.ProcessEnv = process.env): LimitsConfig {
  const limits: LimitsConfig = { pageSessions: {} };
  for (const [variable, setting] of Object.entries(LIMIT_VARIABLES)) {
    const text = env[variable];
    if (text === undefined || text === '') continue;
    if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
      throw new Error(`${variable} must be a whole number of at least 1, not '${text}'.`);
    }
    const [group, name] = setting.split('.');
    if (name) (limits.pageSessions as Record<string, number>)[name] = Number(text);
    else (limits as unknown as Record<string, number>)[group] = Number(text);
  }
  return limits;
}
