import { randomInt, randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { ApiGroup } from '../../pages/api/ApiPage';
import type { Simulator } from '../host/Simulator';
import { BadRequestError, BcError, RecordNotFoundError } from '../runtime/BcError';
import { apiTarget, ApiTarget } from './apiTarget';
import { HttpErrors } from './HttpErrors';
import { mulberry32 } from '../runtime/SeededRandom';

/**
 * Fault and latency injection (`/_sim/faults`, docs/api.md "Fault injection"): rules that make API
 * requests slow or fail with an error of the tester's choosing in BC's envelope, so a client's retry
 * and error handling can be tried against the rest of the simulator's real behaviour. A rule matches
 * by method, entity set (or a navigation after it), bound action and company; it fires with a
 * probability, drawn from its own seeded generator (the same seed and the same requests fire the same
 * way), and for the next N matching requests or without end. A fault is applied after authentication
 * and throttling and before the request's body is read or its transaction begins, so an injected
 * error changes no data; a delay-only rule lets the request run afterwards. The journal records every
 * request a rule fired on.
 */
export interface FaultError {
  status: number;
  code: string;
  message: string;
}

export interface FaultRule {
  id: string;
  /** HTTP method, upper case; undefined = any. */
  method?: string;
  /** Entity set or a navigation in the URL (`contacts`, `picture`, `$batch`, `$metadata`, `companies`); undefined = any. */
  entitySet?: string;
  /** Bound action name without `Microsoft.NAV.`; undefined = any request, with an action or not. */
  action?: string;
  /** Company SystemId; undefined = any company, or none. */
  company?: string;
  probability: number;
  /** Fires left (the next N calls); null = without end. */
  remaining: number | null;
  delayMs: number;
  error: FaultError | null;
  seed: number;
  /** Requests the rule matched, and those it fired on. */
  matched: number;
  fired: number;
  createdAt: string;
}

/** What the journal keeps of a fault fired on a request. */
export interface InjectedFault {
  rule: string;
  delayMs: number;
  status: number | null;
  code: string | null;
}

/** An injected error: the tester's status, code and text in BC's envelope. */
export class InjectedFaultError extends BcError {
  constructor(
    readonly code: string,
    message: string,
    status: number,
  ) {
    super(message);
    this.httpStatus = status;
  }
}

export const MAX_FAULT_RULES = 100;
/** BC aborts a request after 10 minutes (504); a longer delay would test nothing BC does. */
export const MAX_FAULT_DELAY_MS = 600_000;
export const FAULT_RULE_PROPERTIES = ['method', 'entitySet', 'action', 'company', 'probability', 'times', 'delayMs', 'error', 'seed'];

export class FaultInjector {
  private readonly rules: FaultRule[] = [];
  private readonly draws = new Map<string, () => number>();

  constructor(private readonly sim: Simulator) {}

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  get(id: string): FaultRule {
    const rule = this.rules.find((r) => r.id === id);
    if (!rule) throw new RecordNotFoundError(`The fault rule does not exist. Identification fields and values: Id='${id}'`);
    return { ...rule };
  }

  /** A rule from a request body (checked; nothing added on an error). */
  add(body: Record<string, unknown>): FaultRule {
    if (this.rules.length >= MAX_FAULT_RULES) {
      throw new BadRequestError('BadRequest', `There are ${this.rules.length} fault rules, the most the simulator keeps; delete one first.`);
    }
    const rule = this.parse(body);
    this.rules.push(rule);
    this.draws.set(rule.id, mulberry32(rule.seed));
    return { ...rule };
  }

  remove(id: string): void {
    this.get(id);
    this.rules.splice(this.rules.findIndex((r) => r.id === id), 1);
    this.draws.delete(id);
  }

  clear(): void {
    this.rules.length = 0;
    this.draws.clear();
  }

  /** The first rule, in the order they were added, that matches the request and fires. */
  decide(method: string, target: ApiTarget): FaultRule | undefined {
    for (const rule of this.rules) {
      if (rule.remaining === 0 || !matches(rule, method, target)) continue;
      rule.matched++;
      // Every match draws, whatever the probability, so a rule's decisions depend only on the requests it matched.
      const draw = this.draws.get(rule.id)!();
      if (draw >= rule.probability) continue;
      rule.fired++;
      if (rule.remaining !== null) rule.remaining--;
      return rule;
    }
    return undefined;
  }

  /** Express middleware on the API routes, after authentication and throttling, before the body is read. */
  middleware(groups: ApiGroup[]): RequestHandler {
    return async (req, res, next) => {
      if (this.rules.length === 0) return next();
      const rule = this.decide(req.method, apiTarget(req, groups, this.sim));
      if (!rule) return next();
      res.locals.injectedFault = {
        rule: rule.id,
        delayMs: rule.delayMs,
        status: rule.error?.status ?? null,
        code: rule.error?.code ?? null,
      } satisfies InjectedFault;
      if (rule.delayMs > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, rule.delayMs);
          // A client that gives up while delayed ends the wait; nothing more is done for it.
          res.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
        });
        if (res.destroyed || res.writableEnded) return;
      }
      if (rule.error) throw new InjectedFaultError(rule.error.code, rule.error.message, rule.error.status);
      next();
    };
  }

  private parse(body: Record<string, unknown>): FaultRule {
    for (const key of Object.keys(body)) if (!FAULT_RULE_PROPERTIES.includes(key)) throw HttpErrors.unknownProperty(key, 'simulatorFaultRule');
    const text = (key: string) => {
      const v = body[key];
      if (v === undefined || v === null) return undefined;
      if (typeof v !== 'string' || v === '') throw invalid(key, 'a non-empty string', v);
      return v;
    };
    const method = text('method')?.toUpperCase();
    if (method !== undefined && !/^[A-Z]+$/.test(method)) throw invalid('method', 'an HTTP method', body.method);
    const action = text('action')?.replace(/^(?:Microsoft\.NAV|NAV)\./, '');
    const companyName = text('company');
    const company = companyName === undefined ? undefined : this.sim.company(companyName).systemId.toLowerCase();
    const probability = body.probability ?? 1;
    if (typeof probability !== 'number' || !(probability >= 0 && probability <= 1)) throw invalid('probability', 'a number from 0 to 1', probability);
    const times = body.times ?? null;
    if (times !== null && !wholeNumber(times, 1, Number.MAX_SAFE_INTEGER)) throw invalid('times', 'a whole number of at least 1', times);
    const delayMs = body.delayMs ?? 0;
    if (!wholeNumber(delayMs, 0, MAX_FAULT_DELAY_MS)) throw invalid('delayMs', `a whole number from 0 to ${MAX_FAULT_DELAY_MS}`, delayMs);
    const seed = body.seed ?? randomInt(0, 2 ** 32);
    if (!wholeNumber(seed, 0, 2 ** 32 - 1)) throw invalid('seed', 'a whole number from 0 to 4294967295', seed);
    const error = body.error === undefined || body.error === null ? null : faultError(body.error);
    if (!error && delayMs === 0) throw new BadRequestError('BadRequest', 'A fault rule needs an error, a delay (delayMs), or both.');
    return {
      id: randomUUID(),
      method,
      entitySet: text('entitySet'),
      action,
      company,
      probability,
      remaining: times as number | null,
      delayMs: delayMs as number,
      error,
      seed: seed as number,
      matched: 0,
      fired: 0,
      createdAt: new Date().toISOString(),
    };
  }
}

