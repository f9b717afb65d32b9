import { Column, ColumnOptions, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * BC table and field metadata, declared once per field with `@Field(...)`.
 * The decorator records BC's field number, name, type, captions and relation,
 * and declares the TypeORM column from the same facts, so the SQL schema, the
 * validation rules, the API and the docs all read one definition.
 */

export type FieldKind =
  | 'Code'
  | 'Text'
  | 'Integer'
  | 'BigInteger'
  | 'Decimal'
  | 'Boolean'
  | 'Date'
  | 'Time'
  | 'DateTime'
  | 'Guid'
  | 'Option'
  | 'DateFormula';

export interface OptionMember {
  value: number;
  name: string;
  nl?: string;
}

export interface FieldType {
  kind: FieldKind;
  length?: number;
  members?: OptionMember[];
  /** An AL enum object's name ("Task Status"); absent for an Option field. The API serves enums as their own type, options as strings. */
  enumName?: string;
}

export const Code = (length: number): FieldType => ({ kind: 'Code', length });
export const Text = (length: number): FieldType => ({ kind: 'Text', length });
export const Integer: FieldType = { kind: 'Integer' };
export const BigInteger: FieldType = { kind: 'BigInteger' };
export const Decimal: FieldType = { kind: 'Decimal' };
export const BooleanField: FieldType = { kind: 'Boolean' };
export const DateField: FieldType = { kind: 'Date' };
export const TimeField: FieldType = { kind: 'Time' };
export const DateTimeField: FieldType = { kind: 'DateTime' };
export const Guid: FieldType = { kind: 'Guid' };
/** BC DateFormula, stored as its text (`<5D>`, `<1W>`, `<CM+1D>`). */
export const DateFormulaField: FieldType = { kind: 'DateFormula', length: 32 };

/** AL `OptionMembers = ' ,Outbound,Inbound'`; values are positions. Dutch names optional, same order. */
export function Option(members: string, nl?: string): FieldType {
  const nlNames = nl?.split(',');
  return {
    kind: 'Option',
    members: members.split(',').map((name, value) => ({ value, name, nl: nlNames?.[value] })),
  };
}

/**
 * AL `Enum "<name>"`: members with explicit values (Contact Business Relation 100 = None), or, as a
 * comma list like Option's, numbered from 0.
 */
export function Enum(name: string, members: string | Array<[value: number, name: string, nl?: string]>, nl?: string): FieldType {
  if (typeof members === 'string') return { ...Option(members, nl), enumName: name };
  return { kind: 'Option', enumName: name, members: members.map(([value, member, memberNl]) => ({ value, name: member, nl: memberNl })) };
}

export type TableClass<T = any> = (new () => T) & { prototype: T };

export interface RelationSpec {
  table: () => TableClass;
  /** Related field (property name); default: the related table's single primary-key field. */
  field?: string;
  /** Constant conditions on the related table, as AL `where(Type = const(Company))`. */
  where?: Record<string, unknown>;
}

/**
 * A filter of a CalcFormula on the other table's field: AL `field("Contact No.")`
 * (this record's field, by property), `field(filter("Lookup Contact No."))`
 * (the same, except that a blank value sets no filter) or `const(Company)`.
 */
export type CalcCondition = { field: string; filter?: true } | { const: unknown };

/**
 * AL CalcFormula of a FlowField: the other table and its filters (keys are
 * that table's properties), e.g. `lookup(Contact.Name where("No." = field("Contact No.")))`.
 * Only lookup, exist, count and max are simulated (no sum/average/min, no
 * FlowFilters): docs/differences.md.
 */
export interface CalcFormula {
  method: 'lookup' | 'exist' | 'count' | 'max';
  table: () => TableClass;
  /** lookup, max: the other table's field whose value is the FlowField's. */
  field?: string;
  where: Record<string, CalcCondition>;
}

export const Lookup = (table: () => TableClass, field: string, where: Record<string, CalcCondition>): CalcFormula => ({
  method: 'lookup',
  table,
  field,
  where,
});
export const Max = (table: () => TableClass, field: string, where: Record<string, CalcCondition>): CalcFormula => ({
  method: 'max',
  table,
  field,
  where,
});
export const Exist = (table: () => TableClass, where: Record<string, CalcCondition>): CalcFormula => ({ method: 'exist', table, where });
export const Count = (table: () => TableClass, where: Record<string, CalcCondition>): CalcFormula => ({ method: 'count', table, where });

export interface FieldOptions {
  /** en-US caption when it differs from the name (AL `Caption`). */
  caption?: string;
  /** nl-NL caption (from the seed documents or Microsoft's Dutch docs). */
  nl?: string;
  primaryKey?: boolean;
  relation?: RelationSpec | (() => TableClass);
  /** AL `NotBlank`: checked on insert. */
  notBlank?: boolean;
  /** AL `InitValue`. */
  initValue?: unknown;
  /** AL `Editable = false`: pages and the API refuse to write it. */
  editable?: boolean;
  /** An Empire extension field (its number is the simulator's own; Empire's were not public). */
  empire?: boolean;
  /** Option fields: the Empire (nl-NL) names of the members when they differ from Option(..., nl). */
  description?: string;
}

export interface FieldMeta {
  no: number;
  name: string;
  property: string;
  type: FieldType;
  caption: string;
  nl?: string;
  primaryKey: boolean;
  relation?: RelationSpec;
  notBlank: boolean;
  initValue?: unknown;
  editable: boolean;
  empire: boolean;
  description?: string;
  sqlName: string;
  /** FieldClass = FlowField: not stored, computed by CalcFields (src/runtime/FlowFields.ts). */
  calcFormula?: CalcFormula;
}

export interface TableOptions {
  caption?: string;
  nl?: string;
  /** An Empire table (its number is the simulator's own). */
  empire?: boolean;
  /** Tables of the system database (companies, users) rather than per-company data. */
  system?: boolean;
  description?: string;
  /** BC's secondary keys (property names), created as SQL indexes. */
  keys?: string[][];
  /**
   * A setup table: read by nearly every operation, written rarely. The record
   * store caches its rows per company between transactions and drops them at
   * any write (src/db/store/CompanyCache.ts).
   */
  setup?: boolean;
}

export interface TableMeta {
  id: number;
  name: string;
  caption: string;
  nl?: string;
  empire: boolean;
  system: boolean;
  setup: boolean;
  description?: string;
  sqlName: string;
  cls: TableClass;
  /** The stored (Normal) fields: the table's columns. */
  fields: FieldMeta[];
  /** FlowFields: no column; `field()` and `fieldByName()` find them too. */
  flowFields: FieldMeta[];
  primaryKey: FieldMeta[];
  validators: Map<string, string>;
  field(property: string): FieldMeta;
  fieldByName(name: string): FieldMeta | undefined;
}

/**
 * SQL names follow BC's rule (."\/'%][ replaced by _), and spaces become _
 * too: TypeORM rewrites words of a quoted name that equal a property name.
 */
export function bcSqlName(name: string): string {
  return name.replace(/[."\\/'%\]\[ &]/g, '_');
}

const pendingFields = new Map<object, FieldMeta[]>();
const pendingValidators = new Map<object, Map<string, string>>();
const tables = new Map<TableClass, TableMeta>();

function columnOptions(type: FieldType, sqlName: string): ColumnOptions {
  const base: ColumnOptions = { name: sqlName };
  switch (type.kind) {
    case 'Code':
    case 'Text':
    case 'DateFormula':
      return { ...base, type: String, length: type.length, default: '' };
    case 'Guid':
      return { ...base, type: String, length: 36, default: '' };
    case 'Integer':
    case 'Option':
      return { ...base, type: Number, default: 0 };
    case 'BigInteger':
      return { ...base, type: 'bigint', default: 0, transformer: numberTransformer };
    case 'Decimal':
      return { ...base, type: 'decimal', precision: 38, scale: 20, default: 0, transformer: numberTransformer };
    case 'Boolean':
      return { ...base, type: Boolean, default: false };
    case 'Date':
      return { ...base, type: 'date', nullable: true };
    case 'Time':
      return { ...base, type: 'time', nullable: true };
    case 'DateTime':
      return { ...base, type: Date, nullable: true };
  }
}

const numberTransformer = {
  from: (v: unknown) => (v === null || v === undefined ? 0 : Number(v)),
  to: (v: unknown) => v,
};

function fieldMeta(no: number, name: string, property: string, type: FieldType, options: FieldOptions): FieldMeta {
  const relation = typeof options.relation === 'function' ? { table: options.relation } : options.relation;
  return {
    no,
    name,
    property,
    type,
    caption: options.caption ?? name,
    nl: options.nl,
    primaryKey: options.primaryKey ?? false,
    relation,
    notBlank: options.notBlank ?? false,
    initValue: options.initValue,
    editable: options.editable ?? true,
    empire: options.empire ?? false,
    description: options.description,
    sqlName: bcSqlName(name),
  };
}

function addPending(target: object, meta: FieldMeta): void {
  const list = pendingFields.get(target.constructor) ?? [];
  list.push(meta);
  pendingFields.set(target.constructor, list);
}

/** Declares a BC field: `@Field(2, 'Name', Text(100), { nl: 'Naam' })`. */
export function Field(no: number, name: string, type: FieldType, options: FieldOptions = {}): PropertyDecorator {
  return (target, propertyKey) => {
    const meta = fieldMeta(no, name, String(propertyKey), type, options);
    addPending(target, meta);
    const col = columnOptions(type, meta.sqlName);
    if (meta.primaryKey) {
      const { default: _d, nullable: _n, ...pk } = col;
      PrimaryColumn(pk as Parameters<typeof PrimaryColumn>[0])(target, propertyKey as string);
    } else {
      Column(col)(target, propertyKey as string);
    }
  };
}

/**
 * Declares a FlowField (AL FieldClass = FlowField): no column, so the schema
 * and migrations never see it; Editable = false, as BC's FlowFields are.
 * `@FlowField(18, 'Contact Name', Text(100), Lookup(() => Contact, 'name', { no: { field: 'contactNo' } }))`.
 */
export function FlowField(
  no: number,
  name: string,
  type: FieldType,
  calcFormula: CalcFormula,
  options: Pick<FieldOptions, 'caption' | 'nl' | 'empire' | 'description'> = {},
): PropertyDecorator {
  return (target, propertyKey) => {
    addPending(target, { ...fieldMeta(no, name, String(propertyKey), type, { ...options, editable: false }), calcFormula });
  };
}

/** Marks a method as the OnValidate trigger of a field; it receives xRec. */
export function OnValidate(property: string): MethodDecorator {
  return (target, methodKey) => {
    const map = pendingValidators.get(target.constructor) ?? new Map<string, string>();
    map.set(property, String(methodKey));
    pendingValidators.set(target.constructor, map);
  };
}

/** Declares a BC table: `@Table(5050, 'Contact', { nl: 'Contact' })`. */
export function Table(id: number, name: string, options: TableOptions = {}): ClassDecorator {
  return (target) => {
    const cls = target as unknown as TableClass;
    const declared = pendingFields.get(cls) ?? [];
    const fields = declared.filter((f) => !f.calcFormula);
    const byProperty = new Map(declared.map((f) => [f.property, f]));
    const byName = new Map(declared.map((f) => [f.name, f]));
    const meta: TableMeta = {
      id,
      name,
      caption: options.caption ?? name,
      nl: options.nl,
      empire: options.empire ?? false,
      system: options.system ?? false,
      setup: options.setup ?? false,
      description: options.description,
      sqlName: bcSqlName(name),
      cls,
      fields,
      flowFields: declared.filter((f) => f.calcFormula),
      primaryKey: fields.filter((f) => f.primaryKey),
      validators: pendingValidators.get(cls) ?? new Map(),
      field(property: string) {
        const f = byProperty.get(property);
        if (!f) throw new Error(`Table ${name} has no field '${property}'`);
        return f;
      },
      fieldByName(n: string) {
        return byName.get(n);
      },
    };
    tables.set(cls, meta);
    for (const key of options.keys ?? []) {
      Index(`IX_${meta.sqlName}_${key.join('_')}`.slice(0, 120), key)(target);
    }
    Entity(meta.sqlName)(target);
  };
}

export function tableMeta(cls: TableClass): TableMeta {
  const meta = tables.get(cls);
  if (!meta) throw new Error(`${cls.name} is not a @Table`);
  return meta;
}

export function allTables(): TableMeta[] {
  return [...tables.values()];
}

export function optionName(field: FieldMeta, value: number): string {
  return field.type.members?.find((m) => m.value === value)?.name ?? String(value);
}
