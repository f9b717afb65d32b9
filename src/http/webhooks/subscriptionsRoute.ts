import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { ApiGroup } from '../../../pages/api/ApiPage';
import { ApiWebhookSubscription } from '../../../entities/System/ApiWebhookSubscription.Table';
import type { Simulator } from '../../host/Simulator';
import { BadRequestError, RecordChangedError, RecordNotFoundError } from '../../runtime/BcError';
import { checkStoredValue } from '../../runtime/FieldValues';
import { tableMeta } from '../../runtime/Metadata';
import { PlatformText } from '../../runtime/PlatformErrors';
import { newSystemFields } from '../../db/systemFields';
import { etagOf, ifMatchAccepts } from '../api/etag';
import { authenticatedUser } from '../auth';
import { HttpErrors, ODataText } from '../HttpErrors';
import { postToSubscriber, withValidationToken } from './outbound';
import { groupPath, resolveResource } from './resources';
import type { WebhookSettings } from './settings';

const ENTITY = 'subscription';
const SUBSCRIPTION_TABLE = tableMeta(ApiWebhookSubscription);
const TABLE_CAPTION = SUBSCRIPTION_TABLE.caption;
/**
 * The properties a client may give, each with its field in table 2000000095 (BC's BLOB fields 7 and 12 are
 * Text[2048] here), whose checks its value gets before anything is saved; the others are read-only.
 */
const STORED_AS = {
  notificationUrl: SUBSCRIPTION_TABLE.field('notificationUrl'),
  resource: SUBSCRIPTION_TABLE.field('resourceUrl'),
  clientState: SUBSCRIPTION_TABLE.field('clientState'),
};
const WRITABLE = Object.keys(STORED_AS);
const READ_ONLY = ['subscriptionId', 'timestamp', 'userId', 'lastModifiedDateTime', 'expirationDateTime', 'systemCreatedAt', 'systemCreatedBy', 'systemModifiedAt', 'systemModifiedBy'];

/**
 * `{api}/subscriptions` and `{api}/subscriptions('{id}')` of every API group:
 * BC's webhook subscriptions (docs/api.md, Webhooks). A user sees and changes
 * only their own; POST and PATCH (renewal) first do the handshake with the
 * notification URL. Other paths go on to the API handler.
 */
export function subscriptionsRoute(sim: Simulator, groups: ApiGroup[], settings: WebhookSettings, changed: () => Promise<void>): RequestHandler {
  return async (req, res, next) => {
    const m = /^(.*)\/subscriptions(?:\((.*)\))?\/?$/.exec(req.path);
    const group = m && groups.find((g) => groupPath(g) === `/api${m[1]}`);
    if (!m || !group) return next();
    const base = `${req.protocol}://${req.get('host')}${groupPath(group)}`;
    const key = m[2] === undefined ? undefined : parseKey(m[2]);
    for (const name of Object.keys(req.query)) if (name.startsWith('$')) throw HttpErrors.optionNotAllowedHere(name);
    const ctx: Ctx = { sim, groups, group, settings, base, userId: authenticatedUser(res.locals).userSecurityId };
    await sim.apiSubscriptions.deleteExpired(settings.now());
    const method = req.method;
    if (key === undefined && method === 'GET') return sendJson(res, 200, { '@odata.context': `${base}/$metadata#subscriptions`, value: (await sim.apiSubscriptions.list({ userId: ctx.userId, ...apiOf(group) })).map((s) => entity(s)) });
    if (key === undefined && method === 'POST') {
      const sub = await create(ctx, req.body);
      await changed();
      res.setHeader('Location', `${base}/subscriptions('${sub.subscriptionId}')`);
      return sendJson(res, 201, { '@odata.context': `${base}/$metadata#subscriptions/$entity`, ...entity(sub) });
    }
    if (key !== undefined && method === 'GET') return sendJson(res, 200, { '@odata.context': `${base}/$metadata#subscriptions/$entity`, ...entity(await own(ctx, key)) });
    if (key !== undefined && (method === 'PATCH' || method === 'DELETE')) {
      const ifMatch = req.get('If-Match');
      if (!ifMatch) throw HttpErrors.invalidToken();
      const sub = await own(ctx, key);
      if (!ifMatchAccepts(ifMatch, etagOf(sub))) throw new RecordChangedError(ODataText.entityChanged);
      if (method === 'DELETE') {
        if (!(await sim.apiSubscriptions.delete(sub.subscriptionId, sub.rowVersion))) throw new RecordChangedError(ODataText.entityChanged);
        await changed();
        res.status(204).end();
        return;
      }
      await renew(ctx, sub, req.body);
      await changed();
      return sendJson(res, 200, { '@odata.context': `${base}/$metadata#subscriptions/$entity`, ...entity(sub) });
    }
    throw HttpErrors.methodNotAllowed(method, 'subscriptions', key === undefined ? 'EntitySet' : 'Entity');
  };
}

