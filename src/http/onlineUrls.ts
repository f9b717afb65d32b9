import type { RequestHandler } from 'express';
import { HttpErrors } from './HttpErrors';

/** BC online's default environment name; `EMPIRE_SIM_ENVIRONMENT` names another. */
export const DEFAULT_ENVIRONMENT = 'production';

const ONLINE = /^\/v2\.0\/(?:([^/]+)\/)?([^/]+)(\/api(?:\/.*)?)$/;

/**
 * BC online's URL form `https://api.businesscentral.dynamics.com/v2.0/{tenant}/{environment}/api/...`
 * (tenant optional) as an alias of the simulator's `/api/...`: a client configured for BC online reaches
 * the same API by changing only its host. The simulator has one tenant, so any tenant segment is taken;
 * the environment must be the configured one, as an unknown environment is not found on BC online.
 */
export function onlineUrls(environment: string = process.env.EMPIRE_SIM_ENVIRONMENT || DEFAULT_ENVIRONMENT): RequestHandler {
  return (req, _res, next) => {
    const m = ONLINE.exec(req.path);
    if (!m) return next();
    if (m[2].toLowerCase() !== environment.toLowerCase()) throw HttpErrors.resourceNotFound(m[2]);
    const q = req.url.indexOf('?');
    req.url = m[3] + (q < 0 ? '' : req.url.slice(q));
    next();
  };
}
