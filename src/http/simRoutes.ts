import { randomUUID } from 'node:crypto';
import express, { Request, Response, Router } from 'express';
import { SimulatorSetup } from '../../entities/Simulator/SimulatorSetup.Table';
import { Company as CompanyTable } from '../../entities/System/Company.Table';
import type { Company } from '../../entities/System/Company.Table';
import { BadRequestError, RecordNotFoundError } from '../runtime/BcError';
import { coerceFieldValue } from '../runtime/FieldValues';
import { optionName, tableMeta } from '../runtime/Metadata';
import type { Session } from '../runtime/Session';
import type { Simulator, Snapshot } from '../host/Simulator';
import { authenticatedUser, requireAdmin, requireCompanyAccess, requireSuperIn, visibleCompanies } from './auth';
import { HttpErrors } from './HttpErrors';
import type { RequestJournal } from './journal';

/**
 * Simulator controls, outside BC's API (`/_sim/...`, authenticated like the
 * API; documented in the OpenAPI document at /_sim/openapi.json): companies
 * created from a seed and deleted, reset to the seed, snapshots taken and
 * restored, the company clock (Today/Time/WorkDate), and the request journal.
 * Companies are named by id or by name. Who may: a user lists and reads the
 * companies they have a permission set in; changing one needs SUPER in it;
 * creating companies and the journal need SUPER for all companies.
 */

export interface SimControlsOptions {
  journal?: RequestJournal;
  /** The seed names the simulator knows (for GET /_sim/seeds). */
  seeds?: string[];
  /** Snapshots kept per company before POST …/snapshots is refused. */
  maxSnapshots?: number;
}

interface StoredSnapshot {
  id: string;
  snapshot: Snapshot;
}

const DEFAULT_MAX_SNAPSHOTS = 20;

