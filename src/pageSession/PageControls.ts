import { FindOptionsWhere, Like } from 'typeorm';
import { BadRequestError, RecordNotFoundError } from '../runtime/BcError';
import { coerceFieldValue, isGuid } from '../runtime/FieldValues';
import { calcFields } from '../runtime/FlowFields';
import { evaluateInput, evaluateOption, formatField, parseYesNo } from '../runtime/Format';
import { defineLabels, Language } from '../runtime/Labels';
import { FieldMeta, tableMeta } from '../runtime/Metadata';
import type { TableRecord } from '../runtime/Record';
import type { Session } from '../runtime/Session';
import type { PageState } from './PageSessionStore';
import { pick } from '../../pages/Page';
import { OpenRequest, PageActionDef, PageContext, PageFieldDef, UiPageDefinition } from '../../pages/UiPage';
import { PlatformText } from '../runtime/PlatformErrors';

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
      return c.en.toLowerCase() === needle || c.nl.toLowerCase() === needle;
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

export function fieldCaption(f: PageFieldDef<any>, page: UiPageDefinition<any>, lang: Language): string {
  return pick(captions(f, page), lang);
}

export function captionOfProperty(state: PageState, property: string): string {
  const m = tableMeta(state.page.table!).field(property);
  return state.language === 'nl-NL' ? (m.nl ?? m.caption) : m.caption;
}

export function displayOfProperty(state: PageState, property: string, value: unknown): string {
  return formatField(tableMeta(state.page.table!).field(property), value, state.language);
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
  return session.find(page.table!, where(state) as FindOptionsWhere<TableRecord>, page.order as any, take);
}

export function where(state: PageState): Record<string, unknown> {
  const page = state.page;
  // Filters are plain data (a list: one of its values), as the store reads them.
  const out: Record<string, unknown> = { ...((page.sourceTableView as Record<string, unknown>) ?? {}), ...state.filters };
  const meta = tableMeta(page.table!);
  for (const [name, text] of Object.entries(state.userFilters)) {
    const f = findField(state, name);
    // A FlowField is not filtered on, as a page variable is not (docs/differences.md).
    if (!f.source || meta.field(f.source).calcFormula) continue;
    out[f.source] = filterInput(meta.field(f.source), text);
  }
  return out;
}

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
function filterInput(meta: FieldMeta, text: string): unknown {
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
    default:
      // Numbers and dates as the field evaluates typed text: out of the type's range is an error, not a database's.
      return coerceFieldValue(meta, evaluateInput(meta, text));
  }
}