interface Ctx {
  sim: Simulator;
  groups: ApiGroup[];
  group: ApiGroup;
  settings: WebhookSettings;
  base: string;
  userId: string;
}

/** BC: "The subscription ID must be enclosed in single quotes in the URL" (also `{'id'}`, as the PATCH example writes it). */
function parseKey(raw: string): string {
  const m = /^\{?'((?:[^']|'')*)'\}?$/.exec(decodeURIComponent(raw));
  if (!m) throw HttpErrors.querySyntax();
  return m[1].replace(/''/g, "'");
}

async function own(ctx: Ctx, id: string): Promise<ApiWebhookSubscription> {
  const sub = await ctx.sim.apiSubscriptions.get(id);
  // Another user's subscription is not found, as in BC, where the API shows a user only their own; nor is another API's.
  const api = apiOf(ctx.group);
  const otherApi = sub && (sub.entityPublisher !== api.entityPublisher || sub.entityGroup !== api.entityGroup || sub.entityVersion !== api.entityVersion);
  if (!sub || sub.userId !== ctx.userId || otherApi) throw new RecordNotFoundError(PlatformText.recordNotFound(TABLE_CAPTION, `Subscription Id='${id}'`));
  return sub;
}

/** The API a subscription belongs to, as table 2000000095 stores it. */
function apiOf(group: ApiGroup) {
  return { entityPublisher: group.publisher, entityGroup: group.group, entityVersion: group.version };
}

async function create(ctx: Ctx, body: unknown): Promise<ApiWebhookSubscription> {
  const given = readBody(body);
  if (given.notificationUrl === undefined) throw HttpErrors.nullField('notificationUrl');
  if (given.resource === undefined) throw HttpErrors.nullField('resource');
  const { page, companyId } = resolveResource(given.resource, ctx.group, ctx.groups);
  const company = ctx.sim.listCompanies().find((c) => c.systemId === companyId);
  if (!company) throw new BadRequestError('BadRequest', `The resource '${given.resource}' cannot be subscribed to: there is no company with id ${companyId}.`);
  await handshake(ctx, given.notificationUrl);
  const now = ctx.settings.now();
  const sub = Object.assign(new ApiWebhookSubscription(), {
    ...newSystemFields(now),
    subscriptionId: randomUUID().replace(/-/g, ''),
    ...apiOf(ctx.group),
    entitySetName: page.entitySetName,
    companyName: company.name,
    notificationUrl: given.notificationUrl,
    userId: ctx.userId,
    lastModifiedDateTime: now,
    clientState: given.clientState ?? '',
    expirationDateTime: new Date(now.getTime() + ctx.settings.expiryMs),
    resourceUrl: given.resource,
    notificationUrlPrefix: given.notificationUrl.slice(0, 250),
    sourceTableId: tableMeta(page.table).id,
    subscriptionType: 0,
  });
  if (!(await ctx.sim.apiSubscriptions.insert(sub, ctx.settings.maxSubscriptions))) {
    throw new BadRequestError('BadRequest', `The maximum number of webhook subscriptions (${ctx.settings.maxSubscriptions}) has been reached.`);
  }
  return sub;
}

