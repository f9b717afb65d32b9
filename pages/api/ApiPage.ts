import type { FindOptionsWhere } from 'typeorm';
import { DialogError } from '../../src/runtime/BcError';
import type { ModalResult } from '../../src/runtime/Dialogs';
import type { Label } from '../../src/runtime/Labels';
import type { TableClass } from '../../src/runtime/Metadata';
import type { TableRecord } from '../../src/runtime/Record';
import type { Session } from '../../src/runtime/Session';
import { caption, Caption, PageBase, PageControlDef, TableFieldDef, Where } from '../Page';

/**
 * The API pages' part of the page model (../Page, PageType = API): the entity (set) names, the fields in page
 * order, navigation properties and bound actions. One generic handler (src/http/api) serves them all, so the
 * OData rules — ETags, field validation in page order, read-only controls, enum encoding — live in one place.
 *
 * As in AL, a page holds no business rules: fields are validated on the table
 * and actions call table procedures and codeunits.
 */

export type { TableFieldDef, Where };

/**
 * The types of computed (non-table) fields: JSON types, and `guid`, `integer` (Edm.Int32) and `stream` (Edm.Stream,
 * a BLOB control: declared in $metadata, never written into an entity's JSON) for the fields of temporary-table pages.
 */
export type ComputedType = 'string' | 'number' | 'boolean' | 'date' | 'datetime' | 'guid' | 'integer' | 'stream';

/** The record properties every table has besides its BC fields. */
export type SystemProperty = 'systemId' | 'systemCreatedAt' | 'systemModifiedAt';

/** A row as a list reads it for a computed field: only the columns the field says it reads. */
export type RowValues = Readonly<Record<string, unknown>>;

interface ComputedFieldBase extends PageControlDef {
  type: ComputedType;
  /** A `string` that is an AL enum's member (its EnumType in $metadata): the enum's name and its members by ordinal. */
  enumType?: { name: string; members: readonly { name: string; value: number }[] };
  /** A `string`'s length (AL `Text[n]` of the temporary table's field), for $metadata. */
  maxLength?: number;
}

/** A page variable or FlowField-like value, always read-only, computed from the record. */
export interface RecordComputedFieldDef<T extends TableRecord = TableRecord> extends ComputedFieldBase {
  compute: (rec: T, session: Session) => Promise<unknown> | unknown;
}

/**
 * A computed value for many rows at once, from some of their columns: a list
 * (or an expansion) reads it with one query instead of one per row, and no
 * record is made for it.
 */
export interface RowsComputedFieldDef<T extends TableRecord = TableRecord> extends ComputedFieldBase {
  computeRows: {
    /** The table properties the computation reads. */
    reads: readonly (keyof T & string)[];
    /** One value per row, in the rows' order. */
    compute: (rows: readonly RowValues[], session: Session) => Promise<unknown[]>;
  };
}

export type ComputedFieldDef<T extends TableRecord = TableRecord> = RecordComputedFieldDef<T> | RowsComputedFieldDef<T>;

/** An API page control on a table field, with the page field's own OnValidate. */
export interface ApiTableFieldDef<T extends TableRecord = TableRecord> extends TableFieldDef {
  /** AL page field OnValidate: runs after the table field's OnValidate, as BC runs them. */
  onValidate?: (rec: T, session: Session) => Promise<void> | void;
  /**
   * The control is a page variable written to the table field (AL `field(x; SomeVar)` whose OnValidate assigns the
   * field): $metadata shows the variable's length (`Text[50]`), or none for an unbounded `Text`.
   */
  pageVariable?: { length?: number };
}

export type ApiFieldDef<T extends TableRecord = TableRecord> = ApiTableFieldDef<T> | ComputedFieldDef<T>;

export function isComputed<T extends TableRecord>(f: ApiFieldDef<T>): f is ComputedFieldDef<T> {
  return 'compute' in f || 'computeRows' in f;
}

/** A navigation property: another API page, filtered by the current record (AL SubPageLink). */
export interface NavigationDef<T extends TableRecord = TableRecord> {
  /** One line for docs/api.md. */
  description: string;
  target: () => ApiPageDefinition<any>;
  /**
   * AL part `Multiplicity = ZeroOrOne`: a single-valued navigation property (no `Collection(…)` in $metadata); the
   * URL and `$expand` give the one entity the link finds, not a collection.
   */
  multiplicity?: 'ZeroOrOne';
  /** The link filter; null when the record links to nothing (an empty collection). */
  link: (rec: T, session: Session) => Promise<Where<any> | null> | Where<any> | null;
}

export type ParameterType = 'string' | 'boolean' | 'number' | 'object';

export interface ParameterDef {
  type: ParameterType;
  required?: boolean;
  /** For `object` parameters: the allowed member names (anything else is rejected). */
  members?: readonly string[];
  /** For `object` parameters: member types other than string, for $metadata and OpenAPI. */
  memberTypes?: Readonly<Record<string, Exclude<ParameterType, 'object'>>>;
}

/** Answers an action gives to the dialogs its own code raises (it *is* the user's choice). */
export interface ActionDialogAnswers {
  confirms?: Record<string, boolean>;
  modals?: Record<string, ModalResult>;
}

