// [ARCHITECTURE] [HTTP] — handlers in one router layer (src/http/inOrder.ts) behave as the same handlers in separate layers.
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import request from 'supertest';
import { inOrder } from '../../src/http/inOrder';

/** The same handlers mounted both ways; the answer says which ran and what error reached the error middleware. */
function apps(handlers: RequestHandler[]) {
  const make = (mount: (app: express.Express, hs: RequestHandler[]) => void) => {
    const app = express();
    app.use((_req, res, next) => {
      res.locals.ran = [];
      next();
    });
    mount(app, handlers);
    app.use('/api', (req, res) => {
      res.json({ ran: res.locals.ran, url: req.url, end: 'reached' });
    });
    const onError: ErrorRequestHandler = (err, _req, res, _next) => {
      res.status(500).json({ ran: res.locals.ran, error: err instanceof Error ? err.message : String(err) });
    };
    app.use(onError);
    return app;
  };
  return {
    separate: make((app, hs) => app.use('/api', ...hs)),
    combined: make((app, hs) => app.use('/api', inOrder(hs))),
  };
}

const step =
  (name: string, then: (next: (err?: unknown) => void) => unknown = (next) => next()): RequestHandler =>
  (req, res, next) => {
    (res.locals.ran as string[]).push(`${name} ${req.url}`);
    return then(next);
  };

const cases: Record<string, RequestHandler[]> = {
  'all call next': [step('a'), step('b'), step('c')],
  'an async handler': [step('a', async (next) => next()), step('b')],
  'a throw': [
    step('a'),
    step('b', () => {
      throw new Error('thrown');
    }),
    step('c'),
  ],
  'a rejected promise': [
    step('a', async () => {
      throw new Error('rejected');
    }),
    step('b'),
  ],
  'a promise rejected without a reason': [step('a', () => Promise.reject(undefined)), step('b')],
  'next(err)': [step('a', (next) => next(new Error('passed'))), step('b')],
  "next('route')": [step('a', (next) => next('route')), step('b')],
  'an answer without next': [step('a'), (_req, res) => void res.status(202).json({ answered: true }), step('c')],
};

test.each(Object.keys(cases))('%s: the same answer either way', async (name) => {
  const { separate, combined } = apps(cases[name]);
  for (const url of ['/api/v2.0/x?y=1', '/api']) {
    const a = await request(separate).get(url);
    const b = await request(combined).get(url);
    expect({ status: b.status, body: b.body }).toEqual({ status: a.status, body: a.body });
  }
});
