import type { DataSource, EntityManager } from 'typeorm';
import { AccessControl } from '../../entities/System/AccessControl.Table';
import { AggregatePermissionSet } from '../../entities/System/AggregatePermissionSet.Table';
import type { User } from '../../entities/System/User.Table';
import { BadRequestError, RecordExistsError, RecordNotFoundError } from '../runtime/BcError';
import { PlatformText } from '../runtime/PlatformErrors';
import { newSystemFields } from '../db/systemFields';

/** The permission set that may do everything, in BC and here. */
export const SUPER = 'SUPER';
/** The set of a user who works in a company's data (the demo employees, a trainee). */
export const BUSINESS_USER_SET = 'D365 BUS FULL ACCESS';

/** System scope, no app: how BC lists its own permission sets (automation API `permissionSets`). */
const SYSTEM_SCOPE = 0;
const NO_APP = '00000000-0000-0000-0000-000000000000';

/**
 * The permission sets the simulator knows, by BC's Role IDs. What they mean
 * here (docs/api.md, Permissions): SUPER for all companies may use every
 * simulator control; SUPER in one company may reset, snapshot, restore,
 * delete it and move its clock; any set in a company lets a user work in it.
 * Object-level permissions (read/insert/modify per table) are not simulated.
 */
export const PERMISSION_SETS: ReadonlyArray<{ roleId: string; name: string }> = [
  { roleId: SUPER, name: 'This role has all permissions.' },
  { roleId: 'D365 BASIC', name: 'Dynamics 365 Basic access' },
  { roleId: BUSINESS_USER_SET, name: 'Dyn. 365 Full Business Acc.' },
];

/** A permission set given to a user; company '' (or absent) is every company. */
export interface PermissionGrant {
  roleId: string;
  company?: string;
}

/** What one user may do, from their Access Control rows. */
export class UserAccess {
  constructor(readonly grants: ReadonlyArray<{ roleId: string; companyName: string }>) {}

  /** SUPER for all companies: the simulator's administrator (companies, users, the request journal). */
  get isAdmin(): boolean {
    return this.grants.some((g) => g.roleId === SUPER && g.companyName === '');
  }

  /** Any permission set in the company (or in all companies). */
  canUse(companyName: string): boolean {
    return this.grants.some((g) => g.companyName === '' || g.companyName === companyName);
  }

  /** SUPER in the company (or in all companies). */
  canAdminister(companyName: string): boolean {
    return this.grants.some((g) => g.roleId === SUPER && (g.companyName === '' || g.companyName === companyName));
  }
}

/** How long a user's access is kept in memory; this instance's own changes drop it at once. */
const ACCESS_CACHE_MS = 5000;

/**
 * Users' permission sets per company (Access Control) and the sets that exist
 * (Aggregate Permission Set), in the system database. Every rule about who
 * may do what reads UserAccess from here.
 */
export class Permissions {
  private readonly cache = new Map<string, { access: UserAccess; at: number }>();

  constructor(
    private readonly system: DataSource,
    private readonly exclusive: <T>(resource: string, fn: (manager: EntityManager) => Promise<T>) => Promise<T>,
  ) {}

  /** The permission sets rows, made once per system database. */
  ensurePermissionSets(): Promise<void> {
    return this.exclusive('Aggregate Permission Set', async (manager) => {
      for (const set of PERMISSION_SETS) {
        if (await manager.findOne(AggregatePermissionSet, { where: { roleId: set.roleId } })) continue;
        await manager.insert(AggregatePermissionSet, {
          scope: SYSTEM_SCOPE,
          appId: NO_APP,
          roleId: set.roleId,
          name: set.name,
          appName: '',
          ...newSystemFields(),
        });
      }
    });
  }

  listSets(): Promise<AggregatePermissionSet[]> {
    return this.system.manager.find(AggregatePermissionSet, { order: { roleId: 'ASC' } });
  }

  async of(user: User): Promise<UserAccess> {
    const hit = this.cache.get(user.userSecurityId);
    if (hit && Date.now() - hit.at < ACCESS_CACHE_MS) return hit.access;
    const access = new UserAccess(await this.grantsOf(user));
    this.cache.set(user.userSecurityId, { access, at: Date.now() });
    return access;
  }

