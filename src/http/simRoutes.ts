import express, { Request, Response, Router } from 'express';
import { SimulatorSetup } from '../../entities/Simulator/SimulatorSetup.Table';
import type { Company } from '../../entities/System/Company.Table';
import type { Session } from '../runtime/Session';
import type { Simulator } from '../runtime/Simulator';
import { authenticatedUser } from './auth';
import { HttpErrors } from './HttpErrors';

/**
 * Simulator controls, outside BC's API (`/_sim/...`, authenticated like the
 * API): the company clock (Today/Time/WorkDate) and reset to the seed.
 * Companies are named by id or by name.
 */
export function simRoutes(sim: Simulator): Router {
  const router = express.Router();

  router.get('/companies', (_req, res) => {
    res.json({
      value: sim.listCompanies().map((c) => ({ id: c.systemId, name: c.name, displayName: c.displayName, seed: c.seed })),
    });
  });

  router.get('/companies/:company/clock', async (req, res) => {
    res.json(await readClock(sim, company(sim, req), req, res));
  });

  /** `{"frozenAt": "2026-03-02T09:00:00Z" | null, "workDate": "2026-03-02" | null}`; absent = unchanged. */
  router.put('/companies/:company/clock', async (req, res) => {
    const c = company(sim, req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (typeof body !== 'object' || Array.isArray(body)) throw HttpErrors.invalidRequestBody();
    for (const key of Object.keys(body)) {
      if (key !== 'frozenAt' && key !== 'workDate') throw HttpErrors.unknownProperty(key, 'simulatorClock');
    }
    await runAs(sim, c, req, res, async (s) => {
      const setup = await s.get(SimulatorSetup, '');
      if ('frozenAt' in body) await setup.validate('frozenAt', body.frozenAt);
      if ('workDate' in body) await setup.validate('workDate', body.workDate);
      await setup.modify();
    });
    res.json(await readClock(sim, c, req, res));
  });

  /** Back to the real clock, WorkDate = Today. */
  router.delete('/companies/:company/clock', async (req, res) => {
    const c = company(sim, req);
    await runAs(sim, c, req, res, async (s) => {
      const setup = await s.get(SimulatorSetup, '');
      setup.frozenAt = null;
      setup.workDate = null;
      await setup.modify();
    });
    res.json(await readClock(sim, c, req, res));
  });

  /** The company's data back to its seed (what a trainer does between exercises). */
  router.post('/companies/:company/reset', async (req, res) => {
    await sim.resetCompany(company(sim, req).systemId);
    res.status(204).end();
  });

  return router;
}

function company(sim: Simulator, req: Request): Company {
  return sim.company(String(req.params.company));
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
