import { createHash } from 'node:crypto';
import type { SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { ApiPageDefinition, Where } from '../../../../pages/api/ApiPage';
import { tableMeta } from '../../../runtime/Metadata';
import type { TableRecord } from '../../../runtime/Record';
import type { Session } from '../../../runtime/Session';
import { HttpErrors } from '../../HttpErrors';
import { serializeEntity } from '../EntityCodec';
import { boundToSql, columnOf, columnSql, dialectOf, SqlParams, SqlTarget } from './sql';
import type { CollectionOptions } from './queryOptions';

/**
 * Reads an API page's collection with the query options: the page's view and
 * navigation link (TypeORM find options), the bound $filter (sql.ts), the
 * order ($orderby, then the primary key so the order is total), and a page of
 * rows. Server-driven paging uses keyset skip tokens (the last row's sort key,
 * as BC's bookmark-style tokens) when every sort column is NOT NULL, and an
 * offset otherwise (blank dates are NULL, and NULL breaks row comparisons).
 */

const ALIAS = 'e';

interface SortColumn {
  column: ColumnMetadata;
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
  rows: TableRecord[];
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
  const base = baseQuery(session, page, where, options);
  const count = options.count ? await base.clone().getCount() : undefined;
  const qb = base;
  const sort = sortColumns(session, page, options);
  for (const s of sort) {
    const nulls = dialectOf(qb.connection) === 'postgres' ? (s.descending ? 'NULLS LAST' : 'NULLS FIRST') : undefined;
    qb.addOrderBy(columnSql(target(qb), s.column), s.descending ? 'DESC' : 'ASC', nulls);
  }

  const fingerprint = hash(`${paging?.resource ?? ''}|${options.fingerprint}`);
  const token = options.skipToken !== undefined ? decodeToken(options.skipToken, fingerprint) : undefined;
  const served = token?.n ?? 0;
  let offset = token ? (token.o ?? 0) : (options.skip ?? 0);
  if (token?.k) applyKeyset(qb, sort, token.k);
  else if (token) offset = token.o ?? 0;

  const pageSize = paging ? (paging.preferred || !token ? paging.pageSize : Math.min(token.p, paging.pageSize)) : Infinity;
  const remaining = options.top === undefined ? Infinity : Math.max(0, options.top - served);
  const take = Math.min(pageSize, remaining);
  if (take === 0) return { rows: [], count };
  if (Number.isFinite(take)) qb.limit(take + 1);
  if (offset > 0) {
    // SQLite needs a LIMIT before an OFFSET.
    if (!Number.isFinite(take)) qb.limit(Number.MAX_SAFE_INTEGER);
    qb.offset(offset);
  }
  const found = await qb.getMany();
  const rows = found.slice(0, Number.isFinite(take) ? take : undefined).map((r: TableRecord) => r.attach(session));
  let nextToken: string | undefined;
  if (Number.isFinite(take) && found.length > take && served + rows.length < (options.top ?? Infinity) && paging) {
    const last = rows[rows.length - 1];
    const keyset = sort.every((s) => !s.column.isNullable);
    const next: SkipToken = { n: served + rows.length, p: pageSize, f: fingerprint };
    if (keyset) {
      next.k = sort.map((s) => qb.connection.driver.preparePersistentValue((last as any)[s.property], s.column) as string | number);
    } else next.o = offset + rows.length;
    nextToken = Buffer.from(JSON.stringify(next)).toString('base64url');
  }
  return { rows, nextToken, count };
}

/** A page's rows as JSON entities, with $select and $expand applied (expansions read through the navigation links). */
export async function serializeRows(
  session: Session,
  page: ApiPageDefinition<any>,
  rows: TableRecord[],
  options: Pick<CollectionOptions, 'select' | 'expand'>,
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (const rec of rows) out.push(await serializeWithExpand(session, page, rec, options));
  return out;
}

export async function serializeWithExpand(
  session: Session,
  page: ApiPageDefinition<any>,
  rec: TableRecord,
  options: Pick<CollectionOptions, 'select' | 'expand'>,
): Promise<Record<string, unknown>> {
  const entity = await serializeEntity(page, rec, session, options.select);
  for (const plan of options.expand) {
    const link = await plan.navigation.link(rec, session);
    const where = link === null ? null : andWhere(plan.page.sourceTableView ?? {}, link);
    const { rows } = await readRows(session, plan.page, where, plan.options);
    entity[plan.name] = await serializeRows(session, plan.page, rows, plan.options);
  }
  return entity;
}

/** AND of two TypeORM where clauses (an array is an OR of its members). */
export function andWhere(a: Where<any>, b: Where<any>): Where<any> {
  const as = Array.isArray(a) ? a : [a];
  const bs = Array.isArray(b) ? b : [b];
  const out = as.flatMap((x) => bs.map((y) => ({ ...x, ...y })));
  return out.length === 1 ? out[0] : out;
}

function baseQuery(session: Session, page: ApiPageDefinition<any>, where: Where<any>, options: CollectionOptions): SelectQueryBuilder<any> {
  const qb = session.manager.createQueryBuilder(page.table, ALIAS);
  const hasWhere = Array.isArray(where) ? where.length > 0 : Object.keys(where).length > 0;
  if (hasWhere) qb.setFindOptions({ where });
  if (options.filter) {
    const t = target(qb);
    const sql = boundToSql(options.filter.bound, t);
    if (sql !== null) qb.andWhere(sql, t.params.values);
  }
  return qb;
}

function target(qb: SelectQueryBuilder<any>): SqlTarget {
  return { dataSource: qb.connection, metadata: qb.expressionMap.mainAlias!.metadata, alias: ALIAS, params: paramsOf(qb) };
}

/** One parameter namespace per query builder (the filter's and the keyset's parameters share it). */
const paramSets = new WeakMap<object, SqlParams>();
function paramsOf(qb: SelectQueryBuilder<any>): SqlParams {
  let p = paramSets.get(qb.expressionMap);
  if (!p) {
    p = new SqlParams();
    paramSets.set(qb.expressionMap, p);
  }
  return p;
}

/** $orderby's columns, then the page's order (default: the primary key) for a total, stable order. */
function sortColumns(session: Session, page: ApiPageDefinition<any>, options: CollectionOptions): SortColumn[] {
  const metadata = session.manager.connection.getMetadata(page.table);
  const sort: SortColumn[] = [];
  const add = (property: string, descending: boolean) => {
    if (sort.some((s) => s.property === property)) return;
    const column = metadata.findColumnWithPropertyName(property);
    if (column) sort.push({ column, descending, property });
  };
  for (const o of options.orderBy) add(columnOf(metadata, o.prop).propertyName, o.descending);
  const pageOrder = Object.entries((page.order ?? {}) as Record<string, unknown>);
  for (const [property, dir] of pageOrder) add(property, String(dir).toUpperCase() === 'DESC');
  for (const f of tableMeta(page.table).primaryKey) add(f.property, false);
  return sort;
}

/** Rows after the last one returned: (c1 > v1) OR (c1 = v1 AND c2 > v2) OR … (< for descending columns). */
function applyKeyset(qb: SelectQueryBuilder<any>, sort: SortColumn[], values: SkipToken['k']): void {
  if (!values || values.length !== sort.length) throw HttpErrors.invalidSkipToken('');
  const t = target(qb);
  const ors: string[] = [];
  for (let i = 0; i < sort.length; i++) {
    const ands: string[] = [];
    for (let j = 0; j < i; j++) ands.push(`${columnSql(t, sort[j].column)} = ${t.params.add(values[j])}`);
    ands.push(`${columnSql(t, sort[i].column)} ${sort[i].descending ? '<' : '>'} ${t.params.add(values[i])}`);
    ors.push(`(${ands.join(' AND ')})`);
  }
  qb.andWhere(`(${ors.join(' OR ')})`, t.params.values);
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

function hash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 16);
}
