import type { RequestHandler } from 'express';
import type { ApiGroup } from '../../pages/api/ApiPage';
import type { Simulator } from '../host/Simulator';
import { BadRequestError } from '../runtime/BcError';
import { apiTarget } from './apiTarget';
import { HttpErrors } from './HttpErrors';
import { BC_ONLINE_LIMITS, Throttle, throttle, ThrottleLimits } from './throttle';

/** Off (BC on-premises), BC online's figures, or figures of one's own. */
export type ThrottleSetting = 'off' | 'online' | ThrottleLimits;

interface Scope {
  setting: ThrottleSetting;
  limiter?: Throttle;
}

const MAX_LIMIT = 2_147_483_647;
const LIMIT_NAMES: Array<keyof ThrottleLimits> = ['concurrent', 'queue', 'requestsPerWindow', 'windowMs', 'queueTimeoutMs'];

/**
 * The request limits in force: one setting for the instance, and a company's own where one is set
 * (`/_sim/throttling`, `/_sim/companies/{id}/throttling`). A request into a company with its own
 * setting is counted against that company's limits (per user, as BC online counts them); every other
 * request — into a company without one, or to no company ($batch, $metadata, the companies list) —
 * against the instance's. A new setting starts its counters afresh; requests already running finish
 * under the limits they started with.
 */
export class ThrottleControl {
  private instance: Scope;
  private readonly companies = new Map<string, Scope>();

  constructor(initial: ThrottleSetting = 'off') {
    this.instance = scope(initial);
  }

  get instanceSetting(): ThrottleSetting {
    return this.instance.setting;
  }

  setInstance(setting: ThrottleSetting): void {
    this.instance = scope(setting);
  }

  /** The company's own setting, or undefined when it follows the instance. */
  companySetting(companyId: string): ThrottleSetting | undefined {
    return this.companies.get(companyId.toLowerCase())?.setting;
  }

  /** undefined: back to the instance's setting. */
  setCompany(companyId: string, setting: ThrottleSetting | undefined): void {
    if (setting === undefined) this.companies.delete(companyId.toLowerCase());
    else this.companies.set(companyId.toLowerCase(), scope(setting));
  }

  /** What the user's requests occupy now, in the company's limits (its own, else the instance's). */
  usage(userName: string, companyId?: string): { active: number; queued: number } {
    const s = (companyId && this.companies.get(companyId.toLowerCase())) || this.instance;
    return s.limiter ? s.limiter.usage(userName) : { active: 0, queued: 0 };
  }

  /** Express middleware after authentication, on the API routes. */
  middleware(groups: ApiGroup[], sim: Simulator): RequestHandler {
    return (req, res, next) => {
      let s = this.instance;
      if (this.companies.size > 0) {
        const companyId = apiTarget(req, groups, sim).companyId;
        s = (companyId && this.companies.get(companyId)) || this.instance;
      }
      if (!s.limiter) return next();
      return s.limiter(req, res, next);
    };
  }
}

function scope(setting: ThrottleSetting): Scope {
  if (setting === 'off') return { setting };
  return { setting, limiter: throttle(setting === 'online' ? BC_ONLINE_LIMITS : setting) };
}

/** The JSON of a setting: `{profile: 'off'|'online'|'custom', limits}` (limits null when off). */
export function settingJson(setting: ThrottleSetting): { profile: string; limits: ThrottleLimits | null } {
  if (setting === 'off') return { profile: 'off', limits: null };
  if (setting === 'online') return { profile: 'online', limits: { ...BC_ONLINE_LIMITS } };
  return { profile: 'custom', limits: { ...setting } };
}

/**
 * A setting from a request body `{profile, limits?}`: `custom` takes `limits`, each figure a whole
 * number (missing ones are BC online's); `off` and `online` take none. `instance` (a company's setting
 * only) is returned as undefined.
 */
export function settingFromBody(body: Record<string, unknown>, allowInstance: boolean): ThrottleSetting | undefined {
  const profiles = allowInstance ? ['instance', 'off', 'online', 'custom'] : ['off', 'online', 'custom'];
  if (typeof body.profile !== 'string') throw HttpErrors.nullField('profile');
  if (!profiles.includes(body.profile)) {
    throw new BadRequestError('BadRequest', `'${body.profile}' is not a throttling profile. The profiles are: ${profiles.join(', ')}.`);
  }
  if (body.profile !== 'custom') {
    if (body.limits !== undefined && body.limits !== null) {
      throw new BadRequestError('BadRequest', `The profile '${body.profile}' takes no limits; give them with the profile 'custom'.`);
    }
    return body.profile === 'instance' ? undefined : (body.profile as 'off' | 'online');
  }
  const given = body.limits ?? {};
  if (given === null || typeof given !== 'object' || Array.isArray(given)) throw HttpErrors.invalidRequestBody();
  const limits: ThrottleLimits = { ...BC_ONLINE_LIMITS };
  for (const [key, value] of Object.entries(given)) {
    if (!LIMIT_NAMES.includes(key as keyof ThrottleLimits)) throw HttpErrors.unknownProperty(key, 'simulatorThrottleLimits');
    const min = key === 'queue' ? 0 : 1;
    // Node's timers hold at most 2^31-1 ms; a longer queue timeout would fire at once.
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > MAX_LIMIT) {
      throw new BadRequestError('BadRequest', `The limit '${key}' must be a whole number from ${min} to ${MAX_LIMIT}, not ${JSON.stringify(value)}.`);
    }
    limits[key as keyof ThrottleLimits] = value;
  }
  return limits;
}
