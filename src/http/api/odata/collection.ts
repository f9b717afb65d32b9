import { createHash } from 'node:crypto';
import type { ApiPageDefinition, Where } from '../../../../pages/api/ApiPage';
import { tableMeta } from '../../../runtime/Metadata';
import type { TableRecord } from '../../../runtime/Record';
import type { Session } from '../../../runtime/Session';
import { HttpErrors } from '../../HttpErrors';
import { asRecord, EntitySource, shownFields } from '../EntityCodec';
import { writeOpenEntities } from '../EntityWriter';
import type { ResponseBudget } from '../limits';
import type { CollectionOptions } from './queryOptions';

/**
 * Reads an API page's collection with the query options: the page's view and
 * navigation link, the bound $filter, the order ($orderby, then the primary
 * key so the order is total), and a page of rows — one read of the record
 * store (Session.store.readPage), which compiles it to SQL. Server-driven paging uses keyset skip tokens (the last row's sort key,
 * as BC's bookmark-style tokens) when every sort column is NOT NULL, and an
 * offset otherwise (blank dates are NULL, and NULL breaks row comparisons).
 */

interface SortColumn {
  descending: boolean;
  property: string;
}

/** What a skip token carries (base64url JSON; opaque to clients, checked when it comes back). */
interface SkipToken {
  /** Keyset: the last row's sort-column values (database form). */
  k?: (string | number | boolean | null)[];
  /** Offset: rows to skip. */
  o?: number;
  /** Rows already returned (for $top). */
  n: number;
  /** The page size in force (used when the client does not repeat its Prefer header). */
  p: number;
  /** Hash of $filter/$orderby/resource: a token is only valid for the query that issued it. */
  f: string;
}

export interface PageOfRows {
  /** Records, or — when no computed field or expansion needs a record — just the columns the response shows. */
  rows: EntitySource[];
  /** Set when there are more rows than were returned (server-driven paging). */
  nextToken?: string;
  count?: number;
}

export interface Paging {
  /** The page size to use for this page (Prefer: odata.maxpagesize, capped; or the server maximum). */
  pageSize: number;
  /** Whether the client asked for the page size; otherwise a token's own size is kept. */
  preferred: boolean;
  /** Identifies the resource (URL path) the token belongs to. */
  resource: string;
}

export async function readRows(
  session: Session,
  page: ApiPageDefinition<any>,
  where: Where<any> | null,
  options: CollectionOptions,
  paging?: Paging,
): Promise<PageOfRows> {
  if (where === null) return { rows: [], count: options.count ? 0 : undefined };
  const sort = sortColumns(page, options);
  const fingerprint = hash(`${paging?.resource ?? ''}|${options.fingerprint}`);
  const token = options.skipToken !== undefined ? decodeToken(options.skipToken, fingerprint) : undefined;
  if (token?.k && token.k.length !== sort.length) throw HttpErrors.invalidSkipToken(options.skipToken ?? '');
  const served = token?.n ?? 0;
  const offset = token ? (token.o ?? 0) : (options.skip ?? 0);
  const pageSize = paging ? (paging.preferred || !token ? paging.pageSize : Math.min(token.p, paging.pageSize)) : Infinity;
  const remaining = options.top === undefined ? Infinity : Math.max(0, options.top - served);
  const take = Math.min(pageSize, remaining);
  const meta = tableMeta(page.table);
  const columns = responseColumns(page, options, sort);
  const result = await session.store.readPage(meta, {
    columns,
    where,
    filter: options.filter?.bound,
    sort,
    after: token?.k ?? undefined,
    offset: token?.k ? 0 : offset,
    // One row more than the page tells whether there is a next page.
    limit: take === 0 ? 0 : Number.isFinite(take) ? take + 1 : undefined,
    count: options.count,
  });
  const count = result.count;
  if (take === 0) return { rows: [], count };
  const found = result.rows;
  const pageRows = found.slice(0, Number.isFinite(take) ? take : undefined);
  const rows = columns ? pageRows : pageRows.map((r) => session.load(page.table, r) as TableRecord);
  let nextToken: string | undefined;
  if (Number.isFinite(take) && found.length > take && served + rows.length < (options.top ?? Infinity) && paging) {
    const next: SkipToken = { n: served + rows.length, p: pageSize, f: fingerprint };
    if (result.keyset) next.k = result.cursor(found[rows.length - 1]) as SkipToken['k'];
    else next.o = offset + rows.length;
    nextToken = Buffer.from(JSON.stringify(next)).toString('base64url');
  }
  return { rows, nextToken, count };
}

/**
 * The columns a response needs when it can be written straight from rows:
 * the shown table fields, the SystemId and version (the ETag) and the sort
 * columns (the skip token), and what computed fields read from rows.
 * Undefined when a record is needed: a shown computed field runs code on the
 * record, or an expansion follows a navigation link. A read with no trigger
 * needs no record (API pages here have no OnAfterGetRecord).
 */
