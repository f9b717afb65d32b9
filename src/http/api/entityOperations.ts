import { FindOperator } from 'typeorm';
import type { ApiPageDefinition, Where } from '../../../pages/api/ApiPage';
import { RecordChangedError, RecordExistsError, RecordNotFoundError } from '../../runtime/BcError';
import { TableClass, tableMeta } from '../../runtime/Metadata';
import { PlatformText } from '../../runtime/PlatformErrors';
import { coerceFieldValue, TableRecord } from '../../runtime/Record';
import type { Session } from '../../runtime/Session';
import { HttpErrors, ODataText } from '../HttpErrors';
import { ApiReply, jsonReply } from './apiCall';
import { etagOf, ifMatchAccepts } from './etag';
import { FieldAssignment, ParsedBody } from './EntityCodec';
import { writeOpenEntities } from './EntityWriter';
import type { PageStep } from './ODataPath';
import { andWhere, writeWithExpand } from './odata/collection';
import { canonicalUrl, contextUrl, RequestContext } from './urls';

/**
 * Walks the page chain with the data: each navigation property's link is
 * computed from the record before it (AL SubPageLink), each key is looked up
 * inside the page's view and link — a record outside them is not found.
 */
export async function resolveSteps(session: Session, steps: PageStep[]): Promise<{ where: Where<any> | null; rec?: TableRecord }> {
  let where: Where<any> | null = steps[0].page.sourceTableView ?? {};
  let rec: TableRecord | undefined;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (i > 0) {
      const link = await step.navigation!.link(rec!, session);
      where = link === null ? null : andWhere(step.page.sourceTableView ?? {}, link);
    }
    if (step.key === undefined) {
      rec = step.navigation?.multiplicity === 'ZeroOrOne' ? await singleLinked(session, step, where) : undefined;
      continue;
    }
    const found: TableRecord | null = where === null ? null : await session.findFirst(step.page.table, andWhere(where, { systemId: step.key }));
    if (!found) throw new RecordNotFoundError(PlatformText.recordNotFound(tableMeta(step.page.table).caption, `Id='${step.key}'`));
    rec = found;
  }
  return { where, rec };
}

/** The one record a single-valued navigation links to (AL Multiplicity = ZeroOrOne). */
async function singleLinked(session: Session, step: PageStep, where: Where<any> | null): Promise<TableRecord> {
  const found: TableRecord | null = where === null ? null : await session.findFirst(step.page.table, where);
  if (!found) throw new RecordNotFoundError(PlatformText.recordNotFound(tableMeta(step.page.table).caption, `${step.navigationName}`));
  return found;
}

export async function readEntity(session: Session, ctx: RequestContext, page: ApiPageDefinition<any>, rec: TableRecord): Promise<ApiReply> {
  return entityReply({ status: 200 }, contextUrl(ctx, !singleValued(ctx)), await writeWithExpand(session, page, rec, ctx.options, ctx.budget));
}

/** `@odata.context`, then the entity's own properties. */
function entityReply(reply: Omit<ApiReply, 'body' | 'json'>, context: string, entity: string): ApiReply {
  return jsonReply(reply, `{"@odata.context":${JSON.stringify(context)},${entity.slice(1)}`);
}

/** The request names an entity through a single-valued navigation: its context URL is the navigation path, without `/$entity`. */
function singleValued(ctx: RequestContext): boolean {
  const last = ctx.steps[ctx.steps.length - 1];
  return last.key === undefined && last.navigation?.multiplicity === 'ZeroOrOne';
}

/**
 * POST: a new record (Init), the view's and the navigation link's values,
 * then Validate of each given field in page order (CurrFieldNo set, as a page
 * does), then Insert(true) — BC's API pages are DelayedInsert. Then the deep
 * insert: each nested collection's entities are inserted the same way
 * through the navigation property, in the same transaction. The answer shows
 * the new entity with the nested entities it created (and any $expand).
 */
export async function insertEntity(
  session: Session,
  ctx: RequestContext,
  page: ApiPageDefinition<any>,
  where: Where<any> | null,
  body: ParsedBody,
): Promise<ApiReply> {
  const { rec, nested } = await insertRecord(session, page, where, body);
  const text = await writeWithExpand(session, page, rec, ctx.options, ctx.budget);
  const reply = { status: 201, location: canonicalUrl(ctx, page, rec) };
  if (!nested.size) return entityReply(reply, contextUrl(ctx, true), text);
  // A deep insert also shows the entities it created (those an $expand did not already show).
  const entity = JSON.parse(text) as Record<string, unknown>;
  for (const [name, children] of nested) {
    if (!(name in entity)) entity[name] = children;
  }
  return { ...reply, body: { '@odata.context': contextUrl(ctx, true), ...entity } };
}

