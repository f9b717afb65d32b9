import { Json, jsonResponse, op, ref } from './openapiParts';
import { addFaultControls } from './openapiSimFaults';
import { addTrainingControls } from './openapiSimTraining';

/**
 * The simulator's own controls under /_sim (src/http/simRoutes.ts, simUserRoutes.ts) in the OpenAPI document: not
 * part of BC. Who may call what (docs/api.md, Permissions) is in each summary; refused is 403 Authorization_InsufficientPermissions.
 */
export function addSimControls(paths: Json, schemas: Json): void {
  const tag = 'simulator';
  schemas['sim.company'] = {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      name: { type: 'string' },
      displayName: { type: 'string' },
      seed: { type: 'string' },
      captionSet: { type: 'string', enum: ['000', '003'] },
    },
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
      fault: {
        type: 'object',
        description: 'The fault a rule of /_sim/faults injected, if one fired.',
        properties: { rule: { type: 'string', format: 'uuid' }, delayMs: { type: 'integer' }, status: { type: 'integer', nullable: true }, code: { type: 'string', nullable: true } },
      },
    },
  };
  schemas['sim.permission'] = {
    type: 'object',
    properties: {
      id: { type: 'string', description: 'Role ID', example: 'D365 BUS FULL ACCESS' },
      displayName: { type: 'string' },
      company: { type: 'string', description: "Company Name; '' = all companies" },
      scope: { type: 'string', example: 'System' },
      appID: { type: 'string', format: 'uuid' },
    },
  };
  schemas['sim.user'] = {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid', description: 'User Security ID' },
      userName: { type: 'string' },
      fullName: { type: 'string' },
      language: { type: 'string', enum: ['nl-NL', 'en-US'] },
      permissions: { type: 'array', items: ref('sim.permission') },
    },
  };
  const captionSet = {
    type: 'string',
    enum: ['000', '003'],
    default: '000',
    description: "The screen words of a work instruction's Empire version: '000' Initialen, Soort, Nieuw | + Nieuw; '003' Voorletters, Bedrijf,Persoon (Type), + Contact.",
  };
  const company = { name: 'company', in: 'path', required: true, schema: { type: 'string' }, description: 'Company id or name.' };
  const snapshot = { name: 'snapshot', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  const list = (schema: string) => jsonResponse({ type: 'object', properties: { value: { type: 'array', items: ref(schema) } } });
  const done = { '204': { description: 'Done' } };
  const body = (schema: Json) => ({ required: true, content: { 'application/json': { schema } } });
  paths['/_sim/companies'] = {
    get: op('sim.companies.list', tag, 'The companies the user has a permission set in, with their seed.', {}, { '200': list('sim.company') }),
    post: op(
      'sim.companies.create',
      tag,
      'A new company from a seed (for a trainee or a test). SUPER for all companies; at most 100 per instance by default (docs/limits.md).',
      {
        requestBody: body({
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string', maxLength: 30 },
            displayName: { type: 'string' },
            seed: { type: 'string', example: 'demo', default: 'empty' },
            captionSet: captionSet,
          },
        }),
      },
      { '201': jsonResponse(ref('sim.company')) },
    ),
  };
  paths['/_sim/companies/{company}'] = {
    get: op('sim.companies.get', tag, 'A company the user has a permission set in.', { parameters: [company] }, { '200': jsonResponse(ref('sim.company')) }),
    patch: op(
      'sim.companies.update',
      tag,
      "Changes the company's caption set: the words its pages show from their next answer (the Empire version of the work instruction a class follows). SUPER in the company.",
      { parameters: [company], requestBody: body({ type: 'object', required: ['captionSet'], properties: { captionSet } }) },
      { '200': jsonResponse(ref('sim.company')) },
    ),
    delete: op('sim.companies.delete', tag, 'Deletes the company, its data and its permission-set assignments once the requests running in it have finished (404 for new ones from now on; 409 if they outlast the lock timeout, nothing deleted). SUPER in the company.', { parameters: [company] }, done),
  };
  paths['/_sim/companies/{company}/reset'] = {
    post: op('sim.companies.reset', tag, "The company's data back to its seed, once the requests running in it have finished (409 if they outlast the lock timeout). SUPER in the company (as every snapshot and clock change).", { parameters: [company] }, done),
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
      'The request journal (bounded ring buffer), oldest first; requests without an authenticated user only counted. SUPER for all companies.',
      {
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 0 }, description: 'The last N.' },
          { name: 'method', in: 'query', schema: { type: 'string' } },
          { name: 'status', in: 'query', schema: { type: 'integer' } },
          { name: 'correlationId', in: 'query', schema: { type: 'string' } },
          { name: 'fault', in: 'query', schema: { type: 'boolean' }, description: 'true: only requests a fault rule fired on; false: none of them.' },
        ],
      },
      {
        '200': jsonResponse({
          type: 'object',
          properties: { capacity: { type: 'integer' }, unauthenticated: { type: 'integer' }, value: { type: 'array', items: ref('sim.request') } },
        }),
      },
    ),
    delete: op('sim.requests.clear', tag, 'Clears the journal and its count of unauthenticated requests. SUPER for all companies.', {}, done),
  };
  addUserControls(paths, tag, body, list, done);
  addFaultControls(paths, schemas);
  addTrainingControls(paths, schemas);
}

