import { Company } from '../../entities/System/Company.Table';
import { schemaSet } from '../../ormconfig';
import type { DatabaseConfig } from './config';
import { PendingMigrationsError } from './migration';
import { Storage } from './storage';

export interface MigrateReport {
  lines: string[];
  /** Schemas with pending migrations (check mode). */
  pending: number;
}

/**
 * `npm run migrate`: the system schema first (it lists the companies), then
 * every company's. In check mode nothing changes; each schema behind is
 * reported. Safe while instances run: each schema's upgrade holds an
 * advisory lock and runs in one transaction.
 */
export async function migrateAll(config: DatabaseConfig, dataDir: string | null, mode: 'run' | 'check'): Promise<MigrateReport> {
  const storage = Storage.create({ ...config, migrate: mode, ephemeral: false }, schemaSet, dataDir);
  const lines = [`Database: ${storage.describe()}`];
  let pending = 0;
  let system;
  try {
    system = await storage.openSystem();
  } catch (e) {
    if (!(e instanceof PendingMigrationsError)) throw e;
    return { lines: [...lines, `system: ${e.message}`], pending: 1 };
  }
  try {
    const companies = await system.manager.find(Company, { order: { name: 'ASC' } });
    for (const company of companies) {
      try {
        const ds = await storage.openCompany(company, false);
        await ds.destroy();
      } catch (e) {
        if (!(e instanceof PendingMigrationsError)) throw e;
        pending++;
        lines.push(`company ${company.name}: ${e.message}`);
      }
    }
    for (const m of storage.migrated) lines.push(`${m.what}: applied ${m.names.join(', ')}`);
    if (mode === 'run' || pending === 0) {
      lines.push(`${companies.length} compan${companies.length === 1 ? 'y' : 'ies'} and the system schema are at the latest migration.`);
    }
    return { lines, pending };
  } finally {
    await storage.close();
  }
}
