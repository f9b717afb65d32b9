// docs/bc-objects.md must describe the code as it is.
import fs from 'node:fs';
import { OBJECT_DOCS_PATH, renderObjectDocs } from '../src/tools/objectDocs';

test('docs/bc-objects.md is up to date (run `npm run docs` after changing tables or labels)', () => {
  expect(fs.readFileSync(OBJECT_DOCS_PATH, 'utf8')).toBe(renderObjectDocs());
});
