import { ApiPageDefinition } from '../../../pages/api/ApiPage';
import { tableMeta } from '../../runtime/Metadata';
import { FieldInfo, pageFields } from './EntityCodec';
import { encodeEdmName } from './edm';

/**
 * The EDM view of the API pages: each page field's OData type, enum types for
 * option fields. One model feeds $metadata, the OpenAPI document and the
 * $filter binder, so the types a client reads in $metadata are the types its
 * filters are checked against.
 */

export const NAMESPACE = 'Microsoft.NAV';

export type EdmKind = 'String' | 'Int32' | 'Int64' | 'Decimal' | 'Boolean' | 'Date' | 'TimeOfDay' | 'DateTimeOffset' | 'Guid' | 'Enum' | 'Stream';

export interface EnumTypeDef {
  name: string;
  /** Member names in BC's encoded form (`In_x0020_Progress`). */
  members: { name: string; value: number }[];
  /** An AL enum: an EnumType in $metadata. An Option is served as Edm.String with the same member names. */
  declared: boolean;
}

export interface EdmProperty {
  name: string;
  kind: EdmKind;
  /** `Edm.String` (also for an Option, whose members are in enumType), or `Microsoft.NAV.<enum>`. */
  type: string;
  maxLength?: number;
  enumType?: EnumTypeDef;
  /** The page field (absent for the `companies` entity, which is no page). */
  info?: FieldInfo;
  /** The table property behind it. */
  property?: string;
  /** A table column: filterable and sortable. Computed page fields are not. */
  column: boolean;
}

export interface EntityTypeDef {
  name: string;
  qualifiedName: string;
  properties: EdmProperty[];
  byName: Map<string, EdmProperty>;
}

const cache = new WeakMap<ApiPageDefinition<any>, EntityTypeDef>();

export function entityType(page: ApiPageDefinition<any>): EntityTypeDef {
  const cached = cache.get(page);
  if (cached) return cached;
  const table = tableMeta(page.table);
  const properties = pageFields(page).map((info): EdmProperty => {
    const column = info.property !== undefined;
    const base = { name: info.name, info, column, property: info.property };
    switch (info.kind) {
      case 'Code':
      case 'Text': {
        const variable = 'pageVariable' in info.def ? info.def.pageVariable : undefined;
        return { ...base, kind: 'String', type: 'Edm.String', maxLength: variable ? variable.length : info.meta?.type.length };
      }
      case 'string': {
        const declared = 'enumType' in info.def ? info.def.enumType : undefined;
        if (declared) {
          const enumType: EnumTypeDef = { name: declared.name, members: declared.members.map((m) => ({ name: encodeEdmName(m.name), value: m.value })), declared: true };
          return { ...base, kind: 'Enum', type: `${NAMESPACE}.${enumType.name}`, enumType };
        }
        return { ...base, kind: 'String', type: 'Edm.String', maxLength: 'maxLength' in info.def ? info.def.maxLength : undefined };
      }
      case 'DateFormula':
        return { ...base, kind: 'String', type: 'Edm.String', maxLength: info.meta?.type.length };
      case 'Guid':
      case 'guid':
        return { ...base, kind: 'Guid', type: 'Edm.Guid' };
      case 'stream':
        return { ...base, kind: 'Stream', type: 'Edm.Stream' };
      case 'Integer':
      case 'integer':
        return { ...base, kind: 'Int32', type: 'Edm.Int32' };
      case 'BigInteger':
        return { ...base, kind: 'Int64', type: 'Edm.Int64' };
      case 'Decimal':
      case 'number':
        return { ...base, kind: 'Decimal', type: 'Edm.Decimal' };
      case 'Boolean':
      case 'boolean':
        return { ...base, kind: 'Boolean', type: 'Edm.Boolean' };
      case 'Date':
      case 'date':
        return { ...base, kind: 'Date', type: 'Edm.Date' };
      case 'Time':
        return { ...base, kind: 'TimeOfDay', type: 'Edm.TimeOfDay' };
      case 'DateTime':
      case 'datetime':
        return { ...base, kind: 'DateTimeOffset', type: 'Edm.DateTimeOffset' };
      case 'Option': {
        // BC: "Options are generated as type strings in the metadata … Enums have their own types"
        // (devenv-develop-custom-api.md), named after the enum object (Enum "Task Status" → taskStatus).
        const fieldType = info.meta!.type;
        const enumType: EnumTypeDef = {
          name: camel(fieldType.enumName ?? `${table.name} ${info.meta!.name}`),
          members: (fieldType.members ?? []).map((m) => ({ name: encodeEdmName(m.name), value: m.value })),
          declared: fieldType.enumName !== undefined,
        };
        return { ...base, kind: 'Enum', type: enumType.declared ? `${NAMESPACE}.${enumType.name}` : 'Edm.String', enumType };
      }
    }
  });
  const def: EntityTypeDef = {
    name: page.entityName,
    qualifiedName: `${NAMESPACE}.${page.entityName}`,
    properties,
    byName: new Map(properties.map((p) => [p.name, p])),
  };
  cache.set(page, def);
  return def;
}

/** API v2.0 `companies` (system table Company): not an API page, but filtered and described the same way. */
export const companyEntityType: EntityTypeDef = (() => {
  const props: EdmProperty[] = [
    { name: 'id', kind: 'Guid', type: 'Edm.Guid', column: true, property: 'systemId' },
    { name: 'systemVersion', kind: 'String', type: 'Edm.String', column: true },
    { name: 'timestamp', kind: 'Int64', type: 'Edm.Int64', column: true, property: 'rowVersion' },
    { name: 'name', kind: 'String', type: 'Edm.String', maxLength: 30, column: true, property: 'name' },
    { name: 'displayName', kind: 'String', type: 'Edm.String', maxLength: 250, column: true, property: 'displayName' },
    { name: 'businessProfileId', kind: 'String', type: 'Edm.String', maxLength: 250, column: true },
    { name: 'systemCreatedAt', kind: 'DateTimeOffset', type: 'Edm.DateTimeOffset', column: true, property: 'systemCreatedAt' },
    { name: 'systemCreatedBy', kind: 'Guid', type: 'Edm.Guid', column: true, property: 'systemCreatedBy' },
    { name: 'systemModifiedAt', kind: 'DateTimeOffset', type: 'Edm.DateTimeOffset', column: true, property: 'systemModifiedAt' },
    { name: 'systemModifiedBy', kind: 'Guid', type: 'Edm.Guid', column: true, property: 'systemModifiedBy' },
  ];
  return { name: 'company', qualifiedName: `${NAMESPACE}.company`, properties: props, byName: new Map(props.map((p) => [p.name, p])) };
})();

/** `To-do` + `System To-do Type` → `toDoSystemToDoType`: an OData simple identifier. */
function camel(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const out = words.map((w, i) => (i === 0 ? w[0].toLowerCase() + w.slice(1) : w[0].toUpperCase() + w.slice(1))).join('');
  return /^[A-Za-z_]/.test(out) ? out : `_${out}`;
}