function matches(rule: FaultRule, method: string, target: ApiTarget): boolean {
  if (rule.method !== undefined && rule.method !== method.toUpperCase()) return false;
  if (rule.entitySet !== undefined && rule.entitySet !== target.entitySet && !target.navigations.includes(rule.entitySet)) return false;
  if (rule.action !== undefined && rule.action !== target.action) return false;
  if (rule.company !== undefined && rule.company !== target.companyId) return false;
  return true;
}

function faultError(value: unknown): FaultError {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid('error', 'an object {status, code, message}', value);
  const { status, code, message, ...rest } = value as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) throw HttpErrors.unknownProperty(extra, 'simulatorFaultError');
  if (!wholeNumber(status, 400, 599)) throw invalid('error.status', 'an HTTP error status from 400 to 599', status);
  if (typeof code !== 'string' || !/^[A-Za-z][A-Za-z0-9_]{0,99}$/.test(code)) throw invalid('error.code', "a BC error code such as 'Application_DialogException'", code);
  if (typeof message !== 'string' || message === '' || message.length > 2048) throw invalid('error.message', 'a text of 1 to 2048 characters', message);
  return { status: status as number, code, message };
}

function wholeNumber(v: unknown, min: number, max: number): boolean {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
}

function invalid(property: string, expected: string, value: unknown): BadRequestError {
  return new BadRequestError('BadRequest', `The fault rule's '${property}' must be ${expected}, not ${JSON.stringify(value) ?? 'undefined'}.`);
}
