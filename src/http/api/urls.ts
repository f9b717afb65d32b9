import type { ApiPageDefinition } from '../../../pages/api/ApiPage';
import type { TableRecord } from '../../runtime/Record';
import type { ApiCall } from './apiCall';
import type { ResponseBudget } from './limits';
import type { PageStep } from './ODataPath';
import { CollectionOptions, readQueryString } from './odata/queryOptions';

/** The URLs an API answer carries: `@odata.context`, Location and `@odata.nextLink`. */

/** What a page request's answer needs to write its URLs. */
export interface RequestContext {
  baseUrl: string;
  companyId: string;
  steps: PageStep[];
  options: CollectionOptions;
  /** What the response may still hold (limits.ts). */
  budget: ResponseBudget;
}

/** `companies(…)/teams(…)/tasks` (+ `/$entity`): the resource path in `@odata.context`; `(a,b)` after a $select. */
export function contextUrl(ctx: RequestContext, entity: boolean, page?: ApiPageDefinition<any>): string {
  const parts = ctx.steps.map((s, i) => {
    const name = s.navigationName ?? s.page.entitySetName;
    return i < ctx.steps.length - 1 ? `${name}(${s.key})` : name;
  });
  const path = page ? page.entitySetName : parts.join('/');
  const select = ctx.options.select ? `(${[...ctx.options.select].join(',')})` : '';
  return `${ctx.baseUrl}/$metadata#companies(${ctx.companyId})/${path}${select}${entity ? '/$entity' : ''}`;
}

export function canonicalUrl(ctx: RequestContext, page: ApiPageDefinition<any>, rec: TableRecord): string {
  return `${ctx.baseUrl}/companies(${ctx.companyId})/${page.entitySetName}(${rec.systemId})`;
}

/** The request again with `$skiptoken` (and without `$skip`, which the token already accounts for). */
export function nextLink(call: ApiCall, token: string): string {
  const parts = readQueryString(call.search)
    .pairs.filter(([k]) => k !== '$skiptoken' && k !== '$skip')
    .map(([k, v]) => `${encodeQueryPart(k)}=${encodeQueryPart(v)}`);
  parts.push(`$skiptoken=${token}`);
  return `${call.origin}/api${call.path}?${parts.join('&')}`;
}

/** Keeps `$`, `,`, `(`, `)`, `'`, `/` and `:` readable (as OData clients write them); everything else percent-encoded. */
function encodeQueryPart(text: string): string {
  return encodeURIComponent(text).replace(/%24/g, '$').replace(/%2C/g, ',').replace(/%2F/g, '/').replace(/%3A/g, ':');
}
