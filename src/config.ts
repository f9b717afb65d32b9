import path from 'node:path';
import pkg from '../package.json';

/** The simulator's version (package.json), shown by the server and in `companies.systemVersion`. */
export const SIMULATOR_VERSION: string = pkg.version;

export interface ServerConfig {
  /** `PORT`, default 3000. 0 picks a free port. */
  port: number;
  /** `HOST`, default: all interfaces. */
  host?: string;
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
    dataDir: dir === ':memory:' ? null : path.resolve(dir),
    bodyLimit: env.EMPIRE_SIM_BODY_LIMIT ?? '4mb',
    throttle: throttle === 'online' ? 'online' : undefined,
  };
}
