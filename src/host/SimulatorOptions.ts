import type { DatabaseConfig } from '../db/config';
import type { Session } from '../runtime/Session';
import type { UserSpec } from './SystemUsers';

/**
 * A seed builds a company's starting data inside one session. `datedByWorkDate`: its data is dated around
 * the session's date (the demo's contact moments and tasks), so it is built for the company's work date at
 * creation and at each reset (src/host/SeedImages.ts); otherwise it is built once.
 */
export type SeedFunction = ((session: Session) => Promise<void>) & { datedByWorkDate?: boolean };

export interface SimulatorOptions {
  /**
   * Folder for the SQLite files; null keeps every database in memory (tests).
   * On a server database null means the same: schemas of this instance's own,
   * dropped on close.
   */
  dataDir: string | null;
  /**
   * Which database and how to reach it; default: the environment
   * (EMPIRE_SIM_DB..., src/db/config.ts, docs/database.md), SQLite when unset.
   */
  database?: DatabaseConfig;
  /** Seeds by name; a company is created from one and reset to it. */
  seeds: Record<string, SeedFunction>;
  /** Users to make sure of in the system database. */
  users?: UserSpec[];
  /** A fixed moment every seed runs at, whatever the work date, so every seeded company is identical (tests, benchmarks). */
  seedMoment?: Date;
  /** Companies this instance may hold (default 100: each SQLite company keeps about 3 files open; docs/limits.md). */
  maxCompanies?: number;
  /**
   * Server databases: how often (ms) this instance looks for companies other instances created,
   * deleted or changed (default 2000; 0 never — a test counting one operation's statements).
   */
  companyRefreshMs?: number;
}
