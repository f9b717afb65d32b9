// [FEATURE] [HTTP] [Docs] — the OpenAPI 3 document (from the API pages and the /_sim controls) and Swagger UI, served locally.
import SwaggerParser from '@apidevtools/swagger-parser';
import request from 'supertest';
import { apiGroups } from '../../pages';
import { closeSharedSimulator } from '../library/LibraryMarketing';
import { HttpTestCompany, newHttpCompany } from '../library/LibraryHttp';

afterAll(closeSharedSimulator);

let tc: HttpTestCompany;
beforeAll(async () => {
  tc = await newHttpCompany();
});

test('a valid OpenAPI 3 document with every entity set, navigation, action and simulator control', async () => {
  const res = await request(tc.app).get('/_sim/openapi.json');
  expect(res.status).toBe(200);
  const doc = res.body;
  expect(doc.openapi).toMatch(/^3\./);
  // swagger-parser validates against the OpenAPI 3 schema and resolves every $ref.
  await expect(SwaggerParser.validate(JSON.parse(JSON.stringify(doc)))).resolves.toBeDefined();
  const paths = Object.keys(doc.paths);
  for (const group of apiGroups) {
    const base = group.publisher ? `/api/${group.publisher}/${group.group}/${group.version}` : `/api/${group.version}`;
    expect(paths).toEqual(expect.arrayContaining([`${base}/$metadata`, `${base}/$batch`, `${base}/companies`, `${base}/subscriptions`]));
    expect(Object.keys(doc.paths[`${base}/subscriptions({subscription_id})`])).toEqual(['get', 'patch', 'delete']);
    for (const page of group.pages) {
      const set = `${base}/companies({company_id})/${page.entitySetName}`;
      expect(Object.keys(doc.paths[set])).toEqual(page.insertAllowed ? ['get', 'post'] : ['get']);
      const entityOps = Object.keys(doc.paths[`${set}({id})`]);
      expect(entityOps.includes('patch')).toBe(page.modifyAllowed);
      expect(entityOps.includes('delete')).toBe(page.deleteAllowed);
      for (const nav of Object.keys(page.navigation ?? {})) expect(paths).toContain(`${set}({parent_id})/${nav}`);
      for (const action of Object.keys(page.actions ?? {})) expect(paths).toContain(`${set}({id})/Microsoft.NAV.${action}`);
    }
  }
  expect(paths).toEqual(
    expect.arrayContaining([
      '/_sim/companies',
      '/_sim/companies/{company}/reset',
      '/_sim/companies/{company}/snapshots',
      '/_sim/companies/{company}/snapshots/{snapshot}/restore',
      '/_sim/companies/{company}/clock',
      '/_sim/companies/{company}/clock/advance',
      '/_sim/requests',
      '/_sim/users',
      '/_sim/users/{user}',
      '/_sim/users/{user}/permissions',
      '/_sim/users/{user}/permissions/{roleId}',
      '/_sim/permissionSets',
    ]),
  );
  const task = doc.components.schemas['empire.crm.v1.0.task'];
  expect(task.properties.status.enum).toContain('In_x0020_Progress');
  expect(task.properties.number.readOnly).toBe(true);
});

test('Swagger UI is served from the package (no CDN) and loads the document', async () => {
  const redirect = await request(tc.app).get('/_sim/docs');
  expect(redirect.status).toBe(301);
  expect(redirect.headers.location).toBe('/_sim/docs/');
  const page = await request(tc.app).get('/_sim/docs/');
  expect(page.status).toBe(200);
  expect(page.text).toContain('swagger-ui-bundle.js');
  expect(page.text).not.toMatch(/https?:\/\/(cdn|unpkg)/);
  const init = await request(tc.app).get('/_sim/docs/swagger-initializer.js');
  expect(init.text).toContain("url: '../openapi.json'");
  const bundle = await request(tc.app).get('/_sim/docs/swagger-ui-bundle.js');
  expect(bundle.status).toBe(200);
  expect(bundle.headers['content-type']).toMatch(/javascript/);
});
