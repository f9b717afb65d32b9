import type { DatabaseConfig } from '../db/config';
import type { Session } from '../runtime/Session';
import type { UserSpec } from './SystemUsers';

/** A seed builds a company's starting data inside one session. */
export type SeedFunction = (session: Session) => Promise<void>;

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
  /** Moment the seeds run at, so every seeded company is identical. */
  seedMoment?: Date;
  /** Companies this instance may hold (default 100: each SQLite company keeps about 3 files open; docs/limits.md). */
  maxCompanies?: number;
}
