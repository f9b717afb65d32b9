import type { Request } from 'express';
import type { ApiGroup } from '../../pages/api/ApiPage';
import type { Simulator } from '../host/Simulator';
import { ApiResource, parseApiPath, pathWithCompany } from './api/ODataPath';

/**
 * What an API request addresses, read from its URL before anything else runs (throttling and fault
 * injection choose by it): the company (`companies({id})`, `?company=` or the Company header), the entity set and the
 * navigations after it, and the bound action. A URL the API will refuse yields what could be read.
 */
export interface ApiTarget {
  /** The company's SystemId (lower case), if the URL names one that exists. */
  companyId?: string;
  /** `contacts`, `$batch`, `$metadata`, `companies`, `subscriptions`; undefined for the service document. */
  entitySet?: string;
  /** Navigation segments after the entity set (`contacts({id})/picture` → ['picture']). */
  navigations: string[];
  /** The bound action's name without `Microsoft.NAV.`. */
  action?: string;
}

/** `req` is a request under the `/api` mount (req.path is what follows `/api`). */
export function apiTarget(req: Request, groups: ApiGroup[], sim: Simulator): ApiTarget {
  const target: ApiTarget = { navigations: [] };
  // `?company=` or the Company header (BC's other ways to name the company), by name or id.
  const named = typeof req.query.company === 'string' ? req.query.company : req.get('company');
  let companyOfQuery: string | undefined;
  if (named) {
    try {
      companyOfQuery = sim.company(named).systemId.toLowerCase();
    } catch {
      // An unknown company is the API's error to answer.
    }
  }
  const withCompany = companyOfQuery ? pathWithCompany(req.path, groups, companyOfQuery) : undefined;
  const resource = parsed(req.path, groups) ?? (withCompany ? parsed(withCompany, groups) : undefined);
  if (resource?.kind === 'batch') target.entitySet = '$batch';
  else if (resource?.kind === 'metadata') target.entitySet = '$metadata';
  else if (resource?.kind === 'companies') {
    target.entitySet = 'companies';
    target.companyId = resource.companyId;
  } else if (resource?.kind === 'page') {
    target.companyId = resource.companyId;
    target.entitySet = resource.steps[0].page.entitySetName;
    target.navigations = resource.steps.slice(1).map((s) => s.navigationName ?? '');
    target.action = resource.action?.name;
  } else if (!resource && /\/subscriptions(?:\(|\/|$)/.test(req.path)) {
    // Served beside the API pages (src/http/webhooks/subscriptionsRoute.ts).
    target.entitySet = 'subscriptions';
  }
  target.companyId ??= companyOfQuery;
  return target;
}

/** The resource, or undefined for a URL the API will refuse (it answers its own error). */
function parsed(path: string, groups: ApiGroup[]): ApiResource | undefined {
  try {
    return parseApiPath(path, groups);
  } catch {
    return undefined;
  }
}
