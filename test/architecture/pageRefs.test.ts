// [ARCHITECTURE] — one page model: every page, UI or API, is made by the one definePage (pages/Page.ts); pages name
// each other by reference, never by number, and every page is in the one registry (pages/index.ts) that page
// sessions, the API and the docs read. Page sessions open only UI pages, the API serves only API pages.
import fs from 'node:fs';
import path from 'node:path';
import { apiGroups, pages, uiPages } from '../../pages';
import type { ApiPageDefinition } from '../../pages/api/ApiPage';
import { isDefinedPage } from '../../pages/Page';
import type { PageRef, UiPageDefinition } from '../../pages/UiPage';
import { findPage } from '../../src/pageSession/registry';

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
const isPage = (v: unknown): v is { type: unknown } => typeof v === 'object' && v !== null && 'type' in v;
const isUiPage = (v: unknown): v is UiPageDefinition => isPage(v) && v.type !== 'API' && 'caption' in v && 'id' in v;
const isApiPage = (v: unknown): v is ApiPageDefinition => isPage(v) && v.type === 'API';
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
  const inGroups = new Set<unknown>(apiGroups.flatMap((g) => [...g.pages, ...(g.parts ?? [])]));
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

// Anything a page module exports that has a page's members, however it was made (a literal, a spread, a copy).
const PAGE_MEMBERS = ['type', 'table', 'fields', 'columns', 'groups', 'links', 'entitySetName'];
const looksLikePage = (v: unknown): v is { name: string } =>
  typeof v === 'object' && v !== null && typeof (v as { name?: unknown }).name === 'string' && PAGE_MEMBERS.some((k) => k in v);

test('every page a module under pages/ exports was made by the one definePage', () => {
  const found = exported.filter(([, v]) => looksLikePage(v));
  expect(found.length).toBeGreaterThanOrEqual(pages.length);
  expect(found.filter(([, v]) => !isDefinedPage(v)).map(([name]) => name)).toEqual([]);
});

test('no module declares a definePage of its own', () => {
  const ownDefinePage = /\b(function\s+definePage|definePage\s*[:=])/;
  const declared = [...pageModules, ...sources('src')].filter(
    (m) => m !== path.join('pages', 'Page.ts') && ownDefinePage.test(fs.readFileSync(path.join(ROOT, m), 'utf8')),
  );
  expect(declared).toEqual([]);
});

test('the registry holds page definitions: UI pages open as page sessions, API pages are served by the API', () => {
  expect(pages.every(isDefinedPage)).toBe(true);
  expect(uiPages.map((p) => p.type)).not.toContain('API');
  const apiPages = apiGroups.flatMap((g) => [...g.pages, ...(g.parts ?? [])]);
  expect(apiPages.every((p) => p.type === 'API')).toBe(true);
  expect(new Set(pages).size).toBe(uiPages.length + apiPages.length);
  expect(() => findPage(apiPages[0].name)).toThrow(`There is no page named '${apiPages[0].name}'.`);
});
