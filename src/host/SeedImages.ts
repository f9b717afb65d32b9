import type { DataSource, EntityManager } from 'typeorm';
import { createCompanyDataSource } from '../../ormconfig';
import { SimulatorSetup } from '../../entities/Simulator/SimulatorSetup.Table';
import { migrate } from '../db/migration';
import { RestoreImage, restoreImage } from '../db/restore';
import { dialectOf } from '../db/schema';
import { newSystemFields } from '../db/systemFields';
import { Clock, ClockState, localParts } from '../runtime/Clock';

/** A company's data as rows per table: what reset, snapshot and restore move. */
export interface Snapshot {
  takenAt: string;
  tables: Record<string, Record<string, unknown>[]>;
}

const TIME_ZONE = 'Europe/Amsterdam';

/** The moment a seed whose data does not depend on the date runs at: every such company is identical. */
const UNDATED_MOMENT = new Date('2026-01-05T08:00:00Z');

/** Images of a dated seed kept per process: today's and a few frozen training days. */
const DATED_IMAGES_KEPT = 4;

/**
 * The seeds a company is created from and reset to, each built once per
 * process in a scratch database (whatever the storage: the rows are the same
 * everywhere) and kept in database form per dialect, so a reset only writes
 * rows (src/db/restore.ts).
 *
 * A dated seed (the demo: contact moments in the days before, open tasks due
 * in the days after) is built for a work date: the company's at creation
 * (today) and at each reset, so on any training day nothing is months overdue.
 * One image per work date, built at the first company or reset on that date
 * and swapped in from then on; the same work date always gives the same data.
 * A fixed `moment` (SimulatorOptions.seedMoment) builds every seed at that
 * moment instead, whatever the date.
 */
export class SeedImages {
  private readonly snapshots = new Map<string, Promise<Snapshot>>();
  private readonly images = new Map<string, Promise<RestoreImage>>();

  /** `run` fills a scratch company with the named seed inside the given transaction. */
  constructor(
    private readonly moment: Date | null,
    private readonly dated: (seed: string) => boolean,
    private readonly run: (seed: string, manager: EntityManager) => Promise<void>,
  ) {}

  /**
   * A seed's rows converted for the data source's dialect, for the given work date (default today): restored
   * from a template on each connection, as a seed is restored again and again.
   */
  image(seed: string, dataSource: DataSource, workDate?: string): Promise<RestoreImage> {
    const moment = this.momentFor(seed, workDate);
    const key = `${seed}\u0000${moment.toISOString()}`;
    const imageKey = `${key}\u0000${dialectOf(dataSource)}`;
    let image = this.images.get(imageKey);
    if (!image) {
      // The promise is kept: companies created at the same moment share one build of the seed.
      image = this.snapshot(seed, key, moment).then((snap) => restoreImage(dataSource, snap.tables, { template: true }));
      image.catch(() => this.images.delete(imageKey));
      this.images.set(imageKey, image);
    }
    return image;
  }

  /** What a reset restores, and what it does after in the same transaction: the seed dated by the company's work date now, its clock kept. */
  async forReset(seed: string, dataSource: DataSource): Promise<[RestoreImage, (manager: EntityManager) => Promise<void>]> {
    const { workDate, clock } = await SeedImages.workDate(dataSource.manager);
    return [await this.image(seed, dataSource, workDate), (manager) => SeedImages.keepClock(manager, clock)];
  }

  /** The company's work date as its clock says now: what a reset dates the seed by. */
  static async workDate(manager: EntityManager): Promise<{ workDate: string; clock: ClockState | null }> {
    const setup = await manager.findOne(SimulatorSetup, { where: { primaryKey: '' } });
    const clock: ClockState | null = setup
      ? { frozenAt: setup.frozenAt ? new Date(setup.frozenAt) : null, workDate: setup.workDate ?? null, timeZone: setup.timeZone || TIME_ZONE }
      : null;
    return { workDate: new Clock(clock ?? { frozenAt: null, workDate: null, timeZone: TIME_ZONE }).workDate(), clock };
  }

  /**
   * After a reset, the company's clock as it was before: the clock belongs to the training day, not to the
   * seed (as the Caption Set, which is on the company row). Only written when it differs from the seed's.
   */
  static async keepClock(manager: EntityManager, clock: ClockState | null): Promise<void> {
    if (!clock || (clock.frozenAt === null && clock.workDate === null && clock.timeZone === TIME_ZONE)) return;
    await manager.update(SimulatorSetup, { primaryKey: '' }, { frozenAt: clock.frozenAt, workDate: clock.workDate, timeZone: clock.timeZone });
  }

  private momentFor(seed: string, workDate: string | undefined): Date {
    if (this.moment) return this.moment;
    if (!this.dated(seed)) return UNDATED_MOMENT;
    const date = workDate ?? localParts(new Date(), TIME_ZONE).date;
    // Noon UTC is the same date in the company's time zone; the seed takes its dates from it.
    return new Date(`${clampDate(date)}T11:00:00Z`);
  }

  private snapshot(seed: string, key: string, moment: Date): Promise<Snapshot> {
    let snap = this.snapshots.get(key);
    if (!snap) {
      snap = this.build(seed, moment);
      snap.catch(() => this.snapshots.delete(key));
      this.snapshots.set(key, snap);
      this.forgetOldDates(seed);
    }
    return snap;
  }

  /** Keeps a dated seed's last few work dates: a long-running server moves on a day at a time. */
  private forgetOldDates(seed: string): void {
    const prefix = `${seed}\u0000`;
    const keys = [...this.snapshots.keys()].filter((k) => k.startsWith(prefix));
    for (const old of keys.slice(0, Math.max(0, keys.length - DATED_IMAGES_KEPT))) {
      this.snapshots.delete(old);
      for (const imageKey of [...this.images.keys()]) if (imageKey.startsWith(`${old}\u0000`)) this.images.delete(imageKey);
    }
  }

  private async build(seed: string, moment: Date): Promise<Snapshot> {
    const scratch = createCompanyDataSource({ type: 'sqlite', database: ':memory:' });
    await scratch.initialize();
    try {
      await migrate(scratch, 'run', 'seed');
      await scratch.transaction(async (manager) => {
        const setup = new SimulatorSetup();
        Object.assign(setup, {
          primaryKey: '',
          frozenAt: moment,
          workDate: null,
          timeZone: TIME_ZONE,
          ...newSystemFields(moment),
        });
        await manager.insert(SimulatorSetup, setup);
        await this.run(seed, manager);
        // Seeded companies run on the real clock unless someone freezes it.
        await manager.update(SimulatorSetup, { primaryKey: '' }, { frozenAt: null });
      });
      return await takeSnapshot(scratch.manager);
    } finally {
      await scratch.destroy();
    }
  }
}

/** A work date far outside any training day (a test's year 1 or 9999) dates the seed at the nearest sensible one. */
function clampDate(date: string): string {
  return date < '1900-01-01' ? '1900-01-01' : date > '9000-12-31' ? '9000-12-31' : date;
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
