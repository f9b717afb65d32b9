import { Check, CheckSkipped, ConformanceContext, ensure, NO_SUCH_ID } from './context';
import { COMPANY, CONTACT, CUSTOMER, SALESPERSON_PURCHASER, Shape, shapeDifferences } from './shapes';

/**
 * Checks that read: URL shapes, entity shapes, OData query options, paging and the errors of bad
 * URLs. Sources: docs/api.md of this repository and the Microsoft sources it cites (the v2.0 API
 * reference, dynamics-error-codes.md, Server-Driven-Paging-in-OData-Web-Services.md).
 */

function shapeCheck(id: string, entitySet: string, shape: Shape, entity: (ctx: ConformanceContext) => Promise<Record<string, any> | undefined>): Check {
  return {
    id,
    behaviour: `${entitySet}: BC's ${Object.keys(shape).length} properties with their JSON types`,
    async run(ctx) {
      const e = await entity(ctx);
      if (!e) throw new CheckSkipped(`no ${entitySet} in the company to look at`);
      const diff = shapeDifferences(e, shape);
      ensure(diff.length === 0, diff.join('; '));
    },
  };
}

async function first(ctx: ConformanceContext, entitySet: string): Promise<Record<string, any> | undefined> {
  const reply = await ctx.client.get(ctx.in(`${entitySet}?$top=1`));
  ensure(reply.status === 200, `GET ${entitySet} answered ${reply.status}`);
  return reply.json?.value?.[0];
}

async function ourList(ctx: ConformanceContext, options: string, headers?: Record<string, string>) {
  await ctx.ourContacts();
  const reply = await ctx.client.get(ctx.in(`contacts?$filter=${encodeURIComponent(ctx.ourFilter)}${options}`), headers);
  ensure(reply.status === 200, `answered ${reply.status}: ${reply.text.slice(0, 300)}`);
  ensure(Array.isArray(reply.json?.value), 'no value array');
  return reply;
}

const names = (list: Array<Record<string, any>>) => list.map((e) => e.displayName);

