import type { ApiGroup, ApiPageDefinition, ParameterDef } from '../../../pages/api/ApiPage';
import { companyEntityType, EdmProperty, entityType, EnumTypeDef, NAMESPACE } from './edmModel';

/**
 * `$metadata`: the CSDL (OData v4 XML) of one API route group, generated from
 * its API pages, as BC generates it from AL API pages:
 *  - namespace Microsoft.NAV; an EntityType per page (key `id`, properties in
 *    page order with their EDM types, options as EnumTypes with BC's encoded
 *    member names), navigation properties as collections;
 *  - `company` with a contained navigation property per entity set (the
 *    `companies({id})/contacts` URL shape);
 *  - bound actions as `<Action IsBound="true">` with the entity as binding
 *    parameter (BC's bound actions return nothing in the schema);
 *  - an EntityContainer with `companies` and the page entity sets, each with
 *    the Org.OData.Capabilities.V1 Delete/Insert/UpdateRestrictions of its page.
 * Cached per group: the pages do not change while the process runs.
 */

const cache = new WeakMap<ApiGroup, string>();

export function metadataDocument(group: ApiGroup): string {
  const cached = cache.get(group);
  if (cached) return cached;
  const doc = render(group);
  cache.set(group, doc);
  return doc;
}

function render(group: ApiGroup): string {
  const enums = new Map<string, EnumTypeDef>();
  const complexTypes: string[] = [];
  const entityTypes: string[] = [];
  const actions: string[] = [];

  entityTypes.push(
    entityTypeXml(
      'company',
      companyEntityType.properties,
      group.pages.map((p) => navigationXml(p.entitySetName, p, true)),
    ),
  );
  for (const page of typedPages(group)) {
    const type = entityType(page);
    for (const p of type.properties) if (p.enumType?.declared) enums.set(p.enumType.name, p.enumType);
    const navs = Object.entries(page.navigation ?? {}).map(([name, nav]) => navigationXml(name, nav.target(), nav.multiplicity !== 'ZeroOrOne'));
    entityTypes.push(entityTypeXml(page.entityName, type.properties, navs));
    for (const [name, action] of Object.entries(page.actions ?? {})) {
      const params = [`<Parameter Name="${attr(page.entityName)}" Type="${NAMESPACE}.${attr(page.entityName)}" Nullable="false"/>`];
      for (const [pname, spec] of Object.entries(action.parameters)) {
        let type = edmOfParameter(spec.type);
        if (spec.type === 'object') {
          const complexName = `${page.entityName}${cap(name)}${cap(pname)}`;
          complexTypes.push(complexTypeXml(complexName, spec));
          type = `${NAMESPACE}.${complexName}`;
        }
        params.push(`<Parameter Name="${attr(pname)}" Type="${type}"${spec.required ? ' Nullable="false"' : ''}/>`);
      }
      actions.push(`<Action Name="${attr(name)}" IsBound="true">${params.join('')}</Action>`);
    }
  }

  const sets = [
    `<EntitySet Name="companies" EntityType="${NAMESPACE}.company">${group.pages
      .map((p) => `<NavigationPropertyBinding Path="${attr(p.entitySetName)}" Target="${attr(p.entitySetName)}"/>`)
      .join('')}${restrictions({ insertAllowed: false, modifyAllowed: false, deleteAllowed: false })}</EntitySet>`,
    ...group.pages.map((p) => {
      const bindings = Object.entries(p.navigation ?? {})
        .map(([name, nav]) => {
          const target = nav.target();
          return group.pages.includes(target) ? `<NavigationPropertyBinding Path="${attr(name)}" Target="${attr(target.entitySetName)}"/>` : '';
        })
        .join('');
      return `<EntitySet Name="${attr(p.entitySetName)}" EntityType="${NAMESPACE}.${attr(p.entityName)}">${bindings}${restrictions(p)}</EntitySet>`;
    }),
  ];

  const enumXml = [...enums.values()].map(
    (e) => `<EnumType Name="${attr(e.name)}">${e.members.map((m) => `<Member Name="${attr(m.name)}" Value="${m.value}"/>`).join('')}</EnumType>`,
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">',
    '<edmx:DataServices>',
    `<Schema Namespace="${NAMESPACE}" xmlns="http://docs.oasis-open.org/odata/ns/edm">`,
    ...enumXml,
    ...complexTypes,
    ...entityTypes,
    ...actions,
    `<EntityContainer Name="default">${sets.join('')}</EntityContainer>`,
    '</Schema>',
    '</edmx:DataServices>',
    '</edmx:Edmx>',
    '',
  ].join('\n');
}

