/** The building blocks every part of the OpenAPI document is written with. */

export type Json = Record<string, unknown>;

const ERRORS = { '400': { $ref: '#/components/responses/error' }, '401': { $ref: '#/components/responses/error' }, '404': { $ref: '#/components/responses/error' } };

export function op(operationId: string, tag: string, summary: string, extra: Json, responses: Json): Json {
  return { operationId, tags: [tag], summary, ...extra, responses: { ...responses, ...ERRORS } };
}

export function jsonResponse(schema: Json): Json {
  return { description: 'OK', content: { 'application/json': { schema } } };
}

export function ref(schema: string): Json {
  return { $ref: `#/components/schemas/${schema}` };
}

export function pref(name: string): Json {
  return { $ref: `#/components/parameters/${name}` };
}
