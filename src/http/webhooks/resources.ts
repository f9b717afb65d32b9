import type { ApiGroup, ApiPageDefinition } from '../../../pages/api/ApiPage';
import { BadRequestError } from '../../runtime/BcError';
import { tableMeta } from '../../runtime/Metadata';
import { parseApiPath } from '../api/ODataPath';

/** A subscription's resource: an entity set of one company in one API. */
export interface WebhookResource {
  page: ApiPageDefinition<any>;
  companyId: string;
}

/** Table 472 Job Queue Entry: BC refuses webhooks on it (the sender itself runs as a job queue entry). */
const JOB_QUEUE_ENTRY = 472;

/** `/api/<group>` as the group's URLs start. */
export function groupPath(group: ApiGroup): string {
  return group.publisher === '' ? `/api/${group.version}` : `/api/${group.publisher}/${group.group}/${group.version}`;
}

/**
 * The entity set a subscription's `resource` names, relative to the API's root
 * (`companies(…)/customers`, as BC's documentation posts it), an absolute path
 * (`/api/v2.0/companies(…)/customers`) or an absolute URL. It must be a
 * company's entity set of the API the subscription is posted to, with nothing
 * after it, and the page must be one BC allows webhooks on (§5.5: not a
 * temporary, system or job-queue source table; the simulator's API pages all
 * have ODataKeyFields = SystemId, so no composite key).
 */
export function resolveResource(resource: string, group: ApiGroup, groups: ApiGroup[]): WebhookResource {
  const invalid = (why: string) => new BadRequestError('BadRequest', `The resource '${resource}' cannot be subscribed to: ${why}.`);
  let path = resource.trim();
  if (/^https?:\/\//i.test(path)) {
    try {
      path = new URL(path).pathname;
    } catch {
      throw invalid('it is not a URL');
    }
  } else if (path.includes('?') || path.includes('#')) {
    throw invalid('it has a query');
  }
  if (!path.startsWith('/')) path = `${groupPath(group)}/${path}`;
  if (!path.startsWith(`${groupPath(group)}/`)) throw invalid(`it is not a resource of ${groupPath(group)}`);
  let parsed;
  try {
    parsed = parseApiPath(path.slice('/api'.length), groups);
  } catch {
    throw invalid('no such entity set');
  }
  if (parsed.kind !== 'page' || parsed.group !== group || parsed.steps.length !== 1 || parsed.steps[0].key !== undefined || parsed.action || parsed.count) {
    throw invalid("it must be an entity set of a company, such as 'companies({id})/customers'");
  }
  const page = parsed.steps[0].page;
  const table = tableMeta(page.table);
  if (table.system || table.id === JOB_QUEUE_ENTRY) throw invalid('its source table does not support webhooks');
  return { page, companyId: parsed.companyId };
}

/** The page of a stored subscription, by its API and entity set name; undefined if the API no longer serves it. */
export function pageOf(groups: ApiGroup[], sub: { entityPublisher: string; entityGroup: string; entityVersion: string; entitySetName: string }) {
  const group = groups.find((g) => g.publisher === sub.entityPublisher && g.group === sub.entityGroup && g.version === sub.entityVersion);
  return group?.pages.find((p) => p.entitySetName === sub.entitySetName);
}
