import { jsonResponse, op, pref, ref, type Json } from '../api/openapiParts';

/** The `subscriptions` entity set of an API in the OpenAPI document (served by subscriptionsRoute). */
export function addSubscriptionPaths(base: string, tag: string, key: string, paths: Json, schemas: Json): void {
  const schema = `${key}.subscription`;
  const text = { type: 'string' };
  const readOnly = (s: Json) => ({ ...s, readOnly: true });
  const dateTime = readOnly({ type: 'string', format: 'date-time' });
  const guid = readOnly({ type: 'string', format: 'uuid' });
  schemas[schema] = {
    type: 'object',
    properties: {
      '@odata.etag': readOnly(text),
      subscriptionId: readOnly(text),
      notificationUrl: { type: 'string', format: 'uri', maxLength: 2048 },
      resource: { type: 'string', maxLength: 2048, example: 'companies(…)/customers' },
      timestamp: readOnly({ type: 'integer', format: 'int64' }),
      userId: guid,
      lastModifiedDateTime: dateTime,
      clientState: { type: 'string', maxLength: 2048 },
      expirationDateTime: dateTime,
      systemCreatedAt: dateTime,
      systemCreatedBy: guid,
      systemModifiedAt: dateTime,
      systemModifiedBy: guid,
    },
  };
  const key_ = { name: 'subscription_id', in: 'path', required: true, schema: text, description: "The subscriptionId in single quotes: subscriptions('…')." };
  const body = { required: true, content: { 'application/json': { schema: ref(schema) } } };
  const handshake = 'The notification URL must first answer POST ?validationToken=… with 200 and the token as its body.';
  paths[`${base}/subscriptions`] = {
    get: op(`${key}.subscriptions.list`, tag, "The user's own webhook subscriptions.", {}, {
      '200': jsonResponse({ type: 'object', properties: { '@odata.context': text, value: { type: 'array', items: ref(schema) } } }),
    }),
    post: op(`${key}.subscriptions.create`, tag, `Subscribe to an entity set's changes. ${handshake}`, { requestBody: body }, {
      '201': { ...jsonResponse(ref(schema)), description: 'Created' },
    }),
  };
  paths[`${base}/subscriptions({subscription_id})`] = {
    get: op(`${key}.subscriptions.get`, tag, 'A subscription.', { parameters: [key_] }, { '200': jsonResponse(ref(schema)) }),
    patch: op(`${key}.subscriptions.renew`, tag, `Renew (a new expiry), optionally with a new notificationUrl or clientState. ${handshake}`, { parameters: [key_, pref('ifMatch')], requestBody: body }, {
      '200': jsonResponse(ref(schema)),
      '409': { $ref: '#/components/responses/error' },
    }),
    delete: op(`${key}.subscriptions.delete`, tag, 'Delete a subscription.', { parameters: [key_, pref('ifMatch')] }, {
      '204': { description: 'Deleted' },
      '409': { $ref: '#/components/responses/error' },
    }),
  };
}
