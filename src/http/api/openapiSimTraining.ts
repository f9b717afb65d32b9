import { Json, jsonResponse, op, ref } from './openapiParts';

/** The trainer's console's endpoints (src/http/trainingRoutes.ts, docs/training.md) in the OpenAPI document. */
export function addTrainingControls(paths: Json, schemas: Json): void {
  const tag = 'simulator';
  const code = { name: 'code', in: 'path', required: true, schema: { type: 'string' }, description: 'The class code.' };
  const user = { name: 'user', in: 'path', required: true, schema: { type: 'string' }, description: "The trainee's user name." };
  const done = { '204': { description: 'Done' } };
  const captionSet = { type: 'string', enum: ['000', '003'], description: "The screen words of the work instruction's Empire version." };
  // What a class and its progress both say of a trainee.
  const trainee = {
    userName: { type: 'string' },
    company: { type: 'string' },
    salespersonCode: { type: 'string' },
    startedAt: { type: 'string', format: 'date-time' },
  };
  schemas['sim.trainingClass'] = {
    type: 'object',
    properties: {
      code: { type: 'string' },
      description: { type: 'string' },
      seed: { type: 'string' },
      captionSet,
      teams: { type: 'array', items: { type: 'string' } },
      createdAt: { type: 'string', format: 'date-time' },
      trainees: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            ...trainee,
            accessKey: { type: 'string', description: 'Only in the answer to the POST that made the class: shown this once.' },
          },
        },
      },
    },
  };
  const step = {
    type: 'object',
    properties: {
      step: { type: 'string' },
      status: { type: 'string', description: 'done, wrong, open or skipped' },
      detail: { type: 'string', description: 'Dutch: what the data shows, or what was done differently.' },
    },
  };
  schemas['sim.trainingProgress'] = {
    type: 'object',
    description: "Each trainee's steps of the work instruction, derived from their company's data (docs/training.md).",
    properties: {
      code: { type: 'string' },
      description: { type: 'string' },
      seed: { type: 'string' },
      captionSet,
      teams: { type: 'array', items: { type: 'string' } },
      exercise: { type: 'object', description: 'The paths and steps, in order and in Dutch.' },
      trainees: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            ...trainee,
            fullName: { type: 'string' },
            companyId: { type: 'string', format: 'uuid' },
            steps: { type: 'array', items: step },
            done: { type: 'integer' },
            total: { type: 'integer' },
            mistakes: { type: 'integer' },
            error: { type: 'string' },
          },
        },
      },
    },
  };
  const admin = 'SUPER for all companies (the trainer).';
  paths['/_sim/training/classes'] = {
    get: op('sim.training.list', tag, `The training classes. ${admin}`, {}, {
      '200': jsonResponse({ type: 'object', properties: { value: { type: 'array', items: ref('sim.trainingClass') } } }),
    }),
    post: op(
      'sim.training.create',
      tag,
      `A class in one action: per trainee a user (key shown once), an own company from the seed and caption set, D365 BUS FULL ACCESS there only, and their salesperson, User Setup and team memberships. ${admin}`,
      {
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['code'],
                properties: {
                  code: { type: 'string', example: 'KLAS1' },
                  description: { type: 'string' },
                  trainees: { type: 'integer', minimum: 1, maximum: 50, description: 'How many trainees; or give their names.' },
                  names: { type: 'array', items: { type: 'string' } },
                  seed: { type: 'string', default: 'demo' },
                  captionSet: { ...captionSet, default: '000' },
                  teams: { type: 'array', items: { type: 'string' }, description: 'The teams each trainee joins (default KCC).' },
                },
              },
            },
          },
        },
      },
      { '201': jsonResponse(ref('sim.trainingClass')) },
    ),
  };
  paths['/_sim/training/classes/{code}'] = {
    get: op('sim.training.get', tag, `One class and its trainees. ${admin}`, { parameters: [code] }, { '200': jsonResponse(ref('sim.trainingClass')) }),
    delete: op('sim.training.delete', tag, `The class, its trainees' users and companies. ${admin}`, { parameters: [code] }, done),
  };
  paths['/_sim/training/classes/{code}/progress'] = {
    get: op('sim.training.progress', tag, `Each trainee's progress. ${admin}`, { parameters: [code] }, { '200': jsonResponse(ref('sim.trainingProgress')) }),
  };
  paths['/_sim/training/classes/{code}/progress/stream'] = {
    get: op(
      'sim.training.progressStream',
      tag,
      `The progress as server-sent events (\`progress\`), sent at once and again whenever it changes. ${admin}`,
      { parameters: [code] },
      { '200': { description: 'An event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } } },
    ),
  };
  paths['/_sim/training/classes/{code}/results.csv'] = {
    get: op('sim.training.results', tag, `The results as CSV (';', with a BOM, for Dutch Excel). ${admin}`, { parameters: [code] }, {
      '200': { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } },
    }),
  };
  paths['/_sim/training/classes/{code}/reset'] = {
    post: op('sim.training.reset', tag, `Every trainee's company back to the seed, their set-up made again. ${admin}`, { parameters: [code] }, done),
  };
  paths['/_sim/training/classes/{code}/trainees/{user}/reset'] = {
    post: op('sim.training.resetTrainee', tag, `One trainee's company back to the seed, their set-up made again. ${admin}`, { parameters: [code, user] }, done),
  };
}
