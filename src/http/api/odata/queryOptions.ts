import { ApiPageDefinition, NavigationDef, own } from '../../../../pages/api/ApiPage';
import { HttpErrors } from '../../HttpErrors';
import { EdmProperty, EntityTypeDef, entityType } from '../edmModel';
import { BindResult, bindFilter } from './bind';
import { parseExpand, parseFilter, parseOrderBy, parseSelect } from './parser';

/**
 * System query options: read from the raw query string (so a repeated option
 * is noticed, and nothing is silently merged), then checked against the
 * entity: every property name must be one of the page's fields, every
 * expand one of its navigation properties.
 */

/** The options BC's API answers to; any other `$`-option is refused rather than ignored. */
const KNOWN = new Set(['$filter', '$select', '$expand', '$orderby', '$top', '$skip', '$count', '$skiptoken', '$schemaversion', '$format']);

export interface RawQuery {
  /** `$`-options, decoded. */
  options: Map<string, string>;
  /** Every parameter in order as given (decoded), for building the next link. */
  pairs: [string, string][];
}

/** `search` is the query string without `?`. `+` is a space, as ASP.NET (BC's host) reads it. */
export function readQueryString(search: string): RawQuery {
  const options = new Map<string, string>();
  const pairs: [string, string][] = [];
  if (!search) return { options, pairs };
  for (const part of search.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : decode(part.slice(eq + 1));
    pairs.push([key, value]);
    if (!key.startsWith('$')) continue; // custom query options (tenant=, company=) are not BC's concern here
    if (!KNOWN.has(key)) throw HttpErrors.unknownQueryOption(key);
    if (options.has(key)) throw HttpErrors.queryOptionTwice(key);
    options.set(key, value);
  }
  const format = options.get('$format');
  if (format !== undefined && !/^(json|application\/json)(;.*)?$/i.test(format)) throw HttpErrors.unknownQueryOption(`$format=${format}`);
  return { options, pairs };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw HttpErrors.queryEncoding();
  }
}

/** `$schemaversion=2.1` or later allows nested function calls and `in` in $filter. */
export function readSchemaVersion(options: Map<string, string>): { schema21: boolean } {
  const raw = options.get('$schemaversion');
  if (raw === undefined) return { schema21: false };
  const m = /^(\d{1,4})\.(\d{1,4})$/.exec(raw.trim());
  if (!m) throw HttpErrors.invalidSchemaVersion(raw);
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return { schema21: major > 2 || (major === 2 && minor >= 1) };
}

export interface OrderSpec {
  prop: EdmProperty;
  descending: boolean;
}

export interface ExpandPlan {
  name: string;
  navigation: NavigationDef<any>;
  page: ApiPageDefinition<any>;
  options: CollectionOptions;
}

export interface CollectionOptions {
  filter?: BindResult;
  orderBy: OrderSpec[];
  /** Undefined: every field. Read-only: the plan is shared by every request that asks the same. */
  select?: ReadonlySet<string>;
  expand: ExpandPlan[];
  top?: number;
  skip?: number;
  count: boolean;
  skipToken?: string;
  /** `$filter` and `$orderby` as given: a skip token belongs to one query. */
  fingerprint: string;
}

export type ResourceShape = 'collection' | 'entity' | 'count';

/**
 * The options of a request on `page`, checked against it. `shape` says what
 * the URL names: a collection takes them all; an entity (GET, or the entity
 * a POST/PATCH returns) only $select and $expand; `/$count` only $filter.
 * A plan depends on nothing but these, so the same options on the same page
 * (a client polling a list, the next page of a list) are planned once: plans
 * are kept per page (bounded, as $filter texts come from clients) and frozen,
 * as every request that asks the same shares them. Options that fail are
 * checked again each time.
 */
export function planOptions(page: ApiPageDefinition<any>, options: Map<string, string>, shape: ResourceShape, schema21: boolean): CollectionOptions {
  let byPage = plans.get(page);
  if (!byPage) plans.set(page, (byPage = new Map()));
  const key = JSON.stringify([shape, schema21, ...options]);
  let plan = byPage.get(key);
  if (!plan) {
    plan = planUncached(page, options, shape, schema21, 0);
    if (byPage.size >= MAX_PLANS_PER_PAGE) byPage.delete(byPage.keys().next().value as string);
    byPage.set(key, plan);
  }
  return plan;
}

const plans = new WeakMap<ApiPageDefinition<any>, Map<string, CollectionOptions>>();
const MAX_PLANS_PER_PAGE = 200;

