import { Mutex } from 'async-mutex';
import { DataSource, EntityManager } from 'typeorm';
import { schemaSet } from '../../ormconfig';
import { DatabaseConfig, databaseConfigFromEnv } from '../db/config';
import { CompanyStorageGoneError, translateDatabaseError } from '../db/errors';
import { lockCompany, lockResource } from '../db/locks';
import { RestoreImage, restoreImage, restoreTables } from '../db/restore';
import { Storage } from '../db/storage';
import { Company } from '../../entities/System/Company.Table';
import { User } from '../../entities/System/User.Table';
import { BadRequestError, RecordNotFoundError } from '../runtime/BcError';
import { EventBus } from '../runtime/Events';
import { PlatformText } from '../runtime/PlatformErrors';
import { Session } from '../runtime/Session';
import { CompanyCache } from '../db/store/CompanyCache';
import { runInTransaction } from '../db/store/transaction';
import { CommitObservers } from '../db/store/changeLog';
import { ApiSubscriptions } from './ApiSubscriptions';
import { TrainingClasses } from './TrainingClasses';
// The host binds the process codeunits to the events tables raise for them, once, before any session runs.
import '../../codeunits/process/subscriptions';
import { SeedImages, Snapshot, takeSnapshot } from './SeedImages';
import { SystemUsers, type UserSpec } from './SystemUsers';
import { Permissions } from './Permissions';
import { CompanyGate, companyNotFound } from './CompanyGate';
import { Actor, openSession } from './openSession';
import { newSystemFields } from '../db/systemFields';
import type { SeedFunction, SimulatorOptions } from './SimulatorOptions';

export type { UserSpec } from './SystemUsers';
export type { Snapshot } from './SeedImages';
export type { CommitObserver, RecordChange } from '../db/store/changeLog';
export type { SeedFunction, SimulatorOptions } from './SimulatorOptions';
export type { Actor } from './openSession';

interface CompanyStore {
  company: Company;
  dataSource: DataSource;
  /**
   * SQLite has one connection per database: one transaction at a time.
   * Server databases have none: their locks and row versions keep concurrent
   * transactions correct, across instances too.
   */
  mutex: Mutex | null;
  /** The company's setup rows between transactions (the record store's CompanyCache). */
  cache: CompanyCache;
  /** This process's operations in the company, so a delete neither cuts one off nor lets a new one in. */
  gate: CompanyGate;
  /** Set once the company is gone and its DataSource is being destroyed (after the gate drained). */
  closed?: Promise<void>;
}

/** How often an instance on a server database looks for companies other instances created or deleted. */
const COMPANY_REFRESH_MS = 2000;

/**
 * The simulator: companies (each its own database or schema), the system
 * database with companies and users, and `run()`, which executes one
 * operation as one transaction in one company — an error anywhere rolls all
 * of it back. Several instances may share one server database: everything
 * they must agree on is in the database, guarded by its locks.
 */
export class Simulator {
  readonly events = new EventBus();
  private readonly stores = new Map<string, CompanyStore>();
  private readonly opening = new Map<string, Promise<CompanyStore>>();
  private readonly seeds: SeedImages;
  private readonly systemMutex = new Mutex();
  /** Users (create, change, delete) and their permission sets per company (Access Control). */
  readonly users: SystemUsers;
  readonly permissions: Permissions;
  private refreshTimer: NodeJS.Timeout | null = null;
  /** Who hears of the record changes of every committed `run` (API webhooks). */
  readonly commits = new CommitObservers();
  readonly apiSubscriptions: ApiSubscriptions;
  readonly training: TrainingClasses;

  private constructor(
    private readonly options: SimulatorOptions,
    private readonly storage: Storage,
    private readonly system: DataSource,
  ) {
    this.permissions = new Permissions(system, (resource, fn) => this.systemTransaction(resource, fn));
    this.users = new SystemUsers(system, (resource, fn) => this.systemTransaction(resource, fn), this.permissions);
    this.apiSubscriptions = new ApiSubscriptions(system, (resource, fn) => this.systemTransaction(resource, fn));
    this.training = new TrainingClasses(system, (resource, fn) => this.systemTransaction(resource, fn));
    this.seeds = new SeedImages(options.seedMoment ?? null, (seed) => !!options.seeds[seed]?.datedByWorkDate, async (seed, manager) => {
      const session = await openSession(this.events, manager, Object.assign(new Company(), { name: 'SEED', systemId: '' }), { userId: 'SEED' });
      await this.options.seeds[seed](session);
    });
  }

