import type { Bound, BoundLiteral, BoundValue } from './bind';
import { propOf } from './bind';

/**
 * The bound filter evaluated in memory, for the few collections that are not
 * tables of a company (API v2.0 `companies`). Same semantics as sql.ts:
 * case-sensitive unless tolower/toupper, blank values equal to "no value".
 */
export function evaluateFilter(b: Bound, row: Record<string, unknown>): boolean {
  switch (b.t) {
    case 'true':
      return true;
    case 'and':
      return evaluateFilter(b.l, row) && evaluateFilter(b.r, row);
    case 'or':
      return evaluateFilter(b.l, row) || evaluateFilter(b.r, row);
    case 'not':
      return !evaluateFilter(b.x, row);
    case 'cmp': {
      const c = compare(value(b.v, row, b.ci), literal(b.lit, b.ci));
      return { eq: c === 0, ne: c !== 0, gt: c > 0, ge: c >= 0, lt: c < 0, le: c <= 0 }[b.op];
    }
    case 'in': {
      const v = value(b.v, row, b.ci);
      return b.lits.some((l) => compare(v, literal(l, b.ci)) === 0);
    }
    case 'fn': {
      const v = String(value(b.v, row, b.ci));
      const s = b.ci ? b.s.toLowerCase() : b.s;
      return b.fn === 'contains' ? v.includes(s) : b.fn === 'startswith' ? v.startsWith(s) : v.endsWith(s);
    }
  }
}

function value(v: BoundValue, row: Record<string, unknown>, ci: boolean): unknown {
  const raw = inner(v, row);
  return ci && typeof raw === 'string' ? raw.toLowerCase() : raw;
}

function inner(v: BoundValue, row: Record<string, unknown>): unknown {
  switch (v.t) {
    case 'prop':
      return row[propOf(v).name];
    case 'lower':
      return String(inner(v.x, row)).toLowerCase();
    case 'upper':
      return String(inner(v.x, row)).toUpperCase();
    case 'substr': {
      const chars = [...String(inner(v.x, row))];
      return chars.slice(v.start, v.length === undefined ? undefined : v.start + v.length).join('');
    }
  }
}

function literal(l: BoundLiteral, ci: boolean): unknown {
  return ci && typeof l.js === 'string' ? l.js.toLowerCase() : l.js;
}

function compare(a: unknown, b: unknown): number {
  const x = a instanceof Date ? a.getTime() : a;
  const y = b instanceof Date ? b.getTime() : b;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  const [s, t] = [String(x), String(y)];
  return s < t ? -1 : s > t ? 1 : 0;
}
