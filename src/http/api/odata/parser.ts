import { HttpErrors } from '../../HttpErrors';
import type { CompareOp, ExpandItem, Expr, OrderByItem } from './ast';
import { Lexer, Token, TokenKind } from './lexer';

/**
 * A small recursive-descent parser for the OData v4 expression syntax that
 * BC's web services accept, written here rather than taken from npm: the
 * maintained OData parsers are either abandoned or accept far more than BC,
 * and a parser of our own cannot "helpfully" drop an operator it does not
 * know (the `not` → `1 = 1` bug of the odata-v4-sql lineage, bc-api.md §4.1).
 * Everything it does not understand is an error, never a wider query.
 *
 * Error texts are those of Microsoft.OData.Core (ODL), the library BC's
 * OData stack parses URLs with (positions are 0-based, as ODL's).
 */

/** Deeper nesting than this is refused before it can exhaust the stack (ODL has a limit too). */
export const MAX_DEPTH = 200;

const COMPARE_OPS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const UNSUPPORTED_OPS = new Set(['has', 'add', 'sub', 'mul', 'div', 'divby', 'mod']);

class Parser {
  private i = 0;
  private depth = 0;
  private readonly tokens: Token[];

  constructor(private readonly text: string) {
    this.tokens = new Lexer(text).tokenize();
  }

  /** The current token (a method, not a getter: TypeScript would narrow a getter's value across `this.i++`). */
  private t(): Token {
    return this.tokens[this.i];
  }

  private isWord(word: string): boolean {
    return this.t().kind === 'ident' && this.t().text === word;
  }

  private expect(kind: TokenKind, error: () => Error): Token {
    if (this.t().kind !== kind) throw error();
    return this.tokens[this.i++];
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw HttpErrors.recursionTooDeep();
  }

  private leave(): void {
    this.depth--;
  }

  parseFilter(): Expr {
    if (this.t().kind === 'end') throw HttpErrors.expressionExpected(this.t().pos, this.text);
    const e = this.parseOr();
    if (this.t().kind !== 'end') throw HttpErrors.querySyntaxAt(this.t().pos, this.text);
    return e;
  }

  parseOr(): Expr {
    this.enter();
    let left = this.parseAnd();
    while (this.isWord('or')) {
      const pos = this.t().pos;
      this.i++;
      left = { kind: 'or', left, right: this.parseAnd(), pos };
    }
    this.leave();
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseComparison();
    while (this.isWord('and')) {
      const pos = this.t().pos;
      this.i++;
      left = { kind: 'and', left, right: this.parseComparison(), pos };
    }
    return left;
  }

  private parseComparison(): Expr {
    const left = this.parseUnary();
    if (this.t().kind === 'ident') {
      const word = this.t().text;
      const pos = this.t().pos;
      if (COMPARE_OPS.has(word)) {
        this.i++;
        const right = this.parseUnary();
        if (this.t().kind === 'ident' && COMPARE_OPS.has(this.t().text)) {
          // `a eq b eq c` compares a Boolean with a value: ODL's binder refuses it, so does this one.
          throw HttpErrors.unsupportedFilter(`${word} … ${this.t().text}`);
        }
        return { kind: 'compare', op: word as CompareOp, left, right, pos };
      }
      if (word === 'in') {
        this.i++;
        return { kind: 'in', left, list: this.parseList(), pos };
      }
      if (UNSUPPORTED_OPS.has(word)) throw HttpErrors.unsupportedFilter(word);
    }
    return left;
  }

  /** `('a','b')`: the right side of `in`. */
  private parseList(): Expr[] {
    this.expect('open', () => HttpErrors.querySyntaxAt(this.t().pos, this.text));
    const items: Expr[] = [];
    if (this.t().kind === 'close') throw HttpErrors.expressionExpected(this.t().pos, this.text);
    for (;;) {
      items.push(this.parsePrimary());
      if (this.t().kind === 'comma') {
        this.i++;
        continue;
      }
      this.expect('close', () => HttpErrors.closeParenOrCommaExpected(this.t().pos, this.text));
      return items;
    }
  }

  private parseUnary(): Expr {
    if (this.isWord('not')) throw HttpErrors.unsupportedFilter('not');
    return this.parsePrimary();
  }

  private parsePrimary(): Expr {
    const t = this.t();
    switch (t.kind) {
      case 'open': {
        this.i++;
        this.enter();
        const inner = this.parseOr();
        this.leave();
        this.expect('close', () => HttpErrors.closeParenOrOperatorExpected(this.t().pos, this.text));
        return inner;
      }
      case 'literal':
        this.i++;
        return t.literal!;
      case 'ident':
        return this.parseMemberOrCall();
      default:
        throw HttpErrors.expressionExpected(t.pos, this.text);
    }
  }

