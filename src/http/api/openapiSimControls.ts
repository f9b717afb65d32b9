import { Json, jsonResponse, op, ref } from './openapiParts';

/** The simulator's own controls under /_sim (src/http/simRoutes.ts) in the OpenAPI document: not part of BC. */
export function addSimControls(paths: Json, schemas: Json): void {
  const tag = 'simulator';
  schemas['sim.company'] = {
    type: 'object',
    properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' }, displayName: { type: 'string' }, seed: { type: 'string' } },
  };
  schemas['sim.clock'] = {
    type: 'object',
    properties: {
      frozenAt: { type: 'string', format: 'date-time', nullable: true },
      workDate: { type: 'string', format: 'date', nullable: true },
      timeZone: { type: 'string' },
      now: { type: 'string', format: 'date-time' },
      today: { type: 'string', format: 'date' },
      effectiveWorkDate: { type: 'string', format: 'date' },
    },
  };
  schemas['sim.snapshot'] = {
    type: 'object',
    properties: { id: { type: 'string', format: 'uuid' }, takenAt: { type: 'string', format: 'date-time' }, rows: { type: 'integer' } },
  };
  schemas['sim.request'] = {
    type: 'object',
    properties: {
      seq: { type: 'integer' },
      at: { type: 'string', format: 'date-time' },
      method: { type: 'string' },
      url: { type: 'string' },
      status: { type: 'integer' },
      durationMs: { type: 'number' },
      correlationId: { type: 'string' },
      user: { type: 'string' },
    },
  };
  const company = { name: 'company', in: 'path', required: true, schema: { type: 'string' }, description: 'Company id or name.' };
  const snapshot = { name: 'snapshot', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  const list = (schema: string) => jsonResponse({ type: 'object', properties: { value: { type: 'array', items: ref(schema) } } });
  const done = { '204': { description: 'Done' } };
  const body = (schema: Json) => ({ required: true, content: { 'application/json': { schema } } });
  paths['/_sim/companies'] = {
    get: op('sim.companies.list', tag, 'The companies with their seed.', {}, { '200': list('sim.company') }),
    post: op(
      'sim.companies.create',
      tag,
      'A new company from a seed (for a trainee or a test).',
      {
        requestBody: body({
          type: 'object',
          required: ['name'],
          properties: { name: { type: 'string', maxLength: 30 }, displayName: { type: 'string' }, seed: { type: 'string', example: 'demo', default: 'empty' } },
        }),
      },
      { '201': jsonResponse(ref('sim.company')) },
    ),
  };
  paths['/_sim/companies/{company}'] = {
    get: op('sim.companies.get', tag, 'A company.', { parameters: [company] }, { '200': jsonResponse(ref('sim.company')) }),
    delete: op('sim.companies.delete', tag, 'Deletes the company and its data once the requests running in it have finished (404 for new ones from now on; 409 if they outlast the lock timeout, nothing deleted).', { parameters: [company] }, done),
  };
  paths['/_sim/companies/{company}/reset'] = {
    post: op('sim.companies.reset', tag, "The company's data back to its seed, once the requests running in it have finished (409 if they outlast the lock timeout).", { parameters: [company] }, done),
  };
  paths['/_sim/companies/{company}/snapshots'] = {
    get: op('sim.snapshots.list', tag, "The company's snapshots (kept in memory).", { parameters: [company] }, { '200': list('sim.snapshot') }),
    post: op('sim.snapshots.create', tag, "A snapshot of the company's data.", { parameters: [company] }, { '201': jsonResponse(ref('sim.snapshot')) }),
  };
  paths['/_sim/companies/{company}/snapshots/{snapshot}'] = {
    delete: op('sim.snapshots.delete', tag, 'Forgets the snapshot.', { parameters: [company, snapshot] }, done),
  };
  paths['/_sim/companies/{company}/snapshots/{snapshot}/restore'] = {
    post: op('sim.snapshots.restore', tag, "The company's data back to the snapshot.", { parameters: [company, snapshot] }, done),
  };
  paths['/_sim/companies/{company}/clock'] = {
    get: op('sim.clock.get', tag, 'The company clock.', { parameters: [company] }, { '200': jsonResponse(ref('sim.clock')) }),
    put: op(
      'sim.clock.set',
      tag,
      'Freeze Today/Time and set WorkDate (null clears; absent = unchanged).',
      {
        parameters: [company],
        requestBody: body({
          type: 'object',
          properties: { frozenAt: { type: 'string', format: 'date-time', nullable: true }, workDate: { type: 'string', format: 'date', nullable: true } },
        }),
      },
      { '200': jsonResponse(ref('sim.clock')) },
    ),
    delete: op('sim.clock.reset', tag, 'Back to the real clock, WorkDate = Today.', { parameters: [company] }, { '200': jsonResponse(ref('sim.clock')) }),
  };
  paths['/_sim/companies/{company}/clock/advance'] = {
    post: op(
      'sim.clock.advance',
      tag,
      'Moves the clock forward (a running clock is frozen at now + the amount).',
      {
        parameters: [company],
        requestBody: body({
          type: 'object',
          properties: { days: { type: 'number' }, hours: { type: 'number' }, minutes: { type: 'number' }, seconds: { type: 'number' } },
        }),
      },
      { '200': jsonResponse(ref('sim.clock')) },
    ),
  };
  paths['/_sim/seeds'] = {
    get: op('sim.seeds', tag, 'The seeds companies can be created from.', {}, {
      '200': jsonResponse({ type: 'object', properties: { value: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } } } }),
    }),
  };
  paths['/_sim/requests'] = {
    get: op(
      'sim.requests.list',
      tag,
      'The request journal (bounded ring buffer), oldest first.',
      {
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 0 }, description: 'The last N.' },
          { name: 'method', in: 'query', schema: { type: 'string' } },
          { name: 'status', in: 'query', schema: { type: 'integer' } },
          { name: 'correlationId', in: 'query', schema: { type: 'string' } },
        ],
      },
      { '200': jsonResponse({ type: 'object', properties: { capacity: { type: 'integer' }, value: { type: 'array', items: ref('sim.request') } } }) },
    ),
    delete: op('sim.requests.clear', tag, 'Clears the journal.', {}, done),
  };
}