export function simRoutes(sim: Simulator, options: SimControlsOptions = {}): Router {
  const router = express.Router();
  const snapshots = new Map<string, StoredSnapshot[]>();
  const maxSnapshots = options.maxSnapshots ?? DEFAULT_MAX_SNAPSHOTS;

  // ---- companies ----

  router.get('/companies', async (_req, res) => {
    res.json({ value: (await visibleCompanies(sim, authenticatedUser(res.locals))).map(companyJson) });
  });

  /** `{"name": "TRAINEE-01", "displayName"?: "...", "seed"?: "demo" | "empty", "captionSet"?: "000" | "003"}` → 201. */
  router.post('/companies', async (req, res) => {
    const admin = authenticatedUser(res.locals);
    await requireAdmin(sim, admin, 'Create a company');
    const body = objectBody(req, ['name', 'displayName', 'seed', 'captionSet'], 'simulatorCompany');
    for (const key of ['name', 'displayName', 'seed', 'captionSet']) {
      if (body[key] !== undefined && typeof body[key] !== 'string') throw HttpErrors.cannotConvertPrimitive('Edm.String');
    }
    if (typeof body.name !== 'string') throw HttpErrors.nullField('name');
    // The Company table's own checks (length, no NUL), which a write past the record store would not make.
    const meta = tableMeta(CompanyTable);
    coerceFieldValue(meta.field('name'), body.name, meta.caption);
    if (typeof body.displayName === 'string') coerceFieldValue(meta.field('displayName'), body.displayName, meta.caption);
    const c = await sim.createCompany(body.name, {
      displayName: body.displayName as string | undefined,
      seed: (body.seed as string | undefined) ?? 'empty',
      createdBy: admin.userSecurityId,
      captionSet: body.captionSet === undefined ? undefined : captionSetValue(body.captionSet),
    });
    res.status(201).setHeader('Location', `/_sim/companies/${c.systemId}`);
    res.json(companyJson(c));
  });

  router.get('/companies/:company', async (req, res) => {
    res.json(companyJson(await usable(sim, req, res)));
  });

  /** `{"captionSet": "000" | "003"}`: the words the company's pages show (a trainer switching a class's version). */
  router.patch('/companies/:company', async (req, res) => {
    const c = await administered(sim, req, res, 'Change the company');
    const body = objectBody(req, ['captionSet'], 'simulatorCompany');
    if (body.captionSet === undefined) throw HttpErrors.nullField('captionSet');
    if (typeof body.captionSet !== 'string') throw HttpErrors.cannotConvertPrimitive('Edm.String');
    res.json(companyJson(await sim.setCaptionSet(c.systemId, captionSetValue(body.captionSet))));
  });

  router.delete('/companies/:company', async (req, res) => {
    const c = await administered(sim, req, res, 'Delete the company');
    await sim.deleteCompany(c.systemId);
    await sim.permissions.removeCompany(c.name);
    snapshots.delete(c.systemId);
    res.status(204).end();
  });

  /** The company's data back to its seed (what a trainer does between exercises, a test before each case). */
  router.post('/companies/:company/reset', async (req, res) => {
    await sim.resetCompany((await administered(sim, req, res, 'Reset the company')).systemId);
    res.status(204).end();
  });

  // ---- snapshots ----

  router.get('/companies/:company/snapshots', async (req, res) => {
    const list = snapshots.get((await administered(sim, req, res, 'List snapshots')).systemId) ?? [];
    res.json({ value: list.map(snapshotJson) });
  });

  router.post('/companies/:company/snapshots', async (req, res) => {
    const c = await administered(sim, req, res, 'Take a snapshot');
    const list = snapshots.get(c.systemId) ?? [];
    if (list.length >= maxSnapshots) {
      throw new BadRequestError('BadRequest', `The company has ${list.length} snapshots, the most the simulator keeps; delete one first.`);
    }
    const stored = { id: randomUUID(), snapshot: await sim.snapshot(c.systemId) };
    list.push(stored);
    snapshots.set(c.systemId, list);
    res.status(201).setHeader('Location', `/_sim/companies/${c.systemId}/snapshots/${stored.id}`);
    res.json(snapshotJson(stored));
  });

  router.post('/companies/:company/snapshots/:snapshot/restore', async (req, res) => {
    const c = await administered(sim, req, res, 'Restore a snapshot');
    await sim.restore(c.systemId, findSnapshot(snapshots, c, req).snapshot);
    res.status(204).end();
  });

  router.delete('/companies/:company/snapshots/:snapshot', async (req, res) => {
    const c = await administered(sim, req, res, 'Delete a snapshot');
    const stored = findSnapshot(snapshots, c, req);
    snapshots.set(
      c.systemId,
      (snapshots.get(c.systemId) ?? []).filter((s) => s !== stored),
    );
    res.status(204).end();
  });

  // ---- clock ----

  router.get('/companies/:company/clock', async (req, res) => {
    res.json(await readClock(sim, await usable(sim, req, res), req, res));
  });

  /** `{"frozenAt": "2026-03-02T09:00:00Z" | null, "workDate": "2026-03-02" | null}`; absent = unchanged. */
  router.put('/companies/:company/clock', async (req, res) => {
    const c = await administered(sim, req, res, 'Set the clock');
    const body = objectBody(req, ['frozenAt', 'workDate'], 'simulatorClock');
    await runAs(sim, c, req, res, async (s) => {
      const setup = await s.get(SimulatorSetup, '');
      if ('frozenAt' in body) await setup.validate('frozenAt', body.frozenAt);
      if ('workDate' in body) await setup.validate('workDate', body.workDate);
      await setup.modify();
    });
    res.json(await readClock(sim, c, req, res));
  });

  /**
   * `{"days"?: n, "hours"?: n, "minutes"?: n, "seconds"?: n}`: moves the
   * clock forward (a running clock is frozen at now + the amount), so a test
   * needs not wait for a date formula or a deadline.
   */
  router.post('/companies/:company/clock/advance', async (req, res) => {
    const c = await administered(sim, req, res, 'Advance the clock');
    const body = objectBody(req, ['days', 'hours', 'minutes', 'seconds'], 'simulatorClockAdvance');
    let ms = 0;
    const unit: Record<string, number> = { days: 86_400_000, hours: 3_600_000, minutes: 60_000, seconds: 1000 };
    for (const [key, value] of Object.entries(body)) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw HttpErrors.cannotConvertPrimitive('Edm.Decimal');
      ms += value * unit[key];
    }
    await runAs(sim, c, req, res, async (s) => {
      const setup = await s.get(SimulatorSetup, '');
      // Validated as a DateTime: an amount past BC's range (year 9999) is refused, never stored wrapped round.
      await setup.validate('frozenAt', new Date(s.clock.now().getTime() + ms));
      await setup.modify();
    });
    res.json(await readClock(sim, c, req, res));
  });

  /** Back to the real clock, WorkDate = Today. */
  router.delete('/companies/:company/clock', async (req, res) => {
    const c = await administered(sim, req, res, 'Reset the clock');
    await runAs(sim, c, req, res, async (s) => {
      const setup = await s.get(SimulatorSetup, '');
      setup.frozenAt = null;
      setup.workDate = null;
      await setup.modify();
    });
    res.json(await readClock(sim, c, req, res));
  });

  // ---- seeds and the request journal ----

  router.get('/seeds', (_req, res) => {
    res.json({ value: (options.seeds ?? []).map((name) => ({ name })) });
  });

  /** `?limit=N` (the last N), `?method=PATCH`, `?status=409`, `?correlationId=…`, `?fault=true` (injected faults): oldest first. */
  router.get('/requests', async (req, res) => {
    await requireAdmin(sim, authenticatedUser(res.locals), 'Read the request journal');
    const journal = options.journal;
    let entries = journal ? journal.list() : [];
    const q = req.query as Record<string, unknown>;
    if (typeof q.method === 'string') entries = entries.filter((e) => e.method === q.method!.toString().toUpperCase());
    if (typeof q.status === 'string') entries = entries.filter((e) => String(e.status) === q.status);
    if (typeof q.correlationId === 'string') entries = entries.filter((e) => e.correlationId === q.correlationId);
    if (q.fault === 'true' || q.fault === 'false') entries = entries.filter((e) => (e.fault !== undefined) === (q.fault === 'true'));
    if (q.limit !== undefined) {
      if (typeof q.limit !== 'string' || !/^\d+$/.test(q.limit)) throw HttpErrors.invalidTopSkip(String(q.limit), '$top');
      entries = entries.slice(Math.max(0, entries.length - Number(q.limit)));
    }
    res.json({ capacity: journal?.capacity ?? 0, unauthenticated: journal?.unauthenticated ?? 0, value: entries });
  });

  router.delete('/requests', async (_req, res) => {
    await requireAdmin(sim, authenticatedUser(res.locals), 'Clear the request journal');
    options.journal?.clear();
    res.status(204).end();
  });

  return router;
}

