import type { ApiGroup, ApiPageDefinition, ParameterDef } from '../../../pages/api/ApiPage';
import { SIMULATOR_VERSION } from '../../config';
import { DEFAULT_MAX_PAGE_SIZE, MAX_BATCH_OPERATIONS, RESPONSE_LIMITS } from './limits';
import { companyEntityType, EdmProperty, entityType } from './edmModel';
import { Json, jsonResponse, op, pref, ref } from './openapiParts';
import { addSimControls } from './openapiSimControls';
import { addSubscriptionPaths } from '../webhooks/openapiSubscriptions';

/**
 * The OpenAPI 3 document of the simulator, generated from the same API page
 * definitions as `$metadata` (so neither can drift from what is served), plus
 * the simulator controls under /_sim. Served at /_sim/openapi.json and shown
 * by Swagger UI at /_sim/docs.
 */

export function openApiDocument(groups: ApiGroup[]): Json {
  const paths: Json = {};
  const schemas: Json = {
    error: {
      type: 'object',
      description: "BC's error envelope; the message ends with `  CorrelationId:  <guid>.` (also in the x-correlation-id header).",
      properties: {
        error: {
          type: 'object',
          properties: { code: { type: 'string', example: 'BadRequest_InvalidToken' }, message: { type: 'string' } },
          required: ['code', 'message'],
        },
      },
      required: ['error'],
    },
  };
  for (const group of groups) addGroup(group, paths, schemas);
  addSimControls(paths, schemas);
  return {
    openapi: '3.0.3',
    info: {
      title: 'empire-sim',
      version: SIMULATOR_VERSION,
      description:
        "Dynamics Empire (Business Central) simulator: BC's API v2.0 shapes, Empire's CRM entities as a custom API, and the simulator's test controls under /_sim. " +
        "OData query options follow BC's dialect (see docs/api.md). `$metadata` has the CSDL of each API.",
    },
    servers: [{ url: '/' }],
    security: [{ basic: [] }],
    tags: [
      ...groups.map((g) => ({ name: groupTag(g), description: `${basePath(g)}` })),
      { name: 'simulator', description: 'Test controls (not part of BC): companies, reset, snapshots, clock, request journal.' },
    ],
    paths,
    components: {
      securitySchemes: { basic: { type: 'http', scheme: 'basic', description: 'User name + web service access key (demo: ANNE / demo-anne).' } },
      parameters: PARAMETERS,
      schemas,
      responses: { error: { description: "BC's error envelope", content: { 'application/json': { schema: ref('error') } } } },
    },
  };
}

