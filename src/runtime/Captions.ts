import { displayValue, formatField } from './Format';
import { Localized } from './Labels';
import type { FieldMeta, TableMeta } from './Metadata';

/**
 * Captions and values as the AL runtime puts them into its error texts, in
 * both languages: English as BC's en-US runtime prints them, Dutch from the
 * tables' `nl` captions, for a Dutch page session (src/pageSession/Translations.ts).
 */
export function fieldCaptionOf(field: FieldMeta, table?: TableMeta): Localized {
  return new Localized(field.caption, field.nl ?? field.caption, table ? { table: table.name, property: field.property } : undefined);
}

export function tableCaptionOf(meta: TableMeta): Localized {
  return new Localized(meta.caption, meta.nl ?? meta.caption);
}

/** A value in an error text: options by name in English, by their Dutch caption in Dutch. */
export function shownValue(field: FieldMeta, value: unknown): Localized {
  return new Localized(displayValue(field, value), formatField(field, value, 'nl-NL'));
}

/**
 * A record's key as the runtime prints it: quoted (`No.='CT000001'`, FieldError,
 * Get, Insert) or unquoted (`No.=CT000001`, `A=x, B=y`: TestField).
 */
export function keyText(meta: TableMeta, values: unknown[], quoted: boolean): Localized {
  const part = (caption: string, text: string) => (quoted ? `${caption}='${text}'` : `${caption}=${text}`);
  const sep = quoted ? ',' : ', ';
  const en = meta.primaryKey.map((f, i) => part(f.caption, displayValue(f, values[i]))).join(sep);
  const nl = meta.primaryKey.map((f, i) => part(f.nl ?? f.caption, formatField(f, values[i], 'nl-NL'))).join(sep);
  return new Localized(en, nl);
}
