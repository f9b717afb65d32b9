import { HttpErrors } from '../../HttpErrors';
import type { EdmProperty, EntityTypeDef } from '../edmModel';
import type { Call, CompareOp, Expr } from './ast';
import type { FilterLiteral, FilterTree, FilterValue } from '../../../runtime/FilterTree';
import { coerceLiteral, LiteralTarget, literalTypeName, OPERATOR_KIND, storableString } from './literals';

/**
 * The binder: checks a parsed $filter against an entity type and BC's
 * dialect, and produces a small bound tree that names only the entity's
 * properties (never text from the URL) and carries literals already
 * converted to the property's type. The SQL compiler and the in-memory
 * evaluator (for `companies`) both work from this tree.
 *
 * BC's dialect (bc-api.md §1.3):
 *  - comparisons eq ne gt ge lt le, `in`, and/or; startswith, endswith,
 *    contains, substring, tolower, toupper; nothing else (no `not`, no
 *    arithmetic, no other functions): an error, never a wider query;
 *  - OR only within one field ("The 'OR' operator is not supported on
 *    distinct fields on an OData filter.");
 *  - lambdas (any/all) are ignored: they bind as TRUE, and are reported;
 *  - nested function calls only with $schemaversion=2.1 or later;
 *  - tolower/toupper make the comparison case-insensitive (AL's `@`).
 */

/** The bound tree: the runtime's filter tree over the entity's EDM properties (src/runtime/FilterTree.ts). */
export type BoundValue = FilterValue<EdmProperty>;
export type BoundLiteral = FilterLiteral;
export type Bound = FilterTree<EdmProperty>;

export interface BindOptions {
  /** `$schemaversion=2.1` or later: function calls may be nested, and `in` is understood. */
  schema21: boolean;
  /** Navigation property names of the entity (a lambda must start with one). */
  navigations: string[];
}

export interface BindResult {
  bound: Bound;
  /** The source text of every any/all lambda that was ignored. */
  ignored: readonly string[];
}

const FLIPPED: Record<CompareOp, CompareOp> = { eq: 'eq', ne: 'ne', gt: 'lt', ge: 'le', lt: 'gt', le: 'ge' };

const STRING_SIG = 'Edm.String Nullable=true';
const SIGNATURES: Record<string, string> = {
  contains: `contains(${STRING_SIG}, ${STRING_SIG})`,
  startswith: `startswith(${STRING_SIG}, ${STRING_SIG})`,
  endswith: `endswith(${STRING_SIG}, ${STRING_SIG})`,
  tolower: `tolower(${STRING_SIG})`,
  toupper: `toupper(${STRING_SIG})`,
  substring: `substring(${STRING_SIG}, Edm.Int32 Nullable=false); substring(${STRING_SIG}, Edm.Int32 Nullable=false, Edm.Int32 Nullable=false)`,
};

/** OData functions BC does not translate into AL filters: known, hence "not supported" rather than "unknown". */
const UNSUPPORTED_FUNCTIONS = new Set([
  'length', 'indexof', 'replace', 'concat', 'trim', 'round', 'floor', 'ceiling', 'year', 'month', 'day', 'hour', 'minute',
  'second', 'fractionalseconds', 'totalseconds', 'date', 'time', 'totaloffsetminutes', 'now', 'mindatetime', 'maxdatetime',
  'cast', 'isof', 'matchesPattern', 'geo.distance', 'geo.intersects', 'geo.length', 'hassubset', 'hassubsequence',
]);

export function bindFilter(expr: Expr, type: EntityTypeDef, options: BindOptions): BindResult {
  const ignored: string[] = [];
  try {
    return { bound: new Binder(type, options, ignored).boolean(expr), ignored };
  } catch (err) {
    // The binder's internal "a value where a Boolean is needed" signal becomes ODL's text.
    if (err instanceof BadFilterValue) throw HttpErrors.badFilterValue();
    throw err;
  }
}

interface ValueInfo extends LiteralTarget {
  v: BoundValue;
  ci: boolean;
}

class Binder {
  constructor(
    private readonly type: EntityTypeDef,
    private readonly options: BindOptions,
    private readonly ignored: string[],
  ) {}

