import { FindOptionsWhere, ILike, Like } from 'typeorm';
import { BadRequestError, RecordNotFoundError } from '../runtime/BcError';
import { coerceFieldValue, isGuid } from '../runtime/FieldValues';
import { calcFields } from '../runtime/FlowFields';
import { evaluateDate, evaluateInput, evaluateOption, formatField, parseYesNo } from '../runtime/Format';
import { defineLabels, Language } from '../runtime/Labels';
import { FieldMeta, tableMeta } from '../runtime/Metadata';
import type { TableRecord } from '../runtime/Record';
import type { Session } from '../runtime/Session';
import type { PageState } from './PageSessionStore';
import { pick } from '../../pages/Page';
import { OpenRequest, PageActionDef, PageContext, PageFieldDef, UiPageDefinition } from '../../pages/UiPage';
import { PlatformText } from '../runtime/PlatformErrors';
import { allSetCaptions, CaptionSetName, setCaption, setOption } from './CaptionSets';

/** The page session's own texts (simulator-authored; BC's client texts are not public). */
export const PageSessionLabels = defineLabels('Page Session', {
  ReadOnlyFieldErr: {
    text: 'The field %1 cannot be changed on this page.',
    nl: 'Het veld %1 kan op deze pagina niet worden gewijzigd.',
    comment: '%1 = field caption',
    simulatorAuthored: true,
  },
  UnknownFieldErr: {
    text: 'The page %1 has no field %2.',
    nl: 'De pagina %1 heeft geen veld %2.',
    comment: '%1 = page caption, %2 = field name',
    simulatorAuthored: true,
  },
  UnknownActionErr: {
    text: 'The page %1 has no action %2.',
    nl: 'De pagina %1 heeft geen actie %2.',
    comment: '%1 = page caption, %2 = action name',
    simulatorAuthored: true,
  },
  ActionNotAvailableErr: {
    text: 'The action %1 is not available here.',
    nl: 'De actie %1 is hier niet beschikbaar.',
    comment: '%1 = action caption',
    simulatorAuthored: true,
  },
  NoRecordErr: {
    text: 'Select a line first.',
    nl: 'Selecteer eerst een regel.',
    simulatorAuthored: true,
  },
  NotAListErr: {
    text: 'The page %1 is not a list.',
    nl: 'De pagina %1 is geen lijst.',
    comment: '%1 = page caption',
    simulatorAuthored: true,
  },
  BadOpenRequestErr: {
    text: 'The page %1 cannot be opened with %2.',
    nl: 'De pagina %1 kan niet worden geopend met %2.',
    comment: '%1 = page caption, %2 = the part of the request (mode, recordId, filters, context)',
    simulatorAuthored: true,
  },
  ReplayDivergedErr: {
    text: 'The data changed while the question was open. Start the action again.',
    nl: 'De gegevens zijn gewijzigd terwijl de vraag openstond. Start de actie opnieuw.',
    simulatorAuthored: true,
  },
});

// What both the operation and the view need of a page session: its controls by name, their
// captions and editability, its record and its list's rows.

// ---- controls by name ----

/** A control by its name or caption (either language), as scenarios and TestPage address it. */
export function findField(state: PageState, name: string): PageFieldDef<any> {
  const page = state.page;
  const all = [...(page.groups ?? []).flatMap((g) => g.fields), ...(page.columns ?? [])];
  const needle = name.trim().toLowerCase();
  const f =
    all.find((x) => x.name.toLowerCase() === needle) ??
    all.find((x) => {
      const c = captions(x, page);
      const words = [c.en, c.nl, ...(x.source && page.table ? allSetCaptions(tableMeta(page.table).name, x.source) : [])];
      return words.some((w) => w.toLowerCase() === needle);
    });
  if (!f) {
    const text = PageSessionLabels.UnknownFieldErr.format([pick(page.caption, state.language), name], state.language);
    throw new BadRequestError('BadRequest_NotFound', text);
  }
  return f;
}

export function findAction(state: PageState, name: string): PageActionDef<any> {
  const needle = name.trim().toLowerCase();
  const a = (state.page.actions ?? []).find(
    (x) => x.name.toLowerCase() === needle || x.caption.en.toLowerCase() === needle || x.caption.nl.toLowerCase() === needle,
  );
  if (!a) {
    throw new BadRequestError(
      'BadRequest_NotFound',
      PageSessionLabels.UnknownActionErr.format([pick(state.page.caption, state.language), name], state.language),
    );
  }
  return a;
}

