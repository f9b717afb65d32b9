import { Check, CheckSkipped, ensure, NO_SUCH_ID } from './context';

/**
 * Checks that write, each on records the kit made itself: ETags and If-Match, validation errors,
 * method refusals, $batch, Data-Access-Intent, and authentication. Sources: the v2.0 API reference
 * (dynamics_contact_update.md: If-Match required; dynamics_company.md), dynamics-error-codes.md,
 * use-odata-batch.md (Isolation: snapshot), data-access-intent.md; shared/reference/bc-api-v2-entities.md §1, §6, §9.
 */

const ENTITY_CHANGED = 'Another user has already changed the record.';
const INVALID_TOKEN = 'Could not validate the client concurrency token required by the service. Please provide a valid token in the client request.';

export const WRITE_CHECKS: Check[] = [
  {
    id: 'write.create',
    behaviour: 'POST contacts is 201 with the entity, its @odata.etag and a Location header naming it',
    async run(ctx) {
      const reply = await ctx.client.send('POST', ctx.in('contacts'), { body: { displayName: `${ctx.marker} Create` } });
      ensure(reply.status === 201, `answered ${reply.status}: ${reply.text.slice(0, 300)}`);
      ctx.created.push({ path: ctx.in(`contacts(${reply.json.id})`), what: `contacts '${ctx.marker} Create'` });
      ensure(typeof reply.json['@odata.etag'] === 'string' && reply.json['@odata.etag'].startsWith('W/"'), `@odata.etag ${reply.json['@odata.etag']}`);
      const location = reply.headers.get('location') ?? '';
      ensure(location.endsWith(`contacts(${reply.json.id})`), `Location: ${location}`);
    },
  },
  {
    id: 'write.displayNameRequired',
    behaviour: 'POST contacts without displayName is Application_DialogException \'A "displayName" must be provided.\'',
    async run(ctx) {
      const reply = await ctx.client.send('POST', ctx.in('contacts'), { body: { jobTitle: 'Conformance' } });
      if (reply.status === 201) ctx.created.push({ path: ctx.in(`contacts(${reply.json.id})`), what: 'contacts without a name' });
      const e = ctx.errorOf(reply, 400);
      ensure(e.code === 'Application_DialogException' && e.text === 'A "displayName" must be provided.', `${e.code}: ${e.text}`);
    },
  },
  {
    id: 'write.unknownProperty',
    behaviour: "a body property the entity lacks is 400 BadRequest \"The property '…' does not exist on type 'Microsoft.NAV.contact'. …\"",
    async run(ctx) {
      const reply = await ctx.client.send('POST', ctx.in('contacts'), { body: { displayName: `${ctx.marker} Unknown`, conformanceNoSuchProperty: 1 } });
      if (reply.status === 201) ctx.created.push({ path: ctx.in(`contacts(${reply.json.id})`), what: `contacts '${ctx.marker} Unknown'` });
      const e = ctx.errorOf(reply, 400);
      ensure(e.code === 'BadRequest', `code ${e.code}`);
      ensure(
        e.text === "The property 'conformanceNoSuchProperty' does not exist on type 'Microsoft.NAV.contact'. Make sure to only use property names that are defined by the type.",
        `text ${e.text}`,
      );
    },
  },
  {
    id: 'write.blankDisplayName',
    behaviour: 'PATCH displayName "" is Application_DialogException \'The blank "displayName" is not allowed.\'',
    async run(ctx) {
      const e = ctx.errorOf(await ctx.patchOurs(0, { displayName: '' }), 400);
      ensure(e.code === 'Application_DialogException' && e.text === 'The blank "displayName" is not allowed.', `${e.code}: ${e.text}`);
    },
  },
  {
    id: 'write.stringTooLong',
    behaviour: 'a displayName of 101 characters is Application_StringExceededLength "The length of the string is 101, but it must be less than or equal to 100 characters. Value: …"',
    async run(ctx) {
      const value = 'x'.repeat(101);
      const e = ctx.errorOf(await ctx.patchOurs(0, { displayName: value }), 400);
      ensure(e.code === 'Application_StringExceededLength', `code ${e.code}`);
      ensure(e.text === `The length of the string is 101, but it must be less than or equal to 100 characters. Value: ${value}`, `text ${e.text}`);
    },
  },
  {
    id: 'write.readOnlyProperty',
    behaviour: "PATCH of a read-only property is BadRequest_InvalidOperation \"Control '…' is read-only\"",
    async run(ctx) {
      const e = ctx.errorOf(await ctx.patchOurs(0, { lastModifiedDateTime: '2020-01-01T00:00:00Z' }), 400);
      ensure(e.code === 'BadRequest_InvalidOperation', `code ${e.code}`);
      ensure(/^Control '.+' is read-only\.?$/.test(e.text), `text ${e.text}`);
      return e.text;
    },
  },
  {
    id: 'write.badEnumValue',
    behaviour: 'an enum value no member has is Application_EvaluateException',
    async run(ctx) {
      const e = ctx.errorOf(await ctx.patchOurs(0, { type: 'ConformanceNoSuchType' }), 400);
      ensure(e.code === 'Application_EvaluateException', `${e.code}: ${e.text}`);
      return e.text;
    },
  },
  {
    id: 'etag.patch',
    behaviour: 'PATCH with the current ETag is 200 with the changed entity and a new ETag',
    async run(ctx) {
      const [a] = await ctx.ourContacts();
      const current = (await ctx.client.get(ctx.in(`contacts(${a.id})`))).json;
      const reply = await ctx.client.send('PATCH', ctx.in(`contacts(${a.id})`), { headers: { 'If-Match': current['@odata.etag'] }, body: { jobTitle: 'Conformance' } });
      ensure(reply.status === 200, `answered ${reply.status}: ${reply.text.slice(0, 300)}`);
      ensure(reply.json.jobTitle === 'Conformance', `jobTitle ${reply.json.jobTitle}`);
      ensure(reply.json['@odata.etag'] !== current['@odata.etag'], 'the ETag did not change');
    },
  },
  {
    id: 'etag.stale',
    behaviour: `PATCH with a stale ETag is Request_EntityChanged "${ENTITY_CHANGED}" (409 in BC's table; 412 is also seen) and changes nothing`,
    async run(ctx) {
      const [, b] = await ctx.ourContacts();
      const path = ctx.in(`contacts(${b.id})`);
      const before = (await ctx.client.get(path)).json;
      const moved = await ctx.client.send('PATCH', path, { headers: { 'If-Match': before['@odata.etag'] }, body: { jobTitle: 'First' } });
      ensure(moved.status === 200, `the first PATCH answered ${moved.status}`);
      const e = ctx.errorOf(await ctx.client.send('PATCH', path, { headers: { 'If-Match': before['@odata.etag'] }, body: { jobTitle: 'Second' } }), 409, 412);
      ensure(e.code === 'Request_EntityChanged' && e.text === ENTITY_CHANGED, `${e.code}: ${e.text}`);
      ensure((await ctx.client.get(path)).json.jobTitle === 'First', 'the stale PATCH changed the record');
      return `status ${e.status}`;
    },
  },
  {
    id: 'etag.missing',
    behaviour: `PATCH without If-Match is BadRequest_InvalidToken "${INVALID_TOKEN}"`,
    async run(ctx) {
      const [, , c] = await ctx.ourContacts();
      const e = ctx.errorOf(await ctx.client.send('PATCH', ctx.in(`contacts(${c.id})`), { body: { jobTitle: 'No ETag' } }));
      ensure(e.code === 'BadRequest_InvalidToken' && e.text === INVALID_TOKEN, `${e.code}: ${e.text}`);
      return `status ${e.status}`;
    },
  },
  {
    id: 'write.delete',
    behaviour: 'DELETE with the ETag is 204; the record is gone (404)',
    async run(ctx) {
      const made = await ctx.create('contacts', { displayName: `${ctx.marker} Delete` });
      const path = ctx.in(`contacts(${made.id})`);
      const reply = await ctx.client.send('DELETE', path, { headers: { 'If-Match': made['@odata.etag'] } });
      ensure(reply.status === 204, `answered ${reply.status}: ${reply.text.slice(0, 300)}`);
      ensure((await ctx.client.get(path)).status === 404, 'still there');
    },
  },
  {
    id: 'method.companiesPost',
    behaviour: "POST companies is 405 BadRequest_MethodNotAllowed \"'POST' requests for 'companies' … are not allowed …\"",
    async run(ctx) {
      const e = ctx.errorOf(await ctx.client.send('POST', 'companies', { body: { name: `${ctx.marker}` } }), 405);
      ensure(e.code === 'BadRequest_MethodNotAllowed', `code ${e.code}`);
      ensure(/^'POST' requests for 'companies' of EdmType '\w+' are not allowed within .+ OData web services\.$/.test(e.text), `text ${e.text}`);
    },
  },
  {
    id: 'batch.json',
    behaviour: 'a JSON $batch answers each inner request with its id, status and body; a failing one with its error',
    async run(ctx) {
      const reply = await ctx.client.send('POST', '$batch', {
        body: {
          requests: [
            { id: 'r1', method: 'GET', url: `companies(${ctx.companyId})` },
            { id: 'r2', method: 'GET', url: ctx.in(`contacts(${NO_SUCH_ID})`) },
          ],
        },
      });
      ensure(reply.status === 200, `answered ${reply.status}: ${reply.text.slice(0, 300)}`);
      const responses = (reply.json?.responses ?? []) as Array<{ id: string; status: number; body: any }>;
      ensure(responses.map((r) => `${r.id}:${r.status}`).sort().join(',') === 'r1:200,r2:404', `responses ${responses.map((r) => `${r.id}:${r.status}`).join(',')}`);
      ensure(responses.find((r) => r.id === 'r1')!.body?.id === ctx.companyId, 'r1 is not the company');
      ensure(responses.find((r) => r.id === 'r2')!.body?.error?.code === 'Internal_RecordNotFound', 'r2 has not BC’s error');
    },
  },
  {
    id: 'batch.snapshotIsolation',
    behaviour: 'a JSON $batch with Isolation: snapshot answers every inner request, the successful ones too, and applies none when one fails',
    async run(ctx) {
      const name = `${ctx.marker} Isolation`;
      const reply = await ctx.client.send('POST', '$batch', {
        headers: { Isolation: 'snapshot' },
        body: {
          requests: [
            { id: 'r1', method: 'POST', url: ctx.in('contacts'), headers: { 'Content-Type': 'application/json' }, body: { displayName: name } },
            { id: 'r2', method: 'GET', url: ctx.in(`contacts(${NO_SUCH_ID})`) },
          ],
        },
      });
      const found = await ctx.client.get(ctx.in(`contacts?$filter=${encodeURIComponent(`displayName eq '${name}'`)}`));
      for (const c of found.json?.value ?? []) ctx.created.push({ path: ctx.in(`contacts(${c.id})`), what: `contacts '${name}'` });
      ensure(reply.status === 200, `answered ${reply.status}: ${reply.text.slice(0, 300)}`);
      const responses = (reply.json?.responses ?? []) as Array<{ id: string; status: number }>;
      const statuses = responses.map((r) => `${r.id}:${r.status}`).sort().join(',');
      ensure(statuses === 'r1:201,r2:404', `responses ${statuses}`);
      ensure(found.json?.value?.length === 0, 'the batch applied the POST although an inner request failed');
    },
  },
  {
    id: 'intent.readOnly',
    behaviour: 'Data-Access-Intent: ReadOnly refuses a POST in BC’s envelope and creates nothing; a GET is served',
    async run(ctx) {
      const name = `${ctx.marker} ReadOnly`;
      const reply = await ctx.client.send('POST', ctx.in('contacts'), { headers: { 'Data-Access-Intent': 'ReadOnly' }, body: { displayName: name } });
      if (reply.status === 201) ctx.created.push({ path: ctx.in(`contacts(${reply.json.id})`), what: `contacts '${name}'` });
      const e = ctx.errorOf(reply);
      const found = await ctx.client.get(ctx.in(`contacts?$filter=${encodeURIComponent(`displayName eq '${name}'`)}`));
      ensure(found.json?.value?.length === 0, 'the refused POST created the contact');
      ensure((await ctx.client.get(ctx.in('contacts?$top=1'), { 'Data-Access-Intent': 'ReadOnly' })).status === 200, 'a ReadOnly GET was refused');
      return `${e.status} ${e.code}`;
    },
  },
  {
    id: 'auth.wrongCredentials',
    behaviour: 'a wrong web service access key is 401',
    async run(ctx) {
      if (!ctx.client.usesBasic) throw new CheckSkipped('needs Basic credentials (--user/--key)');
      const wrong = ctx.client.withCredentials({ user: 'conformance-nobody', key: 'not-a-key' });
      const reply = await wrong.get('companies');
      ensure(reply.status === 401, `answered ${reply.status}`);
    },
  },
];
