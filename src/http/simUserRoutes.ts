import express, { Request, Response, Router } from 'express';
import type { User } from '../../entities/System/User.Table';
import type { Simulator } from '../host/Simulator';
import type { PermissionGrant } from '../host/Permissions';
import type { UserChange, UserSpec } from '../host/SystemUsers';
import { authenticatedUser, requireAdmin } from './auth';
import { HttpErrors } from './HttpErrors';
import { objectBody } from './simRoutes';

/**
 * Users and their permission sets per company, for a trainer who makes a
 * company and a user per trainee (`/_sim/users`, `/_sim/permissionSets`;
 * docs/api.md). All of it needs SUPER for all companies. Keys are written,
 * never shown.
 *
 *   GET    /users                           the users with their permission sets
 *   POST   /users                           {userName, fullName?, webServiceAccessKey, language?, permissions?: [{roleId, company?}]}
 *   GET    /users/{user}
 *   PATCH  /users/{user}                    {fullName?, webServiceAccessKey?, language?}
 *   DELETE /users/{user}
 *   POST   /users/{user}/permissions        {roleId, company?}   (company: name or id; absent or '' = all companies)
 *   DELETE /users/{user}/permissions/{roleId}?company=…
 *   GET    /permissionSets
 */
export function simUserRoutes(sim: Simulator): Router {
  const router = express.Router();
  const admin = (what: string) => async (_req: Request, res: Response, next: () => void) => {
    await requireAdmin(sim, authenticatedUser(res.locals), what);
    next();
  };

  router.get('/permissionSets', admin('List permission sets'), async (_req, res) => {
    res.json({ value: (await sim.permissions.listSets()).map((p) => ({ id: p.roleId, displayName: p.name, scope: 'System', appID: p.appId })) });
  });

  router.get('/users', admin('List users'), async (_req, res) => {
    const users = await sim.users.list();
    res.json({ value: await Promise.all(users.map((u) => userJson(sim, u))) });
  });

  router.post('/users', admin('Create a user'), async (req, res) => {
    const body = objectBody(req, ['userName', 'fullName', 'webServiceAccessKey', 'language', 'permissions'], 'simulatorUser');
    strings(body, ['userName', 'fullName', 'webServiceAccessKey', 'language']);
    if (typeof body.userName !== 'string') throw HttpErrors.nullField('userName');
    if (typeof body.webServiceAccessKey !== 'string') throw HttpErrors.nullField('webServiceAccessKey');
    if (body.permissions !== undefined && !Array.isArray(body.permissions)) throw HttpErrors.invalidRequestBody();
    const permissions = ((body.permissions as unknown[] | undefined) ?? []).map((p) => grantOf(sim, p));
    const user = await sim.users.create({ ...(body as unknown as UserSpec), fullName: (body.fullName as string | undefined) ?? '', permissions });
    res.status(201).setHeader('Location', `/_sim/users/${encodeURIComponent(user.userName)}`);
    res.json(await userJson(sim, user));
  });

  router.get('/users/:user', admin('Read a user'), async (req, res) => {
    res.json(await userJson(sim, await sim.users.get(param(req, 'user'))));
  });

  router.patch('/users/:user', admin('Change a user'), async (req, res) => {
    const body = objectBody(req, ['fullName', 'webServiceAccessKey', 'language'], 'simulatorUser');
    strings(body, ['fullName', 'webServiceAccessKey', 'language']);
    res.json(await userJson(sim, await sim.users.update(param(req, 'user'), body as UserChange)));
  });

  router.delete('/users/:user', admin('Delete a user'), async (req, res) => {
    await sim.users.delete(param(req, 'user'));
    res.status(204).end();
  });

  router.post('/users/:user/permissions', admin('Assign a permission set'), async (req, res) => {
    const user = await sim.users.get(param(req, 'user'));
    const grant = grantOf(sim, objectBody(req, ['roleId', 'company'], 'simulatorPermission'));
    const row = await sim.permissions.assign(user, grant);
    res.status(201).json(await grantJson(sim, row));
  });

  router.delete('/users/:user/permissions/:roleId', admin('Remove a permission set'), async (req, res) => {
    const user = await sim.users.get(param(req, 'user'));
    const company = typeof req.query.company === 'string' ? req.query.company : undefined;
    await sim.permissions.remove(user, grantOf(sim, { roleId: param(req, 'roleId'), company }));
    res.status(204).end();
  });

  return router;
}

function param(req: Request, name: string): string {
  return String(req.params[name]);
}

function strings(body: Record<string, unknown>, keys: string[]): void {
  for (const key of keys) if (body[key] !== undefined && typeof body[key] !== 'string') throw HttpErrors.cannotConvertPrimitive('Edm.String');
}

/** `{roleId, company?}`: the company by name or id (stored by Name, as BC's Access Control); blank = all companies. */
function grantOf(sim: Simulator, value: unknown): PermissionGrant {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw HttpErrors.invalidRequestBody();
  const { roleId, company } = value as Record<string, unknown>;
  if (typeof roleId !== 'string' || roleId === '') throw HttpErrors.nullField('roleId');
  if (company !== undefined && typeof company !== 'string') throw HttpErrors.cannotConvertPrimitive('Edm.String');
  return { roleId: roleId.toUpperCase(), company: company ? sim.company(company).name : '' };
}

async function userJson(sim: Simulator, user: User): Promise<Record<string, unknown>> {
  const grants = await sim.permissions.grantsOf(user);
  return {
    id: user.userSecurityId,
    userName: user.userName,
    fullName: user.fullName,
    language: user.language,
    permissions: await Promise.all(grants.map((g) => grantJson(sim, g))),
  };
}

/** The automation API's userPermission shape (id = Role ID, company = Company Name, '' for all). */
async function grantJson(sim: Simulator, g: { roleId: string; companyName: string; appId: string }): Promise<Record<string, unknown>> {
  const set = (await sim.permissions.listSets()).find((p) => p.roleId === g.roleId);
  return { id: g.roleId, displayName: set?.name ?? '', company: g.companyName, scope: 'System', appID: g.appId };
}