function planUncached(page: ApiPageDefinition<any>, options: Map<string, string>, shape: ResourceShape, schema21: boolean, depth: number): CollectionOptions {
  const allowed: Record<ResourceShape, string[]> = {
    collection: ['$filter', '$select', '$expand', '$orderby', '$top', '$skip', '$count', '$skiptoken'],
    entity: ['$select', '$expand'],
    // OData: the count is not affected by $top, $skip, $orderby or $expand; they are accepted and have no effect.
    count: ['$filter', '$orderby', '$top', '$skip', '$expand', '$select', '$count'],
  };
  for (const key of options.keys()) {
    if (key === '$schemaversion' || key === '$format') continue;
    if (!allowed[shape].includes(key)) throw HttpErrors.optionNotAllowedHere(key);
  }
  const type = entityType(page);
  const navigations = Object.keys(page.navigation ?? {});
  const get = (k: string) => (shape === 'count' && k !== '$filter' ? undefined : options.get(k));

  const filterText = get('$filter');
  const filter = filterText === undefined ? undefined : bindFilter(parseFilter(filterText), type, { schema21, navigations });

  const orderText = get('$orderby');
  const orderBy: OrderSpec[] = [];
  if (orderText !== undefined) {
    for (const item of parseOrderBy(orderText)) {
      const prop = propertyOf(type, item.property, navigations);
      if (!prop.column) throw HttpErrors.notSortableOrFilterable(item.property, '$orderby');
      orderBy.push({ prop, descending: item.descending });
    }
  }

  const selectText = get('$select');
  let select: Set<string> | undefined;
  if (selectText !== undefined) {
    const items = parseSelect(selectText);
    if (items !== '*') {
      for (const name of items) {
        if (navigations.includes(name)) throw HttpErrors.invalidSelectItem(name);
        propertyOf(type, name, navigations);
      }
      select = new Set(items);
    }
  }

  const expandText = get('$expand');
  const expand: ExpandPlan[] = [];
  if (expandText !== undefined) {
    for (const item of parseExpand(expandText, depth)) {
      const navigation = own(page.navigation, item.navigation);
      if (!navigation) {
        const missing = own(page.notSimulatedNavigation, item.navigation);
        if (missing) throw HttpErrors.notSupported(missing);
        if (type.byName.has(item.navigation)) throw HttpErrors.notNavigationProperty(item.navigation, type.qualifiedName);
        throw HttpErrors.propertyNotDeclared(item.navigation, type.qualifiedName);
      }
      if (expand.some((e) => e.name === item.navigation)) throw HttpErrors.invalidExpandItem(item.navigation);
      const target = navigation.target();
      expand.push({
        name: item.navigation,
        navigation,
        page: target,
        options: planUncached(target, item.options, 'collection', schema21, depth + 1),
      });
    }
  }

  const count = get('$count');
  if (count !== undefined && count !== 'true' && count !== 'false') throw HttpErrors.invalidCount(count);

  Object.freeze(orderBy);
  Object.freeze(expand);
  return Object.freeze({
    filter: filter && Object.freeze({ bound: freezeFilter(filter.bound), ignored: Object.freeze(filter.ignored) }),
    orderBy,
    select,
    expand,
    top: nonNegative(get('$top'), '$top'),
    skip: nonNegative(get('$skip'), '$skip'),
    count: count === 'true',
    skipToken: get('$skiptoken'),
    fingerprint: JSON.stringify([filterText ?? '', orderText ?? '']),
  });
}

/**
 * The bound $filter's own nodes, values and literals frozen: a plan is shared by every request with the same
 * options, so a change made by one would be seen by the next. The properties a tree names (`prop`) are the
 * page's metadata, not the tree's, and stay as they are; so do a literal's Date values.
 */
function freezeFilter<T extends object>(node: T): T {
  for (const [key, child] of Object.entries(node)) {
    if (key !== 'prop' && child !== null && typeof child === 'object' && !(child instanceof Date)) freezeFilter(child as object);
  }
  return Object.freeze(node);
}

function propertyOf(type: EntityTypeDef, name: string, navigations: string[]): EdmProperty {
  const prop = type.byName.get(name);
  if (prop) return prop;
  if (navigations.includes(name)) throw HttpErrors.unsupportedOrderBy(name);
  throw HttpErrors.propertyNotDeclared(name, type.qualifiedName);
}

function nonNegative(raw: string | undefined, option: '$top' | '$skip'): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) throw HttpErrors.invalidTopSkip(raw, option);
  return Number(raw);
}