function captions(f: PageFieldDef<any>, page: UiPageDefinition<any>): { en: string; nl: string } {
  if (f.caption) return f.caption;
  if (f.source && page.table) {
    const m = tableMeta(page.table).field(f.source);
    return { en: m.caption, nl: m.nl ?? m.caption };
  }
  return { en: f.name, nl: f.name };
}

/** A control's caption; in Dutch, the company's caption set has the last word on a table field's (CaptionSets.ts). */
export function fieldCaption(f: PageFieldDef<any>, page: UiPageDefinition<any>, lang: Language, set: CaptionSetName = '000'): string {
  if (lang === 'nl-NL' && f.source && page.table) {
    const words = setCaption(set, tableMeta(page.table).name, f.source);
    if (words) return words;
  }
  return pick(captions(f, page), lang);
}

export function captionOfProperty(state: PageState, property: string): string {
  const meta = tableMeta(state.page.table!);
  const m = meta.field(property);
  if (state.language !== 'nl-NL') return m.caption;
  return setCaption(state.captionSet, meta.name, property) ?? m.nl ?? m.caption;
}

export function displayOfProperty(state: PageState, property: string, value: unknown): string {
  return displayInSet(state, tableMeta(state.page.table!).field(property), value);
}

/** A value as shown: Format, with an option's Dutch name from the company's caption set where the sets differ. */
export function displayInSet(state: PageState, meta: FieldMeta | undefined, raw: unknown): string {
  if (meta && meta.type.kind === 'Option' && state.language === 'nl-NL' && state.page.table) {
    const member = meta.type.members?.find((m) => m.value === raw);
    const words = member && setOption(state.captionSet, tableMeta(state.page.table).name, meta.property, member.name);
    if (words) return words;
  }
  return formatField(meta, raw, state.language);
}

export function isEditable(state: PageState, ctx: PageContext<TableRecord>, f: PageFieldDef<any>): boolean {
  const page = state.page;
  if (state.mode === 'view' || page.editable === false || page.type === 'List') return false;
  if (!page.temporary && state.mode === 'edit' && page.modifyAllowed === false) return false;
  if (!f.source && !f.onValidate) return false;
  if (f.source && page.table && !tableMeta(page.table).field(f.source).editable) return false;
  if (typeof f.editable === 'function') return f.editable(ctx);
  return f.editable !== false;
}

// ---- opening ----

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/**
 * An open request as a client sent it, checked before anything is read with it: a mode of
 * PageMode, a record id that is a GUID on a page that opens on a record, filters (RunPageLink)
 * on the table's stored fields with values of the field's type (or a list of them), a context
 * object. Filters page code builds (operators such as In) are not JSON and pass unchanged.
 */
export function checkOpenRequest(page: UiPageDefinition<any>, request: OpenRequest, language: Language): OpenRequest {
  const refuse = (part: string) =>
    new BadRequestError('BadRequest', PageSessionLabels.BadOpenRequestErr.format([pick(page.caption, language), part], language));
  if (request.mode !== undefined && !['new', 'edit', 'view'].includes(request.mode as string)) throw refuse('mode');
  if (request.recordId !== undefined && request.recordId !== null) {
    if (typeof request.recordId !== 'string' || !page.table || page.temporary || page.type === 'RoleCenter') throw refuse('recordId');
    if (!isGuid(request.recordId)) {
      throw new RecordNotFoundError(PlatformText.recordNotFound(tableMeta(page.table).caption, `Id='${request.recordId}'`));
    }
  }
  if (request.context !== undefined && request.context !== null && !isPlainObject(request.context)) throw refuse('context');
  if (request.filters === undefined || request.filters === null) return request;
  if (!isPlainObject(request.filters) || (Object.keys(request.filters).length && !page.table)) throw refuse('filters');
  const meta = page.table ? tableMeta(page.table) : null;
  const filters: Record<string, unknown> = {};
  for (const [property, value] of Object.entries(request.filters)) {
    const field = meta!.fields.find((f) => f.property === property && !f.calcFormula);
    if (!field) throw refuse(`filters (${property})`);
    const one = (v: unknown) => {
      if (v !== null && typeof v === 'object') throw refuse(`filters (${property})`);
      const value = coerceFieldValue(field, v, meta!.caption);
      // A text is filtered on as given (only checked); other kinds as the field's value (an option's name → its number).
      return typeof v === 'string' && (field.type.kind === 'Code' || field.type.kind === 'Text') ? v : value;
    };
    if (Array.isArray(value)) {
      if (!value.length) throw refuse(`filters (${property})`);
      filters[property] = value.map(one);
    } else filters[property] = isPlainObject(value) || value === null || typeof value !== 'object' ? one(value) : value;
  }
  return { ...request, filters };
}

