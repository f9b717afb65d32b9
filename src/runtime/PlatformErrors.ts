import { defineLabels, LabelText } from './Labels';

/**
 * The AL runtime's own error texts (not base-app labels), in BC's exact wording
 * and key formatting: shared/reference/bc-domain-spec.md §7. They are labels of
 * object "Platform", so an error carries the label and its arguments (captions
 * in both languages) and a Dutch page session formats it in Dutch
 * (src/pageSession/Translations.ts, the one place of the Dutch); the API shows
 * the English text. One place, so a changed wording is a one-line change.
 *
 * Version: the pre-2024 runtime texts ("It cannot be zero or empty."), which is
 * what the base application 24.1 quoted in the spec produces.
 */
export const PlatformLabels = defineLabels('Platform', {
  /** TestField(Field): key values unquoted, `, `-separated; empty key prints `Key=`. */
  TestFieldBlankErr: {
    text: '%1 must have a value in %2: %3. It cannot be zero or empty.',
    comment: '%1 = field caption, %2 = table caption, %3 = key (unquoted)',
  },
  /** TestField(Field, Value): note the two spaces before "in". */
  TestFieldValueErr: {
    text: "%1 must be equal to '%2'  in %3: %4. Current value is '%5'.",
    comment: '%1 = field caption, %2 = expected value, %3 = table caption, %4 = key (unquoted), %5 = current value',
  },
  /** FieldError(Field) on a blank field. Key values quoted, `,`-separated without space. */
  FieldErrorBlankErr: { text: 'You must specify %1 in %2 %3.', comment: '%1 = field caption, %2 = table caption, %3 = key (quoted)' },
  /** FieldError(Field) on a valued field without text. */
  FieldErrorValueErr: {
    text: '%1 must not be %2 in %3 %4.',
    comment: '%1 = field caption, %2 = value, %3 = table caption, %4 = key (quoted)',
  },
  /** FieldError(Field, Text). */
  FieldErrorTextErr: { text: '%1 %2 in %3 %4.', comment: '%1 = field caption, %2 = text, %3 = table caption, %4 = key (quoted)' },
  RecordNotFoundErr: { text: 'The %1 does not exist. Identification fields and values: %2', comment: '%1 = table caption, %2 = key (quoted)' },
  RecordExistsErr: {
    text: 'The record in table %1 already exists. Identification fields and values: %2',
    comment: '%1 = table caption, %2 = key (quoted)',
  },
  RecordChangedErr: {
    text: 'Another user has modified the record for this %1 after you retrieved it from the database.\nEnter your changes again in the updated window, or start the interrupted activity again.',
    comment: '%1 = table caption',
  },
  TableRelationErr: {
    text: 'The field %1 of table %2 contains a value (%3) that cannot be found in the related table (%4).',
    comment: '%1 = field caption, %2 = table caption, %3 = value, %4 = related table caption',
  },
  /** NavNCLStringLengthExceededException, with the value (bc-api-v2-entities.md, error table). */
  StringLengthErr: {
    text: 'The length of the string is %1, but it must be less than or equal to %2 characters. Value: %3',
    comment: '%1 = length, %2 = maximum length, %3 = value',
  },
  /** Evaluate's failure (NavNCLEvaluateException): "cannot", as in Microsoft's error-code table (dynamics-error-codes.md). */
  EvaluateErr: { text: 'The value "%1" cannot be evaluated into type %2.', comment: '%1 = value, %2 = type' },
  /**
   * The simulator's own (docs/differences.md): BC on SQL Server stores a NUL character in a text
   * field; PostgreSQL cannot store it, so the simulator refuses it on every database alike.
   */
  NulCharacterErr: {
    text: 'The value of %1 in %2 contains the character NUL (U+0000), which empire-sim does not store.',
    comment: '%1 = field caption, %2 = table caption',
    simulatorAuthored: true,
  },
  NulCharacterNoTableErr: {
    text: 'The value of %1 contains the character NUL (U+0000), which empire-sim does not store.',
    comment: '%1 = field caption',
    simulatorAuthored: true,
  },
  /** NavNCLInvalidGuidFormatException (bc-api-v2-entities.md, error table). */
  InvalidGuidErr:
    'Invalid format of GUID string. The correct format of the GUID string is: CDEF7890-ABCD-0123-1234-567890ABCDEF where 0-9, A-F symbolizes hexadecimal digits.',
});

const L = PlatformLabels;

/**
 * The platform texts with their arguments. Captions and keys may be given as
 * `Localized` (Record.ts does) so that a Dutch page session prints them in Dutch;
 * a plain string stays as it is in both languages.
 */
export const PlatformText = {
  testFieldBlank: (field: unknown, table: unknown, keyUnquoted: unknown): LabelText => L.TestFieldBlankErr.with(field, table, keyUnquoted),
  testFieldValue: (field: unknown, expected: unknown, table: unknown, keyUnquoted: unknown, actual: unknown): LabelText =>
    L.TestFieldValueErr.with(field, expected, table, keyUnquoted, actual),
  fieldErrorBlank: (field: unknown, table: unknown, keyQuoted: unknown): LabelText => L.FieldErrorBlankErr.with(field, table, keyQuoted),
  fieldErrorValue: (field: unknown, value: unknown, table: unknown, keyQuoted: unknown): LabelText =>
    L.FieldErrorValueErr.with(field, value, table, keyQuoted),
  fieldErrorText: (field: unknown, text: unknown, table: unknown, keyQuoted: unknown): LabelText =>
    L.FieldErrorTextErr.with(field, text, table, keyQuoted),
  recordNotFound: (table: unknown, keyQuoted: unknown): LabelText => L.RecordNotFoundErr.with(table, keyQuoted),
  recordExists: (table: unknown, keyQuoted: unknown): LabelText => L.RecordExistsErr.with(table, keyQuoted),
  recordChanged: (table: unknown): LabelText => L.RecordChangedErr.with(table),
  tableRelation: (field: unknown, table: unknown, value: unknown, relatedTable: unknown): LabelText =>
    L.TableRelationErr.with(field, table, value, relatedTable),
  // Numbers as text: StrSubstNo would format 1000 as "1,000".
  stringLength: (actual: number, max: number, value: string): LabelText => L.StringLengthErr.with(String(actual), String(max), value),
  cannotEvaluate: (value: unknown, type: string): LabelText => L.EvaluateErr.with(String(value), type),
  nulCharacter: (field: unknown, table: unknown): LabelText =>
    table && String(table) !== '' ? L.NulCharacterErr.with(field, table) : L.NulCharacterNoTableErr.with(field),
  invalidGuid: (): LabelText => L.InvalidGuidErr.with(),
};