/** PATCH: the handshake again (with the new URL, if one is given), and a new expiry. The resource cannot change. */
async function renew(ctx: Ctx, sub: ApiWebhookSubscription, body: unknown): Promise<void> {
  const given = readBody(body);
  if (given.resource !== undefined && given.resource !== sub.resourceUrl) throw HttpErrors.readOnly('resource');
  const notificationUrl = given.notificationUrl ?? sub.notificationUrl;
  await handshake(ctx, notificationUrl);
  const now = ctx.settings.now();
  const fields = {
    notificationUrl,
    notificationUrlPrefix: notificationUrl.slice(0, 250),
    clientState: given.clientState ?? sub.clientState,
    lastModifiedDateTime: now,
    expirationDateTime: new Date(now.getTime() + ctx.settings.expiryMs),
  };
  if (!(await ctx.sim.apiSubscriptions.update(sub, sub.rowVersion, fields))) throw new RecordChangedError(ODataText.entityChanged);
  sub.systemModifiedAt = now;
}

function readBody(body: unknown): { notificationUrl?: string; resource?: string; clientState?: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw HttpErrors.invalidRequestBody();
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    if (name.includes('@')) continue;
    if (READ_ONLY.includes(name)) throw HttpErrors.readOnly(name);
    if (!WRITABLE.includes(name)) throw HttpErrors.unknownProperty(name, ENTITY);
    if (value === null) throw HttpErrors.nullField(name);
    if (typeof value !== 'string') throw HttpErrors.cannotConvertPrimitive('Edm.String');
    checkStoredValue(STORED_AS[name as keyof typeof STORED_AS], value, SUBSCRIPTION_TABLE.name);
    out[name] = value;
  }
  if (out.notificationUrl !== undefined && !/^https?:\/\/[^/?#]+/i.test(out.notificationUrl)) {
    throw new BadRequestError('BadRequest', `The notification URL '${out.notificationUrl}' is not an absolute http or https URL.`);
  }
  return out;
}

/**
 * BC calls the notification URL with `?validationToken=…` and creates or renews
 * the subscription only if it answers 200 with the token as its body. The
 * method is POST without a body (what BC's documentation leaves open: docs/api.md).
 */
async function handshake(ctx: Ctx, notificationUrl: string): Promise<void> {
  const token = randomUUID();
  const answer = await postToSubscriber(withValidationToken(notificationUrl, token), undefined, ctx.settings.handshakeTimeoutMs);
  if (answer.status === 200 && answer.text.trim() === token) return;
  const got = answer.status === null ? 'no answer' : `status ${answer.status}${answer.status === 200 ? ' without the validation token' : ''}`;
  throw new BadRequestError('BadRequest', `The notification URL did not pass the validation handshake (${got}); the subscription was not saved.`);
}

function entity(sub: ApiWebhookSubscription): Record<string, unknown> {
  const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : '0001-01-01T00:00:00Z');
  return {
    '@odata.etag': etagOf(sub),
    subscriptionId: sub.subscriptionId,
    notificationUrl: sub.notificationUrl,
    resource: sub.resourceUrl,
    timestamp: sub.rowVersion,
    userId: sub.userId,
    lastModifiedDateTime: iso(sub.lastModifiedDateTime),
    clientState: sub.clientState,
    expirationDateTime: iso(sub.expirationDateTime),
    systemCreatedAt: iso(sub.systemCreatedAt),
    systemCreatedBy: sub.userId,
    systemModifiedAt: iso(sub.systemModifiedAt),
    systemModifiedBy: sub.userId,
  };
}

function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status);
  res.setHeader('OData-Version', '4.0');
  res.type('application/json; odata.metadata=minimal');
  res.send(JSON.stringify(body));
}
