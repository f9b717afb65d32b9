import { uiPages } from '../../pages';
import { BadRequestError } from '../runtime/BcError';
import type { Language } from '../runtime/Labels';
import { pick } from '../../pages/Page';
import { OpenRequest, PageOpen, PageRef, UiPageDefinition } from '../../pages/UiPage';

/** Lookups over the UI pages of the one registry (pages/index.ts). */
const byId = new Map(uiPages.map((p) => [p.id, p]));

export function uiPage(id: number): UiPageDefinition<any> {
  const page = byId.get(id);
  if (!page) throw new BadRequestError('BadRequest_NotFound', `Page ${id} does not exist in empire-sim.`);
  return page;
}

/** The page a reference names; one that is not in the registry is a mistake in the page that names it. */
export function pageOf(ref: PageRef): UiPageDefinition<any> {
  const page = ref();
  if (byId.get(page.id) !== page) throw new Error(`Page ${page.id} ${page.name} is named by another page but is not in pages/index.ts.`);
  return page;
}

/** A page's open request as the client and the page sessions take it: by the page's number. */
export function openRequest(open: PageOpen): OpenRequest {
  const { page, ...rest } = open;
  return { ...rest, pageId: pageOf(page).id };
}

/** The number of a list's card (CardPageId), as the client gets it. */
export function cardPageId(page: UiPageDefinition<any>): number | null {
  return page.cardPage ? pageOf(page.cardPage).id : null;
}

/** The page a DialogPort.runModal names ('Roles', 'Create Interaction'). */
export function modalPage(pageName: string): UiPageDefinition<any> | undefined {
  return uiPages.find((p) => p.modalFor === pageName);
}

/**
 * A page by its number, its AL name or its caption in either language
 * (scenarios say `open: Contacten`), case-insensitive.
 */
export function findPage(ref: unknown): UiPageDefinition<any> {
  if (typeof ref === 'number' || (typeof ref === 'string' && /^\d+$/.test(ref))) return uiPage(Number(ref));
  if (typeof ref !== 'string') throw new BadRequestError('BadRequest', 'Send {"page": "<page name, caption or number>"}.');
  const needle = ref.trim().toLowerCase();
  const page = uiPages.find(
    (p) => p.name.toLowerCase() === needle || p.caption.nl.toLowerCase() === needle || p.caption.en.toLowerCase() === needle,
  );
  if (!page) throw new BadRequestError('BadRequest_NotFound', `There is no page named '${ref}'.`);
  return page;
}

export interface TellMeResult {
  pageId: number;
  caption: string;
  name: string;
  type: string;
}

/**
 * "Vertel me" (Tell me): the searchable pages whose caption (either language),
 * AL name or keywords contain every word typed, best matches (caption starts
 * with the text) first.
 */
export function tellMe(query: string, language: Language): TellMeResult[] {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return [];
  const hits = uiPages.filter((p) => {
    if (!p.searchable) return false;
    const hay = [p.caption.nl, p.caption.en, p.name, ...(p.keywords ?? [])].join(' ').toLowerCase();
    return words.every((w) => hay.includes(w));
  });
  const q = query.trim().toLowerCase();
  const score = (p: UiPageDefinition<any>) => (pick(p.caption, language).toLowerCase().startsWith(q) ? 0 : 1);
  return hits
    .sort((a, b) => score(a) - score(b) || pick(a.caption, language).localeCompare(pick(b.caption, language)))
    .map((p) => ({ pageId: p.id, caption: pick(p.caption, language), name: p.name, type: p.type }));
}
