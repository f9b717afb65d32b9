import fs from 'node:fs';
import path from 'node:path';
import express, { NextFunction, Request, Response, Router } from 'express';
import { BadRequestError, BcError } from '../runtime/BcError';
import { translateError } from '../pageSession/Translations';
import { requestLanguage, type Language } from '../runtime/Labels';
import type { Simulator } from '../host/Simulator';
import { ManagerOptions, PageSessionManager, PageUser } from '../pageSession/PageSessionManager';
import { uiPages } from '../../pages';
import { findPage, tellMe } from '../pageSession/registry';
import { pick } from '../../pages/Page';
import { authenticatedUser, basicAuth, requireCompanyAccess, visibleCompanies } from './auth';

/**
 * Page sessions over HTTP (TestPage semantics; docs/pages.md) and the web
 * client that uses them. Mounted with one line in app.ts, before the JSON
 * landing page: a browser asking for `/` gets the client, an API client still
 * gets the JSON.
 *
 *   POST /pages/sessions                 open {page, mode, recordId, filters, context}
 *   GET  /pages/sessions/{id}            the page as it is
 *   POST /pages/sessions/{id}/fields     {field, value}: validate + save
 *   POST /pages/sessions/{id}/actions    {action}
 *   POST /pages/sessions/{id}/dialog     {answer}: Yes/No, OK/Cancel, or OK to a message
 *   POST /pages/sessions/{id}/navigate   {to: first|next|previous|last|record, recordId}
 *   POST /pages/sessions/{id}/filters    {filters: {control: text}}
 *   POST /pages/sessions/{id}/close
 *   GET  /pages/tell-me?q=               Vertel me
 */
