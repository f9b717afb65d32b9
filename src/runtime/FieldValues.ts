import { DialogError, EvaluateError, InvalidGuidError, StringLengthExceededError } from './BcError';
import type { FieldMeta, TableMeta } from './Metadata';
import { fieldCaptionOf } from './Captions';
import type { Localized } from './Labels';
import { PlatformText } from './PlatformErrors';
import type { RowValues } from './RecordStore';

/** A field's values by AL's rules: blank values, assignment (Code uppercased, lengths, options), copying rows onto records. */

export function isBlank(v: unknown): boolean {
  return v === '' || v === 0 || v === false || v === null || v === undefined;
}

export function blankValue(field: FieldMeta): unknown {
  switch (field.type.kind) {
    case 'Code':
    case 'Text':
    case 'Guid':
    case 'DateFormula':
      return '';
    case 'Integer':
    case 'BigInteger':
    case 'Decimal':
    case 'Option':
      return 0;
    case 'Boolean':
      return false;
    default:
      return null;
  }
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** BC's ranges: Integer ±2,147,483,647; Decimal ±999,999,999,999,999.99; BigInteger as far as a JS number is exact. */
const INTEGER_MAX = 2_147_483_647;
const DECIMAL_MAX = 999_999_999_999_999.99;
/** DateTime from 1753-01-01 (SQL Server's datetime, which BC keeps) to the end of 9999; Date from 0001-01-01. */
const DATETIME_MIN = Date.UTC(1753, 0, 1);
const DATETIME_MAX = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const TIME_RE = /^\d{2}:\d{2}(:\d{2})?$/;
const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(text: string): boolean {
  return GUID_RE.test(text);
}

/** A text's content as BC's field takes it: its length, and no NUL (docs/differences.md). */
function checkText(field: FieldMeta, v: string, table: string | Localized): void {
  const max = field.type.length;
  if (max && v.length > max) throw new StringLengthExceededError(PlatformText.stringLength(v.length, max, v));
  if (v.includes('\u0000')) throw new DialogError(PlatformText.nulCharacter(fieldCaptionOf(field), table));
}

function numberInRange(kind: string, n: number): boolean {
  if (kind === 'Integer') return Number.isInteger(n) && Math.abs(n) <= INTEGER_MAX;
  if (kind === 'BigInteger') return Number.isSafeInteger(n);
  return Number.isFinite(n) && Math.abs(n) <= DECIMAL_MAX;
}

/** BC's Evaluate error, one text and code for every type (Application_EvaluateException). */
const cantEvaluate = (value: unknown, kind: string) => new EvaluateError(PlatformText.cannotEvaluate(value, kind));

/**
 * The check of every value a record is written with (TableRecord.insert/modify), whichever way it
 * was assigned — validated, or set directly by code: text lengths and content, number and date
 * ranges. The same on every database, so no database answers with an error of its own (or stores
 * a value altered) for a value outside BC's types.
 */
export function checkStoredValue(field: FieldMeta, v: unknown, table: string | Localized): void {
  if (v === null || v === undefined) return;
  const kind = field.type.kind;
  switch (kind) {
    case 'Code':
    case 'Text':
    case 'DateFormula':
      if (typeof v === 'string') checkText(field, v, table);
      return;
    case 'Guid':
      if (typeof v === 'string' && v !== '' && !isGuid(v)) throw new InvalidGuidError(PlatformText.invalidGuid());
      return;
    case 'Integer':
    case 'BigInteger':
    case 'Decimal':
    case 'Option':
      if (typeof v !== 'number' || !numberInRange(kind === 'Option' ? 'Integer' : kind, v)) throw cantEvaluate(v, kind);
      return;
    case 'Date':
      if (typeof v !== 'string' || !DATE_RE.test(v) || v < '0001-01-01') throw cantEvaluate(v, kind);
      return;
    case 'DateTime': {
      const ms = v instanceof Date ? v.getTime() : new Date(String(v)).getTime();
      if (Number.isNaN(ms) || ms < DATETIME_MIN || ms > DATETIME_MAX) throw cantEvaluate(v instanceof Date && !Number.isNaN(ms) ? v.toISOString() : v, kind);
      return;
    }
  }
}

/** Assignment rules of AL: Code uppercased and trimmed, lengths checked, options by value or name. */
export function coerceFieldValue(field: FieldMeta, value: unknown, table: string | Localized = ''): unknown {
  const t = field.type;
  switch (t.kind) {
    case 'Code':
    case 'Text':
    case 'DateFormula': {
      let v = value === null || value === undefined ? '' : String(value);
      if (t.kind === 'Code') v = v.trim().toUpperCase();
      checkText(field, v, table);
      return v;
    }
    case 'Guid': {
      const v = value === null || value === undefined ? '' : String(value).replace(/^\{|\}$/g, '');
      if (v !== '' && !isGuid(v)) throw new InvalidGuidError(PlatformText.invalidGuid());
      return v;
    }
    case 'Integer':
    case 'BigInteger':
    case 'Decimal': {
      const n = typeof value === 'number' ? value : Number(value ?? 0);
      // Out of the type's range is refused as BC's Evaluate refuses it, never stored altered.
      if (!numberInRange(t.kind, n)) throw cantEvaluate(value, t.kind);
      return n;
    }
    case 'Boolean':
      if (typeof value === 'boolean') return value;
      throw cantEvaluate(value, 'Boolean');
    case 'Option': {
      const members = t.members ?? [];
      if (typeof value === 'number' && members.some((m) => m.value === value)) return value;
      if (typeof value === 'string') {
        const m = members.find((x) => x.name === value || x.nl === value);
        if (m) return m.value;
      }
      throw cantEvaluate(value, 'Option');
    }
    case 'Date':
      if (value === null || value === undefined || value === '') return null;
      // A real calendar date only: JavaScript would roll 1980-02-30 over to March.
      if (typeof value === 'string' && DATE_RE.test(value) && value >= '0001-01-01') {
        const d = new Date(`${value}T00:00:00Z`);
        if (!Number.isNaN(d.getTime()) && d.toISOString().startsWith(value)) return value;
      }
      throw cantEvaluate(value, 'Date');
    case 'Time':
      if (value === null || value === undefined || value === '') return null;
      if (typeof value === 'string' && TIME_RE.test(value)) return value.length === 5 ? `${value}:00` : value;
      throw cantEvaluate(value, 'Time');
    case 'DateTime': {
      if (value === null || value === undefined || value === '') return null;
      const d = value instanceof Date ? value : new Date(String(value));
      const ms = d.getTime();
      if (Number.isNaN(ms) || ms < DATETIME_MIN || ms > DATETIME_MAX) {
        const shown = value instanceof Date && !Number.isNaN(ms) ? value.toISOString() : String(value);
        throw cantEvaluate(shown, 'DateTime');
      }
      return d;
    }
  }
}

/**
 * Copies a row's values onto a new record with one straight-line function per
 * table (made once): every record of a table gets its properties in the same
 * order, and the copy needs no key enumeration — Object.assign (Session.load,
 * xRec copies) was a fifth of an operation's time.
 */
const assigners = new WeakMap<TableMeta, (target: object, values: RowValues) => void>();
export function assignerFor(meta: TableMeta): (target: object, values: RowValues) => void {
  let f = assigners.get(meta);
  if (!f) {
    const props = ['systemId', 'systemCreatedAt', 'systemModifiedAt', 'rowVersion', ...meta.fields.map((x) => x.property)];
    // Property names come from the table's own declarations (identifiers), quoted as JSON strings.
    const copies = props.map((p) => `t[${JSON.stringify(p)}] = v[${JSON.stringify(p)}];`);
    // A FlowField is blank until CalcFields (rows from the store never carry it); a copy keeps a calculated value.
    for (const x of meta.flowFields) {
      const p = JSON.stringify(x.property);
      copies.push(`t[${p}] = v[${p}] === undefined ? ${JSON.stringify(blankValue(x))} : v[${p}];`);
    }
    f = new Function('t', 'v', copies.join('\n')) as (target: object, values: RowValues) => void;
    assigners.set(meta, f);
  }
  return f;
}

/** A table's fields as JSON-quoted property names (their own declarations, identifiers), for the made-once functions below. */
const quoted = (fields: readonly FieldMeta[]) => fields.map((f) => JSON.stringify(f.property));

/**
 * AL Init() of a table as one straight-line function (made once): every field
 * to its InitValue or blank, FlowFields blank, the system fields cleared — in
 * that order, the order the per-field loop it replaces assigned them.
 */
const initializers = new WeakMap<TableMeta, (target: object) => void>();
export function initializerFor(meta: TableMeta): (target: object) => void {
  let f = initializers.get(meta);
  if (!f) {
    const values = [...meta.fields.map((x) => (x.initValue !== undefined ? x.initValue : blankValue(x))), ...meta.flowFields.map((x) => blankValue(x))];
    const props = quoted([...meta.fields, ...meta.flowFields]);
    const body = props.map((p, i) => `t[${p}] = v[${i}];`);
    body.push(`t.systemId = ''; t.systemCreatedAt = null; t.systemModifiedAt = null; t.rowVersion = 0;`);
    const init = new Function('t', 'v', body.join('\n')) as (target: object, values: unknown[]) => void;
    f = (target: object) => init(target, values);
    initializers.set(meta, f);
  }
  return f;
}

/**
 * The values the store writes for a record (TableRecord.columnValues): every
 * stored field, blank where unset, then the system fields, into a new object
 * by one function per table (made once).
 */
const columnCopiers = new WeakMap<TableMeta, (record: object) => RowValues>();
export function columnValuesOf(meta: TableMeta, record: object): RowValues {
  let f = columnCopiers.get(meta);
  if (!f) {
    const props = quoted(meta.fields);
    const blanks = meta.fields.map((x) => blankValue(x));
    const entries = props.map((p, i) => `${p}: r[${p}] === undefined ? b[${i}] : r[${p}],`);
    const copy = new Function(
      'r',
      'b',
      `return {\n${entries.join(
        '\n',
      )}\nsystemId: r.systemId, systemCreatedAt: r.systemCreatedAt, systemModifiedAt: r.systemModifiedAt, rowVersion: r.rowVersion };`,
    ) as (r: object, b: unknown[]) => RowValues;
    f = (record: object) => copy(record, blanks);
    columnCopiers.set(meta, f);
  }
  return f(record);
}

/** Whether `property` is one of the values a record copies with its row: a field, a FlowField or a system field. */
export function isRecordValue(meta: TableMeta, property: string): boolean {
  return SYSTEM_PROPERTIES.has(property) || meta.fields.some((f) => f.property === property) || meta.flowFields.some((f) => f.property === property);
}
const SYSTEM_PROPERTIES = new Set(['systemId', 'systemCreatedAt', 'systemModifiedAt', 'rowVersion']);

/** TransferFields' pairs of (target property, source property, target in the primary key) by field number, once per pair of tables. */
const transferPairs = new WeakMap<TableMeta, WeakMap<TableMeta, [string, string, boolean][]>>();
export function fieldPairs(from: TableMeta, to: TableMeta): [string, string, boolean][] {
  let byTarget = transferPairs.get(from);
  if (!byTarget) transferPairs.set(from, (byTarget = new WeakMap()));
  let pairs = byTarget.get(to);
  if (!pairs) {
    const sources = new Map(from.fields.map((f) => [f.no, f.property]));
    pairs = to.fields.filter((f) => sources.has(f.no)).map((f) => [f.property, sources.get(f.no)!, f.primaryKey]);
    byTarget.set(to, pairs);
  }
  return pairs;
}
