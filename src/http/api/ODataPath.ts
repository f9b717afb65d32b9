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

/**
 * `path` is what follows `/api`, e.g. `/v2.0/companies(…)/contacts`; `requestUri` the URL as requested, for
 * BC's "No HTTP resource was found that matches the request URI '…'." when no route serves it.
 */
export function parseApiPath(path: string, groups: ApiGroup[], requestUri = `/api${path}`): ApiResource {
  const notFound = () => HttpErrors.noHttpResource(requestUri);
  const parts = path.split('/').filter((p) => p !== '');
  const segments = parts.map(decodeSegment);
  if (segments.length === 0) throw notFound();
  const { group, used } = findGroup(segments, groups, notFound);
  const basePath = `/api/${segments.slice(0, used).map((s) => s.raw).join('/')}`;
  const rest = segments.slice(used);
  if (rest.length === 0) return { kind: 'serviceDocument', group, basePath };
  const [first, ...afterFirst] = rest;
  if ((first.name === '$metadata' || first.name === '$batch') && first.key === undefined) {
    if (afterFirst.length > 0) throw notFound();
    return { kind: first.name === '$metadata' ? 'metadata' : 'batch', group, basePath };
  }
  if (first.name !== 'companies') {
    // An entity set without its company: BC looks for a default company (`?company=` is resolved before this).
    if (group.pages.some((p) => p.entitySetName === first.name)) throw HttpErrors.companyNotFound();
    throw notFound();
  }
  // `…/$count` after a collection: the number of entities, as text.
  const count = afterFirst.length > 0 && afterFirst[afterFirst.length - 1].raw === '$count';
  const afterCompany = count ? afterFirst.slice(0, -1) : afterFirst;
  const companyId = first.key === undefined ? undefined : parseKey(first.key);
  if (afterCompany.length === 0) {
    if (count && companyId !== undefined) throw notFound();
    return { kind: 'companies', group, basePath, companyId, count };
  }
  if (companyId === undefined) throw notFound();

  const [setSegment, ...more] = afterCompany;
  const page = group.pages.find((p) => p.entitySetName === setSegment.name);
  if (!page) throw notFound();
  const steps: PageStep[] = [{ page, key: setSegment.key === undefined ? undefined : parseKey(setSegment.key) }];
  let action: ActionStep | undefined;
  for (let i = 0; i < more.length; i++) {
    const seg = more[i];
    const current = steps[steps.length - 1];
    // A segment after a collection names nothing: collections have no properties.
    if (current.key === undefined) throw notFound();
    const actionName = /^(?:Microsoft\.NAV|NAV)\.(.+)$/.exec(seg.name)?.[1];
    if (actionName !== undefined) {
      if (seg.key !== undefined) throw notFound();
      if (!current.page.actions || Object.keys(current.page.actions).length === 0) throw HttpErrors.noBoundActions();
      const def = own(current.page.actions, actionName);
      if (!def) throw notFound();
      if (i !== more.length - 1) throw notFound();
      action = { name: actionName, def };
      break;
    }
    const navigation = own(current.page.navigation, seg.name);
    if (!navigation) {
      const missing = own(current.page.notSimulatedNavigation, seg.name);
      throw missing ? HttpErrors.notSupported(missing) : notFound();
    }
    steps.push({
      page: navigation.target(),
      navigation,
      navigationName: seg.name,
      key: seg.key === undefined ? undefined : parseKey(seg.key),
    });
  }
  if (count && (action || steps[steps.length - 1].key !== undefined)) throw notFound();
  return { kind: 'page', group, basePath, companyId, steps, action, count };
}

/**
 * `?company=` (BC's "query string in the form of company=[name]", also a company's id) or the `Company` header
 * (Microsoft's $batch example): the path with `companies(<id>)/` after the API's root, as if it had been given
 * there; undefined when the path addresses no entity set without a company (the path's own company wins).
 */
export function pathWithCompany(path: string, groups: ApiGroup[], companyId: string): string | undefined {
  const parts = path.split('/');
  const lead = parts[0] === '' ? 1 : 0;
  let used: number;
  try {
    used = findGroup(parts.slice(lead).filter((p) => p !== '').map(decodeSegment), groups, () => new Error('no group')).used;
  } catch {
    return undefined;
  }
  const at = lead + used;
  const first = parts[at];
  if (first === undefined || first === '' || /^(companies|\$metadata|\$batch)(\(|$)/.test(safeDecode(first))) return undefined;
  return [...parts.slice(0, at), `companies(${companyId})`, ...parts.slice(at)].join('/');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function decodeSegment(raw: string): Segment {
  let text: string;
  try {
    text = decodeURIComponent(raw);
  } catch {
    throw HttpErrors.querySyntax();
  }
  const m = SEGMENT_RE.exec(text);
  if (!m) throw HttpErrors.querySyntax();
  return { raw: text, name: m[1], key: m[2] };
}

/** `/api/v2.0/...` is Microsoft's API; any other `/api/<publisher>/<group>/<version>/...` a custom API. */
function findGroup(segments: Segment[], groups: ApiGroup[], notFound: () => Error): { group: ApiGroup; used: number } {
  const [a, b, c] = segments.map((s) => s.raw);
  const standard = groups.find((g) => g.publisher === '' && g.version === a);
  if (standard) return { group: standard, used: 1 };
  const custom = groups.find((g) => g.publisher === a && g.group === b && g.version === c);
  if (custom) return { group: custom, used: 3 };
  throw notFound();
}

/** Keys are SystemId GUIDs (API v2.0 replaced every other key with them). */
function parseKey(key: string): string {
  const text = key.replace(/^id=/, '').replace(/^\{|\}$/g, '');
  if (!isGuid(text)) throw HttpErrors.querySyntax();
  return text.toLowerCase();
}
