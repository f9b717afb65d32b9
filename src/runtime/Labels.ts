import { formatValue } from './Format';

/**
 * The label catalogue. Each BC object declares its labels next to its code with
 * `defineLabels(objectName, {...})`, under the AL variable names, with BC's en-US
 * text verbatim (shared/reference/bc-domain-spec.md). The catalogue is the union
 * of those declarations; `allLabels()` lists it (docs, API dialog answers).
 *
 * Dutch: the nl-NL base-app translation was not available, so base-app labels
 * have no `nl` text. Empire labels (simulator-authored, see docs) carry both.
 */
export type Language = 'en-US' | 'nl-NL';

/**
 * The language of one request, the same rule for the API, page sessions and
 * the library: the language the request asks for (Accept-Language, the web
 * client's `?lang`), else the user's own, else Dutch — the simulator's users
 * are a Dutch corporation's staff, and a user is created Dutch by default.
 */
export function requestLanguage(requested: string | undefined, userLanguage: string | undefined): Language {
  for (const candidate of [requested, userLanguage]) {
    const l = (candidate ?? '').trim().toLowerCase();
    if (l.startsWith('nl')) return 'nl-NL';
    if (l.startsWith('en')) return 'en-US';
  }
  return 'nl-NL';
}

export interface LabelSpec {
  text: string;
  nl?: string;
  /** What %1, %2... stand for, as AL's `Comment = '%1 = ...'`. */
  comment?: string;
  /** true for texts written for this simulator (Empire's own texts were not public). */
  simulatorAuthored?: boolean;
}

export class Label {
  constructor(
    readonly object: string,
    readonly name: string,
    readonly spec: LabelSpec,
  ) {}

  /** `To-do.Text032`: how dialogs are answered in advance and how errors name their label. */
  get key(): string {
    return `${this.object}.${this.name}`;
  }

  text(language: Language = 'en-US'): string {
    return language === 'nl-NL' && this.spec.nl ? this.spec.nl : this.spec.text;
  }

  format(args: unknown[], language: Language = 'en-US'): string {
    return strSubstNo(this.text(language), ...args.map((a) => argText(a, language)));
  }

  /** The label with its arguments, kept as they are (a caption keeps both its languages), for an error to carry. */
  with(...args: unknown[]): LabelText {
    return new LabelText(this, args);
  }
}

/**
 * A text in both languages that travels as an argument: a field or table
 * caption, a record's key with its captions. Where a plain string is wanted
 * it is the English text, as the base app's FieldCaption is in an en-US session.
 */
export class Localized {
  constructor(
    readonly en: string,
    readonly nl: string = en,
    /** For a field's caption: the field (table name, property), so a page session may show its own word for it. */
    readonly field?: { table: string; property: string },
  ) {}

  text(language: Language): string {
    return language === 'nl-NL' ? this.nl : this.en;
  }

  toString(): string {
    return this.en;
  }
}

/**
 * A label and its arguments, not yet formatted: what an error carries so a
 * Dutch page session can show it in Dutch (src/pageSession/Translations.ts)
 * while the API shows BC's English text. An argument may itself be one (the
 * text of FieldError(Field, Text)).
 */
export class LabelText {
  constructor(
    readonly label: Label,
    readonly args: unknown[],
  ) {}

  format(language: Language = 'en-US'): string {
    return this.label.format(this.args, language);
  }

  toString(): string {
    return this.format();
  }
}

function argText(arg: unknown, language: Language): unknown {
  if (arg instanceof Localized) return arg.text(language);
  if (arg instanceof LabelText) return arg.format(language);
  return arg;
}

const catalogue = new Map<string, Label>();

export function defineLabels<T extends Record<string, string | LabelSpec>>(
  object: string,
  specs: T,
): { [K in keyof T]: Label } {
  const out = {} as { [K in keyof T]: Label };
  for (const [name, spec] of Object.entries(specs)) {
    const label = new Label(object, name, typeof spec === 'string' ? { text: spec } : spec);
    if (catalogue.has(label.key)) throw new Error(`Label ${label.key} is defined twice`);
    catalogue.set(label.key, label);
    (out as Record<string, Label>)[name] = label;
  }
  return out;
}

export function allLabels(): Label[] {
  return [...catalogue.values()];
}

export function findLabel(key: string): Label | undefined {
  return catalogue.get(key);
}

/** AL StrSubstNo: %1..%9 replaced by the arguments' text; a missing argument leaves nothing. */
export function strSubstNo(text: string, ...args: unknown[]): string {
  return text.replace(/%(\d)/g, (_m, d: string) => {
    const value = args[Number(d) - 1];
    if (value instanceof Localized || value instanceof LabelText) return value.toString();
    return value === undefined || value === null ? '' : formatValue(value);
  });
}

