/**
 * A filter on top of a table view, as a small tree the record store compiles
 * to SQL: the form the API's $filter takes once it is bound (checked against
 * the entity and BC's dialect, literals already converted; src/http/api/odata/bind.ts).
 * It names only table properties, never text from a request. Defined here so
 * the store and the runtime depend on no HTTP module.
 */

/** The field a condition reads: the table property behind it (none for a non-table entity such as `companies`), and a name for messages. */
export interface FilterProperty {
  name: string;
  property?: string;
}

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type FilterValue<P extends FilterProperty = FilterProperty> =
  | { t: 'prop'; prop: P }
  | { t: 'lower' | 'upper'; x: FilterValue<P> }
  | { t: 'substr'; x: FilterValue<P>; start: number; length?: number };

/** A literal converted to its property's type: `js` is what the record property would hold. */
export interface FilterLiteral {
  js: string | number | boolean | Date;
  /** The property type's blank value (0D, 0T, 0DT...): matches a stored NULL. */
  blank: boolean;
}

export type FilterTree<P extends FilterProperty = FilterProperty> =
  | { t: 'true' }
  | { t: 'and' | 'or'; l: FilterTree<P>; r: FilterTree<P> }
  | { t: 'not'; x: FilterTree<P> }
  | { t: 'cmp'; v: FilterValue<P>; op: CompareOp; lit: FilterLiteral; ci: boolean }
  | { t: 'in'; v: FilterValue<P>; lits: FilterLiteral[]; ci: boolean }
  | { t: 'fn'; fn: 'contains' | 'startswith' | 'endswith'; v: FilterValue<P>; s: string; ci: boolean };
