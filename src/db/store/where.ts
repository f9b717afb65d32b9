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
  const shapes: string[] = [];
  const sqls: string[] = [];
  walk(
    plan,
    where,
    param,
    (property) => properties.add(property),
    (shape, parts) => {
      shapes.push(shape);
      sqls.push(parts.length ? parts.join(' AND ') : '1 = 1');
    },
  );
  // An empty OR-list reads every row, as TypeORM's find did.
  const meaningful = sqls.length > 0 && !(sqls.length === 1 && sqls[0] === '1 = 1');
  const sql = !meaningful ? '' : sqls.length === 1 ? `WHERE ${sqls[0]}` : `WHERE ${sqls.map((s) => `(${s})`).join(' OR ')}`;
  return { shape: shapes.join('|'), sql, params, properties };
}

/** The filter's branches (OR) and their conditions; values go to `param` in SQL order. */
function walk(
  plan: TablePlan,
  where: WhereInput | undefined,
  param: (v: unknown) => string,
  onProperty: ((property: string) => void) | undefined,
  onBranch: (shape: string, parts: string[]) => void,
): void {
  const branches = Array.isArray(where) ? where : where ? [where] : [];
  for (const branch of branches) {
    const parts: string[] = [];
    let shape = '';
    for (const property of Object.keys(branch)) {
      const value = branch[property];
      if (value === undefined) continue;
      const column = plan.column(property);
      onProperty?.(property);
      const c = condition(column.sql, value, (v) => param(column.toDb(v)), plan.dialect);
      parts.push(c.sql);
      shape += `${shape ? ',' : ''}${property}${c.shape}`;
    }
    onBranch(shape, parts);
  }
}

/** A find's, count's or exists' statement: its SQL (made once per shape), this call's values, the properties it reads. */
export interface ReadStatement {
  sql: string;
  params: unknown[];
  properties: ReadonlySet<string>;
  /** What the SQL text depends on (kind, filter, order, limit): with equal values, an equal answer (within one table). */
  shape: string;
}

export type ReadKind = 'find' | 'count' | 'exists';

/** Shapes are few for the tables' own filters; API filters are clients' choice, so the map is bounded. */
const MAX_READ_SHAPES = 500;
const readStatements = new WeakMap<TablePlan, Map<string, { sql: string; properties: ReadonlySet<string> }>>();

/**
 * The SQL of a find (ordered, maybe limited), count or exists, compiled once
 * per table and filter shape; a later call of the same shape only collects
 * its values — and hands the executor the same SQL string, whose prepared
 * statement it then finds without hashing a new text.
 */
export function readStatement(plan: TablePlan, kind: ReadKind, where: WhereInput | undefined, order: OrderInput | undefined, limit?: number): ReadStatement {
  const params: unknown[] = [];
  const param = (v: unknown) => {
    params.push(v);
    return '';
  };
  let shape = `${kind}|${limit === undefined ? '' : Math.floor(limit)}|${orderShape(order)}|`;
  let first = true;
  walk(plan, where, param, undefined, (branch) => {
    shape += `${first ? '' : '|'}${branch}`;
    first = false;
  });
  let statements = readStatements.get(plan);
  if (!statements) {
    statements = new Map();
    readStatements.set(plan, statements);
  }
  let compiled = statements.get(shape);
  if (!compiled) {
    compiled = compileRead(plan, kind, where, order, limit);
    if (statements.size >= MAX_READ_SHAPES) statements.delete(statements.keys().next().value as string);
    statements.set(shape, compiled);
  }
  return { sql: compiled.sql, params, properties: compiled.properties, shape };
}

function compileRead(
  plan: TablePlan,
  kind: ReadKind,
  where: WhereInput | undefined,
  order: OrderInput | undefined,
  limit?: number,
): { sql: string; properties: ReadonlySet<string> } {
  const w = compileWhere(plan, where);
  if (kind === 'count') return { sql: `SELECT COUNT(*) FROM ${plan.from} ${w.sql}`, properties: w.properties };
  if (kind === 'exists') {
    return {
      sql: plan.dialect === 'mssql' ? `SELECT TOP 1 1 FROM ${plan.from} ${w.sql}` : `SELECT 1 FROM ${plan.from} ${w.sql} LIMIT 1`,
      properties: w.properties,
    };
  }
  const o = compileOrder(plan, order);
  // SQL Server has no LIMIT; OFFSET … FETCH needs an ORDER BY, which every find has.
  const limitSql =
    limit === undefined ? '' : plan.dialect === 'mssql' ? ` OFFSET 0 ROWS FETCH NEXT ${Math.floor(limit)} ROWS ONLY` : ` LIMIT ${Math.floor(limit)}`;
  return { sql: `SELECT ${plan.selectList} FROM ${plan.from} ${w.sql} ${o.sql}${limitSql}`, properties: new Set([...w.properties, ...o.properties]) };
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
    const desc = isDesc(direction);
    return { sql: `${column.sql}${desc ? ' DESC' : ''}`, shape: `${property}${desc ? '-' : '+'}` };
  });
  return {
    sql: `ORDER BY ${parts.map((x) => x.sql).join(', ')}`,
    shape: parts.map((x) => x.shape).join(','),
    properties: entries.map(([property]) => property),
  };
}

/** compileOrder's shape, without its SQL. */
function orderShape(order: OrderInput | undefined): string {
  let shape = '';
  if (order) {
    for (const property of Object.keys(order)) {
      const direction = order[property];
      if (direction !== undefined) shape += `${shape ? ',' : ''}${property}${isDesc(direction) ? '-' : '+'}`;
    }
  }
  return shape;
}

function isDesc(direction: unknown): boolean {
  const dir = typeof direction === 'object' && direction !== null ? (direction as { direction?: unknown }).direction : direction;
  return String(dir).toUpperCase() === 'DESC' || dir === -1;
}

function oneOf(column: string, list: unknown[], param: (v: unknown) => string): { sql: string; shape: string } {
  // IN () is not SQL: no value matches nothing, as TypeORM's find did.
  if (list.length === 0) return { sql: '1 = 0', shape: 'in0' };
  return { sql: `${column} IN (${list.map((x) => param(x)).join(', ')})`, shape: `in${list.length}` };
}
