import type { FilterLiteral as BoundLiteral, FilterProperty, FilterTree as Bound, FilterValue as BoundValue } from '../../runtime/FilterTree';
import type { Dialect } from '../schema';
import type { ColumnPlan, TablePlan } from './TablePlan';

/**
 * A bound $filter (the API's OData filter, checked against the page's
 * fields by src/http/api/odata/bind.ts) → a SQL condition on the record
 * store's table plan. The only things written into the SQL text are column
 * names from the table plan (an API page's fields resolved to table columns:
 * the allow-list), operators and function names chosen here; every value —
 * literals, lengths, substring positions — is a positional parameter.
 *
 * BC's blanks: a blank Date/Time/DateTime is stored as NULL; in AL the blank
 * value is the smallest one (0D < any date), so comparisons treat NULL as the
 * blank value instead of SQL's unknown.
 */

export interface SqlTarget {
  dialect: Dialect;
  plan: TablePlan;
  /** Adds a parameter and returns its placeholder. */
  param: (value: unknown) => string;
}

/** The table column behind an API property (API field → table property → column). */
export function columnOf(plan: TablePlan, prop: FilterProperty): ColumnPlan {
  const column = prop.property ? plan.byProperty.get(prop.property) : undefined;
  // Only page fields that are table fields bind as columns (EdmProperty.column); anything else is a simulator bug.
  if (!column) throw new Error(`No column for API property '${prop.name}'`);
  return column;
}

/** The SQL condition, or null for "no condition" (an empty filter, an ignored lambda). */
export function boundToSql(b: Bound, t: SqlTarget): string | null {
  switch (b.t) {
    case 'true':
      return null;
    case 'and':
    case 'or': {
      const l = boundToSql(b.l, t);
      const r = boundToSql(b.r, t);
      if (l === null) return b.t === 'and' ? r : null;
      if (r === null) return b.t === 'and' ? l : null;
      return `(${l} ${b.t === 'and' ? 'AND' : 'OR'} ${r})`;
    }
    case 'not': {
      const x = boundToSql(b.x, t);
      return x === null ? '1 = 0' : `NOT (${x})`;
    }
    case 'cmp':
      return compare(b.v, b.op, b.lit, b.ci, t);
    case 'in': {
      const v = valueSql(b.v, t);
      const nullable = nullableColumn(b.v, t);
      const values = b.lits.filter((l) => !(nullable && l.blank));
      const parts: string[] = [];
      if (values.length) {
        const list = values.map((l) => side(dbValue(b.v, l, t), b.ci, t)).join(', ');
        parts.push(`${b.ci ? `LOWER(${v})` : v} IN (${list})`);
      }
      if (nullable && values.length < b.lits.length) parts.push(`${v} IS NULL`);
      return parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`;
    }
    case 'fn':
      return stringFunction(b.fn, b.v, b.s, b.ci, t);
  }
}

function side(value: unknown, ci: boolean, t: SqlTarget): string {
  const p = t.param(value);
  return ci ? `LOWER(${p})` : p;
}

function compare(v: BoundValue, op: string, lit: BoundLiteral, ci: boolean, t: SqlTarget): string {
  const x = valueSql(v, t);
  const sqlOp = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' }[op]!;
  if (nullableColumn(v, t)) {
    // NULL is the blank value, the smallest of its type.
    if (lit.blank) {
      switch (op) {
        case 'eq':
        case 'le':
          return `${x} IS NULL`;
        case 'ne':
        case 'gt':
          return `${x} IS NOT NULL`;
        case 'ge':
          return '1 = 1';
        default:
          return '1 = 0';
      }
    }
    const p = t.param(dbValue(v, lit, t));
    if (op === 'ne' || op === 'lt' || op === 'le') return `(${x} ${sqlOp} ${p} OR ${x} IS NULL)`;
    return `${x} ${sqlOp} ${p}`;
  }
  const left = ci ? `LOWER(${x})` : x;
  return `${left} ${sqlOp} ${side(dbValue(v, lit, t), ci, t)}`;
}

function stringFunction(fn: 'contains' | 'startswith' | 'endswith', v: BoundValue, s: string, ci: boolean, t: SqlTarget): string {
  const dialect = t.dialect;
  const x = ci ? `LOWER(${valueSql(v, t)})` : valueSql(v, t);
  const p = side(s, ci, t);
  // Lengths in characters (code points), as SQL counts them; a parameter only where the SQL uses one.
  const len = () => t.param([...s].length);
  const substr = dialect === 'mssql' ? 'SUBSTRING' : 'SUBSTR';
  const length = dialect === 'mssql' ? 'LEN' : 'LENGTH';
  switch (fn) {
    case 'contains':
      if (dialect === 'postgres') return `STRPOS(${x}, ${p}) > 0`;
      if (dialect === 'mssql') return `CHARINDEX(${p}, ${x}) > 0`;
      return `INSTR(${x}, ${p}) > 0`;
    case 'startswith':
      return `${substr}(${x}, 1, ${len()}) = ${p}`;
    case 'endswith': {
      const n = len();
      return `(${length}(${x}) >= ${n} AND ${substr}(${x}, ${length}(${x}) - ${n} + 1, ${n}) = ${p})`;
    }
  }
}

function valueSql(v: BoundValue, t: SqlTarget): string {
  switch (v.t) {
    case 'prop':
      return columnOf(t.plan, v.prop).sql;
    case 'lower':
      return `LOWER(${valueSql(v.x, t)})`;
    case 'upper':
      return `UPPER(${valueSql(v.x, t)})`;
    case 'substr': {
      const substr = t.dialect === 'mssql' ? 'SUBSTRING' : 'SUBSTR';
      // OData positions are 0-based, SQL's 1-based; SQL Server's SUBSTRING needs a length.
      // Past the longest text either position gives ''; capped so the 1-based one stays an SQL integer.
      const start = t.param(Math.min(v.start + 1, 2147483647));
      const length = t.param(v.length ?? 2147483647);
      return `${substr}(${valueSql(v.x, t)}, ${start}, ${length})`;
    }
  }
}

/** Only a bare column can be NULL (functions are applied to string columns, which are never NULL). */
function nullableColumn(v: BoundValue, t: SqlTarget): boolean {
  return v.t === 'prop' && columnOf(t.plan, v.prop).metadata.isNullable;
}

/** The literal as the database stores it: the driver's own conversion of the entity value. */
function dbValue(v: BoundValue, lit: BoundLiteral, t: SqlTarget): unknown {
  if (v.t !== 'prop') return lit.js;
  return columnOf(t.plan, v.prop).toDb(lit.js);
}
