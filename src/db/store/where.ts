import { InstanceChecker } from 'typeorm/util/InstanceChecker';
import type { FindOperator } from 'typeorm';
import type { OrderInput, WhereInput } from '../../runtime/RecordStore';
import type { Dialect } from '../schema';
import { placeholders, type TablePlan } from './TablePlan';

/**
 * AL's SetRange/SetFilter as the tables write them — an object of field
 * values and filter operators (`In`, `Not`, `Like`, `LessThan`, …), or an
 * array of such objects (OR) — compiled to a SQL condition. The SQL text
 * depends only on the filter's shape (which fields, which operators, how
 * many values in an `In`), so one compiled statement serves every call of
 * the same shape; values are always parameters.
 */

export interface CompiledWhere {
  /** The shape: the cache key of the SQL text (the same for every call with the same fields and operators). */
  shape: string;
  /** `WHERE …` or '' for no condition. */
  sql: string;
  params: unknown[];
  /** Properties the condition reads: a change to one of them can move a row in or out of the result. */
  properties: Set<string>;
}

export function compileWhere(plan: TablePlan, where: WhereInput | undefined, firstParam = 0): CompiledWhere {
  const p = placeholders(plan.dialect);
  const params: unknown[] = [];
  const properties = new Set<string>();
  const param = (value: unknown) => {
    params.push(value);
    return p(firstParam + params.length - 1);
  };
  const branches = Array.isArray(where) ? where : where ? [where] : [];
  const shapes: string[] = [];
  const sqls: string[] = [];
  for (const branch of branches) {
    const parts: string[] = [];
    const shapeParts: string[] = [];
    for (const property of Object.keys(branch)) {
      const value = branch[property];
      if (value === undefined) continue;
      const column = plan.column(property);
      properties.add(property);
      const { sql, shape } = condition(column.sql, value, (v) => param(column.toDb(v)), plan.dialect);
      parts.push(sql);
      shapeParts.push(`${property}${shape}`);
    }
    shapes.push(shapeParts.join(','));
    sqls.push(parts.length ? parts.join(' AND ') : '1 = 1');
  }
  // An empty OR-list reads every row, as TypeORM's find did.
  const meaningful = sqls.length > 0 && !(sqls.length === 1 && sqls[0] === '1 = 1');
  const sql = !meaningful ? '' : sqls.length === 1 ? `WHERE ${sqls[0]}` : `WHERE ${sqls.map((s) => `(${s})`).join(' OR ')}`;
  return { shape: shapes.join('|'), sql, params, properties };
}

function condition(
  column: string,
  value: unknown,
  param: (v: unknown) => string,
  dialect: Dialect,
): { sql: string; shape: string } {
  if (value === null) return { sql: `${column} IS NULL`, shape: '=null' };
  // A list is one of its values (AL `A|B`): how table views and page filters write it, as plain data.
  if (Array.isArray(value)) return oneOf(column, value, param);
  if (!InstanceChecker.isFindOperator(value)) return { sql: `${column} = ${param(value)}`, shape: '=' };
  const op = value as FindOperator<unknown>;
  const type = op.type as string;
  // Not(x) wraps a value or another operator.
  if (type === 'not') {
    const inner = (op as unknown as { _value: unknown })._value;
    if (inner === null) return { sql: `${column} IS NOT NULL`, shape: '!null' };
    if (!InstanceChecker.isFindOperator(inner)) return { sql: `${column} <> ${param(inner)}`, shape: '<>' };
    const c = condition(column, inner, param, dialect);
    return { sql: `NOT (${c.sql})`, shape: `!(${c.shape})` };
  }
  const v = op.value;
  switch (type) {
    case 'equal':
      return { sql: `${column} = ${param(v)}`, shape: '=' };
    case 'lessThan':
      return { sql: `${column} < ${param(v)}`, shape: '<' };
    case 'lessThanOrEqual':
      return { sql: `${column} <= ${param(v)}`, shape: '<=' };
    case 'moreThan':
      return { sql: `${column} > ${param(v)}`, shape: '>' };
    case 'moreThanOrEqual':
      return { sql: `${column} >= ${param(v)}`, shape: '>=' };
    case 'isNull':
      return { sql: `${column} IS NULL`, shape: 'null' };
    case 'like':
      return { sql: `${column} LIKE ${param(v)}`, shape: '~' };
    case 'ilike':
      return dialect === 'postgres'
        ? { sql: `${column} ILIKE ${param(v)}`, shape: '~~' }
        : { sql: `UPPER(${column}) LIKE UPPER(${param(v)})`, shape: '~~' };
    case 'between': {
      const [a, b] = v as unknown[];
      return { sql: `${column} BETWEEN ${param(a)} AND ${param(b)}`, shape: '><' };
    }
    case 'in':
      return oneOf(column, v as unknown[], param);
    default:
      throw new Error(`record store: filter operator '${type}' is not supported`);
  }
}

/** `ORDER BY …` from `{ property: 'ASC' | 'DESC' }`; the shape names it for the statement cache. */
export function compileOrder(plan: TablePlan, order: OrderInput | undefined): { sql: string; shape: string; properties: string[] } {
  const entries = order ? Object.entries(order).filter(([, d]) => d !== undefined) : [];
  if (!entries.length) return { sql: '', shape: '', properties: [] };
  const parts = entries.map(([property, direction]) => {
    const column = plan.column(property);
    const dir = typeof direction === 'object' && direction !== null ? (direction as { direction?: unknown }).direction : direction;
    const desc = String(dir).toUpperCase() === 'DESC' || dir === -1;
    return { sql: `${column.sql}${desc ? ' DESC' : ''}`, shape: `${property}${desc ? '-' : '+'}` };
  });
  return {
    sql: `ORDER BY ${parts.map((x) => x.sql).join(', ')}`,
    shape: parts.map((x) => x.shape).join(','),
    properties: entries.map(([property]) => property),
  };
}

function oneOf(column: string, list: unknown[], param: (v: unknown) => string): { sql: string; shape: string } {
  // IN () is not SQL: no value matches nothing, as TypeORM's find did.
  if (list.length === 0) return { sql: '1 = 0', shape: 'in0' };
  return { sql: `${column} IN (${list.map((x) => param(x)).join(', ')})`, shape: `in${list.length}` };
}
