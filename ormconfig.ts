import 'reflect-metadata';
import { Company } from './entities/System/Company.Table';
import { User } from './entities/System/User.Table';
import { AccessControl } from './entities/System/AccessControl.Table';
import { AggregatePermissionSet } from './entities/System/AggregatePermissionSet.Table';
import { ApiWebhookSubscription } from './entities/System/ApiWebhookSubscription.Table';
import { TrainingClass } from './entities/Simulator/TrainingClass.Table';
import { TrainingTrainee } from './entities/Simulator/TrainingTrainee.Table';
import { companyTables } from './entities';
import { DatabaseConfig } from './src/db/config';
import { createDataSource, EmpireDataSource } from './src/db/dataSource';
import { SchemaSet } from './src/db/storage';
import { companyMigrations, systemMigrations } from './src/migrations';

/**
 * The entity and migration lists (explicit, no globs; nothing connects at
 * import time). BC keeps each company's data apart; so does the simulator:
 * every company has its own storage — an SQLite file (or `:memory:`), or a
 * schema of its own on PostgreSQL / SQL Server — and the system storage
 * holds the companies and users. src/db/storage.ts decides where they live;
 * src/db/config.ts reads the switch (EMPIRE_SIM_DB) from the environment.
 */
export const systemEntities = [Company, User, AggregatePermissionSet, AccessControl, ApiWebhookSubscription, TrainingClass, TrainingTrainee];
export const companyEntities = companyTables;

export const schemaSet: SchemaSet = {
  systemEntities,
  companyEntities,
  systemMigrations,
  companyMigrations,
};

export interface SqliteStorage {
  type: 'sqlite';
  /** A file path, or ':memory:'. */
  database: string;
}

export type StorageOptions = SqliteStorage;

const sqlite: DatabaseConfig = { kind: 'sqlite' };

/** A company's tables in one SQLite database (not yet initialized; migrations run by src/db/migration.ts). */
export function createCompanyDataSource(storage: StorageOptions): EmpireDataSource {
  return createDataSource(sqlite, { file: storage.database, entities: companyEntities, migrations: companyMigrations });
}

export function createSystemDataSource(storage: StorageOptions): EmpireDataSource {
  return createDataSource(sqlite, { file: storage.database, entities: systemEntities, migrations: systemMigrations });
}
