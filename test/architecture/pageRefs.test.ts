// [ARCHITECTURE] — pages name each other by reference, never by number, and every page is in the one registry
// (pages/index.ts) that page sessions, the API and the docs read.
import fs from 'node:fs';
import path from 'node:path';
import { apiGroups, uiPages } from '../../pages';
import type { ApiPageDefinition } from '../../pages/api/ApiPage';
import type { PageRef, UiPageDefinition } from '../../src/pageSession/PageTypes';

const ROOT = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sources(rel);
    return e.name.endsWith('.ts') ? [rel] : [];
  });
}

const pageModules = sources('pages');
const exported = pageModules.flatMap((m) => Object.entries(require(path.join(ROOT, m)) as Record<string, unknown>));
const isUiPage = (v: unknown): v is UiPageDefinition => typeof v === 'object' && v !== null && 'type' in v && 'caption' in v && 'id' in v;
const isApiPage = (v: unknown): v is ApiPageDefinition => typeof v === 'object' && v !== null && 'entitySetName' in v;
const registered = new Set<unknown>(uiPages);

test('no page-number literal: pages open, embed and point to their card by reference', () => {
  const literals = [...pageModules, ...sources('src/pageSession')].flatMap((m) =>
    fs
      .readFileSync(path.join(ROOT, m), 'utf8')
      .split('\n')
      .flatMap((line, i) => (/\b(pageId|cardPageId)\s*:\s*\d/.test(line) ? [`${m}:${i + 1}: ${line.trim()}`] : [])),
  );
  expect(literals).toEqual([]);
});

test('every UI page and API page defined under pages/ is in the registry, once, with its own number', () => {
  const uiDefined = [...new Set(exported.map(([, v]) => v).filter(isUiPage))];
  expect(uiDefined.filter((p) => !registered.has(p)).map((p) => `${p.id} ${p.name}`)).toEqual([]);
  expect(new Set(uiPages.map((p) => p.id)).size).toBe(uiPages.length);
  const inGroups = new Set<unknown>(apiGroups.flatMap((g) => g.pages));
  const apiDefined = [...new Set(exported.map(([, v]) => v).filter(isApiPage))];
  expect(apiDefined.filter((p) => !inGroups.has(p)).map((p) => p.name)).toEqual([]);
});

test('every page a page names (its card, parts, links and the pages its actions open) is in the registry', () => {
  // Declared references are followed; an action's target is only known when it runs, so its thunk is read from the source.
  const unregistered = (from: UiPageDefinition, what: string, ref: PageRef | undefined) =>
    ref && !registered.has(ref()) ? [`${from.name} ${what} → ${ref().name}`] : [];
  const declared = uiPages.flatMap((p) => [
    ...unregistered(p, 'card', p.cardPage),
    ...(p.parts ?? []).flatMap((part) => unregistered(p, `part ${part.name}`, part.page)),
    ...(p.links ?? []).flatMap((link) => unregistered(p, `link ${link.name}`, link.open.page)),
  ]);
  expect(declared).toEqual([]);
  const byName = new Map(exported.filter(([, v]) => isUiPage(v)));
  const named = pageModules.flatMap((m) =>
    [...fs.readFileSync(path.join(ROOT, m), 'utf8').matchAll(/\b(?:page|cardPage):\s*\(\)\s*=>\s*(\w+)/g)].map((x) => ({ m, name: x[1] })),
  );
  expect(named.length).toBeGreaterThan(20);
  expect(named.filter(({ name }) => !registered.has(byName.get(name))).map(({ m, name }) => `${m} → ${name}`)).toEqual([]);
});
