/** The building blocks every part of the OpenAPI document is written with. */

export type Json = Record<string, unknown>;

const error = { $ref: '#/components/responses/error' };
/** Every operation may answer these (403: no permission set in the company, or not SUPER; 415: a body that is not JSON). */
const ERRORS = { '400': error, '401': error, '403': error, '404': error, '415': error };

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
