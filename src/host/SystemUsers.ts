import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { User } from '../../entities/System/User.Table';
import { BadRequestError, RecordExistsError, RecordNotFoundError } from '../runtime/BcError';
import { checkStoredValue } from '../runtime/FieldValues';
import { tableMeta } from '../runtime/Metadata';
import type { Language } from '../runtime/Labels';
import { PlatformText } from '../runtime/PlatformErrors';
import { newSystemFields } from '../db/systemFields';
import type { PermissionGrant, Permissions } from './Permissions';

export interface UserSpec {
  userName: string;
  fullName: string;
  webServiceAccessKey: string;
  language?: Language;
  /** Permission sets given when the user is created (or has none yet); none: the user can sign in but use no company. */
  permissions?: PermissionGrant[];
}

/** What an administrator may change of a user (the name is the key). */
export type UserChange = Partial<Pick<UserSpec, 'fullName' | 'webServiceAccessKey' | 'language'>>;

/** How long a found user is kept for authentication. */
const USER_CACHE_MS = 5000;

/**
 * The simulator's users, in the system database (all companies share them,
 * as BC's users are per tenant). Every authenticated request looks its user
 * up, so a found user is kept USER_CACHE_MS: this instance's own changes drop
 * it at once, another instance's are seen within that time.
 */
export class SystemUsers {
  private readonly cache = new Map<string, { user: User; at: number }>();

  constructor(
    private readonly system: DataSource,
    /** A system-database change that must happen once across instances (Simulator's lock on the table's name). */
    private readonly exclusive: <T>(resource: string, fn: (manager: EntityManager) => Promise<T>) => Promise<T>,
    private readonly permissions: Permissions,
  ) {}

  async find(userName: string): Promise<User | null> {
    const name = userName.toUpperCase();
    const hit = this.cache.get(name);
    if (hit && Date.now() - hit.at < USER_CACHE_MS) return hit.user;
    const user = await this.system.manager.findOne(User, { where: { userName: name } });
    if (user) this.cache.set(name, { user, at: Date.now() });
    else this.cache.delete(name);
    return user;
  }

  /** The user, or BC's record-not-found error. */
  async get(userName: string, manager: EntityManager = this.system.manager): Promise<User> {
    const user = await manager.findOne(User, { where: { userName: userName.toUpperCase() } });
    if (!user) throw new RecordNotFoundError(PlatformText.recordNotFound('User', `User Name='${userName.toUpperCase()}'`));
    return user;
  }

  list(): Promise<User[]> {
    return this.system.manager.find(User, { order: { userName: 'ASC' } });
  }

  /** The user, created Dutch unless the spec says otherwise, if no instance made them yet; their initial permission sets. */
  ensure(spec: UserSpec): Promise<User> {
    return this.exclusive('User', async (manager) => {
      const user = (await manager.findOne(User, { where: { userName: spec.userName.toUpperCase() } })) ?? (await this.insert(manager, spec));
      await this.permissions.grantInitial(manager, user, spec.permissions ?? []);
      return user;
    });
  }

  /** A new user (the admin API); an existing name is BC's "already exists". */
  create(spec: UserSpec): Promise<User> {
    checkSpec(spec);
    return this.exclusive('User', async (manager) => {
      const name = spec.userName.toUpperCase();
      if (await manager.findOne(User, { where: { userName: name } })) throw new RecordExistsError(PlatformText.recordExists('User', `User Name='${name}'`));
      const user = await this.insert(manager, spec);
      await this.permissions.grantInitial(manager, user, spec.permissions ?? []);
      return user;
    });
  }

  async update(userName: string, change: UserChange): Promise<User> {
    checkSpec(change);
    try {
      return await this.exclusive('User', async (manager) => {
        const user = await this.get(userName, manager);
        Object.assign(user, change, { systemModifiedAt: new Date(), rowVersion: user.rowVersion + 1 });
        await manager.update(User, { userSecurityId: user.userSecurityId }, { ...change, systemModifiedAt: user.systemModifiedAt, rowVersion: user.rowVersion });
        return user;
      });
    } finally {
      this.cache.delete(userName.toUpperCase());
    }
  }

  /** The user and their permission sets; the last SUPER user stays. */
  async delete(userName: string): Promise<void> {
    try {
      await this.exclusive('User', async (manager) => {
        const user = await this.get(userName, manager);
        await this.permissions.removeAllOf(manager, user);
        await manager.delete(User, { userSecurityId: user.userSecurityId });
      });
    } finally {
      this.cache.delete(userName.toUpperCase());
    }
  }

  private async insert(manager: EntityManager, spec: UserSpec): Promise<User> {
    const u = new User();
    Object.assign(u, {
      userSecurityId: randomUUID(),
      userName: spec.userName.toUpperCase(),
      fullName: spec.fullName,
      webServiceAccessKey: spec.webServiceAccessKey,
      language: spec.language ?? 'nl-NL',
      ...newSystemFields(),
    });
    await manager.insert(User, u);
    return u;
  }
}

/** The User table's checks of what is stored (lengths, content) and a key that can sign in: BC's errors, before anything is written. */
function checkSpec(spec: Partial<UserSpec>): void {
  const user = tableMeta(User);
  for (const property of ['userName', 'fullName', 'webServiceAccessKey'] as const) {
    checkStoredValue(user.field(property), spec[property], user.name);
  }
  if (spec.userName !== undefined && !/^[^\s:][^:]*$/.test(spec.userName)) {
    // simulator text: a name with a colon could never sign in with HTTP Basic.
    throw new BadRequestError('BadRequest', `The user name '${spec.userName}' is not valid: it must not be blank, start with a space or contain ':'.`);
  }
  if (spec.webServiceAccessKey !== undefined && spec.webServiceAccessKey.length < 8) {
    // simulator text: BC generates its keys; a typed one must not be trivially guessed.
    throw new BadRequestError('BadRequest', 'The web service access key must have at least 8 characters.');
  }
  if (spec.language !== undefined && spec.language !== 'nl-NL' && spec.language !== 'en-US') {
    throw new BadRequestError('BadRequest', `The language '${String(spec.language)}' is not valid: use nl-NL or en-US.`);
  }
}