  static async start(options: SimulatorOptions): Promise<Simulator> {
    const storage = Storage.create(options.database ?? databaseConfigFromEnv(), schemaSet, options.dataDir);
    const system = await storage.openSystem();
    const sim = new Simulator(options, storage, system);
    try {
      const orphans = await storage.removeOrphans();
      if (orphans.length) console.warn(`empire-sim: removed the storage of ${orphans.length} deleted companies: ${orphans.join(', ')}`);
      for (const company of await system.manager.find(Company, { order: { name: 'ASC' } })) {
        await sim.openStore(company, false);
      }
      await sim.permissions.ensurePermissionSets();
      for (const u of options.users ?? []) await sim.ensureUser(u);
    } catch (e) {
      await sim.close();
      throw e;
    }
    const refreshMs = options.companyRefreshMs ?? COMPANY_REFRESH_MS;
    if (!storage.serializeInProcess && refreshMs > 0) {
      sim.refreshTimer = setInterval(() => void sim.refreshCompanies().catch(() => undefined), refreshMs).unref();
    }
    return sim;
  }

  /** Where the data lives, for banners and logs (no password). */
  get databaseDescription(): string {
    return this.storage.describe();
  }

  async close(): Promise<void> {
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    this.refreshTimer = null;
    await Promise.allSettled(this.opening.values());
    for (const store of this.stores.values()) await store.dataSource.destroy();
    this.stores.clear();
    await this.storage.close();
  }

  /** Brings the companies up to date with the system database, where other instances over a server database may have
   *  created, deleted or changed some. Runs every few seconds on a server database; call it to be sure now. */
  async refreshCompanies(): Promise<void> {
    const rows = await this.system.manager.find(Company, { order: { name: 'ASC' } });
    const ids = new Set(rows.map((c) => c.systemId));
    // One that does not open (deleted or still being created by another instance) is opened when it is asked for.
    for (const company of rows) {
      const open = this.stores.get(company.systemId);
      if (open) open.company.captionSet = company.captionSet; // the one setting another instance may change
      else await this.openStoreOnce(company).catch(() => undefined);
    }
    for (const [id, store] of this.stores) if (!ids.has(id)) void this.closeStore(store);
  }

  // ---- companies ----

