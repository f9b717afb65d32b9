/**
 * The AL runtime's own error texts (not base-app labels), in BC's exact wording
 * and key formatting: shared/reference/bc-domain-spec.md §7. One place, so a
 * changed wording is a one-line change.
 *
 * Version: the pre-2024 runtime texts ("It cannot be zero or empty."), which is
 * what the base application 24.1 quoted in the spec produces.
 */
export const PlatformText = {
  /** TestField(Field): key values unquoted, `, `-separated; empty key prints `Key=`. */
  testFieldBlank: (field: string, table: string, keyUnquoted: string) =>
    `${field} must have a value in ${table}: ${keyUnquoted}. It cannot be zero or empty.`,

  /** TestField(Field, Value): note the two spaces before "in". */
  testFieldValue: (field: string, expected: string, table: string, keyUnquoted: string, actual: string) =>
    `${field} must be equal to '${expected}'  in ${table}: ${keyUnquoted}. Current value is '${actual}'.`,

  /** FieldError(Field) on a blank field. Key values quoted, `,`-separated without space. */
  fieldErrorBlank: (field: string, table: string, keyQuoted: string) => `You must specify ${field} in ${table} ${keyQuoted}.`,

  /** FieldError(Field) on a valued field without text. */
  fieldErrorValue: (field: string, value: string, table: string, keyQuoted: string) =>
    `${field} must not be ${value} in ${table} ${keyQuoted}.`,

  /** FieldError(Field, Text). */
  fieldErrorText: (field: string, text: string, table: string, keyQuoted: string) =>
    `${field} ${text} in ${table} ${keyQuoted}.`,

  /** Evaluate's failure (NavNCLEvaluateException): "cannot", as in Microsoft's error-code table (dynamics-error-codes.md). */
  cannotEvaluate: (value: string, type: string) => `The value "${value}" cannot be evaluated into type ${type}.`,

  recordNotFound: (table: string, keyQuoted: string) =>
    `The ${table} does not exist. Identification fields and values: ${keyQuoted}`,

  recordExists: (table: string, keyQuoted: string) =>
    `The record in table ${table} already exists. Identification fields and values: ${keyQuoted}`,

  recordChanged: (table: string) =>
    `Another user has modified the record for this ${table} after you retrieved it from the database.\nEnter your changes again in the updated window, or start the interrupted activity again.`,

  tableRelation: (field: string, table: string, value: string, relatedTable: string) =>
    `The field ${field} of table ${table} contains a value (${value}) that cannot be found in the related table (${relatedTable}).`,

  /** NavNCLStringLengthExceededException, with the value (bc-api-v2-entities.md, error table). */
  stringLength: (actual: number, max: number, value: string) =>
    `The length of the string is ${actual}, but it must be less than or equal to ${max} characters. Value: ${value}`,

  /**
   * The simulator's own (docs/differences.md): BC on SQL Server stores a NUL character in a text
   * field; PostgreSQL cannot store it, so the simulator refuses it on every database alike.
   */
  nulCharacter: (field: string, table: string) =>
    `The value of ${field}${table ? ` in ${table}` : ''} contains the character NUL (U+0000), which empire-sim does not store.`,

  /** NavNCLInvalidGuidFormatException (bc-api-v2-entities.md, error table). */
  invalidGuid: () =>
    'Invalid format of GUID string. The correct format of the GUID string is: CDEF7890-ABCD-0123-1234-567890ABCDEF where 0-9, A-F symbolizes hexadecimal digits.',
};