async function insertRecord(
  session: Session,
  page: ApiPageDefinition<any>,
  where: Where<any> | null,
  body: ParsedBody,
): Promise<{ rec: TableRecord; nested: Map<string, Record<string, unknown>[]> }> {
  if (where === null) throw HttpErrors.notSupported('Creating an entity through a navigation property that links to nothing');
  const rec = session.create(page.table) as TableRecord;
  if (!Array.isArray(where)) {
    for (const [property, value] of Object.entries(where)) {
      if (!(value instanceof FindOperator) && (typeof value !== 'object' || value === null)) (rec as any)[property] = value;
    }
  }
  for (const a of body.assignments) await validateControl(session, rec, a);
  await page.onInsertRecord?.(rec, session);
  if (body.systemId) {
    if (await session.exists(page.table, { systemId: body.systemId })) {
      throw new RecordExistsError(PlatformText.recordExists(tableMeta(page.table).caption, `Id='${body.systemId}'`));
    }
    // Only now: until Insert a blank SystemId is how triggers tell a new record from a stored one.
    rec.systemId = body.systemId;
  }
  await rec.insert(true);
  await rec.reload();
  const nested = new Map<string, Record<string, unknown>[]>();
  for (const deep of body.nested) {
    const link = await deep.navigation.link(rec, session);
    const childWhere = link === null ? null : andWhere(deep.page.sourceTableView ?? {}, link);
    const created: Record<string, unknown>[] = [];
    for (const item of deep.items) {
      const child = await insertRecord(session, deep.page, childWhere, item);
      // The entity's JSON as every response writes it, as an object: the caller adds it to its parent's.
      const json = JSON.parse(`${(await writeOpenEntities(deep.page, [child.rec], session))[0]}}`) as Record<string, unknown>;
      for (const [name, grandChildren] of child.nested) json[name] = grandChildren;
      created.push(json);
    }
    nested.set(deep.name, created);
  }
  return { rec, nested };
}

/** PATCH: the ETag must be current; the given fields are validated in page order, then Modify(true). */
export async function modifyEntity(
  session: Session,
  ctx: RequestContext,
  page: ApiPageDefinition<any>,
  rec: TableRecord,
  body: ParsedBody,
  ifMatch: string,
): Promise<ApiReply> {
  rec = await lockedCurrent(session, rec);
  if (!ifMatchAccepts(ifMatch, etagOf(rec))) throw new RecordChangedError(ODataText.entityChanged);
  if (body.assignments.length && page.editable && !page.editable(rec)) throw HttpErrors.readOnly(body.assignments[0].info.caption);
  let changed = false;
  for (const a of body.assignments) {
    if (a.info.primaryKey) {
      // Same key value: nothing to do. A different one would be a Rename, which the simulator does not do.
      if (coerceFieldValue(a.info.meta!, a.value) === (rec as any)[a.info.property!]) continue;
      throw HttpErrors.notSupported(`Renaming a ${tableMeta(page.table).caption} through the API (changing ${a.info.meta!.caption})`);
    }
    await validateControl(session, rec, a);
    changed = true;
  }
  if (changed) await rec.modify(true);
  await rec.reload();
  return entityReply({ status: 200 }, contextUrl(ctx, true), await writeWithExpand(session, page, rec, ctx.options, ctx.budget));
}

export async function deleteEntity(session: Session, rec: TableRecord, ifMatch: string): Promise<ApiReply> {
  rec = await lockedCurrent(session, rec);
  if (!ifMatchAccepts(ifMatch, etagOf(rec))) throw new RecordChangedError(ODataText.entityChanged);
  await rec.delete(true);
  return { status: 204 };
}

/**
 * The record as stored, under a row lock on server databases: a concurrent
 * PATCH of the same row waits for the first to commit and then fails the
 * ETag check with BC's "Another user has already changed the record.", as on
 * SQLite where the transactions run one after the other.
 */
async function lockedCurrent(session: Session, rec: TableRecord): Promise<TableRecord> {
  return session.getForUpdate(rec.constructor as TableClass<TableRecord>, ...rec.keyValues());
}

/** A control's value as BC validates it: the table field's OnValidate, then the page field's. */
async function validateControl(session: Session, rec: TableRecord, a: FieldAssignment): Promise<void> {
  await rec.validate(a.info.property!, a.value, { fromPage: true });
  const def = a.info.def;
  if ('onValidate' in def && def.onValidate) await def.onValidate(rec, session);
}