  boolean(e: Expr): Bound {
    switch (e.kind) {
      case 'and': {
        const l = this.boolean(e.left);
        const r = this.boolean(e.right);
        if (l.t === 'true') return r;
        if (r.t === 'true') return l;
        return { t: 'and', l, r };
      }
      case 'or': {
        const l = this.boolean(e.left);
        const r = this.boolean(e.right);
        // An ignored lambda is TRUE: TRUE or X is TRUE (the over-fetch BC documents).
        if (l.t === 'true' || r.t === 'true') return { t: 'true' };
        const fields = new Set([...fieldsOf(l), ...fieldsOf(r)]);
        if (fields.size > 1) throw HttpErrors.orDistinctFields();
        return { t: 'or', l, r };
      }
      case 'lambda':
        this.checkLambda(e.path);
        this.ignored.push(e.text);
        return { t: 'true' };
      case 'compare':
        return this.compare(e.op, e.left, e.right);
      case 'in': {
        // BC answers `in` below schema version 2.1 with 501 BadRequest_MethodNotImplemented (docs/api.md).
        if (!this.options.schema21) throw HttpErrors.inOperator();
        const value = this.valueOrNull(e.left);
        if (!value) throw HttpErrors.unsupportedFilter('in');
        const lits = e.list.map((item) => {
          if (item.kind !== 'literal') throw HttpErrors.unsupportedFilter('in');
          return coerceLiteral(value, item, 'eq');
        });
        return { t: 'in', v: value.v, lits, ci: value.ci };
      }
      case 'call':
        return this.booleanCall(e);
      case 'member': {
        // A Boolean property on its own: `$filter=privacyBlocked`.
        const value = this.value(e);
        if (value.kind !== 'Boolean') throw new BadFilterValue();
        return { t: 'cmp', v: value.v, op: 'eq', lit: { js: true, blank: false }, ci: false };
      }
      case 'literal':
        throw HttpErrors.unsupportedFilter(e.text);
    }
  }

  private compare(op: CompareOp, left: Expr, right: Expr): Bound {
    // A Boolean function compared with true/false: `contains(a,'x') eq false`.
    for (const [call, other, o] of [
      [left, right, op],
      [right, left, FLIPPED[op]],
    ] as const) {
      if (call.kind === 'call' && isBooleanFunction(call.name) && other.kind === 'literal') {
        if (other.type !== 'boolean' || (o !== 'eq' && o !== 'ne')) {
          throw HttpErrors.incompatibleOperands('Edm.Boolean', literalTypeName(other), OPERATOR_KIND[o]);
        }
        const cond = this.booleanCall(call);
        return (other.value === true) === (o === 'eq') ? cond : { t: 'not', x: cond };
      }
    }
    let value = this.valueOrNull(left);
    let literal: Expr = right;
    if (!value) {
      value = this.valueOrNull(right);
      if (!value) throw HttpErrors.unsupportedFilter(`${describe(left)} ${op} ${describe(right)}`);
      literal = left;
      op = FLIPPED[op];
    }
    if (literal.kind !== 'literal') {
      // Two properties compared with each other: an AL filter compares a field with values only.
      throw HttpErrors.unsupportedFilter(`${describe(left)} ${op} ${describe(right)}`);
    }
    return { t: 'cmp', v: value.v, op, lit: coerceLiteral(value, literal, op), ci: value.ci };
  }

  /** A property or string function, or null when `e` is a literal. */
  private valueOrNull(e: Expr): ValueInfo | null {
    if (e.kind === 'literal') return null;
    return this.value(e);
  }

  private value(e: Expr): ValueInfo {
    if (e.kind === 'member') {
      const [name, ...rest] = e.path;
      const prop = this.type.byName.get(name);
      if (!prop) {
        if (this.options.navigations.includes(name)) throw HttpErrors.unsupportedFilter(e.path.join('/'));
        throw HttpErrors.propertyNotDeclared(name, this.type.qualifiedName);
      }
      if (rest.length > 0) throw HttpErrors.propertyNotDeclared(rest[0], prop.type);
      if (!prop.column) throw HttpErrors.notSortableOrFilterable(name, '$filter');
      return { v: { t: 'prop', prop }, kind: prop.kind, typeName: prop.type, prop, ci: false };
    }
    if (e.kind === 'call') return this.stringCall(e);
    if (e.kind === 'lambda') throw HttpErrors.unsupportedFilter(e.text);
    // and/or/compare/in where a value is needed.
    throw new BadFilterValue();
  }