const PARAMETERS: Json = {
  companyId: { name: 'company_id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' }, description: 'The company id (SystemId).' },
  id: { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' }, description: 'The entity id (SystemId).' },
  parentId: { name: 'parent_id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
  filter: {
    name: '$filter',
    in: 'query',
    schema: { type: 'string' },
    description:
      "BC's dialect: eq ne gt ge lt le, in, and, or (one field per OR), startswith, endswith, contains, substring, tolower, toupper; nested functions need $schemaversion=2.1; any/all are ignored (X-Sim-Ignored-Filter). Enums in BC form: status eq 'In_x0020_Progress'.",
  },
  select: { name: '$select', in: 'query', schema: { type: 'string' }, description: 'Comma-separated property names.' },
  expand: { name: '$expand', in: 'query', schema: { type: 'string' }, description: 'Navigation properties, with nested ($select=…;$filter=…;$orderby=…;$top=…;$skip=…).' },
  orderby: { name: '$orderby', in: 'query', schema: { type: 'string' }, description: 'property [asc|desc], …' },
  top: { name: '$top', in: 'query', schema: { type: 'integer', minimum: 0 } },
  skip: { name: '$skip', in: 'query', schema: { type: 'integer', minimum: 0 } },
  count: { name: '$count', in: 'query', schema: { type: 'boolean' }, description: 'Adds @odata.count.' },
  skiptoken: { name: '$skiptoken', in: 'query', schema: { type: 'string' }, description: 'From @odata.nextLink (opaque).' },
  schemaversion: { name: '$schemaversion', in: 'query', schema: { type: 'string', example: '2.1' } },
  prefer: {
    name: 'Prefer',
    in: 'header',
    schema: { type: 'string', example: 'odata.maxpagesize=100' },
    description: `Server-driven paging: odata.maxpagesize=N (at most ${DEFAULT_MAX_PAGE_SIZE} by default); answered with Preference-Applied.`,
  },
  ifMatch: {
    name: 'If-Match',
    in: 'header',
    required: true,
    schema: { type: 'string' },
    description: "The entity's @odata.etag, or *. Missing → 400 BadRequest_InvalidToken; stale → 409 Request_EntityChanged.",
  },
  dialogAnswers: {
    name: 'X-Sim-Dialog-Answers',
    in: 'header',
    schema: { type: 'string', example: 'To-do.Text032=yes' },
    description: 'Answers to Confirm dialogs the request raises (simulator).',
  },
  isolation: { name: 'Isolation', in: 'header', schema: { type: 'string', enum: ['snapshot'] }, description: 'snapshot: the whole batch is one snapshot: every inner request is answered, and if any failed none of the changes is applied.' },
};

const COLLECTION_PARAMS = ['filter', 'select', 'expand', 'orderby', 'top', 'skip', 'count', 'skiptoken', 'schemaversion', 'prefer'].map((p) => pref(p));

function addGroup(group: ApiGroup, paths: Json, schemas: Json): void {
  const base = basePath(group);
  const tag = groupTag(group);
  const key = groupKey(group);
  const companySchema = `${key}.company`;
  schemas[companySchema] = entitySchema(companyEntityType.properties);
  paths[base] = { get: op(`${key}.serviceDocument`, tag, 'The service document: the entity sets.', {}, { '200': jsonResponse({ type: 'object' }) }) };
  paths[`${base}/$metadata`] = {
    get: op(`${key}.metadata`, tag, 'The CSDL (OData v4 XML) of this API.', {}, {
      '200': { description: 'CSDL', content: { 'application/xml': { schema: { type: 'string' } } } },
    }),
  };
  paths[`${base}/$batch`] = {
    post: op(
      `${key}.batch`,
      tag,
      `JSON batch, or OData 4.0's multipart/mixed (application/http parts; change sets as nested multipart/mixed, each one transaction; the answer is multipart/mixed too): at most ${MAX_BATCH_OPERATIONS} requests, and (by default) ${RESPONSE_LIMITS.maxBatchEntities} entities in all responses: the inner request over it answers 413 (docs/limits.md); Isolation: snapshot makes the batch (JSON or multipart) one snapshot: every inner request answered, nothing applied if any failed.`,
      { parameters: [pref('isolation')], requestBody: { required: true, content: { 'application/json': { schema: batchSchema() }, 'multipart/mixed': { schema: { type: 'string' } } } } },
      {
        '200': {
          description: 'The inner responses, in the format of the request',
          content: {
            'application/json': { schema: { type: 'object', properties: { responses: { type: 'array', items: { type: 'object' } } } } },
            'multipart/mixed': { schema: { type: 'string' } },
          },
        },
      },
    ),
  };
  addSubscriptionPaths(base, tag, key, paths, schemas);
  paths[`${base}/companies`] = {
    get: op(`${key}.companies.list`, tag, 'The companies.', { parameters: [pref('filter'), pref('select'), pref('orderby'), pref('top'), pref('skip'), pref('count')] }, {
      '200': jsonResponse(collectionOf(companySchema)),
    }),
  };
  paths[`${base}/companies({company_id})`] = {
    get: op(`${key}.companies.get`, tag, 'A company.', { parameters: [pref('companyId'), pref('select')] }, { '200': jsonResponse(ref(companySchema)) }),
  };
  for (const page of group.pages) {
    const schema = `${key}.${page.entityName}`;
    schemas[schema] = entitySchema(entityType(page).properties);
    const set = `${base}/companies({company_id})/${page.entitySetName}`;
    const id = `${key}.${page.entitySetName}`;
    paths[set] = collectionOps(id, tag, page, schema, [pref('companyId')]);
    paths[`${set}/$count`] = {
      get: op(`${id}.count`, tag, `The number of ${page.entitySetName} (text).`, { parameters: [pref('companyId'), pref('filter')] }, {
        '200': { description: 'count', content: { 'text/plain': { schema: { type: 'integer' } } } },
      }),
    };
    paths[`${set}({id})`] = entityOps(id, tag, page, schema, [pref('companyId'), pref('id')]);
    for (const [name, nav] of Object.entries(page.navigation ?? {})) {
      const target = nav.target();
      const targetSchema = `${key}.${target.entityName}`;
      // A part that is no entity set of its own (a picture) has its schema from here.
      schemas[targetSchema] ??= entitySchema(entityType(target).properties);
      const params = [pref('companyId'), pref('parentId')];
      paths[`${set}({parent_id})/${name}`] =
        nav.multiplicity === 'ZeroOrOne'
          ? entityOps(`${id}.${name}`, tag, target, targetSchema, params, nav.description)
          : collectionOps(`${id}.${name}`, tag, target, targetSchema, params, nav.description);
    }
    for (const [name, action] of Object.entries(page.actions ?? {})) {
      paths[`${set}({id})/Microsoft.NAV.${name}`] = {
        post: op(
          `${id}.${name}`,
          tag,
          action.description,
          {
            parameters: [pref('companyId'), pref('id'), pref('dialogAnswers')],
            requestBody: { content: { 'application/json': { schema: parametersSchema(action.parameters) } } },
          },
          { '204': { description: 'No Content: the action returns nothing (no ReturnType in $metadata), as BC bound actions do' } },
        ),
      };
    }
  }
}

function collectionOps(id: string, tag: string, page: ApiPageDefinition<any>, schema: string, params: Json[], description?: string): Json {
  const ops: Json = {
    get: op(`${id}.list`, tag, description ?? `The ${page.entitySetName} (page "${page.name}").`, { parameters: [...params, ...COLLECTION_PARAMS] }, {
      '200': jsonResponse(collectionOf(schema)),
    }),
  };
  if (page.insertAllowed && !page.notSimulated?.POST) {
    ops.post = op(
      `${id}.create`,
      tag,
      'Insert: properties validated in page order, then Insert(true). Deep insert through navigation properties.',
      { parameters: [...params, pref('select'), pref('expand'), pref('dialogAnswers')], requestBody: { required: true, content: { 'application/json': { schema: ref(schema) } } } },
      { '201': jsonResponse(ref(schema)) },
    );
  }
  return ops;
}

function entityOps(id: string, tag: string, page: ApiPageDefinition<any>, schema: string, params: Json[], description?: string): Json {
  const ops: Json = {
    get: op(`${id}.get`, tag, description ?? `One ${page.entityName}.`, { parameters: [...params, pref('select'), pref('expand')] }, { '200': jsonResponse(ref(schema)) }),
  };
  if (page.modifyAllowed && !page.notSimulated?.PATCH) {
    ops.patch = op(
      `${id}.update`,
      tag,
      'Modify: needs If-Match; properties validated in page order, then Modify(true). Deep update is refused.',
      { parameters: [...params, pref('ifMatch'), pref('dialogAnswers')], requestBody: { required: true, content: { 'application/json': { schema: ref(schema) } } } },
      { '200': jsonResponse(ref(schema)), '409': { $ref: '#/components/responses/error' } },
    );
  }
  if (page.deleteAllowed && !page.notSimulated?.DELETE) {
    ops.delete = op(`${id}.delete`, tag, 'Delete(true): needs If-Match.', { parameters: [...params, pref('ifMatch'), pref('dialogAnswers')] }, {
      '204': { description: 'Deleted' },
      '409': { $ref: '#/components/responses/error' },
    });
  }
  return ops;
}

function entitySchema(props: EdmProperty[]): Json {
  const properties: Json = { '@odata.etag': { type: 'string', readOnly: true } };
  for (const p of props) properties[p.name] = propertySchema(p);
  return { type: 'object', properties };
}

function propertySchema(p: EdmProperty): Json {
  const readOnly = p.name !== 'id' && (p.info ? p.info.readOnly : true);
  const base: Json = readOnly ? { readOnly: true } : {};
  if (p.name === 'id') base.description = 'SystemId; may be chosen on POST.';
  switch (p.kind) {
    case 'String':
      return { ...base, type: 'string', ...(p.maxLength ? { maxLength: p.maxLength } : {}) };
    case 'Guid':
      return { ...base, type: 'string', format: 'uuid' };
    case 'Int32':
      return { ...base, type: 'integer', format: 'int32' };
    case 'Int64':
      return { ...base, type: 'integer', format: 'int64' };
    case 'Decimal':
      return { ...base, type: 'number' };
    case 'Boolean':
      return { ...base, type: 'boolean' };
    case 'Date':
      return { ...base, type: 'string', format: 'date', description: 'Blank: 0001-01-01' };
    case 'TimeOfDay':
      return { ...base, type: 'string', pattern: '^\\d{2}:\\d{2}:\\d{2}$' };
    case 'DateTimeOffset':
      return { ...base, type: 'string', format: 'date-time' };
    case 'Enum':
      return { ...base, type: 'string', enum: p.enumType!.members.map((m) => m.name) };
    case 'Stream':
      return { ...base, type: 'string', format: 'binary', description: 'Edm.Stream (media): not part of the JSON entity.' };
  }
}

function parametersSchema(parameters: Record<string, ParameterDef>): Json {
  const properties: Json = {};
  for (const [name, spec] of Object.entries(parameters)) {
    if (spec.type === 'object') {
      const members: Json = {};
      for (const m of spec.members ?? []) members[m] = { type: spec.memberTypes?.[m] ?? 'string' };
      properties[name] = { type: 'object', properties: members, additionalProperties: false };
    } else properties[name] = { type: spec.type };
  }
  const required = Object.entries(parameters)
    .filter(([, s]) => s.required)
    .map(([n]) => n);
  return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false };
}

