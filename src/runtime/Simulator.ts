import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Mutex } from 'async-mutex';
import { DataSource, EntityManager } from 'typeorm';
import { createCompanyDataSource, createSystemDataSource, StorageOptions } from '../../ormconfig';
import { Company } from '../../entities/System/Company.Table';
import { User } from '../../entities/System/User.Table';
import { SimulatorSetup } from '../../entities/Simulator/SimulatorSetup.Table';
import { BadRequestError, RecordNotFoundError } from './BcError';
import { Clock } from './Clock';
import { DialogPort, PreAnsweredDialogs } from './Dialogs';
import { EventBus } from './Events';
import { Language } from './Labels';
import { PlatformText } from './PlatformErrors';
import { Session } from './Session';

/** A seed builds a company's starting data inside one session. */
export type SeedFunction = (session: Session) => Promise<void>;

export interface UserSpec {
  userName: string;
  fullName: string;
  webServiceAccessKey: string;
  language?: Language;
}

export interface SimulatorOptions {
  /** Folder for the SQLite files; null keeps every database in memory (tests). */
  dataDir: string | null;
  /** Seeds by name; a company is created from one and reset to it. */
  seeds: Record<string, SeedFunction>;
  /** Users to make sure of in the system database. */
  users?: UserSpec[];
  /** Moment the seeds run at, so every seeded company is identical. */
  seedMoment?: Date;
}

/** Who runs an operation, and how its dialogs get answered. */
export interface Actor {
  userId: string;
  dialogs?: DialogPort;
  language?: Language;
}

/** A company's data as rows per table: what reset, snapshot and restore move. */
export interface Snapshot {
  takenAt: string;
  tables: Record<string, Record<string, unknown>[]>;
}

interface CompanyStore {
  company: Company;
  dataSource: DataSource;
  /** SQLite has one connection per database: one transaction at a time. */
  mutex: Mutex;
}

const RESTORE_CHUNK = 100;

/**
 * The simulator: companies (each its own database), the system database with
 * companies and users, and `run()`, which executes one operation as one
 * transaction in one company — an error anywhere rolls all of it back.
 */
export class Simulator {
  readonly events = new EventBus();
  private readonly stores = new Map<string, CompanyStore>();
  private readonly seedSnapshots = new Map<string, Snapshot>();
  private readonly systemMutex = new Mutex();

  private constructor(
    private readonly options: SimulatorOptions,
    private readonly system: DataSource,
  ) {}

  static async start(options: SimulatorOptions): Promise<Simulator> {
    if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
    const system = createSystemDataSource(storageFor(options.dataDir, 'system'));
    await system.initialize();
    const sim = new Simulator(options, system);
    for (const company of await system.manager.find(Company, { order: { name: 'ASC' } })) {
      await sim.openStore(company);
    }
    for (const u of options.users ?? []) await sim.ensureUser(u);
    return sim;
  }

  async close(): Promise<void> {
    for (const store of this.stores.values()) await store.dataSource.destroy();
    this.stores.clear();
    await this.system.destroy();
  }

  // ---- companies ----

