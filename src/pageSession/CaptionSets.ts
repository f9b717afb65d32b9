/**
 * The words of the two Empire versions the work instructions describe, per company (Company."Caption Set"):
 * '000' (the default: seed 000, "Initialen", "Soort", "Huishouden / Bedrijf") and '003' (seed 003, "Voorletters",
 * "Bedrijf,Persoon (Type)", "Huishouden/bedrijf"). Only the Dutch words differ, and only where the two
 * instructions name the same thing differently; every other caption is the table's or the page's own.
 *
 * This is the ONE table of those differences. The page view builder applies it where captions are made (field
 * captions, list columns, filter chips, option names), and controls are found by these words as well, so a
 * scenario written from either instruction runs on a company of its set.
 */
export type CaptionSetName = '000' | '003';

/** Company."Caption Set" is Option '000,003': its value is the index. */
export const CAPTION_SET_NAMES: readonly CaptionSetName[] = ['000', '003'];

export function captionSetName(value: number | undefined): CaptionSetName {
  return CAPTION_SET_NAMES[value ?? 0] ?? '000';
}

interface FieldWords {
  /** The table's AL name and the field's property. */
  table: string;
  field: string;
  /** The field's caption in each set. */
  caption?: Record<CaptionSetName, string>;
  /** Option members (by their AL name) in each set. */
  options?: Record<string, Record<CaptionSetName, string>>;
  /** Where the words are written. */
  source: string;
}

export const CAPTION_SET_DIFFERENCES: readonly FieldWords[] = [
  {
    table: 'Contact',
    field: 'initials',
    caption: { '000': 'Initialen', '003': 'Voorletters' },
    source: 'seed 000 "Aanmaken contact" l.13, l.17; seed 003 "Aanmaken contact" step 2',
  },
  {
    table: 'Contact',
    field: 'type',
    caption: { '000': 'Soort', '003': 'Bedrijf,Persoon (Type)' },
    options: { Company: { '000': 'Huishouden / Bedrijf', '003': 'Huishouden/bedrijf' } },
    source: "seed 000 l.14 (veld Soort, de waarde 'Huishouden / Bedrijf'); seed 003 step 3 (veld Bedrijf,Persoon (Type), Huishouden/bedrijf)",
  },
];

function wordsOf(table: string, field: string): FieldWords | undefined {
  return CAPTION_SET_DIFFERENCES.find((d) => d.table === table && d.field === field);
}

/** The Dutch caption of a table field in a set, or undefined where the sets agree. */
export function setCaption(set: CaptionSetName, table: string, field: string): string | undefined {
  return wordsOf(table, field)?.caption?.[set];
}

/** The Dutch name of an option member in a set, or undefined where the sets agree. */
export function setOption(set: CaptionSetName, table: string, field: string, member: string): string | undefined {
  return wordsOf(table, field)?.options?.[member]?.[set];
}

/** Every set's words for a table field (a control is found by any of them). */
export function allSetCaptions(table: string, field: string): string[] {
  const c = wordsOf(table, field)?.caption;
  return c ? Object.values(c) : [];
}
