import type { RequestHandler, Response } from 'express';
import { BadRequestError } from '../runtime/BcError';
import { authenticatedUser } from './auth';

/**
 * BC online's per-user OData/API limits (operational-limits-online.md, "OData request limits
 * (per user)"; bc-api-v2-entities.md §7): a user's requests beyond the concurrent ones wait in
 * a queue; a full queue, or too many requests in the sliding window, is answered 429; a
 * request that waited too long is answered 503. Off unless configured: BC on-premises has no
 * such limits, and a test suite or benchmark would hit them at once (6,000 per 5 minutes is
 * 20 requests a second).
 */
export interface ThrottleLimits {
  /** Requests of one user processed at once (BC online: 5). */
  concurrent: number;
  /** Requests of one user waiting behind them (BC online: 95, so 100 connections in all). */
  queue: number;
  /** Requests of one user in the sliding window (BC online: 6,000). */
  requestsPerWindow: number;
  /** The sliding window (BC online: 5 minutes). */
  windowMs: number;
  /** How long a request may wait in the queue (BC online: 8 minutes). */
  queueTimeoutMs: number;
}

/** BC online's figures, for `throttle: 'online'` / EMPIRE_SIM_THROTTLE=online. */
export const BC_ONLINE_LIMITS: ThrottleLimits = {
  concurrent: 5,
  queue: 95,
  requestsPerWindow: 6000,
  windowMs: 5 * 60_000,
  queueTimeoutMs: 8 * 60_000,
};

/** The docs' only words for a 429. The code is not in Microsoft's error-code table: it is what users report from BC online. */
export const TOO_MANY_REQUESTS_TEXT = 'Request limits have been exceeded.';
const QUEUE_TIMEOUT_TEXT = 'The request waited too long for the requests before it (simulator text; BC answers 503 Service Temporarily Unavailable).';

export const tooManyRequests = () => new BadRequestError('Application_TooManyRequests', TOO_MANY_REQUESTS_TEXT);
const queueTimedOut = () => new BadRequestError('Simulator_ServiceUnavailable', QUEUE_TIMEOUT_TEXT);

interface UserState {
  active: number;
  waiting: Array<() => void>;
  /** Start times of the requests in the window, oldest first. */
  recent: number[];
}

/** The middleware, and what a user's requests occupy now (for tests and the journal of a class). */
export type Throttle = RequestHandler & { usage(userName: string): { active: number; queued: number } };

/** Express middleware after authentication: the user's share of the limits, per user name. */
export function throttle(limits: ThrottleLimits, now: () => number = Date.now): Throttle {
  const users = new Map<string, UserState>();
  const handler: RequestHandler = (_req, res, next) => {
    const name = authenticatedUser(res.locals).userName.toUpperCase();
    let state = users.get(name);
    if (!state) users.set(name, (state = { active: 0, waiting: [], recent: [] }));
    const t = now();
    while (state.recent.length && state.recent[0] <= t - limits.windowMs) state.recent.shift();
    if (state.recent.length >= limits.requestsPerWindow) throw tooManyRequests();
    if (state.active >= limits.concurrent && state.waiting.length >= limits.queue) throw tooManyRequests();
    state.recent.push(t);
    const s = state;
    const start = () => {
      s.active++;
      releaseOnEnd(res, () => {
        s.active--;
        s.waiting.shift()?.();
        if (s.active === 0 && s.waiting.length === 0 && s.recent.length === 0) users.delete(name);
      });
      next();
    };
    if (s.active < limits.concurrent) return start();
    const timer = setTimeout(() => {
      s.waiting.splice(s.waiting.indexOf(turn), 1);
      next(queueTimedOut());
    }, limits.queueTimeoutMs);
    const turn = () => {
      clearTimeout(timer);
      start();
    };
    s.waiting.push(turn);
    // A client that gives up while queued leaves the queue.
    res.once('close', () => {
      const at = s.waiting.indexOf(turn);
      if (at >= 0) {
        clearTimeout(timer);
        s.waiting.splice(at, 1);
      }
    });
  };
  return Object.assign(handler, {
    usage(userName: string) {
      const state = users.get(userName.toUpperCase());
      return { active: state?.active ?? 0, queued: state?.waiting.length ?? 0 };
    },
  });
}

function releaseOnEnd(res: Response, release: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    release();
  };
  res.once('finish', once);
  res.once('close', once);
}
