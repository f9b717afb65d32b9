import express, { Request, Response, Router } from 'express';
import type { Simulator } from '../host/Simulator';
import { authenticatedUser, requireAdmin, requireCompanyAccess, requireSuperIn } from './auth';
import { FAULT_RULE_PROPERTIES, FaultInjector } from './faults';
import { objectBody } from './simRoutes';
import { settingFromBody, settingJson, ThrottleControl } from './throttleControl';

/**
 * The simulator's failure controls (docs/api.md, "Fault injection" and "Throttling"):
 *
 *   GET    /faults                          the rules, in the order they are tried
 *   POST   /faults                          {method?, entitySet?, action?, company?, probability?, times?, delayMs?, error?, seed?}
 *   GET    /faults/{id}
 *   DELETE /faults/{id}
 *   DELETE /faults                          all rules
 *   GET    /throttling                      the instance's limits {profile, limits}
 *   PUT    /throttling                      {profile: 'off'|'online'|'custom', limits?}
 *   GET    /companies/{company}/throttling  the company's own setting and the one in force
 *   PUT    /companies/{company}/throttling  {profile: 'instance'|'off'|'online'|'custom', limits?}
 *   DELETE /companies/{company}/throttling  back to the instance's
 *
 * Faults and the instance's limits need SUPER for all companies; a company's limits SUPER in it
 * (reading them, a permission set in it).
 */
export function simFaultRoutes(sim: Simulator, faults: FaultInjector, limits: ThrottleControl): Router {
  const router = express.Router();
  const admin = (what: string) => async (_req: Request, res: Response, next: () => void) => {
    await requireAdmin(sim, authenticatedUser(res.locals), what);
    next();
  };

  router.get('/faults', admin('List fault rules'), (_req, res) => {
    res.json({ value: faults.list() });
  });

  router.post('/faults', admin('Add a fault rule'), (req, res) => {
    const rule = faults.add(objectBody(req, FAULT_RULE_PROPERTIES, 'simulatorFaultRule'));
    res.status(201).setHeader('Location', `/_sim/faults/${rule.id}`);
    res.json(rule);
  });

  router.get('/faults/:id', admin('Read a fault rule'), (req, res) => {
    res.json(faults.get(String(req.params.id)));
  });

  router.delete('/faults/:id', admin('Delete a fault rule'), (req, res) => {
    faults.remove(String(req.params.id));
    res.status(204).end();
  });

  router.delete('/faults', admin('Delete the fault rules'), (_req, res) => {
    faults.clear();
    res.status(204).end();
  });

  router.get('/throttling', admin('Read the throttling'), (_req, res) => {
    res.json(settingJson(limits.instanceSetting));
  });

  router.put('/throttling', admin('Set the throttling'), (req, res) => {
    limits.setInstance(settingFromBody(objectBody(req, ['profile', 'limits'], 'simulatorThrottling'), false)!);
    res.json(settingJson(limits.instanceSetting));
  });

  const companyJson = (companyId: string) => {
    const own = limits.companySetting(companyId);
    return { ...(own === undefined ? { profile: 'instance', limits: null } : settingJson(own)), effective: settingJson(own ?? limits.instanceSetting) };
  };

  router.get('/companies/:company/throttling', async (req, res) => {
    const named = String(req.params.company);
    const c = sim.company(named);
    await requireCompanyAccess(sim, authenticatedUser(res.locals), c, named);
    res.json(companyJson(c.systemId));
  });

  router.put('/companies/:company/throttling', async (req, res) => {
    const named = String(req.params.company);
    const c = sim.company(named);
    await requireSuperIn(sim, authenticatedUser(res.locals), c, named, 'Set the throttling');
    limits.setCompany(c.systemId, settingFromBody(objectBody(req, ['profile', 'limits'], 'simulatorThrottling'), true));
    res.json(companyJson(c.systemId));
  });

  router.delete('/companies/:company/throttling', async (req, res) => {
    const named = String(req.params.company);
    const c = sim.company(named);
    await requireSuperIn(sim, authenticatedUser(res.locals), c, named, 'Reset the throttling');
    limits.setCompany(c.systemId, undefined);
    res.json(companyJson(c.systemId));
  });

  return router;
}