// ---- records ----

export function newContext(session: Session, state: PageState, rec: TableRecord | null): PageContext<TableRecord> {
  return { session, rec, context: state.context, mode: state.mode };
}

export async function loadContext(session: Session, state: PageState): Promise<PageContext<TableRecord>> {
  const page = state.page;
  let rec: TableRecord | null = null;
  if (page.table) {
    if (state.draft) rec = Object.assign(session.create(page.table), state.draft);
    else if (state.recordId) rec = await session.getBySystemId(page.table, state.recordId);
  }
  return newContext(session, state, rec);
}

/** After an operation: a temporary or still-new record stays a draft; a stored one is found again by its SystemId. */
export function keepRecord(state: PageState, rec: TableRecord): void {
  if (state.page.temporary || rec.systemId === '') {
    state.draft = snapshot(rec);
  } else if (state.page.type !== 'List') {
    state.draft = null;
    state.recordId = rec.systemId;
  }
}

export function snapshot(rec: TableRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of rec.meta().fields) out[f.property] = (rec as any)[f.property];
  out.systemId = rec.systemId;
  out.systemCreatedAt = rec.systemCreatedAt;
  out.systemModifiedAt = rec.systemModifiedAt;
  out.rowVersion = rec.rowVersion;
  return out;
}

/** The FlowFields among the controls are calculated for the records shown (a list's page: one query per FlowField). */
export async function calcShownFlowFields(
  session: Session,
  page: UiPageDefinition<any>,
  records: readonly TableRecord[],
  fields: readonly PageFieldDef<any>[],
): Promise<void> {
  if (!page.table || !records.length) return;
  const meta = tableMeta(page.table);
  const flowFields = fields.flatMap((f) => (f.source && meta.field(f.source).calcFormula ? [f.source] : []));
  if (flowFields.length) await calcFields(session, meta, records, flowFields);
}

export async function rows(session: Session, state: PageState, take?: number): Promise<TableRecord[]> {
  const page = state.page;
  return session.find(page.table!, where(state, session) as FindOptionsWhere<TableRecord>, page.order as any, take);
}

/** The filter pane's key of the list's search box (BC's "Zoeken": every shown column). */
export const SEARCH_KEY = '$search';

/**
 * A filter pane's field: a control of the page, or any other stored field of its table by property or caption
 * (BC's filter pane filters on any field of the table, not only the shown columns).
 */
export function filterField(state: PageState, name: string): { key: string; meta: FieldMeta } | null {
  const meta = tableMeta(state.page.table!);
  let control: PageFieldDef<any> | undefined;
  try {
    control = findField(state, name);
  } catch (err) {
    if (!(err instanceof BadRequestError)) throw err;
  }
  if (control) {
    // A FlowField is not filtered on, as a page variable is not (docs/differences.md).
    if (!control.source || meta.field(control.source).calcFormula) return null;
    return { key: control.name, meta: meta.field(control.source) };
  }
  const needle = name.trim().toLowerCase();
  const other = meta.fields.find(
    (m) => m.property.toLowerCase() === needle || m.caption.toLowerCase() === needle || (m.nl ?? '').toLowerCase() === needle,
  );
  if (other) return { key: other.property, meta: other };
  findField(state, name); // the page's own error for a name it does not know
  return null;
}

/** The fields the filter pane offers: the shown columns first, then the table's other stored fields. */
export function filterFields(state: PageState): Array<{ name: string; caption: string }> {
  const meta = tableMeta(state.page.table!);
  const columns = (state.page.columns ?? []).filter((c) => c.source && !meta.field(c.source).calcFormula);
  const shown = new Set(columns.map((c) => c.source));
  return [
    ...columns.map((c) => ({ name: c.name, caption: fieldCaption(c, state.page, state.language, state.captionSet) })),
    ...meta.fields
      .filter((m) => !shown.has(m.property) && !m.property.startsWith('system') && m.property !== 'rowVersion')
      .map((m) => ({ name: m.property, caption: captionOfProperty(state, m.property) })),
  ];
}

