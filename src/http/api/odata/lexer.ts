import { HttpErrors } from '../../HttpErrors';
import type { Literal } from './ast';

/**
 * The tokens of the OData expression syntax, for parser.ts. Literal forms are
 * tried longest shape first (GUID, date-time, date, time, then number), so a
 * date is never read as a number followed by more text.
 */

export type TokenKind = 'ident' | 'literal' | 'open' | 'close' | 'comma' | 'colon' | 'slash' | 'end';

export interface Token {
  kind: TokenKind;
  text: string;
  pos: number;
  literal?: Literal;
}

const GUID_RE = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![0-9A-Za-z_])/;
const DATETIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,12})?)?(?:Z|[+-]\d{2}:\d{2})(?![0-9A-Za-z_])/i;
const DATE_RE = /^\d{4}-\d{2}-\d{2}(?![0-9A-Za-z_:])/;
const TIME_RE = /^\d{2}:\d{2}(?::\d{2}(?:\.\d{1,12})?)?(?![0-9A-Za-z_:])/;
const NUMBER_RE = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?[mMdDfFlL]?(?![0-9A-Za-z_])/;
const IDENT_RE = /^[A-Za-z_$][A-Za-z0-9_]*/;
const QUALIFIED_ENUM_RE = /^([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+)'/;

export class Lexer {
  private pos = 0;
  constructor(private readonly text: string) {}

  tokenize(): Token[] {
    const tokens: Token[] = [];
    for (;;) {
      const t = this.next();
      tokens.push(t);
      if (t.kind === 'end') return tokens;
    }
  }

  private next(): Token {
    const s = this.text;
    while (this.pos < s.length && /\s/.test(s[this.pos])) this.pos++;
    const start = this.pos;
    if (start >= s.length) return { kind: 'end', text: '', pos: start };
    const rest = s.slice(start);
    const ch = s[start];
    const single: Record<string, TokenKind> = { '(': 'open', ')': 'close', ',': 'comma', ':': 'colon', '/': 'slash' };
    if (single[ch]) {
      this.pos++;
      return { kind: single[ch], text: ch, pos: start };
    }
    if (ch === "'") return this.stringLiteral(start, 'string');
    const qualified = QUALIFIED_ENUM_RE.exec(rest);
    if (qualified) {
      this.pos += qualified[1].length;
      const token = this.stringLiteral(this.pos, 'enum');
      token.pos = start;
      token.literal!.pos = start;
      token.literal!.enumType = qualified[1];
      token.literal!.text = s.slice(start, this.pos);
      token.text = token.literal!.text;
      return token;
    }
    const literal = (type: Literal['type'], re: RegExp, value: (m: string) => Literal['value']): Token | null => {
      const m = re.exec(rest);
      if (!m) return null;
      this.pos += m[0].length;
      return { kind: 'literal', text: m[0], pos: start, literal: { kind: 'literal', type, text: m[0], value: value(m[0]), pos: start } };
    };
    const lit =
      literal('guid', GUID_RE, (m) => m) ??
      literal('datetime', DATETIME_RE, (m) => m) ??
      literal('date', DATE_RE, (m) => m) ??
      literal('time', TIME_RE, (m) => m) ??
      literal('int', NUMBER_RE, (m) => m);
    if (lit) {
      const l = lit.literal!;
      if (l.type === 'int') {
        const numeric = l.text.replace(/[mMdDfFlL]$/, '');
        l.type = /[eE]/.test(numeric) || /[dDfF]$/.test(l.text) ? 'double' : /\.|[mM]$/.test(l.text) ? 'decimal' : 'int';
        l.value = Number(numeric);
        if (!Number.isFinite(l.value)) throw HttpErrors.querySyntaxAt(start, this.text);
      }
      return lit;
    }
    const ident = IDENT_RE.exec(rest);
    if (ident) {
      this.pos += ident[0].length;
      const word = ident[0];
      if (word === 'true' || word === 'false') {
        return { kind: 'literal', text: word, pos: start, literal: { kind: 'literal', type: 'boolean', text: word, value: word === 'true', pos: start } };
      }
      if (word === 'null') {
        return { kind: 'literal', text: word, pos: start, literal: { kind: 'literal', type: 'null', text: word, value: null, pos: start } };
      }
      return { kind: 'ident', text: word, pos: start };
    }
    throw HttpErrors.invalidCharacter(ch, start, this.text);
  }

  /** `'O''Brien'`: quotes doubled inside. */
  private stringLiteral(start: number, type: 'string' | 'enum'): Token {
    const s = this.text;
    let i = start + 1;
    let value = '';
    for (;;) {
      if (i >= s.length) throw HttpErrors.unterminatedString(start, s);
      if (s[i] === "'") {
        if (s[i + 1] === "'") {
          value += "'";
          i += 2;
          continue;
        }
        i++;
        break;
      }
      value += s[i++];
    }
    this.pos = i;
    const text = s.slice(start, i);
    return { kind: 'literal', text, pos: start, literal: { kind: 'literal', type, text, value, pos: start } };
  }
}
