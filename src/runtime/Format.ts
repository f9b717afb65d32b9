import type { Language } from './Labels';
import type { FieldMeta } from './Metadata';

/**
 * AL's Format and Evaluate for the simulator: every value that becomes text
 * for a user (a label's %1, an error text, a page field, a filter) and every
 * text that becomes a value again (a checkbox, a confirm answer, a filter).
 * One place, so Yes/Ja and No/Nee mean the same on every path.
 */

/** Format(Boolean): Yes/No, Ja/Nee in Dutch. */
export function formatBoolean(value: boolean, language: Language = 'en-US'): string {
  if (language === 'nl-NL') return value ? 'Ja' : 'Nee';
  return value ? 'Yes' : 'No';
}

/** AL Format() of a value whose field is not known (a label's argument, a computed page field). */
export function formatValue(value: unknown, language: Language = 'en-US'): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return formatBoolean(value, language);
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** A date (yyyy-mm-dd) in the user's format: dd-mm-jjjj for nl-NL, mm/dd/yyyy for en-US, as BC shows it. */
export function formatDate(iso: string, language: Language): string {
  const [y, m, d] = iso.split('-');
  return language === 'nl-NL' ? `${d}-${m}-${y}` : `${m}/${d}/${y}`;
}

/**
 * A date as a user types it in a date field (BC's "Datums invoeren", ui-enter-date-ranges): the region's order
 * (nl-NL day-month-year, en-US month/day/year) with any separator, or 2, 4, 6 or 8 digits (day; day+month;
 * +2-digit year; +4-digit year), a missing month or year from the work date, a 2-digit year in 1930–2029; the
 * word for today (vandaag/today: v, t, …) or the work date (werkdatum/workdate: w, …), or a prefix of it; ISO
 * yyyy-mm-dd as the API sends it. What is none of these is returned as typed, for the field's own error.
 */
export function evaluateDate(text: string, language: Language, clock: { today: string; workDate: string }): string {
  const t = text.trim().toLowerCase();
  if (t === '' || /^\d{4}-\d{2}-\d{2}$/.test(t)) return text.trim();
  const word = (w: string) => /^[a-z]+$/.test(t) && w.startsWith(t);
  if (word('vandaag') || word('today')) return clock.today;
  if (word('werkdatum') || word('workdate')) return clock.workDate;
  const [wy, wm] = clock.workDate.split('-').map(Number);
  let parts: string[];
  if (/^\d+$/.test(t)) {
    if (![2, 4, 6, 8].includes(t.length)) return text;
    parts = [t.slice(0, 2), t.slice(2, 4), t.slice(4)].filter((p) => p !== '');
  } else if (/^\d{1,4}([^0-9a-z]+\d{1,4}){0,2}$/.test(t)) {
    parts = t.split(/[^0-9]+/);
  } else return text;
  if (language !== 'nl-NL' && parts.length > 1) [parts[0], parts[1]] = [parts[1], parts[0]];
  const day = Number(parts[0]);
  const month = parts[1] === undefined ? wm : Number(parts[1]);
  let year = parts[2] === undefined ? wy : Number(parts[2]);
  if (parts[2] !== undefined && parts[2].length <= 2) year += year >= 30 ? 1900 : 2000;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (year < 1 || d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return text;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** An option member (by value or name) by its caption in the language; an unknown one as it is. */
export function formatOption(field: FieldMeta, raw: unknown, language: Language): string {
  const m = field.type.members?.find((x) => x.value === raw || x.name === raw);
  return m ? (language === 'nl-NL' && m.nl ? m.nl : m.name) : String(raw);
}

/** A field's value as a page shows it to the user. */
export function formatField(field: FieldMeta | undefined, raw: unknown, language: Language): string {
  if (raw === null || raw === undefined) return '';
  if (field?.type.kind === 'Option') return formatOption(field, raw, language);
  if (field?.type.kind === 'Date' && typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw)) return formatDate(raw, language);
  return formatValue(raw, language);
}

/** How BC prints a field value in an error text (options by name, in English). */
export function displayValue(field: FieldMeta, value: unknown): string {
  if (field.type.kind === 'Option' && typeof value === 'number') {
    return field.type.members?.find((m) => m.value === value)?.name ?? String(value);
  }
  return formatValue(value);
}

const YES = ['yes', 'ja', 'true', '1', 'on'];
const NO = ['no', 'nee', 'false', '0', 'off'];

/**
 * Evaluate(Boolean) of what a user or a client sends: Yes/Ja/true/1/on and
 * No/Nee/false/0/off, any case; anything else is no answer (undefined). A
 * cleared checkbox sends an empty text: `blankIsNo` makes that No, where a
 * confirm answer or a header must say something.
 */
export function parseYesNo(value: unknown, options: { blankIsNo?: boolean } = {}): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const t = value.trim().toLowerCase();
  if (YES.includes(t)) return true;
  if (NO.includes(t)) return false;
  if (t === '' && options.blankIsNo) return false;
  return undefined;
}

/** The answer to a modal page: OK/Cancel (Annuleren), or yes/no as to a confirm; null is Cancel. */
export function parseOkCancel(value: unknown): boolean | undefined {
  if (value === null) return false;
  if (typeof value === 'string') {
    const t = value.trim().toLowerCase();
    if (t === 'ok') return true;
    if (t === 'cancel' || t === 'annuleren') return false;
  }
  return parseYesNo(value);
}

/** An option member by its name or caption (either language, any case); its value, or undefined. */
export function evaluateOption(field: FieldMeta, text: string): number | undefined {
  const t = text.trim().toLowerCase();
  return field.type.members?.find((x) => x.name.toLowerCase() === t || (x.nl ?? '').toLowerCase() === t)?.value;
}

/**
 * What a browser or a scenario types into a field, in the type the field
 * wants (checkbox text, "Ja"/"Nee", numbers as text, option by number);
 * what is not understood goes on as it is, for the field's own error.
 */
export function evaluateInput(field: FieldMeta | undefined, value: unknown): unknown {
  if (!field || typeof value !== 'string') return value;
  const kind = field.type.kind;
  if (kind === 'Boolean') return parseYesNo(value, { blankIsNo: true }) ?? value;
  if (kind === 'Integer' || kind === 'Decimal') {
    const t = value.trim().replace(',', '.');
    return t === '' ? 0 : t;
  }
  if (kind === 'Option' && /^\d+$/.test(value)) return Number(value);
  return value;
}