  listCompanies(): Company[] {
    return [...this.stores.values()].map((s) => s.company).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** By SystemId (the API's company id) or by Name. */
  company(idOrName: string): Company {
    const byId = this.stores.get(idOrName);
    if (byId) return byId.company;
    const byName = [...this.stores.values()].find((s) => s.company.name === idOrName);
    if (byName) return byName.company;
    throw new RecordNotFoundError(PlatformText.recordNotFound('Company', `Name='${idOrName}'`));
  }

  async createCompany(name: string, options: { displayName?: string; seed?: string } = {}): Promise<Company> {
    const seed = options.seed ?? 'empty';
    if (!this.options.seeds[seed]) throw new BadRequestError('BadRequest', `Unknown seed '${seed}'.`);
    const company = await this.systemMutex.runExclusive(async () => {
      if (await this.system.manager.findOne(Company, { where: { name } })) {
        throw new BadRequestError(
          'Internal_EntityWithSameKeyExists',
          PlatformText.recordExists('Company', `Name='${name}'`),
        );
      }
      if (name.length === 0 || name.length > 30) {
        throw new BadRequestError('BadRequest', `A company name must have 1 to 30 characters.`);
      }
      const c = new Company();
      Object.assign(c, {
        name,
        evaluationCompany: false,
        displayName: options.displayName ?? name,
        seed,
        systemId: randomUUID(),
        systemCreatedAt: new Date(),
        systemModifiedAt: new Date(),
        rowVersion: 1,
      });
      await this.system.manager.insert(Company, c);
      return c;
    });
    const store = await this.openStore(company);
    await this.restoreInto(store, await this.seedSnapshot(seed));
    return company;
  }

  async deleteCompany(id: string): Promise<void> {
    const store = this.store(id);
    await store.mutex.runExclusive(async () => {
      await store.dataSource.destroy();
      this.stores.delete(id);
      await this.system.manager.delete(Company, { name: store.company.name });
      const file = this.companyFile(store.company);
      if (file) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    });
  }

  /** Puts a company back to its seed: what a trainer does between exercises and a test before each case. */
  async resetCompany(id: string): Promise<void> {
    const store = this.store(id);
    await this.restoreInto(store, await this.seedSnapshot(store.company.seed));
  }

  async snapshot(id: string): Promise<Snapshot> {
    const store = this.store(id);
    return store.mutex.runExclusive(() => takeSnapshot(store.dataSource.manager));
  }

  async restore(id: string, snapshot: Snapshot): Promise<void> {
    await this.restoreInto(this.store(id), snapshot);
  }

  /**
   * Runs one operation in one company as one transaction. On SQLite the
   * company's transactions are serialized (one connection, no "transaction
   * already started", no "database is locked").
   */
  async run<T>(companyId: string, actor: Actor, fn: (session: Session) => Promise<T>): Promise<T> {
    const store = this.store(companyId);
    return store.mutex.runExclusive(() =>
      store.dataSource.transaction(async (manager) => {
        const session = await this.openSession(manager, store.company, actor);
        return fn(session);
      }),
    );
  }

  // ---- users ----

  async findUser(userName: string): Promise<User | null> {
    return this.system.manager.findOne(User, { where: { userName: userName.toUpperCase() } });
  }

  async listUsers(): Promise<User[]> {
    return this.system.manager.find(User, { order: { userName: 'ASC' } });
  }

  async ensureUser(spec: UserSpec): Promise<User> {
    return this.systemMutex.runExclusive(async () => {
      const existing = await this.findUser(spec.userName);
      if (existing) return existing;
      const u = new User();
      Object.assign(u, {
        userSecurityId: randomUUID(),
        userName: spec.userName.toUpperCase(),
        fullName: spec.fullName,
        webServiceAccessKey: spec.webServiceAccessKey,
        language: spec.language ?? 'nl-NL',
        systemId: randomUUID(),
        systemCreatedAt: new Date(),
        systemModifiedAt: new Date(),
        rowVersion: 1,
      });
      await this.system.manager.insert(User, u);
      return u;
    });
  }

  // ---- internals ----

  private store(id: string): CompanyStore {
    const store = this.stores.get(id) ?? [...this.stores.values()].find((s) => s.company.name === id);
    if (!store) throw new RecordNotFoundError(PlatformText.recordNotFound('Company', `Id='${id}'`));
    return store;
  }

  private companyFile(company: Company): string | null {
    return this.options.dataDir ? path.join(this.options.dataDir, `company-${company.systemId}.sqlite`) : null;
  }

  private async openStore(company: Company): Promise<CompanyStore> {
    const file = this.companyFile(company);
    const dataSource = createCompanyDataSource({ type: 'sqlite', database: file ?? ':memory:' });
    await dataSource.initialize();
    const store: CompanyStore = { company, dataSource, mutex: new Mutex() };
    this.stores.set(company.systemId, store);
    return store;
  }

  private async openSession(manager: EntityManager, company: Company, actor: Actor): Promise<Session> {
    const setup = await manager.findOne(SimulatorSetup, { where: { primaryKey: '' } });
    const clock = new Clock({
      frozenAt: setup?.frozenAt ? new Date(setup.frozenAt) : null,
      workDate: setup?.workDate ?? null,
      timeZone: setup?.timeZone || 'Europe/Amsterdam',
    });
    return new Session(
      manager,
      { id: company.systemId, name: company.name },
      actor.userId.toUpperCase(),
      actor.dialogs ?? new PreAnsweredDialogs(),
      clock,
      this.events,
      actor.language ?? 'en-US',
    );
  }

  /** Builds a seed once per process in a scratch database and keeps its rows. */
  private async seedSnapshot(seed: string): Promise<Snapshot> {
    const cached = this.seedSnapshots.get(seed);
    if (cached) return cached;
    const scratch = createCompanyDataSource({ type: 'sqlite', database: ':memory:' });
    await scratch.initialize();
    try {
      const moment = this.options.seedMoment ?? new Date('2026-01-05T08:00:00Z');
      await scratch.transaction(async (manager) => {
        const setup = new SimulatorSetup();
        Object.assign(setup, {
          primaryKey: '',
          frozenAt: moment,
          workDate: null,
          timeZone: 'Europe/Amsterdam',
          systemId: randomUUID(),
          systemCreatedAt: moment,
          systemModifiedAt: moment,
          rowVersion: 1,
        });
        await manager.insert(SimulatorSetup, setup);
        const session = await this.openSession(manager, Object.assign(new Company(), { name: 'SEED', systemId: '' }), {
          userId: 'SEED',
        });
        await this.options.seeds[seed](session);
        // Seeded companies run on the real clock unless someone freezes it.
        await manager.update(SimulatorSetup, { primaryKey: '' }, { frozenAt: null });
      });
      const snap = await takeSnapshot(scratch.manager);
      this.seedSnapshots.set(seed, snap);
      return snap;
    } finally {
      await scratch.destroy();
    }
  }

  private async restoreInto(store: CompanyStore, snapshot: Snapshot): Promise<void> {
    await store.mutex.runExclusive(() =>
      store.dataSource.transaction(async (manager) => {
        for (const meta of manager.connection.entityMetadatas) {
          await manager.createQueryBuilder().delete().from(meta.target).execute();
          const rows = snapshot.tables[meta.tableName] ?? [];
          for (let i = 0; i < rows.length; i += RESTORE_CHUNK) {
            await manager.insert(meta.target, rows.slice(i, i + RESTORE_CHUNK));
          }
        }
      }),
    );
  }
}

async function takeSnapshot(manager: EntityManager): Promise<Snapshot> {
  const tables: Snapshot['tables'] = {};
  for (const meta of manager.connection.entityMetadatas) {
    // Primary-key order, so two snapshots of the same data are equal row for row.
    const order = Object.fromEntries(meta.primaryColumns.map((c) => [c.propertyName, 'ASC' as const]));
    const rows = await manager.find(meta.target, { order });
    tables[meta.tableName] = rows.map((r) => ({ ...(r as Record<string, unknown>) }));
  }
  return { takenAt: new Date().toISOString(), tables };
}

function storageFor(dataDir: string | null, name: string): StorageOptions {
  return { type: 'sqlite', database: dataDir ? path.join(dataDir, `${name}.sqlite`) : ':memory:' };
}