export interface ActionContext<T extends TableRecord> {
  session: Session;
  /** The bound entity. */
  rec: T;
  /** The API page the action was called on. */
  page: ApiPageDefinition<T>;
}

/**
 * A bound action: `POST .../entitySet({id})/Microsoft.NAV.<name>` (AL `[ServiceEnabled]` procedure with a
 * WebServiceActionContext). Such a procedure returns nothing, so $metadata declares no ReturnType and BC answers
 * `204 No Content` — also when the action created or changed a record (docs: "The response has no content; the
 * response code is 204."); the client reads the record afterwards.
 */
export interface BoundActionDef<T extends TableRecord = TableRecord> {
  /** One line for docs/api.md. */
  description: string;
  parameters: Record<string, ParameterDef>;
  /** Dialog answers that follow from the action and its parameters; they override X-Sim-Dialog-Answers. */
  dialogAnswers?: (params: Record<string, unknown>) => ActionDialogAnswers;
  run: (ctx: ActionContext<T>, params: Record<string, unknown>) => Promise<void>;
}

export interface ApiPageDefinition<T extends TableRecord = TableRecord> extends PageBase<T> {
  type: 'API';
  /** AL EntityName: the OData type is `Microsoft.NAV.<entityName>`. */
  entityName: string;
  /** AL EntitySetName: the URL segment. */
  entitySetName: string;
  table: TableClass<T>;
  /** Fields in page order: a POST or PATCH validates the given fields in this order. */
  fields: ApiFieldDef<T>[];
  /**
   * AL `CurrPage.Editable` set per record (OnAfterGetRecord): false makes every control read-only for that
   * record, so a PATCH of it gets BC's "Control '…' is read-only". Default: editable.
   */
  editable?: (rec: T) => boolean;
  /** AL SourceTableView: rows outside it are not found; single values are assigned on insert. */
  sourceTableView?: FindOptionsWhere<T>;
  insertAllowed: boolean;
  modifyAllowed: boolean;
  deleteAllowed: boolean;
  /**
   * Methods BC's page allows that the simulator does not reproduce: they answer Simulator_NotSupported with this
   * description (listed in docs/differences.md) before anything runs.
   */
  notSimulated?: Partial<Record<'POST' | 'PATCH' | 'DELETE', string>>;
  /**
   * Parts of BC's page (navigation properties) the simulator does not serve: following one by URL or `$expand`
   * answers Simulator_NotSupported with this description instead of "not found". Not in $metadata.
   */
  notSimulatedNavigation?: Record<string, string>;
  /** AL OnInsertRecord: the page's checks after the request's fields are validated, before Insert(true). */
  onInsertRecord?: (rec: T, session: Session) => Promise<void> | void;
  navigation?: Record<string, NavigationDef<T>>;
  actions?: Record<string, BoundActionDef<T>>;
}

/** An API route group: `/api/v2.0` (Microsoft's) or `/api/<publisher>/<group>/<version>`. */
export interface ApiGroup {
  publisher: string;
  group: string;
  version: string;
  pages: ApiPageDefinition<any>[];
  /** API pages served only as parts of others (through a navigation property): no entity set of their own here. */
  parts?: ApiPageDefinition<any>[];
}

// ---- helpers that keep page files declarative ----

/** `id`: the SystemId. Read-only, except that a client may choose it on POST (API v2.0). */
export const idField: TableFieldDef = { name: 'id', source: 'systemId', editable: false, caption: caption('Id', 'Id') };

/** `lastModifiedDateTime`: SystemModifiedAt. */
export const lastModifiedField: TableFieldDef = {
  name: 'lastModifiedDateTime',
  source: 'systemModifiedAt',
  editable: false,
  caption: caption('Last Modified Date Time', 'Laatst gewijzigd op'),
};

export function field<T extends TableRecord = any>(
  name: string,
  source: string,
  options: { editable?: boolean; caption?: Caption; onValidate?: ApiTableFieldDef<T>['onValidate']; pageVariable?: { length?: number } } = {},
): ApiTableFieldDef<T> {
  return { name, source, ...options };
}

export function readOnly(name: string, source: string, caption?: Caption): TableFieldDef {
  return { name, source, editable: false, caption };
}

/**
 * `record[key]` for a key that comes from a request: own properties only, so
 * `__proto__`, `constructor` or `toString` in a URL or body never reach
 * Object.prototype (found by the fuzz test).
 */
export function own<V>(record: Record<string, V> | undefined, key: string): V | undefined {
  return record !== undefined && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** AL `Error(Label, …)` raised by a page trigger, in the session's language. */
export function pageError(session: Session, label: Label, ...args: unknown[]): never {
  throw new DialogError(label.format(args, session.language), label.key);
}

/**
 * BC's API pages for contacts and customers refuse a record without a name twice: the
 * displayName control refuses "" and OnInsertRecord refuses a POST that set no name.
 */
export function requiredDisplayName<T extends TableRecord & { name: string }>(labels: { notProvided: Label; blank: Label }) {
  return {
    control: field<T>('displayName', 'name', { onValidate: (rec, session) => (rec.name === '' ? pageError(session, labels.blank) : undefined) }),
    onInsertRecord: (rec: T, session: Session) => (rec.name === '' ? pageError(session, labels.notProvided) : undefined),
  };
}
