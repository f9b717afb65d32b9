import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { User } from '../../entities/System/User.Table';
import type { Language } from '../runtime/Labels';
import { newSystemFields } from '../db/systemFields';

export interface UserSpec {
  userName: string;
  fullName: string;
  webServiceAccessKey: string;
  language?: Language;
}

/** How long a found user is kept for authentication. */
const USER_CACHE_MS = 5000;

/**
 * The simulator's users, in the system database (all companies share them,
 * as BC's users are per tenant). Every authenticated request looks its user
 * up, so a found user is kept USER_CACHE_MS: users are created, not changed,
 * by the simulator, and another instance's new user is seen at once, since
 * only found users are kept.
 */
export class SystemUsers {
  private readonly cache = new Map<string, { user: User; at: number }>();

  constructor(
    private readonly system: DataSource,
    /** A system-database change that must happen once across instances (Simulator's lock on the table's name). */
    private readonly exclusive: <T>(resource: string, fn: (manager: EntityManager) => Promise<T>) => Promise<T>,
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

  list(): Promise<User[]> {
    return this.system.manager.find(User, { order: { userName: 'ASC' } });
  }

  /** The user, created Dutch unless the spec says otherwise, if no instance made them yet. */
  ensure(spec: UserSpec): Promise<User> {
    return this.exclusive('User', async (manager) => {
      const existing = await manager.findOne(User, { where: { userName: spec.userName.toUpperCase() } });
      if (existing) return existing;
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
    });
  }
}
