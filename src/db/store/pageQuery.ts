import type { PageQuery, PageResult, RowValues } from '../../runtime/RecordStore';
import { boundToSql } from './odataSql';
import { placeholders, type TablePlan } from './TablePlan';
import { compileWhere } from './where';

/** A list page's statements, ready to run: the optional count, the page itself, and how to read its rows. */
export interface CompiledPageQuery extends Pick<PageResult, 'keyset' | 'cursor'> {
  countSql?: string;
  countParams?: unknown[];
  sql: string;
  params: unknown[];
  rowToValues: (row: unknown[]) => RowValues;
}

/**
 * One page of a list (an API collection, a list page) as SQL: the table view
 * and link (`where`), the bound $filter on top, keyset or offset paging on a
 * total order, and only the columns asked for when a projection is given.
 */
export function compilePageQuery(plan: TablePlan, q: PageQuery): CompiledPageQuery {
  const dialect = plan.dialect;
  const p = placeholders(dialect);
  const w = compileWhere(plan, q.where);
  const params = [...w.params];
  const param = (v: unknown) => {
    params.push(v);
    return p(params.length - 1);
  };
  const conditions: string[] = w.sql ? [w.sql.slice('WHERE '.length)] : [];
  if (q.filter) {
    const f = boundToSql(q.filter, { dialect, plan, param });
    if (f !== null) conditions.push(f);
  }
  const sort = q.sort.map((s) => ({ column: plan.column(s.property), descending: s.descending }));
  const whereOf = (cs: string[]) => (cs.length ? `WHERE ${cs.map((c) => `(${c})`).join(' AND ')}` : '');
  const count = q.count ? { countSql: `SELECT COUNT(*) FROM ${plan.from} ${whereOf(conditions)}`, countParams: [...params] } : {};
  if (q.after) {
    // Rows after the last one served: (c1 > v1) OR (c1 = v1 AND c2 > v2) OR … (< for descending columns).
    const ors: string[] = [];
    for (let i = 0; i < sort.length; i++) {
      const ands: string[] = [];
      for (let j = 0; j < i; j++) ands.push(`${sort[j].column.sql} = ${param(q.after[j])}`);
      ands.push(`${sort[i].column.sql} ${sort[i].descending ? '<' : '>'} ${param(q.after[i])}`);
      ors.push(`(${ands.join(' AND ')})`);
    }
    conditions.push(`(${ors.join(' OR ')})`);
  }
  // BC sorts a blank (NULL) date first, as SQLite and SQL Server do; PostgreSQL is told to.
  const nulls = (desc: boolean) => (dialect === 'postgres' ? (desc ? ' NULLS LAST' : ' NULLS FIRST') : '');
  const orderBy = sort.length ? `ORDER BY ${sort.map((s) => `${s.column.sql}${s.descending ? ' DESC' : ''}${nulls(s.descending)}`).join(', ')}` : '';
  let paging = '';
  const limit = q.limit !== undefined && Number.isFinite(q.limit) ? Math.floor(q.limit) : undefined;
  const offset = q.offset ? Math.floor(q.offset) : 0;
  if (dialect === 'mssql') {
    if (limit !== undefined || offset) paging = `OFFSET ${offset} ROWS${limit !== undefined ? ` FETCH NEXT ${limit} ROWS ONLY` : ''}`;
  } else {
    // SQLite needs a LIMIT before an OFFSET.
    if (limit !== undefined) paging = `LIMIT ${limit}`;
    else if (offset) paging = dialect === 'postgres' ? '' : 'LIMIT -1';
    if (offset) paging += ` OFFSET ${offset}`;
  }
  const shape = q.columns ? plan.projection(q.columns) : plan;
  return {
    ...count,
    sql: `SELECT ${shape.selectList} FROM ${plan.from} ${whereOf(conditions)} ${orderBy} ${paging}`,
    params,
    rowToValues: shape.rowToValues,
    keyset: sort.every((s) => !s.column.metadata.isNullable),
    cursor: (row) => sort.map((s) => s.column.toDb(row[s.column.property])),
  };
}
