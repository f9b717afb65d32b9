import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { Company } from './entities/System/Company.Table';
import { User } from './entities/System/User.Table';
import { companyTables } from './entities';

/**
 * DataSource factories with explicit entity lists (no globs, nothing connects
 * at import time). BC keeps each company's data apart; so does the simulator:
 * every company has its own database (an SQLite file, or `:memory:`), and the
 * system database holds the companies and users.
 */
export const systemEntities = [Company, User];
export const companyEntities = companyTables;

export interface SqliteStorage {
  type: 'sqlite';
  /** A file path, or ':memory:'. */
  database: string;
}

export type StorageOptions = SqliteStorage;

function sqliteDataSource(database: string, entities: Function[]): DataSource {
  return new DataSource({
    type: 'better-sqlite3',
    database,
    entities,
    synchronize: true,
    // WAL lets readers of other processes go on while one writes; the busy
    // timeout makes a second process wait for the lock instead of failing.
    prepareDatabase: (db: { pragma(s: string): unknown }) => {
      if (database !== ':memory:') db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('synchronous = NORMAL');
    },
  });
}

export function createCompanyDataSource(storage: StorageOptions): DataSource {
  return sqliteDataSource(storage.database, companyEntities);
}

export function createSystemDataSource(storage: StorageOptions): DataSource {
  return sqliteDataSource(storage.database, systemEntities);
}
