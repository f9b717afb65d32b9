import { ApiFieldDef, ApiPageDefinition, ComputedType, isComputed, NavigationDef, own } from '../../../pages/api/ApiPage';
import { flowFieldReads, flowFieldValues } from '../../runtime/FlowFields';
import { FieldKind, FieldMeta, optionName, tableMeta } from '../../runtime/Metadata';
import { TableRecord } from '../../runtime/Record';
import type { Session } from '../../runtime/Session';
import { HttpErrors } from '../HttpErrors';
import { BLANK_DATE, BLANK_DATETIME, BLANK_TIME, decodeEdmName, EMPTY_GUID, encodeEdmName, isGuid } from './edm';
// Type only: EntityWriter.ts imports this module at run time, not the other way round.
import type { EntityWriter } from './EntityWriter';

/** One API field with what the codec needs to read and write it. */
export interface FieldInfo {
  def: ApiFieldDef<any>;
  name: string;
  kind: FieldKind | ComputedType;
  /** The table field, for table fields (not for system properties or computed fields). */
  meta?: FieldMeta;
  /** The column; absent for computed fields and FlowFields (no column: not filtered or sorted on). */
  property?: string;
  readOnly: boolean;
  primaryKey: boolean;
  caption: string;
}

const SYSTEM_KINDS: Record<string, FieldKind> = {
  systemId: 'Guid',
  systemCreatedAt: 'DateTime',
  systemModifiedAt: 'DateTime',
};

const cache = new WeakMap<ApiPageDefinition<any>, FieldInfo[]>();

/** The page's fields, resolved against the table metadata once. */
export function pageFields(page: ApiPageDefinition<any>): FieldInfo[] {
  const cached = cache.get(page);
  if (cached) return cached;
  const meta = tableMeta(page.table);
  const infos = page.fields.map((def): FieldInfo => {
    if (isComputed(def)) {
      return { def, name: def.name, kind: def.type, readOnly: true, primaryKey: false, caption: def.caption?.en ?? def.name };
    }
    const systemKind = SYSTEM_KINDS[def.source];
    if (systemKind) {
      return {
        def,
        name: def.name,
        kind: systemKind,
        property: def.source,
        readOnly: true,
        primaryKey: false,
        caption: def.caption?.en ?? def.name,
      };
    }
    const f = meta.field(def.source);
    return {
      def,
      name: def.name,
      kind: f.type.kind,
      meta: f,
      property: f.calcFormula ? undefined : f.property,
      // A control is read-only if the page says so or the table field is not editable.
      readOnly: def.editable === false || !f.editable,
      primaryKey: f.primaryKey,
      caption: def.caption?.en ?? f.caption,
    };
  });
  cache.set(page, infos);
  return infos;
}

/** What an entity is written from: a record, or a row's values when nothing needs the record (collection.readRows). */
export type EntitySource = TableRecord | Readonly<Record<string, unknown>>;

/** The record behind an entity source; a row's values where a record is needed is a simulator bug. */
export function asRecord(source: EntitySource): TableRecord {
  if (source instanceof TableRecord) return source;
  throw new Error('API: a computed field or navigation link was given row values instead of a record');
}

/** The shown computed fields' values (and FlowFields'), by field name, one per row. */
export async function computedValues(shown: ShownFields, rows: readonly EntitySource[], session: Session): Promise<Map<string, unknown[]>> {
  const computed = new Map<string, unknown[]>();
  if (!shown.computed || !rows.length) return computed;
  for (const f of shown.fields) {
    const def = f.def;
    if (f.meta?.calcFormula) {
      computed.set(f.name, await flowFieldValues(session, f.meta, rows as Record<string, unknown>[]));
      continue;
    }
    if (!isComputed(def) || def.type === 'stream') continue;
    if ('computeRows' in def) {
      computed.set(f.name, await def.computeRows.compute(rows as Record<string, unknown>[], session));
    } else {
      const values: unknown[] = [];
      for (const r of rows) values.push(await def.compute(asRecord(r), session));
      computed.set(f.name, values);
    }
  }
  return computed;
}

/** The fields a response shows ($select, or all) in page order, and what they need of a row. */
export interface ShownFields {
  fields: FieldInfo[];
  /** Some shown field is computed (a computed page field or a FlowField). */
  computed: boolean;
  /**
   * The table properties the shown fields read, when no shown field needs a
   * record (every computed one is computed from rows); undefined otherwise.
   */
  reads?: readonly string[];
  /** The compiled JSON writer of these fields (EntityWriter.ts), made on first use. */
  writer?: EntityWriter;
}