/**
 * BC annotates every entity set with what its page allows (DeleteAllowed, InsertAllowed, ModifyAllowed), true or false,
 * in this order; `companies` is read-only (a BC online $metadata excerpt: docs/api.md, "$metadata and OpenAPI").
 */
function restrictions(page: Pick<ApiPageDefinition<any>, 'insertAllowed' | 'modifyAllowed' | 'deleteAllowed'>): string {
  const term = (name: string, property: string, value: boolean) =>
    `<Annotation Term="Org.OData.Capabilities.V1.${name}"><Record><PropertyValue Property="${property}" Bool="${value}"/></Record></Annotation>`;
  return (
    term('DeleteRestrictions', 'Deletable', page.deleteAllowed) +
    term('InsertRestrictions', 'Insertable', page.insertAllowed) +
    term('UpdateRestrictions', 'Updatable', page.modifyAllowed)
  );
}

/**
 * The pages whose entity types the schema declares: the group's entity sets, then the targets of their navigation
 * properties that are no entity set of their own (a part such as "APIV2 - Pictures"), one per entity name — BC's
 * pictures of customers and of contacts are one `picture` type.
 */
function typedPages(group: ApiGroup): ApiPageDefinition<any>[] {
  const byName = new Map<string, ApiPageDefinition<any>>();
  const queue = [...group.pages];
  for (let page = queue.shift(); page; page = queue.shift()) {
    if (byName.has(page.entityName)) continue;
    byName.set(page.entityName, page);
    for (const nav of Object.values(page.navigation ?? {})) queue.push(nav.target());
  }
  return [...byName.values()];
}

function entityTypeXml(name: string, props: EdmProperty[], navs: string[]): string {
  const properties = props.map((p) => {
    const facets = [p.maxLength ? ` MaxLength="${p.maxLength}"` : '', p.kind === 'Decimal' ? ' Scale="Variable"' : '', p.name === 'id' ? ' Nullable="false"' : ''];
    return `<Property Name="${attr(p.name)}" Type="${attr(p.type)}"${facets.join('')}/>`;
  });
  return `<EntityType Name="${attr(name)}"><Key><PropertyRef Name="id"/></Key>${properties.join('')}${navs.join('')}</EntityType>`;
}

function navigationXml(name: string, target: ApiPageDefinition<any>, collection: boolean): string {
  const type = `${NAMESPACE}.${target.entityName}`;
  return `<NavigationProperty Name="${attr(name)}" Type="${collection ? `Collection(${type})` : type}" ContainsTarget="true"/>`;
}

function complexTypeXml(name: string, spec: ParameterDef): string {
  const members = (spec.members ?? []).map(
    (m) => `<Property Name="${attr(m)}" Type="${edmOfParameter(spec.memberTypes?.[m] ?? 'string')}"/>`,
  );
  return `<ComplexType Name="${attr(name)}">${members.join('')}</ComplexType>`;
}

export function edmOfParameter(type: ParameterDef['type']): string {
  switch (type) {
    case 'string':
      return 'Edm.String';
    case 'boolean':
      return 'Edm.Boolean';
    case 'number':
      return 'Edm.Decimal';
    case 'object':
      return 'Edm.Untyped';
  }
}

function cap(text: string): string {
  return text[0].toUpperCase() + text.slice(1);
}

function attr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