export const READ_CHECKS: Check[] = [
  {
    id: 'urls.serviceDocument',
    behaviour: 'GET <root>/ is the OData service document listing companies, contacts, customers, salespeoplePurchasers',
    async run(ctx) {
      const reply = await ctx.client.get('');
      ensure(reply.status === 200, `answered ${reply.status}`);
      ensure(String(reply.json?.['@odata.context']).endsWith('/$metadata'), `@odata.context is ${reply.json?.['@odata.context']}`);
      const sets = (reply.json?.value ?? []) as Array<{ name: string; kind: string; url: string }>;
      for (const name of ['companies', 'contacts', 'customers', 'salespeoplePurchasers']) {
        ensure(sets.some((s) => s.name === name && s.kind === 'EntitySet' && s.url === name), `no EntitySet ${name}`);
      }
    },
  },
  {
    id: 'urls.metadata',
    behaviour: 'GET <root>/$metadata is CSDL XML declaring contact, customer, salespersonPurchaser and company',
    async run(ctx) {
      const reply = await ctx.client.get('$metadata', { Accept: 'application/xml' });
      ensure(reply.status === 200, `answered ${reply.status}`);
      ensure(/xml/.test(reply.headers.get('content-type') ?? ''), `Content-Type ${reply.headers.get('content-type')}`);
      ensure(/<edmx:Edmx\b/.test(reply.text), 'no edmx:Edmx element');
      for (const type of ['contact', 'customer', 'salespersonPurchaser', 'company']) {
        ensure(new RegExp(`<EntityType\\s[^>]*\\bName="${type}"`).test(reply.text), `no EntityType ${type}`);
      }
    },
  },
  {
    id: 'urls.companyById',
    behaviour: 'companies({id}) is the one company, with that id',
    async run(ctx) {
      const reply = await ctx.client.get(`companies(${ctx.companyId})`);
      ensure(reply.status === 200, `answered ${reply.status}`);
      ensure(reply.json?.id === ctx.companyId, `id ${reply.json?.id}`);
      ensure(!('value' in (reply.json ?? {})), 'a collection, not an entity');
    },
  },
  shapeCheck('shape.company', 'companies', COMPANY, async (ctx) => (await ctx.client.get(`companies(${ctx.companyId})`)).json),
  shapeCheck('shape.contact', 'contacts', CONTACT, async (ctx) => (await ctx.ourContacts())[0]),
  shapeCheck('shape.customer', 'customers', CUSTOMER, (ctx) => first(ctx, 'customers')),
  shapeCheck('shape.salespersonPurchaser', 'salespeoplePurchasers', SALESPERSON_PURCHASER, (ctx) => first(ctx, 'salespeoplePurchasers')),
  {
    id: 'shape.enumValues',
    behaviour: "enum values are member names, XML-encoded (contact type Company/Person, contactBusinessRelation, customer blocked)",
    async run(ctx) {
      const [contact] = await ctx.ourContacts();
      const blank = [' ', '_x0020_'];
      ensure(['Company', 'Person'].includes(contact.type), `contact type ${JSON.stringify(contact.type)}`);
      const relations = [...blank, 'Customer', 'Vendor', 'Bank_x0020_Account', 'Employee', 'None', 'Other', 'Multiple'];
      ensure(relations.includes(contact.contactBusinessRelation), `contactBusinessRelation ${JSON.stringify(contact.contactBusinessRelation)}`);
      const customer = await first(ctx, 'customers');
      if (customer) ensure([...blank, 'Ship', 'Invoice', 'All'].includes(customer.blocked), `customer blocked ${JSON.stringify(customer.blocked)}`);
      return `new contact: type ${contact.type}, contactBusinessRelation ${JSON.stringify(contact.contactBusinessRelation)}${customer ? `; customer blocked ${JSON.stringify(customer.blocked)}` : ''}`;
    },
  },
  {
    id: 'query.filter',
    behaviour: '$filter with startswith() returns exactly the matching entities',
    async run(ctx) {
      const reply = await ourList(ctx, '');
      ensure(reply.json.value.length === 3, `${reply.json.value.length} entities, not the kit's 3`);
    },
  },
  {
    id: 'query.select',
    behaviour: '$select returns only the selected properties (and @odata.etag)',
    async run(ctx) {
      const reply = await ourList(ctx, '&$select=id,displayName');
      for (const e of reply.json.value) {
        const keys = Object.keys(e).filter((k) => !k.startsWith('@')).sort().join(',');
        ensure(keys === 'displayName,id', `properties ${keys}`);
      }
    },
  },
  {
    id: 'query.orderbyTopSkip',
    behaviour: '$orderby desc with $top and $skip pages through the sorted entities',
    async run(ctx) {
      const reply = await ourList(ctx, '&$orderby=displayName desc&$top=1&$skip=1');
      ensure(names(reply.json.value).join('|') === `${ctx.marker} B`, `got ${names(reply.json.value).join('|')}, not '${ctx.marker} B'`);
    },
  },
  {
    id: 'query.count',
    behaviour: '$count=true adds @odata.count, the count of all matching entities',
    async run(ctx) {
      const reply = await ourList(ctx, '&$count=true&$top=1');
      ensure(reply.json['@odata.count'] === 3, `@odata.count ${reply.json['@odata.count']}`);
      ensure(reply.json.value.length === 1, `${reply.json.value.length} entities for $top=1`);
    },
  },
  {
    id: 'query.countSegment',
    behaviour: 'contacts/$count?$filter=… is the count as plain text',
    async run(ctx) {
      await ctx.ourContacts();
      const reply = await ctx.client.get(ctx.in(`contacts/$count?$filter=${encodeURIComponent(ctx.ourFilter)}`), { Accept: 'text/plain' });
      ensure(reply.status === 200, `answered ${reply.status}: ${reply.text.slice(0, 300)}`);
      ensure(/^text\/plain/.test(reply.headers.get('content-type') ?? ''), `Content-Type ${reply.headers.get('content-type')}`);
      ensure(reply.text.trim() === '3', `body ${reply.text.slice(0, 50)}`);
    },
  },
  {
    id: 'paging.nextLink',
    behaviour: 'Prefer: odata.maxpagesize=2 gives 2 entities and an @odata.nextLink that gives the rest',
    async run(ctx) {
      const page1 = await ourList(ctx, '&$orderby=displayName', { Prefer: 'odata.maxpagesize=2' });
      ensure(page1.json.value.length === 2, `first page has ${page1.json.value.length} entities`);
      const next = page1.json['@odata.nextLink'];
      ensure(typeof next === 'string', 'no @odata.nextLink');
      ensure(/odata\.maxpagesize=2/.test(page1.headers.get('preference-applied') ?? ''), `Preference-Applied: ${page1.headers.get('preference-applied')}`);
      const page2 = await ctx.client.get(next, { Prefer: 'odata.maxpagesize=2' });
      ensure(page2.status === 200, `the nextLink answered ${page2.status}`);
      ensure(page2.json.value.length === 1 && page2.json['@odata.nextLink'] === undefined, `second page: ${page2.json.value.length} entities, nextLink ${page2.json['@odata.nextLink']}`);
      const all = names([...page1.json.value, ...page2.json.value]).join('|');
      ensure(all === ['A', 'B', 'C'].map((s) => `${ctx.marker} ${s}`).join('|'), `pages gave ${all}`);
    },
  },
  {
    id: 'errors.unknownEntitySet',
    behaviour: "an unknown entity set is 404 BadRequest_NotFound \"No HTTP resource was found that matches the request URI '…'.\" (as BC online answers, microsoft/AL#8283)",
    async run(ctx) {
      const path = ctx.in('conformanceNoSuchEntities');
      const e = ctx.errorOf(await ctx.client.get(path), 404);
      ensure(e.code === 'BadRequest_NotFound', `code ${e.code}: ${e.text}`);
      const prefix = "No HTTP resource was found that matches the request URI '";
      ensure(e.text.startsWith(prefix) && e.text.endsWith("conformanceNoSuchEntities'."), `text ${e.text}`);
      return e.text;
    },
  },
  {
    id: 'errors.unknownProperty',
    behaviour: "$filter on an unknown property is 400 BadRequest \"Could not find a property named '…' on type 'Microsoft.NAV.contact'.\"",
    async run(ctx) {
      const e = ctx.errorOf(await ctx.client.get(ctx.in('contacts?$filter=conformanceNoSuchProperty eq 1')), 400);
      ensure(e.code === 'BadRequest', `code ${e.code}`);
      ensure(e.text === "Could not find a property named 'conformanceNoSuchProperty' on type 'Microsoft.NAV.contact'.", `text ${e.text}`);
    },
  },
  {
    id: 'errors.badFilterSyntax',
    behaviour: 'a $filter that does not parse is 400 in BC’s envelope',
    async run(ctx) {
      const e = ctx.errorOf(await ctx.client.get(ctx.in(`contacts?$filter=${encodeURIComponent("displayName eq 'x")}`)), 400);
      return `${e.code}: ${e.text}`;
    },
  },
  {
    id: 'errors.badKey',
    behaviour: 'a key that is not a GUID is BadRequest_NotFound "Bad Request - Error in query syntax." (ODataNotFoundException)',
    async run(ctx) {
      const e = ctx.errorOf(await ctx.client.get(ctx.in('contacts(conformance-not-a-guid)')));
      ensure(e.code === 'BadRequest_NotFound', `code ${e.code} (status ${e.status})`);
      ensure(e.text === 'Bad Request - Error in query syntax.', `text ${e.text}`);
      return `status ${e.status}`;
    },
  },
  {
    id: 'errors.unknownRecord',
    behaviour: 'an id no record has is 404 Internal_RecordNotFound',
    async run(ctx) {
      const e = ctx.errorOf(await ctx.client.get(ctx.in(`contacts(${NO_SUCH_ID})`)), 404);
      ensure(e.code === 'Internal_RecordNotFound', `code ${e.code}`);
      return e.text;
    },
  },
];