function batchSchema(): Json {
  return {
    type: 'object',
    required: ['requests'],
    properties: {
      requests: {
        type: 'array',
        maxItems: MAX_BATCH_OPERATIONS,
        items: {
          type: 'object',
          required: ['method', 'url'],
          properties: {
            id: { type: 'string' },
            method: { type: 'string', example: 'PATCH' },
            url: { type: 'string', example: 'companies(…)/contacts(…)' },
            headers: { type: 'object', additionalProperties: { type: 'string' } },
            body: { type: 'object' },
            dependsOn: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
  };
}

function collectionOf(schema: string): Json {
  return {
    type: 'object',
    properties: {
      '@odata.context': { type: 'string' },
      '@odata.count': { type: 'integer' },
      value: { type: 'array', items: ref(schema) },
      '@odata.nextLink': { type: 'string' },
    },
  };
}

function basePath(g: ApiGroup): string {
  return g.publisher ? `/api/${g.publisher}/${g.group}/${g.version}` : `/api/${g.version}`;
}

function groupTag(g: ApiGroup): string {
  return g.publisher ? `${g.publisher}/${g.group}/${g.version}` : `BC API ${g.version}`;
}

function groupKey(g: ApiGroup): string {
  return (g.publisher ? `${g.publisher}.${g.group}.${g.version}` : g.version).replace(/[^A-Za-z0-9._-]/g, '_');
}