/** `/_sim/users` and `/_sim/permissionSets` (src/http/simUserRoutes.ts): all SUPER for all companies. */
function addUserControls(paths: Json, tag: string, body: (schema: Json) => Json, list: (schema: string) => Json, done: Json): void {
  const user = { name: 'user', in: 'path', required: true, schema: { type: 'string' }, description: 'User name (case-insensitive).' };
  const grant = {
    type: 'object',
    required: ['roleId'],
    properties: { roleId: { type: 'string', example: 'D365 BUS FULL ACCESS' }, company: { type: 'string', description: "Company name or id; absent or '' = all companies" } },
  };
  paths['/_sim/permissionSets'] = {
    get: op('sim.permissionSets.list', tag, 'The permission sets (Aggregate Permission Set).', {}, {
      '200': jsonResponse({ type: 'object', properties: { value: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, displayName: { type: 'string' }, scope: { type: 'string' }, appID: { type: 'string' } } } } } }),
    }),
  };
  paths['/_sim/users'] = {
    get: op('sim.users.list', tag, 'The users with their permission sets (keys are never shown).', {}, { '200': list('sim.user') }),
    post: op(
      'sim.users.create',
      tag,
      'A new user with a web-service access key (at least 8 characters) and permission sets.',
      {
        requestBody: body({
          type: 'object',
          required: ['userName', 'webServiceAccessKey'],
          properties: {
            userName: { type: 'string', maxLength: 50 },
            fullName: { type: 'string', maxLength: 80 },
            webServiceAccessKey: { type: 'string', minLength: 8, maxLength: 80 },
            language: { type: 'string', enum: ['nl-NL', 'en-US'], default: 'nl-NL' },
            permissions: { type: 'array', items: grant },
          },
        }),
      },
      { '201': jsonResponse(ref('sim.user')) },
    ),
  };
  paths['/_sim/users/{user}'] = {
    get: op('sim.users.get', tag, 'A user.', { parameters: [user] }, { '200': jsonResponse(ref('sim.user')) }),
    patch: op(
      'sim.users.update',
      tag,
      'Changes the full name, key or language.',
      {
        parameters: [user],
        requestBody: body({
          type: 'object',
          properties: { fullName: { type: 'string' }, webServiceAccessKey: { type: 'string', minLength: 8 }, language: { type: 'string', enum: ['nl-NL', 'en-US'] } },
        }),
      },
      { '200': jsonResponse(ref('sim.user')) },
    ),
    delete: op('sim.users.delete', tag, 'Deletes the user and their permission sets (not the last SUPER user).', { parameters: [user] }, done),
  };
  paths['/_sim/users/{user}/permissions'] = {
    post: op('sim.users.permissions.assign', tag, 'Gives the user a permission set in a company (or all).', { parameters: [user], requestBody: body(grant) }, {
      '201': jsonResponse(ref('sim.permission')),
    }),
  };
  paths['/_sim/users/{user}/permissions/{roleId}'] = {
    delete: op(
      'sim.users.permissions.remove',
      tag,
      "Takes the permission set away (the last SUPER for all companies stays).",
      {
        parameters: [
          user,
          { name: 'roleId', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'company', in: 'query', schema: { type: 'string' }, description: "Company name or id; absent = the all-companies assignment" },
        ],
      },
      done,
    ),
  };
}
