// docs/api.md's entity-set reference must describe the API pages as they are served.
import fs from 'node:fs';
import { API_DOCS_PATH, withGeneratedReference } from '../../src/http/api/apiReference';

test('docs/api.md is up to date with pages/api (run `npm run docs:api` after changing an API page)', () => {
  const doc = fs.readFileSync(API_DOCS_PATH, 'utf8');
  expect(doc).toBe(withGeneratedReference(doc));
});