  listCompanies(): Company[] {
    return [...this.stores.values()].filter((s) => !s.gate.isClosed).map((s) => s.company).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** By SystemId (the API's company id) or by Name. */
  company(idOrName: string): Company {
    const byId = this.stores.get(idOrName);
    if (byId) return byId.company;
    const byName = [...this.stores.values()].find((s) => s.company.name === idOrName);
    if (byName) return byName.company;
    throw new RecordNotFoundError(PlatformText.recordNotFound('Company', `Name='${idOrName}'`));
  }

  async createCompany(name: string, options: { displayName?: string; seed?: string; createdBy?: string; captionSet?: number } = {}): Promise<Company> {
    const seed = options.seed ?? 'empty';
    if (!this.options.seeds[seed]) throw new BadRequestError('BadRequest', `Unknown seed '${seed}'.`);
    const company = await this.systemTransaction('Company', async (manager) => {
      if (await manager.findOne(Company, { where: { name } })) {
        throw new BadRequestError(
          'Internal_EntityWithSameKeyExists',
          PlatformText.recordExists('Company', `Name='${name}'`),
        );
      }
      if (name.length === 0 || name.length > 30) {
        throw new BadRequestError('BadRequest', `A company name must have 1 to 30 characters.`);
      }
      const max = this.options.maxCompanies ?? 100;
      if ((await manager.count(Company)) >= max) throw new BadRequestError('Simulator_TooManyCompanies', `This instance already has the maximum number of companies (${max}). Delete a company first.`);
      const c = new Company();
      Object.assign(c, {
        name,
        evaluationCompany: false,
        displayName: options.displayName ?? name,
        seed,
        captionSet: options.captionSet ?? 0,
        ...newSystemFields(),
        systemCreatedBy: options.createdBy ?? '',
        systemModifiedBy: options.createdBy ?? '',
      });
      await manager.insert(Company, c);
      return c;
    });
    try {
      const store = await this.openStore(company, true);
      await this.restoreInto(store, await this.seeds.image(seed, store.dataSource));
    } catch (e) {
      // No company without its data: undo the registration and whatever storage was made.
      const store = this.stores.get(company.systemId);
      this.stores.delete(company.systemId);
      await store?.dataSource.destroy().catch(() => undefined);
      await this.storage.dropCompany(company).catch(() => undefined);
      await this.system.manager.delete(Company, { name }).catch(() => undefined);
      throw e;
    }
    return company;
  }

  /** The company's Caption Set (see the Company table): the words its page sessions show from their next answer. */
  async setCaptionSet(idOrName: string, captionSet: number): Promise<Company> {
    const company = this.company(idOrName);
    await this.systemTransaction('Company', (manager) => manager.update(Company, { name: company.name }, { captionSet }));
    company.captionSet = captionSet;
    return company;
  }

  /**
   * Refused to new operations from its start; the operations in it are waited for (this process's: CompanyGate,
   * at most the lock timeout; other instances': src/db/locks.ts lockCompany), then row and storage go together.
   */
  async deleteCompany(id: string): Promise<void> {
    const store = await this.resolveStore(id);
    await store.gate.close(this.storage.config.lockTimeoutMs ?? 10000);
    let gone = false;
    const removeRow = async (manager: EntityManager) => void (await manager.delete(Company, { name: store.company.name }));
    try {
      await this.storage.deleteCompany(store.company, removeRow, () => ((gone = true), this.closeStore(store)));
    } catch (e) {
      // Before the row went nothing changed; after it only storage is left, which the next start removes.
      if (gone) return console.warn(`empire-sim: company ${id} deleted, its storage not yet: ${(e as Error).message}`);
      store.gate.reopen();
      throw translateDatabaseError(e);
    }
  }

  /** Puts a company back to its seed, dated by its work date, its clock kept: what a trainer does between exercises and a test before each case. */
  async resetCompany(id: string): Promise<void> {
    const store = await this.resolveStore(id);
    await this.restoreInto(store, ...(await this.seeds.forReset(store.company.seed, store.dataSource)));
  }

  /** A consistent copy of a company's rows (one read transaction). */
  async snapshot(id: string): Promise<Snapshot> {
    const store = await this.resolveStore(id);
    return store.gate.pass(() =>
      this.exclusive(store, () =>
        store.mutex
          ? takeSnapshot(store.dataSource.manager)
          : store.dataSource.transaction('REPEATABLE READ', async (manager) => {
              await lockCompany(manager, 'shared');
              return takeSnapshot(manager);
            }),
      ),
    );
  }

  async restore(id: string, snapshot: Snapshot): Promise<void> {
    const store = await this.resolveStore(id);
    // Converted on every restore (about a millisecond for the demo seed's rows): the
    // caller owns the snapshot and may change it between two restores.
    await this.restoreInto(store, restoreImage(store.dataSource, snapshot.tables));
  }

  /**
   * Runs one operation in one company as one transaction. On SQLite the
   * company's transactions are serialized (one connection, no "transaction
   * already started", no "database is locked"); on a server database they
   * run concurrently and the database's locks decide. A database conflict
   * (deadlock, lock timeout, a key inserted by a concurrent writer) becomes
   * BC's error for it.
   */
  async run<T>(companyId: string, actor: Actor, fn: (session: Session) => Promise<T>): Promise<T> {
    const store = await this.resolveStore(companyId);
    const changeLog = this.commits.newLog();
    const result = await store.gate.pass(() =>
      this.exclusive(store, async () => {
        try {
          return await runInTransaction(
            store.dataSource,
            store.cache,
            { synchronousCommit: this.storage.config.synchronousCommit, begin: (manager) => this.storage.beginTransaction(manager), changeLog },
            async (tx) => fn(await openSession(this.events, tx, store.company, actor)),
          );
        } catch (e) {
          if (!(e instanceof CompanyStorageGoneError)) throw translateDatabaseError(e);
          // Another instance deleted the company: this one forgets it now rather than at its next refresh.
          void this.closeStore(store);
          throw companyNotFound(store.company.systemId);
        }
      }),
    );
    this.commits.committed(store.company, changeLog);
    return result;
  }

  // ---- users ----

  /** The user by name, for every authenticated request (kept a few seconds: SystemUsers). */
  findUser(userName: string): Promise<User | null> {
    return this.users.find(userName);
  }

  listUsers(): Promise<User[]> {
    return this.users.list();
  }

  ensureUser(spec: UserSpec): Promise<User> {
    return this.users.ensure(spec);
  }

  // ---- internals ----

  /**
   * The company's store by SystemId or Name. One this instance has not seen
   * yet (created by another instance over the same server database) is
   * looked up in the system database and opened.
   */
  private async resolveStore(id: string): Promise<CompanyStore> {
    const cached = this.stores.get(id) ?? [...this.stores.values()].find((s) => s.company.name === id);
    if (cached) return cached;
    const byId = /^[0-9a-f-]{36}$/i.test(id) ? await this.system.manager.findOne(Company, { where: { systemId: id } }) : null;
    const company = byId ?? (id.length <= 30 ? await this.system.manager.findOne(Company, { where: { name: id } }) : null);
    if (!company) throw companyNotFound(id);
    try {
      return await this.openStoreOnce(company);
    } catch (e) {
      // Deleted by another instance while this one opened it.
      if (!(await this.system.manager.findOne(Company, { where: { systemId: company.systemId } }))) throw companyNotFound(id);
      throw e;
    }
  }

  private openStoreOnce(company: Company): Promise<CompanyStore> {
    const existing = this.stores.get(company.systemId);
    if (existing) return Promise.resolve(existing);
    let pending = this.opening.get(company.systemId);
    if (!pending) {
      pending = this.openStore(company, false).finally(() => this.opening.delete(company.systemId));
      this.opening.set(company.systemId, pending);
    }
    return pending;
  }

  private async openStore(company: Company, isNew: boolean): Promise<CompanyStore> {
    const dataSource = await this.storage.openCompany(company, isNew);
    const store: CompanyStore = {
      company,
      dataSource,
      mutex: this.storage.serializeInProcess ? new Mutex() : null,
      cache: new CompanyCache(),
      gate: new CompanyGate(company.systemId),
    };
    this.stores.set(company.systemId, store);
    return store;
  }

  /** A company that is gone: refused from now on, its DataSource destroyed once the operations inside have finished. */
  private closeStore(store: CompanyStore): Promise<void> {
    if (this.stores.get(store.company.systemId) === store) this.stores.delete(store.company.systemId);
    store.closed ??= store.gate.closeForGood().then(() => store.dataSource.destroy());
    return store.closed;
  }

  private exclusive<T>(store: CompanyStore, fn: () => Promise<T>): Promise<T> {
    return store.mutex ? store.mutex.runExclusive(fn) : fn();
  }

  /**
   * A change to the system database that must happen once however many
   * instances try at the same moment (create a company, make sure of a user):
   * in-process a mutex, in the database a lock on the table's name.
   */
  private systemTransaction<T>(resource: string, fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.systemMutex.runExclusive(() =>
      this.system.transaction(async (manager) => {
        await lockResource(manager, resource);
        return fn(manager);
      }),
    );
  }

  /**
   * Replaces every row of one company (its own database or schema: no other company is touched) in one
   * transaction (src/db/restore.ts), once no other transaction is in the company (lockCompany: on a server
   * database of any instance, rather than deadlocking with one on a table lock; on SQLite the company's mutex).
   */
  private async restoreInto(store: CompanyStore, image: RestoreImage, after?: (manager: EntityManager) => Promise<void>): Promise<void> {
    await store.gate.pass(() =>
      this.exclusive(store, async () => {
        try {
          await store.dataSource.transaction(async (manager) => {
            await lockCompany(manager, 'exclusive');
            await restoreTables(manager, image);
            await after?.(manager);
          });
        } catch (e) {
          throw translateDatabaseError(e);
        } finally {
          // Still inside the company's exclusive section; also after a failed restore: dropping a cache is never wrong.
          store.cache.clear();
        }
      }),
    );
  }
}
