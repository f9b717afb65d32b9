import type { DataSource, EntityManager } from 'typeorm';
import { createCompanyDataSource } from '../../ormconfig';
import { SimulatorSetup } from '../../entities/Simulator/SimulatorSetup.Table';
import { migrate } from '../db/migration';
import { RestoreImage, restoreImage } from '../db/restore';
import { dialectOf } from '../db/schema';
import { newSystemFields } from '../db/systemFields';

/** A company's data as rows per table: what reset, snapshot and restore move. */
export interface Snapshot {
  takenAt: string;
  tables: Record<string, Record<string, unknown>[]>;
}

/**
 * The seeds a company is created from and reset to, each built once per
 * process in a scratch database (whatever the storage: the rows are the same
 * everywhere) and kept in database form per dialect, so a reset only writes
 * rows (src/db/restore.ts).
 */
export class SeedImages {
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly images = new Map<string, Promise<RestoreImage>>();

  /** `run` fills a scratch company with the named seed inside the given transaction. */
  constructor(
    private readonly moment: Date,
    private readonly run: (seed: string, manager: EntityManager) => Promise<void>,
  ) {}

  /** A seed's rows converted for the data source's dialect: restored from a template on each connection, as a seed is restored again and again. */
  image(seed: string, dataSource: DataSource): Promise<RestoreImage> {
    const key = `${seed}\u0000${dialectOf(dataSource)}`;
    let image = this.images.get(key);
    if (!image) {
      // The promise is kept: companies created at the same moment share one build of the seed.
      image = this.snapshot(seed).then((snap) => restoreImage(dataSource, snap.tables, { template: true }));
      image.catch(() => this.images.delete(key));
      this.images.set(key, image);
    }
    return image;
  }

  private async snapshot(seed: string): Promise<Snapshot> {
    const cached = this.snapshots.get(seed);
    if (cached) return cached;
    const scratch = createCompanyDataSource({ type: 'sqlite', database: ':memory:' });
    await scratch.initialize();
    try {
      await migrate(scratch, 'run', 'seed');
      await scratch.transaction(async (manager) => {
        const setup = new SimulatorSetup();
        Object.assign(setup, {
          primaryKey: '',
          frozenAt: this.moment,
          workDate: null,
          timeZone: 'Europe/Amsterdam',
          ...newSystemFields(this.moment),
        });
        await manager.insert(SimulatorSetup, setup);
        await this.run(seed, manager);
        // Seeded companies run on the real clock unless someone freezes it.
        await manager.update(SimulatorSetup, { primaryKey: '' }, { frozenAt: null });
      });
      const snap = await takeSnapshot(scratch.manager);
      this.snapshots.set(seed, snap);
      return snap;
    } finally {
      await scratch.destroy();
    }
  }
}

export async function takeSnapshot(manager: EntityManager): Promise<Snapshot> {
  const tables: Snapshot['tables'] = {};
  for (const meta of manager.connection.entityMetadatas) {
    // Primary-key order, so two snapshots of the same data are equal row for row.
    const order = Object.fromEntries(meta.primaryColumns.map((c) => [c.propertyName, 'ASC' as const]));
    const rows = await manager.find(meta.target, { order });
    tables[meta.tableName] = rows.map((r) => ({ ...(r as Record<string, unknown>) }));
  }
  return { takenAt: new Date().toISOString(), tables };
}