export function pageSessionRoutes(sim: Simulator, options: ManagerOptions = {}): Router {
  const manager = new PageSessionManager(sim, options);
  const router = express.Router();
  const webDir = findWebDir();

  router.get('/', (req, res, next) => {
    // Browsers prefer HTML; curl and API clients (Accept */* or JSON) keep getting the JSON landing page.
    if (!webDir || req.accepts(['json', 'html']) !== 'html') return next();
    res.sendFile(path.join(webDir, 'index.html'));
  });
  if (webDir) router.use('/web', express.static(webDir, { index: 'index.html', maxAge: 0 }));

  const pages = express.Router();
  // The login screen lists the users to pick from (names only; the keys stay secret).
  pages.get('/login-users', async (_req, res) => {
    res.json({ value: (await sim.listUsers()).map((u) => ({ userName: u.userName, fullName: u.fullName })) });
  });
  pages.use(basicAuth(sim), express.json({ limit: '1mb', type: () => true }));

  pages.get('/me', async (req, res) => {
    const user = authenticatedUser(res.locals);
    const companies = await visibleCompanies(sim, user);
    res.json({
      userName: user.userName,
      fullName: user.fullName,
      language: languageOf(req, res),
      companies: companies.map((c) => ({ id: c.systemId, name: c.name, displayName: c.displayName })),
      // The client offers the trainer's console (docs/training.md) to whoever may use it.
      isAdmin: (await sim.permissions.of(user)).isAdmin,
    });
  });

  pages.get('/definitions', (req, res) => {
    const lang = languageOf(req, res);
    res.json({
      value: uiPages.map((p) => ({ pageId: p.id, name: p.name, caption: pick(p.caption, lang), type: p.type, searchable: p.searchable ?? false })),
    });
  });

  pages.get('/tell-me', (req, res) => {
    res.json({ value: tellMe(String(req.query.q ?? ''), languageOf(req, res)) });
  });

  pages.post('/sessions', async (req, res) => {
    const body = objectBody(req);
    const page = findPage(body.page as string | number);
    const company = String(body.company ?? (await visibleCompanies(sim, authenticatedUser(res.locals)))[0]?.systemId ?? '');
    // Sessions are opened only in a company the user has a permission set in; later calls go to the owner's session.
    await requireCompanyAccess(sim, authenticatedUser(res.locals), sim.company(company), company);
    const user = userOf(req, res);
    if (body.language === 'nl-NL' || body.language === 'en-US') user.language = body.language;
    res.json(
      await manager.open(user, company, {
        pageId: page.id,
        mode: body.mode as 'new' | 'edit' | 'view' | undefined,
        recordId: body.recordId as string | undefined,
        filters: body.filters as Record<string, unknown> | undefined,
        context: body.context as Record<string, unknown> | undefined,
      }),
    );
  });

  pages.get('/sessions/:id', async (req, res) => {
    res.json(await manager.get(userOf(req, res), param(req), langParam(req)));
  });

  pages.post('/sessions/:id/fields', async (req, res) => {
    const body = objectBody(req);
    if (typeof body.field !== 'string') throw new BadRequestError('BadRequest', 'Send {"field": "<name or caption>", "value": ...}.');
    res.json(await manager.setField(userOf(req, res), param(req), body.field, body.value, langParam(req)));
  });

  pages.post('/sessions/:id/actions', async (req, res) => {
    const body = objectBody(req);
    if (typeof body.action !== 'string') throw new BadRequestError('BadRequest', 'Send {"action": "<name or caption>"}.');
    res.json(await manager.invoke(userOf(req, res), param(req), body.action, langParam(req)));
  });

  pages.post('/sessions/:id/dialog', async (req, res) => {
    res.json(await manager.answer(userOf(req, res), param(req), objectBody(req).answer, langParam(req)));
  });

  pages.post('/sessions/:id/navigate', async (req, res) => {
    const body = objectBody(req);
    const to = String(body.to ?? '');
    if (!['first', 'next', 'previous', 'last', 'record'].includes(to)) {
      throw new BadRequestError('BadRequest', 'Send {"to": "first|next|previous|last|record", "recordId": ...}.');
    }
    res.json(await manager.navigate(userOf(req, res), param(req), to as 'first', body.recordId as string | undefined, langParam(req)));
  });

  pages.post('/sessions/:id/filters', async (req, res) => {
    const filters = objectBody(req).filters;
    if (!filters || typeof filters !== 'object') throw new BadRequestError('BadRequest', 'Send {"filters": {"<field>": "<text>"}}.');
    res.json(await manager.setFilter(userOf(req, res), param(req), filters as Record<string, string>, langParam(req)));
  });

  pages.post('/sessions/:id/close', async (req, res) => {
    res.json(await manager.close(userOf(req, res), param(req), langParam(req)));
  });

  // A Dutch user reads the refusals of a page session call in Dutch too; the envelope is the common error middleware's.
  pages.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (err instanceof BcError && res.locals.user) err.message = translateError(err, languageOf(req, res));
    next(err);
  });
  router.use('/pages', pages);
  return router;
}

function param(req: Request): string {
  return String(req.params.id);
}

function objectBody(req: Request): Record<string, unknown> {
  const b = req.body as unknown;
  if (b === undefined || b === null) return {};
  if (typeof b !== 'object' || Array.isArray(b)) throw new BadRequestError('BadRequest', 'Invalid Request Body');
  return b as Record<string, unknown>;
}

/** `?lang=nl-NL|en-US` switches a page session's language (the client's language toggle). */
function langParam(req: Request): Language | undefined {
  const l = String(req.query.lang ?? '');
  return l === 'nl-NL' || l === 'en-US' ? l : undefined;
}

function languageOf(req: Request, res: Response): Language {
  return requestLanguage(langParam(req), authenticatedUser(res.locals).language);
}

function userOf(req: Request, res: Response): PageUser {
  return { userName: authenticatedUser(res.locals).userName, language: languageOf(req, res) };
}

/** src/web holds the client's static files; from dist/ they are still read from the source tree. */
function findWebDir(): string | null {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'src', 'web');
    if (fs.existsSync(path.join(candidate, 'index.html'))) return candidate;
    const sibling = path.join(dir, 'web');
    if (fs.existsSync(path.join(sibling, 'index.html'))) return sibling;
    dir = path.dirname(dir);
  }
  return null;
}