function companyJson(c: Company): Record<string, unknown> {
  const captionSet = tableMeta(CompanyTable).field('captionSet');
  return { id: c.systemId, name: c.name, displayName: c.displayName, seed: c.seed, captionSet: optionName(captionSet, c.captionSet) };
}

/** "000" or "003" → the option value; anything else gets the Company table's own Option error. */
function captionSetValue(value: unknown): number {
  return coerceFieldValue(tableMeta(CompanyTable).field('captionSet'), value, 'Company') as number;
}

function snapshotJson(s: StoredSnapshot): Record<string, unknown> {
  const rows = Object.values(s.snapshot.tables).reduce((n, t) => n + t.length, 0);
  return { id: s.id, takenAt: s.snapshot.takenAt, rows };
}

function findSnapshot(snapshots: Map<string, StoredSnapshot[]>, c: Company, req: Request): StoredSnapshot {
  const id = String(req.params.snapshot);
  const found = (snapshots.get(c.systemId) ?? []).find((s) => s.id === id);
  if (!found) throw new RecordNotFoundError(`The snapshot does not exist. Identification fields and values: Id='${id}'`);
  return found;
}

/** A JSON object body with only the given properties (BC's unknown-property error otherwise). */
export function objectBody(req: Request, allowed: string[], entity: string): Record<string, unknown> {
  const body = (req.body ?? {}) as unknown;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw HttpErrors.invalidRequestBody();
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) throw HttpErrors.unknownProperty(key, entity);
  }
  return body as Record<string, unknown>;
}

/** The company of the URL, if the user has a permission set in it. */
async function usable(sim: Simulator, req: Request, res: Response): Promise<Company> {
  const c = sim.company(String(req.params.company));
  await requireCompanyAccess(sim, authenticatedUser(res.locals), c, String(req.params.company));
  return c;
}

/** The company of the URL, if the user is SUPER in it. */
async function administered(sim: Simulator, req: Request, res: Response, what: string): Promise<Company> {
  const c = sim.company(String(req.params.company));
  await requireSuperIn(sim, authenticatedUser(res.locals), c, String(req.params.company), what);
  return c;
}

function runAs<T>(sim: Simulator, c: Company, _req: Request, res: Response, fn: (s: Session) => Promise<T>): Promise<T> {
  return sim.run(c.systemId, { userId: authenticatedUser(res.locals).userName }, fn);
}

async function readClock(sim: Simulator, c: Company, req: Request, res: Response): Promise<Record<string, unknown>> {
  return runAs(sim, c, req, res, async (s) => {
    const setup = await s.get(SimulatorSetup, '');
    return {
      frozenAt: setup.frozenAt ? new Date(setup.frozenAt).toISOString() : null,
      workDate: setup.workDate ?? null,
      timeZone: s.clock.timeZone,
      now: s.clock.now().toISOString(),
      today: s.today(),
      effectiveWorkDate: s.workDate(),
    };
  });
}
