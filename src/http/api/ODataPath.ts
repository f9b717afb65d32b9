import { ApiGroup, ApiPageDefinition, BoundActionDef, NavigationDef, own } from '../../../pages/api/ApiPage';
import { HttpErrors } from '../HttpErrors';
import { isGuid } from './edm';

/**
 * The resource an API URL names, resolved as far as it can be without data:
 * `/api/v2.0/companies({id})/teams({id})/tasks({id})/Microsoft.NAV.assignToMe`
 * → group, company, a chain of pages linked by navigation properties, and
 * the action. Records are looked up later, inside the request's transaction.
 */
export type ApiResource =
  | { kind: 'serviceDocument'; group: ApiGroup; basePath: string }
  | { kind: 'metadata'; group: ApiGroup; basePath: string }
  | { kind: 'batch'; group: ApiGroup; basePath: string }
  | { kind: 'companies'; group: ApiGroup; basePath: string; companyId?: string; count?: boolean }
  | { kind: 'page'; group: ApiGroup; basePath: string; companyId: string; steps: PageStep[]; action?: ActionStep; count?: boolean };

export interface PageStep {
  page: ApiPageDefinition<any>;
  /** How this step is reached from the previous one (undefined for the entity set itself). */
  navigation?: NavigationDef<any>;
  navigationName?: string;
  /** The SystemId in `entitySet({id})`, if given. */
  key?: string;
}

export interface ActionStep {
  name: string;
  def: BoundActionDef<any>;
}

interface Segment {
  raw: string;
  name: string;
  key?: string;
}

const SEGMENT_RE = /^([^()]+)(?:\(([^()]*)\))?$/;

/** `path` is what follows `/api`, e.g. `/v2.0/companies(…)/contacts`. */
export function parseApiPath(path: string, groups: ApiGroup[]): ApiResource {
  const parts = path.split('/').filter((p) => p !== '');
  const segments = parts.map(decodeSegment);
  if (segments.length === 0) throw HttpErrors.resourceNotFound('api');
  const { group, used } = findGroup(segments, groups);
  const basePath = `/api/${segments.slice(0, used).map((s) => s.raw).join('/')}`;
  const rest = segments.slice(used);
  if (rest.length === 0) return { kind: 'serviceDocument', group, basePath };
  const [first, ...afterFirst] = rest;
  if ((first.name === '$metadata' || first.name === '$batch') && first.key === undefined) {
    if (afterFirst.length > 0) throw HttpErrors.resourceNotFound(afterFirst[0].raw);
    return { kind: first.name === '$metadata' ? 'metadata' : 'batch', group, basePath };
  }
  if (first.name !== 'companies') throw HttpErrors.resourceNotFound(first.raw);
  // `…/$count` after a collection: the number of entities, as text.
  const count = afterFirst.length > 0 && afterFirst[afterFirst.length - 1].raw === '$count';
  const afterCompany = count ? afterFirst.slice(0, -1) : afterFirst;
  const companyId = first.key === undefined ? undefined : parseKey(first.key);
  if (afterCompany.length === 0) {
    if (count && companyId !== undefined) throw HttpErrors.resourceNotFound('$count');
    return { kind: 'companies', group, basePath, companyId, count };
  }
  if (companyId === undefined) throw HttpErrors.resourceNotFound(afterCompany[0].raw);

  const [setSegment, ...more] = afterCompany;
  const page = group.pages.find((p) => p.entitySetName === setSegment.name);
  if (!page) throw HttpErrors.resourceNotFound(setSegment.raw);
  const steps: PageStep[] = [{ page, key: setSegment.key === undefined ? undefined : parseKey(setSegment.key) }];
  let action: ActionStep | undefined;
  for (let i = 0; i < more.length; i++) {
    const seg = more[i];
    const current = steps[steps.length - 1];
    // A segment after a collection names nothing: collections have no properties.
    if (current.key === undefined) throw HttpErrors.resourceNotFound(seg.raw);
    const actionName = /^(?:Microsoft\.NAV|NAV)\.(.+)$/.exec(seg.name)?.[1];
    if (actionName !== undefined) {
      if (seg.key !== undefined) throw HttpErrors.resourceNotFound(seg.raw);
      if (!current.page.actions || Object.keys(current.page.actions).length === 0) throw HttpErrors.noBoundActions();
      const def = own(current.page.actions, actionName);
      if (!def) throw HttpErrors.resourceNotFound(seg.raw);
      if (i !== more.length - 1) throw HttpErrors.resourceNotFound(more[i + 1].raw);
      action = { name: actionName, def };
      break;
    }
    const navigation = own(current.page.navigation, seg.name);
    if (!navigation) {
      const missing = own(current.page.notSimulatedNavigation, seg.name);
      throw missing ? HttpErrors.notSupported(missing) : HttpErrors.resourceNotFound(seg.raw);
    }
    steps.push({
      page: navigation.target(),
      navigation,
      navigationName: seg.name,
      key: seg.key === undefined ? undefined : parseKey(seg.key),
    });
  }
  if (count && (action || steps[steps.length - 1].key !== undefined)) throw HttpErrors.resourceNotFound('$count');
  return { kind: 'page', group, basePath, companyId, steps, action, count };
}

function decodeSegment(raw: string): Segment {
  let text: string;
  try {
    text = decodeURIComponent(raw);
  } catch {
    throw HttpErrors.querySyntax();
  }
  const m = SEGMENT_RE.exec(text);
  if (!m) throw HttpErrors.resourceNotFound(text);
  return { raw: text, name: m[1], key: m[2] };
}

/** `/api/v2.0/...` is Microsoft's API; any other `/api/<publisher>/<group>/<version>/...` a custom API. */
function findGroup(segments: Segment[], groups: ApiGroup[]): { group: ApiGroup; used: number } {
  const [a, b, c] = segments.map((s) => s.raw);
  const standard = groups.find((g) => g.publisher === '' && g.version === a);
  if (standard) return { group: standard, used: 1 };
  const custom = groups.find((g) => g.publisher === a && g.group === b && g.version === c);
  if (custom) return { group: custom, used: 3 };
  // Report the first segment that does not lead to a known API.
  if (!groups.some((g) => g.publisher === a)) throw HttpErrors.resourceNotFound(a);
  if (!groups.some((g) => g.publisher === a && g.group === b)) throw HttpErrors.resourceNotFound(b ?? a);
  throw HttpErrors.resourceNotFound(c ?? b);
}

/** Keys are SystemId GUIDs (API v2.0 replaced every other key with them). */
function parseKey(key: string): string {
  const text = key.replace(/^id=/, '').replace(/^\{|\}$/g, '');
  if (!isGuid(text)) throw HttpErrors.querySyntax();
  return text.toLowerCase();
}