const shownCache = new WeakMap<ApiPageDefinition<any>, Map<string, ShownFields>>();

export function shownFields(page: ApiPageDefinition<any>, select?: ReadonlySet<string>): ShownFields {
  let byPage = shownCache.get(page);
  if (!byPage) shownCache.set(page, (byPage = new Map()));
  const id = select ? [...select].join(',') : '*';
  let shown = byPage.get(id);
  if (!shown) {
    const fields = pageFields(page).filter((f) => !select || select.has(f.name));
    const reads = new Set<string>();
    let needsRecord = false;
    for (const f of fields) {
      if (f.property !== undefined) reads.add(f.property);
      else if (f.meta?.calcFormula) for (const p of flowFieldReads(f.meta)) reads.add(p);
      else if ('computeRows' in f.def) for (const p of f.def.computeRows.reads) reads.add(p);
      else needsRecord = true;
    }
    shown = { fields, computed: fields.some((f) => f.property === undefined), reads: needsRecord ? undefined : [...reads] };
    // Bounded: $select lists come from clients.
    if (byPage.size >= 200) byPage.delete(byPage.keys().next().value as string);
    byPage.set(id, shown);
  }
  return shown;
}

/** A field's value as its JSON value: the one place values are formatted (blank dates, GUIDs, option names...). */
export function toJson(f: FieldInfo, value: unknown): unknown {
  switch (f.kind) {
    case 'Code':
    case 'Text':
    case 'DateFormula':
    case 'string':
      return value === null || value === undefined ? '' : String(value);
    case 'Guid':
    case 'guid':
      return value === null || value === undefined || value === '' ? EMPTY_GUID : String(value);
    case 'stream':
      return undefined;
    case 'integer':
    case 'Integer':
    case 'BigInteger':
    case 'Decimal':
    case 'number':
      return value === null || value === undefined ? 0 : Number(value);
    case 'Boolean':
    case 'boolean':
      return Boolean(value);
    case 'Option':
      return encodeEdmName(optionName(f.meta!, Number(value ?? 0)));
    case 'Date':
    case 'date':
      return value ? String(value).slice(0, 10) : BLANK_DATE;
    case 'Time':
      return value ? String(value).slice(0, 8) : BLANK_TIME;
    case 'DateTime':
    case 'datetime':
      return value ? new Date(value as string | Date).toISOString() : BLANK_DATETIME;
  }
}

/** A property of a request body, checked and converted, ready for Validate. */
export interface FieldAssignment {
  info: FieldInfo;
  value: unknown;
}

export interface ParsedBody {
  /** In page order: the order the fields are validated in. */
  assignments: FieldAssignment[];
  /** `id` on POST: the client's choice of SystemId. */
  systemId?: string;
  /** Deep insert: entities to create through navigation properties after this one, in body order. */
  nested: NestedInsert[];
}

export interface NestedInsert {
  name: string;
  navigation: NavigationDef<any>;
  page: ApiPageDefinition<any>;
  items: ParsedBody[];
}

/**
 * Checks a POST/PATCH body the way BC's OData layer does before any field is
 * validated: every property must exist on the entity type, must be writable,
 * and must have the JSON type of its EDM type. Instance annotations
 * (`@odata.etag` and the like) are ignored, as BC ignores them.
 */
export function parseEntityBody(page: ApiPageDefinition<any>, body: unknown, mode: 'insert' | 'modify'): ParsedBody {
  if (body === undefined) body = {};
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw HttpErrors.invalidRequestBody();
  const fields = pageFields(page);
  const byName = fieldsByName(page);
  const given = body as Record<string, unknown>;
  const parsed: ParsedBody = { assignments: [], nested: [] };
  for (const key of Object.keys(given)) {
    if (key.includes('@')) continue;
    const info = byName.get(key);
    if (!info) {
      const navigation = own(page.navigation, key);
      if (!navigation) throw HttpErrors.unknownProperty(key, page.entityName);
      // BC supports deep insert on API pages, not deep update (odata-known-limitations.md).
      if (mode === 'modify') throw HttpErrors.deepUpdate(key);
      const target = navigation.target();
      if (!target.insertAllowed) throw HttpErrors.methodNotAllowed('POST', key, 'EntitySet');
      const items = given[key];
      if (!Array.isArray(items)) throw HttpErrors.invalidRequestBody();
      parsed.nested.push({ name: key, navigation, page: target, items: items.map((item) => parseEntityBody(target, item, 'insert')) });
      continue;
    }
    if (mode === 'insert' && info.property === 'systemId') {
      parsed.systemId = parseGuid(given[key], info.name);
      continue;
    }
    if (info.readOnly) throw HttpErrors.readOnly(info.caption);
  }
  for (const info of fields) {
    if (!(info.name in given) || info.readOnly) continue;
    parsed.assignments.push({ info, value: fromJson(info, given[info.name]) });
  }
  return parsed;
}