/**
 * The list's conditions: its view, the opener's filters, the filter pane's; the search box adds one branch per
 * shown column (OR), each with every other condition, as BC's search matches a row on any shown column.
 */
export function where(state: PageState, session?: Session): Record<string, unknown> | Record<string, unknown>[] {
  // A typed date's missing parts come from the work date; checking a filter before it is kept needs no session.
  const clock = session ? { today: session.today(), workDate: session.workDate() } : { today: '2000-01-01', workDate: '2000-01-01' };
  const page = state.page;
  // Filters are plain data (a list: one of its values), as the store reads them.
  const out: Record<string, unknown> = { ...((page.sourceTableView as Record<string, unknown>) ?? {}), ...state.filters };
  const meta = tableMeta(page.table!);
  for (const [name, text] of Object.entries(state.userFilters)) {
    if (name === SEARCH_KEY) continue;
    const target = filterField(state, name);
    if (!target) continue;
    out[target.meta.property] = filterInput(target.meta, text, state.language, clock);
  }
  const search = state.userFilters[SEARCH_KEY]?.trim();
  if (!search) return out;
  const branches: Record<string, unknown>[] = [];
  // No stored value holds a NUL (and PostgreSQL takes none as a parameter): such a search finds nothing.
  const searchable = !search.includes('\u0000');
  for (const c of searchable ? (page.columns ?? []) : []) {
    const m = c.source ? meta.field(c.source) : undefined;
    if (!m || m.calcFormula || m.property in out) continue;
    if (m.type.kind === 'Code' || m.type.kind === 'Text') {
      // BC's search ignores case on every database.
      if (search.length <= (m.type.length ?? Infinity)) branches.push({ ...out, [m.property]: ILike(`%${search.replace(/[%_]/g, '')}%`) });
    } else if (m.type.kind === 'Option') {
      const hits = (m.type.members ?? []).filter((o) => displayInSet(state, m, o.value).toLowerCase().includes(search.toLowerCase()));
      if (hits.length) branches.push({ ...out, [m.property]: hits.map((o) => o.value) });
    }
  }
  // Nothing can match: a branch no row satisfies keeps the result empty rather than unfiltered.
  return branches.length ? branches : [{ ...out, [meta.fields.find((f) => f.primaryKey)!.property]: NO_ROW }];
}

/** A key value no record has (a control character no one types; not NUL, which PostgreSQL refuses). */
const NO_ROW = '\u0001';

/** Navigation and the filter pane are a list's. */
export function listOnly(state: PageState): void {
  if (state.page.type !== 'List') {
    throw new BadRequestError('BadRequest', PageSessionLabels.NotAListErr.format([pick(state.page.caption, state.language)], state.language));
  }
}

/** A list's first row (its current row after opening or filtering); other pages keep their record. */
export async function firstRowId(session: Session, state: PageState): Promise<string | null> {
  if (state.page.type !== 'List') return state.recordId;
  return (await rows(session, state, 1))[0]?.systemId ?? null;
}

/** The filter pane's text as a condition on the field. */
function filterInput(meta: FieldMeta, text: string, language: Language, clock: { today: string; workDate: string }): unknown {
  switch (meta.type.kind) {
    case 'Code':
    case 'Text':
      // What could never be the field's value is refused as the value would be (its length, a NUL).
      coerceFieldValue(meta, text);
      // BC's "contains" search of the filter pane (*text*); SQLite's LIKE ignores ASCII case.
      return Like(`%${text.replace(/[%_]/g, '')}%`);
    case 'Option':
      return evaluateOption(meta, text) ?? -1;
    case 'Boolean':
      return parseYesNo(text) ?? false;
    case 'Date':
      // As a date field takes it (dd-mm-jjjj, 031226, v, w, …).
      return coerceFieldValue(meta, evaluateDate(text, language, clock));
    default:
      // Numbers and dates as the field evaluates typed text: out of the type's range is an error, not a database's.
      return coerceFieldValue(meta, evaluateInput(meta, text));
  }
}
