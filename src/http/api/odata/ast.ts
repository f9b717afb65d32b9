/**
 * The simulator's own AST for OData query expressions ($filter, and the
 * property paths of $orderby/$select/$expand). The parser (parser.ts) builds
 * it from text; the binder (bind.ts) checks it against an API page's fields
 * and BC's dialect; the compiler (sql.ts) turns the bound tree into SQL with
 * named parameters. Nothing here ever holds SQL.
 */

export type LiteralType =
  | 'string'
  | 'int'
  | 'decimal'
  | 'double'
  | 'boolean'
  | 'null'
  | 'guid'
  | 'date'
  | 'time'
  | 'datetime'
  /** `Microsoft.NAV.taskStatus'In_x0020_Progress'` */
  | 'enum';

export interface Literal {
  kind: 'literal';
  type: LiteralType;
  /** The literal's text as written (quotes included for strings), for error messages. */
  text: string;
  /** string/guid/date/time/datetime: the text without quotes; numbers: the number; boolean; null. */
  value: string | number | boolean | null;
  /** Enum literals: the qualified type name before the quoted member. */
  enumType?: string;
  pos: number;
}

export interface Member {
  kind: 'member';
  /** `a/b/c` → ['a', 'b', 'c']. */
  path: string[];
  pos: number;
}

export interface Call {
  kind: 'call';
  name: string;
  args: Expr[];
  pos: number;
}

export type { CompareOp } from '../../../runtime/FilterTree';
import type { CompareOp } from '../../../runtime/FilterTree';

export interface Compare {
  kind: 'compare';
  op: CompareOp;
  left: Expr;
  right: Expr;
  pos: number;
}

export interface InList {
  kind: 'in';
  left: Expr;
  list: Expr[];
  pos: number;
}

export interface Logical {
  kind: 'and' | 'or';
  left: Expr;
  right: Expr;
  pos: number;
}

/** `nav/any(x: x/prop eq 1)`: parsed so it can be recognised, then ignored as BC ignores it. */
export interface Lambda {
  kind: 'lambda';
  path: string[];
  op: 'any' | 'all';
  variable?: string;
  body?: Expr;
  /** The lambda's source text, reported in the "ignored" response header. */
  text: string;
  pos: number;
}

export type Expr = Literal | Member | Call | Compare | InList | Logical | Lambda;

export interface OrderByItem {
  property: string;
  descending: boolean;
  pos: number;
}

/** One `$expand` item with its nested options (`contacts($select=a;$top=5)`). */
export interface ExpandItem {
  navigation: string;
  /** The raw nested option texts by name ($select, $filter, $orderby, $top, $skip, $expand). */
  options: Map<string, string>;
}