const byNameCache = new WeakMap<ApiPageDefinition<any>, Map<string, FieldInfo>>();

/** The page's fields by API name, made once per page (every POST and PATCH body is read through it). */
function fieldsByName(page: ApiPageDefinition<any>): Map<string, FieldInfo> {
  let byName = byNameCache.get(page);
  if (!byName) byNameCache.set(page, (byName = new Map(pageFields(page).map((f) => [f.name, f]))));
  return byName;
}

function parseGuid(value: unknown, name: string): string {
  if (value === null) throw HttpErrors.nullField(name);
  if (typeof value !== 'string') throw HttpErrors.cannotConvertPrimitive('Edm.Guid');
  const text = value.replace(/^\{|\}$/g, '');
  if (!isGuid(text)) throw HttpErrors.cannotConvertLiteral(value, 'Edm.Guid');
  return text.toLowerCase();
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?$/;
const DATETIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;

/** JSON → the value handed to the table's Validate (which applies AL's assignment rules). */
function fromJson(info: FieldInfo, value: unknown): unknown {
  if (value === null) throw HttpErrors.nullField(info.name);
  const expect = (type: string, edm: string) => {
    if (typeof value !== type) throw HttpErrors.cannotConvertPrimitive(edm);
  };
  switch (info.kind) {
    case 'Code':
    case 'Text':
    case 'DateFormula':
      expect('string', 'Edm.String');
      return value;
    case 'Guid': {
      const text = parseGuid(value, info.name);
      return text === EMPTY_GUID ? '' : text;
    }
    case 'Integer':
      expect('number', 'Edm.Int32');
      // Edm.Int32's range is the OData layer's check, before any AL code sees the value.
      if (!Number.isInteger(value) || (value as number) < -2_147_483_648 || (value as number) > 2_147_483_647) {
        throw HttpErrors.cannotConvertLiteral(String(value), 'Edm.Int32');
      }
      return value;
    case 'BigInteger':
      expect('number', 'Edm.Int64');
      // Beyond 2^53 a JSON number has already lost digits: refused rather than stored altered.
      if (!Number.isSafeInteger(value)) throw HttpErrors.cannotConvertLiteral(String(value), 'Edm.Int64');
      return value;
    case 'Decimal':
      expect('number', 'Edm.Decimal');
      return value;
    case 'Boolean':
      expect('boolean', 'Edm.Boolean');
      return value;
    case 'Option': {
      expect('string', 'Edm.String');
      // The member's name; Validate rejects names that are not members, as AL's Evaluate does.
      return decodeEdmName(value as string);
    }
    case 'Date': {
      expect('string', 'Edm.Date');
      const m = DATE_RE.exec(value as string);
      if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) throw HttpErrors.cannotConvertLiteral(value as string, 'Edm.Date');
      return value === BLANK_DATE ? '' : value;
    }
    case 'Time': {
      expect('string', 'Edm.TimeOfDay');
      const m = TIME_RE.exec(value as string);
      if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) {
        throw HttpErrors.cannotConvertLiteral(value as string, 'Edm.TimeOfDay');
      }
      return `${m[1]}:${m[2]}:${m[3] ?? '00'}`;
    }
    case 'DateTime': {
      expect('string', 'Edm.DateTimeOffset');
      if (!DATETIME_RE.test(value as string) || Number.isNaN(Date.parse(value as string))) {
        throw HttpErrors.cannotConvertLiteral(value as string, 'Edm.DateTimeOffset');
      }
      return value === BLANK_DATETIME ? '' : value;
    }
    default:
      // Computed fields are read-only and never reach here.
      throw HttpErrors.readOnly(info.caption);
  }
}

function isRealDate(y: number, m: number, d: number): boolean {
  // Not Date.UTC(y, …): it reads the years 0–99 as 1900–1999, which refused BC's blank date 0001-01-01.
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y, m - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
