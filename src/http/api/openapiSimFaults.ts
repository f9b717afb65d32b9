import { MAX_FAULT_DELAY_MS } from '../faults';
import { Json, jsonResponse, op, ref } from './openapiParts';

/** `/_sim/faults` and the throttling controls (src/http/simFaultRoutes.ts) in the OpenAPI document. */
export function addFaultControls(paths: Json, schemas: Json): void {
  const tag = 'simulator';
  const company = { name: 'company', in: 'path', required: true, schema: { type: 'string' }, description: 'Company id or name.' };
  const body = (schema: Json) => ({ required: true, content: { 'application/json': { schema } } });
  const error = {
    type: 'object',
    required: ['status', 'code', 'message'],
    properties: {
      status: { type: 'integer', minimum: 400, maximum: 599, example: 503 },
      code: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,99}$', example: 'Application_TooManyRequests' },
      message: { type: 'string', minLength: 1, maxLength: 2048, description: "The text; BC's envelope appends '  CorrelationId:  <guid>.'" },
    },
  };
  const ruleInput = {
    method: { type: 'string', example: 'POST', description: 'HTTP method; absent = any.' },
    entitySet: { type: 'string', example: 'contacts', description: 'Entity set, or a navigation after it, or $batch, $metadata, companies, subscriptions; absent = any.' },
    action: { type: 'string', example: 'assignToMe', description: 'Bound action (with or without Microsoft.NAV.); absent = any request.' },
    company: { type: 'string', description: 'Company id or name; absent = any.' },
    probability: { type: 'number', minimum: 0, maximum: 1, default: 1 },
    times: { type: 'integer', minimum: 1, description: 'Fire on the next N matching calls only; absent = without end.' },
    delayMs: { type: 'integer', minimum: 0, maximum: MAX_FAULT_DELAY_MS, default: 0, description: 'Hold the request this long first.' },
    error: { ...error, nullable: true, description: 'Answer this error instead of running the request (absent: the request runs after the delay).' },
    seed: { type: 'integer', minimum: 0, maximum: 4294967295, description: "The rule's generator seed; absent = a random one, shown." },
  };
  schemas['sim.faultRule'] = {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      ...ruleInput,
      company: { type: 'string', format: 'uuid', description: 'Company id; absent = any.' },
      remaining: { type: 'integer', nullable: true, description: 'Fires left; null = without end.' },
      matched: { type: 'integer', description: 'Requests the rule matched.' },
      fired: { type: 'integer', description: 'Requests it fired on.' },
      createdAt: { type: 'string', format: 'date-time' },
    },
  };
  const limits = {
    type: 'object',
    properties: {
      concurrent: { type: 'integer', minimum: 1, example: 5 },
      queue: { type: 'integer', minimum: 0, example: 95 },
      requestsPerWindow: { type: 'integer', minimum: 1, example: 6000 },
      windowMs: { type: 'integer', minimum: 1, example: 300000 },
      queueTimeoutMs: { type: 'integer', minimum: 1, example: 480000 },
    },
  };
  schemas['sim.throttling'] = {
    type: 'object',
    properties: { profile: { type: 'string', enum: ['off', 'online', 'custom'] }, limits: { ...limits, nullable: true } },
  };
  schemas['sim.companyThrottling'] = {
    type: 'object',
    properties: {
      profile: { type: 'string', enum: ['instance', 'off', 'online', 'custom'] },
      limits: { ...limits, nullable: true },
      effective: ref('sim.throttling'),
    },
  };
  const setting = (profiles: string[]) => ({
    type: 'object',
    required: ['profile'],
    properties: { profile: { type: 'string', enum: profiles }, limits: { ...limits, description: "With 'custom' only; missing figures are BC online's." } },
  });
  const rule = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  const done = { '204': { description: 'Done' } };
  paths['/_sim/faults'] = {
    get: op('sim.faults.list', tag, 'The fault rules, in the order they are tried. SUPER for all companies.', {}, {
      '200': jsonResponse({ type: 'object', properties: { value: { type: 'array', items: ref('sim.faultRule') } } }),
    }),
    post: op(
      'sim.faults.create',
      tag,
      "A fault rule: matching API requests are delayed and/or answered with the error in BC's envelope before their transaction begins; recorded in the request journal. At most 100 rules. SUPER for all companies.",
      { requestBody: body({ type: 'object', properties: ruleInput }) },
      { '201': jsonResponse(ref('sim.faultRule')) },
    ),
    delete: op('sim.faults.clear', tag, 'Deletes every fault rule. SUPER for all companies.', {}, done),
  };
  paths['/_sim/faults/{id}'] = {
    get: op('sim.faults.get', tag, 'A fault rule with its counts.', { parameters: [rule] }, { '200': jsonResponse(ref('sim.faultRule')) }),
    delete: op('sim.faults.delete', tag, 'Deletes the fault rule.', { parameters: [rule] }, done),
  };
  paths['/_sim/throttling'] = {
    get: op('sim.throttling.get', tag, "The instance's request limits (BC online's per-user limits when 'online'). SUPER for all companies.", {}, {
      '200': jsonResponse(ref('sim.throttling')),
    }),
    put: op(
      'sim.throttling.set',
      tag,
      "Sets the instance's request limits; counters start afresh. SUPER for all companies.",
      { requestBody: body(setting(['off', 'online', 'custom'])) },
      { '200': jsonResponse(ref('sim.throttling')) },
    ),
  };
  paths['/_sim/companies/{company}/throttling'] = {
    get: op('sim.companyThrottling.get', tag, "The company's own request limits ('instance' when it follows the instance's) and those in force.", { parameters: [company] }, {
      '200': jsonResponse(ref('sim.companyThrottling')),
    }),
    put: op(
      'sim.companyThrottling.set',
      tag,
      "Sets the company's own request limits for requests into it ('instance': follow the instance's). SUPER in the company.",
      { parameters: [company], requestBody: body(setting(['instance', 'off', 'online', 'custom'])) },
      { '200': jsonResponse(ref('sim.companyThrottling')) },
    ),
    delete: op('sim.companyThrottling.reset', tag, "The company follows the instance's limits again. SUPER in the company.", { parameters: [company] }, {
      '200': jsonResponse(ref('sim.companyThrottling')),
    }),
  };
}
