import type { RequestHandler } from 'express';

/**
 * Handlers run one after the other as ONE layer of Express's router, on the router's own terms: a throw,
 * a rejected promise or `next(err)` goes to the error middleware, `next()` (or `next('route')`) to the
 * next handler. Each layer of the router costs a path match per request and, under a mount path such as
 * `/api`, a rewrite of `req.url` and its re-parse on the way in and out; the API's dozen layers were a
 * measurable part of a small request (docs/benchmarks.md, bench:api).
 */
export function inOrder(handlers: RequestHandler[]): RequestHandler {
  return (req, res, next) => {
    let i = 0;
    const step = (err?: unknown): void => {
      if (err && err !== 'route') return next(err);
      const handler = handlers[i++];
      if (!handler) return next();
      try {
        const result = handler(req, res, step) as unknown;
        if (isThenable(result)) result.then(undefined, (error: unknown) => step(error || new Error('Rejected promise')));
      } catch (thrown) {
        step(thrown);
      }
    };
    step();
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && typeof value === 'object' && typeof (value as PromiseLike<unknown>).then === 'function';
}
