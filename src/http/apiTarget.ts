import type { Request } from 'express';
import type { ApiGroup } from '../../pages/api/ApiPage';
import type { Simulator } from '../host/Simulator';
import { parseApiPath } from './api/ODataPath';

/**
 * What an API request addresses, read from its URL before anything else runs (throttling and fault
 * injection choose by it): the company (`companies({id})` or `?company=`), the entity set and the
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
  try {
    const r = parseApiPath(req.path, groups);
    if (r.kind === 'batch') target.entitySet = '$batch';
    else if (r.kind === 'metadata') target.entitySet = '$metadata';
    else if (r.kind === 'companies') {
      target.entitySet = 'companies';
      target.companyId = r.companyId;
    } else if (r.kind === 'page') {
      target.companyId = r.companyId;
      target.entitySet = r.steps[0].page.entitySetName;
      target.navigations = r.steps.slice(1).map((s) => s.navigationName ?? '');
      target.action = r.action?.name;
    }
  } catch {
    // A URL the API does not serve (the API answers its error); `subscriptions` is served beside the pages.
    if (/\/subscriptions(?:\(|\/|$)/.test(req.path)) target.entitySet = 'subscriptions';
  }
  if (!target.companyId && typeof req.query.company === 'string') {
    try {
      target.companyId = sim.company(req.query.company).systemId.toLowerCase();
    } catch {
      // An unknown company is the API's error to answer.
    }
  }
  return target;
}