  private parseMemberOrCall(): Expr {
    const first = this.tokens[this.i++];
    if (this.t().kind === 'open') {
      this.i++;
      this.enter();
      const args: Expr[] = [];
      if (this.t().kind !== 'close') {
        for (;;) {
          args.push(this.parseOr());
          if (this.t().kind === 'comma') {
            this.i++;
            continue;
          }
          break;
        }
      }
      this.expect('close', () => HttpErrors.closeParenOrCommaExpected(this.t().pos, this.text));
      this.leave();
      return { kind: 'call', name: first.text, args, pos: first.pos };
    }
    const path = [first.text];
    while (this.t().kind === 'slash') {
      this.i++;
      const seg = this.expect('ident', () => HttpErrors.querySyntaxAt(this.t().pos, this.text));
      if ((seg.text === 'any' || seg.text === 'all') && this.t().kind === 'open') return this.parseLambda(path, seg.text, first.pos);
      path.push(seg.text);
    }
    return { kind: 'member', path, pos: first.pos };
  }

  /** `path/any(x: body)` or `path/any()`; the body is parsed (syntax errors still count) but never bound. */
  private parseLambda(path: string[], op: 'any' | 'all', pos: number): Expr {
    this.expect('open', () => HttpErrors.querySyntaxAt(this.t().pos, this.text));
    this.enter();
    let variable: string | undefined;
    let body: Expr | undefined;
    if (this.t().kind !== 'close') {
      variable = this.expect('ident', () => HttpErrors.querySyntaxAt(this.t().pos, this.text)).text;
      this.expect('colon', () => HttpErrors.querySyntaxAt(this.t().pos, this.text));
      body = this.parseOr();
    }
    const close = this.expect('close', () => HttpErrors.closeParenOrOperatorExpected(this.t().pos, this.text));
    this.leave();
    return { kind: 'lambda', path, op, variable, body, pos, text: this.text.slice(pos, close.pos + 1) };
  }

  // ---- $orderby / $select / $expand ----

  parseOrderBy(): OrderByItem[] {
    const items: OrderByItem[] = [];
    for (;;) {
      const t = this.t();
      if (t.kind !== 'ident') throw HttpErrors.expressionExpected(t.pos, this.text);
      const e = this.parsePrimary();
      if (e.kind !== 'member') throw HttpErrors.unsupportedOrderBy(this.text.slice(t.pos, this.t().pos).trim());
      if (e.path.length > 1) throw HttpErrors.unsupportedOrderBy(e.path.join('/'));
      let descending = false;
      if (this.isWord('asc') || this.isWord('desc')) {
        descending = this.t().text === 'desc';
        this.i++;
      }
      items.push({ property: e.path[0], descending, pos: t.pos });
      if (this.t().kind === 'comma') {
        this.i++;
        continue;
      }
      if (this.t().kind !== 'end') throw HttpErrors.querySyntaxAt(this.t().pos, this.text);
      return items;
    }
  }
}

export function parseFilter(text: string): Expr {
  return new Parser(text).parseFilter();
}

export function parseOrderBy(text: string): OrderByItem[] {
  if (text.trim() === '') throw HttpErrors.expressionExpected(0, text);
  return new Parser(text).parseOrderBy();
}

/** `$select=a,b` (or `*`): property names, no paths (BC's API entities have no complex properties). */
export function parseSelect(text: string): string[] | '*' {
  const items = splitTopLevel(text, ',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw HttpErrors.querySyntaxAt(Math.max(0, text.indexOf(',,')), text);
  if (items.includes('*')) return '*';
  for (const item of items) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(item)) {
      // A path (`a/b`), a function or an option list: ODL could parse some of these, BC's entities have nothing to select by them.
      throw HttpErrors.invalidSelectItem(item);
    }
  }
  return items;
}

/**
 * `$expand=a,b($select=x;$filter=y eq 1;$expand=c)`: navigation names with
 * their nested options (kept as raw text: the options are parsed, bound and
 * checked against the target page by the same code as top-level ones).
 */
export function parseExpand(text: string, depth = 0): ExpandItem[] {
  if (depth > 5) throw HttpErrors.recursionTooDeep();
  const items: ExpandItem[] = [];
  for (const raw of splitTopLevel(text, ',')) {
    const item = raw.trim();
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*(?:\((.*)\))?$/s.exec(item);
    if (!m) {
      if (item === '*') throw HttpErrors.unsupportedExpand('*');
      throw HttpErrors.invalidExpandItem(item);
    }
    const options = new Map<string, string>();
    if (m[2] !== undefined && m[2].trim() !== '') {
      for (const part of splitTopLevel(m[2], ';')) {
        const eq = part.indexOf('=');
        const name = (eq < 0 ? part : part.slice(0, eq)).trim();
        if (eq < 0 || !name.startsWith('$')) throw HttpErrors.invalidExpandItem(item);
        if (!EXPAND_OPTIONS.has(name)) throw HttpErrors.unsupportedExpand(name);
        if (options.has(name)) throw HttpErrors.queryOptionTwice(name);
        options.set(name, part.slice(eq + 1));
      }
    }
    items.push({ navigation: m[1], options });
  }
  return items;
}

const EXPAND_OPTIONS = new Set(['$select', '$filter', '$orderby', '$top', '$skip', '$expand']);

/** Splits on `sep` outside parentheses and string literals; unbalanced input is a syntax error. */
export function splitTopLevel(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') {
      depth--;
      if (depth < 0) throw HttpErrors.querySyntaxAt(i, text);
    } else if (!quoted && depth === 0 && ch === sep) {
      parts.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  if (depth !== 0 || quoted) throw HttpErrors.querySyntaxAt(text.length, text);
  parts.push(current);
  return parts;
}