  private stringCall(e: Call): ValueInfo {
    const name = e.name;
    if (name === 'tolower' || name === 'toupper') {
      if (e.args.length !== 1) throw HttpErrors.noApplicableFunction(name, SIGNATURES[name]);
      const x = this.stringArgument(e, 0);
      return { ...x, v: { t: name === 'tolower' ? 'lower' : 'upper', x: x.v }, ci: true, typeName: 'Edm.String' };
    }
    if (name === 'substring') {
      if (e.args.length !== 2 && e.args.length !== 3) throw HttpErrors.noApplicableFunction(name, SIGNATURES[name]);
      const x = this.stringArgument(e, 0);
      const ints = e.args.slice(1).map((a) => {
        // Past Edm.Int32 the literal is an Edm.Int64, which no signature of substring takes.
        if (a.kind !== 'literal' || a.type !== 'int' || (a.value as number) < 0 || (a.value as number) > 2_147_483_647) {
          throw HttpErrors.noApplicableFunction(name, SIGNATURES[name]);
        }
        return a.value as number;
      });
      return { ...x, v: { t: 'substr', x: x.v, start: ints[0], length: ints[1] }, typeName: 'Edm.String' };
    }
    if (isBooleanFunction(name)) throw new BadFilterValue();
    if (UNSUPPORTED_FUNCTIONS.has(name)) throw HttpErrors.unsupportedFilter(`${name}()`);
    throw HttpErrors.unknownFunction(name);
  }

  private booleanCall(e: Call): Bound {
    const name = e.name;
    if (!isBooleanFunction(name)) {
      if (name === 'tolower' || name === 'toupper' || name === 'substring') throw new BadFilterValue();
      if (UNSUPPORTED_FUNCTIONS.has(name)) throw HttpErrors.unsupportedFilter(`${name}()`);
      throw HttpErrors.unknownFunction(name);
    }
    if (e.args.length !== 2) throw HttpErrors.noApplicableFunction(name, SIGNATURES[name]);
    const x = this.stringArgument(e, 0);
    const s = e.args[1];
    if (s.kind !== 'literal') throw HttpErrors.unsupportedFilter(`${name}(…, ${describe(s)})`);
    if (s.type !== 'string') throw HttpErrors.noApplicableFunction(name, SIGNATURES[name]);
    return { t: 'fn', fn: name as 'contains' | 'startswith' | 'endswith', v: x.v, s: storableString(s), ci: x.ci };
  }

  /** A function's string argument: a String property, or (with $schemaversion=2.1) a nested string function. */
  private stringArgument(call: Call, index: number): ValueInfo {
    const arg = call.args[index];
    if (arg.kind === 'call' && !this.options.schema21) throw HttpErrors.nestedFunctions(call.name);
    if (arg.kind === 'literal') throw HttpErrors.unsupportedFilter(`${call.name}(${arg.text}, …)`);
    const x = this.value(arg);
    if (x.kind !== 'String') throw HttpErrors.noApplicableFunction(call.name, SIGNATURES[call.name]);
    return x;
  }

  private checkLambda(path: string[]): void {
    const [first] = path;
    if (this.options.navigations.includes(first)) return;
    if (this.type.byName.has(first)) throw HttpErrors.unsupportedFilter(`${path.join('/')}/any`);
    throw HttpErrors.propertyNotDeclared(first, this.type.qualifiedName);
  }
}

/** A value expression where a Boolean is needed (or the reverse): ODL's "must evaluate to a single boolean value". */
class BadFilterValue extends Error {}

function isBooleanFunction(name: string): boolean {
  return name === 'contains' || name === 'startswith' || name === 'endswith';
}

function describe(e: Expr): string {
  switch (e.kind) {
    case 'literal':
      return e.text;
    case 'member':
      return e.path.join('/');
    case 'call':
      return `${e.name}(…)`;
    case 'lambda':
      return e.text;
    default:
      return e.kind;
  }
}

function fieldsOf(b: Bound): string[] {
  switch (b.t) {
    case 'true':
      return [];
    case 'and':
    case 'or':
      return [...fieldsOf(b.l), ...fieldsOf(b.r)];
    case 'not':
      return fieldsOf(b.x);
    default:
      return [propOf(b.v).name];
  }
}

export function propOf(v: BoundValue): EdmProperty {
  return v.t === 'prop' ? v.prop : propOf(v.x);
}
