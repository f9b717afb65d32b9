// docs/bc-objects.md must describe the code as it is.
import fs from 'node:fs';
import { DUTCH_DOCS_PATH, OBJECT_DOCS_PATH, renderObjectDocs } from '../src/tools/objectDocs';
import { renderDutchDocs } from '../src/tools/dutchDocs';

test('docs/bc-objects.md is up to date (run `npm run docs` after changing tables or labels)', () => {
  expect(fs.readFileSync(OBJECT_DOCS_PATH, 'utf8')).toBe(renderObjectDocs());
});

test('docs/dutch.md is up to date (run `npm run docs` after changing labels or their Dutch)', () => {
  expect(fs.readFileSync(DUTCH_DOCS_PATH, 'utf8')).toBe(renderDutchDocs());
});
