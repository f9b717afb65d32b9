import { HttpErrors } from '../../HttpErrors';
import { BLANK_DATE, BLANK_TIME, EMPTY_GUID } from '../edm';
import type { EdmKind, EdmProperty } from '../edmModel';
import type { CompareOp, Literal } from './ast';
import type { BoundLiteral } from './bind';

/**
 * A $filter literal as a value of the property it is compared with, checked
 * as ODL checks it (its type errors, real calendar dates) and with the blank
 * values BC's fields have instead of null.
 */

/** What a literal is compared with: a property, or a string function of one. */
export interface LiteralTarget {
  kind: EdmKind;
  /** The EDM type name for error texts. */
  typeName: string;
  prop: EdmProperty;
}

export const OPERATOR_KIND: Record<CompareOp, string> = {
  eq: 'Equal',
  ne: 'NotEqual',
  gt: 'GreaterThan',
  ge: 'GreaterThanOrEqual',
  lt: 'LessThan',
  le: 'LessThanOrEqual',
};

const MIN_DATETIME_MS = Date.parse('0001-01-01T00:00:00Z');
/** BC's Integer and Decimal ranges (src/runtime/FieldValues.ts keeps them for stored values). */
const INT32_MAX = 2_147_483_647;
const DECIMAL_MAX = 999_999_999_999_999.99;

/**
 * A string literal a field's value could be: not with a NUL, which no field stores (docs/differences.md)
 * and PostgreSQL cannot take as a parameter — the literal's conversion error, on every database alike.
 */
export function storableString(lit: Literal): string {
  const text = lit.value as string;
  if (text.includes('\u0000')) throw HttpErrors.cannotConvertLiteral(lit.text, 'Edm.String');
  return text;
}

/** A literal converted to the value's type, or ODL's "incompatible types" error. */
export function coerceLiteral(value: LiteralTarget, lit: Literal, op: CompareOp): BoundLiteral {
  const incompatible = () => HttpErrors.incompatibleOperands(value.typeName, literalTypeName(lit), OPERATOR_KIND[op]);
  // `eq null`: BC's fields are never null; the simulator reads null as the field's blank value.
  if (lit.type === 'null') return blankOf(value.kind, value.prop);
  switch (value.kind) {
    case 'Stream':
      throw incompatible();
    case 'String':
      if (lit.type !== 'string') throw incompatible();
      return { js: storableString(lit), blank: false };
    case 'Int32':
    case 'Int64':
    case 'Decimal': {
      if (lit.type !== 'int' && lit.type !== 'decimal' && lit.type !== 'double') throw incompatible();
      // ODL would promote the operands; BC's filter then cannot evaluate a value its field's type cannot hold.
      const n = lit.value as number;
      const fits =
        value.kind === 'Int32' ? Number.isInteger(n) && Math.abs(n) <= INT32_MAX
        : value.kind === 'Int64' ? Number.isSafeInteger(n)
        : Number.isFinite(n) && Math.abs(n) <= DECIMAL_MAX;
      if (!fits) throw HttpErrors.cannotConvertLiteral(lit.text, value.typeName);
      return { js: n, blank: false };
    }
    case 'Boolean':
      if (lit.type !== 'boolean') throw incompatible();
      return { js: lit.value as boolean, blank: false };
    case 'Guid':
      if (lit.type !== 'guid') throw incompatible();
      return (lit.value as string) === EMPTY_GUID ? blankOf('Guid', value.prop) : { js: (lit.value as string).toLowerCase(), blank: false };
    case 'Enum': {
      const enumType = value.prop.enumType!;
      if (lit.type === 'enum' && lit.enumType !== value.prop.type) throw incompatible();
      if (lit.type !== 'string' && lit.type !== 'enum') throw incompatible();
      const member = enumType.members.find((m) => m.name === lit.value);
      if (!member) throw HttpErrors.notValidEnumConstant(lit.value as string);
      return { js: member.value, blank: false };
    }
    case 'Date': {
      if (lit.type !== 'date') throw incompatible();
      const text = lit.value as string;
      if (!isRealDate(text)) throw HttpErrors.cannotConvertLiteral(text, 'Edm.Date');
      return text === BLANK_DATE ? { js: text, blank: true } : { js: text, blank: false };
    }
    case 'TimeOfDay': {
      if (lit.type !== 'time') throw incompatible();
      const m = /^(\d{2}):(\d{2})(?::(\d{2}))?/.exec(lit.value as string)!;
      if (Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) throw HttpErrors.cannotConvertLiteral(lit.text, 'Edm.TimeOfDay');
      const text = `${m[1]}:${m[2]}:${m[3] ?? '00'}`;
      return { js: text, blank: text === BLANK_TIME };
    }
    case 'DateTimeOffset': {
      if (lit.type !== 'datetime') throw incompatible();
      const ms = Date.parse(lit.value as string);
      if (Number.isNaN(ms) || !isRealDate((lit.value as string).slice(0, 10))) {
        throw HttpErrors.cannotConvertLiteral(lit.text, 'Edm.DateTimeOffset');
      }
      return { js: new Date(ms), blank: ms <= MIN_DATETIME_MS };
    }
  }
}

function blankOf(kind: EdmKind, prop: EdmProperty): BoundLiteral {
  switch (kind) {
    case 'String':
    case 'Guid':
    case 'Stream':
      return { js: '', blank: true };
    case 'Int32':
    case 'Int64':
    case 'Decimal':
      return { js: 0, blank: true };
    case 'Boolean':
      return { js: false, blank: true };
    case 'Enum':
      return { js: prop.enumType!.members.find((m) => m.value === 0)?.value ?? 0, blank: true };
    case 'Date':
      return { js: BLANK_DATE, blank: true };
    case 'TimeOfDay':
      return { js: BLANK_TIME, blank: true };
    case 'DateTimeOffset':
      return { js: new Date(MIN_DATETIME_MS), blank: true };
  }
}

export function literalTypeName(lit: Literal): string {
  switch (lit.type) {
    case 'string':
      return 'Edm.String';
    case 'int':
      return Math.abs(lit.value as number) > 2147483647 ? 'Edm.Int64' : 'Edm.Int32';
    case 'decimal':
      return 'Edm.Decimal';
    case 'double':
      return 'Edm.Double';
    case 'boolean':
      return 'Edm.Boolean';
    case 'null':
      return '<null>';
    case 'guid':
      return 'Edm.Guid';
    case 'date':
      return 'Edm.Date';
    case 'time':
      return 'Edm.TimeOfDay';
    case 'datetime':
      return 'Edm.DateTimeOffset';
    case 'enum':
      return lit.enumType!;
  }
}

function isRealDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1) return false;
  const date = new Date(Date.UTC(2000, mo - 1, d));
  date.setUTCFullYear(y);
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
