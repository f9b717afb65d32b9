import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Company } from '../../entities/System/Company.Table';
import type { User } from '../../entities/System/User.Table';
import { AuthenticationError } from '../runtime/BcError';
import type { Simulator } from '../host/Simulator';
import { HttpErrors, ODataText } from './HttpErrors';

/**
 * HTTP Basic with user name + web-service access key (BC on-premises,
 * NavUserPassword; bc-api.md §1.10). The user is looked up in the system
 * User table; the authenticated user is the session's user, so "myself" is
 * that user's User Setup salesperson.
 */
export function basicAuth(sim: Simulator): RequestHandler {
  return async (req, res, next) => {
    const user = await authenticate(sim, req.get('authorization'));
    if (!user) throw new AuthenticationError(ODataText.invalidCredentials);
    res.locals.user = user;
    next();
  };
}

async function authenticate(sim: Simulator, header: string | undefined): Promise<User | null> {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  const userName = decoded.slice(0, colon);
  const key = decoded.slice(colon + 1);
  const user = await sim.findUser(userName);
  if (!user || !user.webServiceAccessKey) return null;
  return timingSafeEqual(digest(key), storedDigest(user)) ? user : null;
}

/** Hashing first makes the lengths equal for the constant-time comparison. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/**
 * The stored key's digest, made once per user and key: every request hashed it again. Kept with the
 * key it was made from, so a new key (PATCH /_sim/users, a reset, a user made again) is hashed anew.
 */
function storedDigest(user: User): Buffer {
  const known = storedDigests.get(user);
  if (known?.key === user.webServiceAccessKey) return known.digest;
  const made = { key: user.webServiceAccessKey, digest: digest(user.webServiceAccessKey) };
  storedDigests.set(user, made);
  return made.digest;
}

const storedDigests = new WeakMap<User, { key: string; digest: Buffer }>();

export function authenticatedUser(locals: Record<string, unknown>): User {
  return locals.user as User;
}

// ---- what the user may do (their permission sets: src/host/Permissions.ts) ----

/** The companies the user has a permission set in: what `companies` lists show them. */
export async function visibleCompanies(sim: Simulator, user: User): Promise<Company[]> {
  const access = await sim.permissions.of(user);
  return sim.listCompanies().filter((c) => access.canUse(c.name));
}

/** A request into a company the user has no permission set in is refused, named as the request named it. */
export async function requireCompanyAccess(sim: Simulator, user: User, company: Company, namedAs: string): Promise<void> {
  if (!(await sim.permissions.of(user)).canUse(company.name)) throw HttpErrors.noCompanyAccess(namedAs);
}

/** SUPER for all companies: creating companies and users, the request journal. */
export async function requireAdmin(sim: Simulator, user: User, what: string): Promise<void> {
  if (!(await sim.permissions.of(user)).isAdmin) throw HttpErrors.superRequired(what);
}

/** SUPER in the company (or all): reset, snapshots, clock, delete. */
export async function requireSuperIn(sim: Simulator, user: User, company: Company, namedAs: string, what: string): Promise<void> {
  const access = await sim.permissions.of(user);
  if (!access.canUse(company.name)) throw HttpErrors.noCompanyAccess(namedAs);
  if (!access.canAdminister(company.name)) throw HttpErrors.superRequired(what, namedAs);
}