function responseColumns(page: ApiPageDefinition<any>, options: CollectionOptions, sort: SortColumn[]): string[] | undefined {
  if (options.expand.length) return undefined;
  const { reads } = shownFields(page, options.select);
  if (!reads) return undefined;
  const columns = new Set<string>(['systemId', 'rowVersion', ...reads]);
  for (const s of sort) columns.add(s.property);
  return [...columns];
}

/**
 * A page's rows as JSON entity texts, with $select and $expand applied (expansions
 * read through the navigation links). The budget is spent before each
 * entity is written and before each navigation is followed, and an expansion
 * reads no more than the budget has left: one response is bounded however
 * the data and the $expand grow.
 */
export async function writeRows(
  session: Session,
  page: ApiPageDefinition<any>,
  rows: EntitySource[],
  options: Pick<CollectionOptions, 'select' | 'expand'>,
  budget?: ResponseBudget,
  expanded = false,
): Promise<string[]> {
  budget?.spend(rows.length, expanded);
  const entities = await writeOpenEntities(page, rows, session, options.select);
  for (let i = 0; i < rows.length; i++) {
    for (const plan of options.expand) {
      budget?.spend(1, true);
      const link = await plan.navigation.link(asRecord(rows[i]), session);
      const where = link === null ? null : andWhere(plan.page.sourceTableView ?? {}, link);
      const expandOptions = budget ? { ...plan.options, top: Math.min(plan.options.top ?? Infinity, budget.expandable()) } : plan.options;
      const { rows: linked } = await readRows(session, plan.page, where, expandOptions);
      const expanded = await writeRows(session, plan.page, linked, plan.options, budget, true);
      // A single-valued navigation expands to its entity (or null), a collection to an array.
      entities[i] += `,${JSON.stringify(plan.name)}:${plan.navigation.multiplicity === 'ZeroOrOne' ? (expanded[0] ?? 'null') : `[${expanded.join(',')}]`}`;
    }
    entities[i] += '}';
  }
  return entities;
}

/** One entity as JSON text, with $select and $expand applied. */
export async function writeWithExpand(
  session: Session,
  page: ApiPageDefinition<any>,
  rec: EntitySource,
  options: Pick<CollectionOptions, 'select' | 'expand'>,
  budget?: ResponseBudget,
): Promise<string> {
  return (await writeRows(session, page, [rec], options, budget))[0];
}

/** AND of two TypeORM where clauses (an array is an OR of its members). */
export function andWhere(a: Where<any>, b: Where<any>): Where<any> {
  const as = Array.isArray(a) ? a : [a];
  const bs = Array.isArray(b) ? b : [b];
  const out = as.flatMap((x) => bs.map((y) => ({ ...x, ...y })));
  return out.length === 1 ? out[0] : out;
}

/** $orderby's properties, then the page's order (default: the primary key) for a total, stable order. */
function sortColumns(page: ApiPageDefinition<any>, options: CollectionOptions): SortColumn[] {
  const meta = tableMeta(page.table);
  const sort: SortColumn[] = [];
  const add = (property: string, descending: boolean) => {
    if (sort.some((s) => s.property === property)) return;
    sort.push({ property, descending });
  };
  for (const o of options.orderBy) {
    const property = o.prop.info?.property ?? o.prop.property;
    // Only page fields that are table fields bind as sortable (EdmProperty.column); anything else is a simulator bug.
    if (!property) throw new Error(`No column for API property '${o.prop.name}'`);
    add(property, o.descending);
  }
  const pageOrder = Object.entries((page.order ?? {}) as Record<string, unknown>);
  for (const [property, dir] of pageOrder) add(property, String(dir).toUpperCase() === 'DESC');
  for (const f of meta.primaryKey) add(f.property, false);
  return sort;
}

function decodeToken(text: string, fingerprint: string): SkipToken {
  let token: unknown;
  try {
    token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw HttpErrors.invalidSkipToken(text);
  }
  const t = token as SkipToken;
  const primitive = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
  const ok =
    t !== null &&
    typeof t === 'object' &&
    t.f === fingerprint &&
    Number.isSafeInteger(t.n) &&
    t.n >= 0 &&
    Number.isSafeInteger(t.p) &&
    t.p > 0 &&
    (t.o === undefined || (Number.isSafeInteger(t.o) && t.o >= 0)) &&
    (t.k === undefined || (Array.isArray(t.k) && t.k.every(primitive))) &&
    (t.k !== undefined) !== (t.o !== undefined);
  if (!ok) throw HttpErrors.invalidSkipToken(text);
  return t;
}

/** The fingerprint of a query: every page of a list hashes the same text again. Bounded: the oldest goes first. */
function hash(text: string): string {
  let h = hashes.get(text);
  if (h === undefined) {
    h = createHash('sha256').update(text).digest('base64url').slice(0, 16);
    if (hashes.size >= MAX_HASHES) hashes.delete(hashes.keys().next().value as string);
    hashes.set(text, h);
  }
  return h;
}

const hashes = new Map<string, string>();
const MAX_HASHES = 1000;