  grantsOf(user: User): Promise<AccessControl[]> {
    return this.system.manager.find(AccessControl, { where: { userSecurityId: user.userSecurityId }, order: { companyName: 'ASC', roleId: 'ASC' } });
  }

  /** Gives a user a permission set in a company ('' = all companies). */
  assign(user: User, grant: PermissionGrant): Promise<AccessControl> {
    return this.changing(user, (manager) => this.insertGrant(manager, user, grant));
  }

  /** Takes a permission set away; the last SUPER for all companies stays (BC needs one SUPER user). */
  remove(user: User, grant: PermissionGrant): Promise<void> {
    const companyName = grant.company ?? '';
    return this.changing(user, async (manager) => {
      const key = { userSecurityId: user.userSecurityId, roleId: grant.roleId, companyName, scope: SYSTEM_SCOPE, appId: NO_APP };
      if (!(await manager.findOne(AccessControl, { where: key }))) throw new RecordNotFoundError(PlatformText.recordNotFound('Access Control', keyText(user, grant.roleId, companyName)));
      if (grant.roleId === SUPER && companyName === '') await this.keepOneSuper(manager, user);
      await manager.delete(AccessControl, key);
    });
  }

  /** Inside the transaction that deletes a user: their rows go, unless they are the last SUPER. */
  async removeAllOf(manager: EntityManager, user: User): Promise<void> {
    await this.keepOneSuper(manager, user);
    await manager.delete(AccessControl, { userSecurityId: user.userSecurityId });
    this.cache.delete(user.userSecurityId);
  }

  /** A deleted company's assignments go with it, so a new company of the same name starts with none. */
  async removeCompany(companyName: string): Promise<void> {
    await this.exclusive('Access Control', (manager) => manager.delete(AccessControl, { companyName }));
    this.cache.clear();
  }

  /** A new user's sets (or a user's who has none yet: a database from before permissions), inside ensure's transaction. */
  async grantInitial(manager: EntityManager, user: User, grants: PermissionGrant[]): Promise<void> {
    if (grants.length === 0 || (await manager.count(AccessControl, { where: { userSecurityId: user.userSecurityId } })) > 0) return;
    for (const grant of grants) await this.insertGrant(manager, user, grant);
    this.cache.delete(user.userSecurityId);
  }

  private async insertGrant(manager: EntityManager, user: User, grant: PermissionGrant): Promise<AccessControl> {
    const companyName = grant.company ?? '';
    if (!(await manager.findOne(AggregatePermissionSet, { where: { roleId: grant.roleId } }))) {
      throw new RecordNotFoundError(PlatformText.recordNotFound('Aggregate Permission Set', `Scope='System',App ID='{${NO_APP}}',Role ID='${grant.roleId}'`));
    }
    const row = { userSecurityId: user.userSecurityId, roleId: grant.roleId, companyName, scope: SYSTEM_SCOPE, appId: NO_APP };
    if (await manager.findOne(AccessControl, { where: row })) {
      throw new RecordExistsError(PlatformText.recordExists('Access Control', keyText(user, grant.roleId, companyName)));
    }
    const inserted = Object.assign(new AccessControl(), row, newSystemFields());
    await manager.insert(AccessControl, inserted);
    return inserted;
  }

  private async keepOneSuper(manager: EntityManager, user: User): Promise<void> {
    const supers = await manager.find(AccessControl, { where: { roleId: SUPER, companyName: '' } });
    if (supers.length > 0 && supers.every((s) => s.userSecurityId === user.userSecurityId)) {
      // simulator text: BC requires one SUPER user but its message for this case is not documented.
      throw new BadRequestError('BadRequest', `At least one user must have the SUPER permission set for all companies; ${user.userName} is the last one.`);
    }
  }

  private async changing<T>(user: User, fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.exclusive('Access Control', fn);
    } finally {
      this.cache.delete(user.userSecurityId);
    }
  }
}

function keyText(user: User, roleId: string, companyName: string): string {
  return `User Security ID='{${user.userSecurityId.toUpperCase()}}',Role ID='${roleId}',Company Name='${companyName}',Scope='System',App ID='{${NO_APP}}'`;
}
