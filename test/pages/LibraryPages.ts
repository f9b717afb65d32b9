import request from 'supertest';
import { UserSetup } from '../../entities';
import type { CallResult } from '../../src/pageSession/PageSessionManager';
import type { PageView } from '../../src/pageSession/PageView';
import { arrangeContactmomentSetup, basic, createBusinessUser, HttpTestCompany, newHttpCompany } from '../library/LibraryHttp';
import type { AppOptions } from '../../src/http/app';

/**
 * Test library for page sessions: an HTTP test company with the contactmoment
 * setup (TESTER = salesperson TST in team KCC with BOB), a second user BOB
 * who is salesperson BOB, and a TestPage-like client per user.
 */
export interface PagesTestCompany extends HttpTestCompany {
  tester: PageClient;
  bob: PageClient;
  client(user: string, key: string): PageClient;
}

export const BOB_KEY = 'bob-key-123';

export async function newPagesCompany(options: AppOptions = {}): Promise<PagesTestCompany> {
  const tc = await newHttpCompany(options);
  await arrangeContactmomentSetup(tc);
  await createBusinessUser(tc, 'BOB', BOB_KEY, 'nl-NL');
  await tc.run(async (s) => {
    const us = s.create(UserSetup);
    us.userId = 'BOB';
    await us.validate('salespersPurchCode', 'BOB');
    await us.insert(true);
  });
  const client = (user: string, key: string) => new PageClient(tc, basic(user, key));
  return { ...tc, tester: client(tc.userName, tc.accessKey), bob: client('BOB', BOB_KEY), client };
}

/** One HTTP call's body, with the status kept for assertions. */
export type Reply = CallResult & { status: number; body: any };

/** TestPage over HTTP: every method is one protocol call. */
export class PageClient {
  constructor(
    private readonly tc: HttpTestCompany,
    readonly auth: string,
    /** The language pages open in; the trainee's is Dutch. */
    readonly language = 'nl-NL',
  ) {}

  private async call(method: 'get' | 'post', path: string, body?: unknown): Promise<Reply> {
    const t = request(this.tc.app)[method](path).set('Authorization', this.auth).set('Accept', 'application/json');
    const res = body === undefined ? await t : await t.send(body as object);
    return { ...(res.body as CallResult), status: res.status, body: res.body };
  }

  open(page: string | number, options: { mode?: string; recordId?: string; filters?: Record<string, unknown>; context?: Record<string, unknown> } = {}): Promise<Reply> {
    return this.call('post', '/pages/sessions', { company: this.tc.companyId, page, language: this.language, ...options });
  }
  get(id: string, lang?: string): Promise<Reply> {
    return this.call('get', `/pages/sessions/${id}${lang ? `?lang=${lang}` : ''}`);
  }
  set(id: string, field: string, value: unknown): Promise<Reply> {
    return this.call('post', `/pages/sessions/${id}/fields`, { field, value });
  }
  invoke(id: string, action: string): Promise<Reply> {
    return this.call('post', `/pages/sessions/${id}/actions`, { action });
  }
  answer(id: string, answer: unknown): Promise<Reply> {
    return this.call('post', `/pages/sessions/${id}/dialog`, { answer });
  }
  navigate(id: string, to: string, recordId?: string): Promise<Reply> {
    return this.call('post', `/pages/sessions/${id}/navigate`, { to, recordId });
  }
  filter(id: string, filters: Record<string, string>): Promise<Reply> {
    return this.call('post', `/pages/sessions/${id}/filters`, { filters });
  }
  close(id: string): Promise<Reply> {
    return this.call('post', `/pages/sessions/${id}/close`, {});
  }
}

/** A field of a card view by name or caption. */
export function fieldOf(view: PageView, name: string) {
  const all = (view.groups ?? []).flatMap((g) => g.fields);
  const f = all.find((x) => x.name === name || x.caption === name);
  if (!f) throw new Error(`No field ${name} on ${view.caption}: ${all.map((x) => x.caption).join(', ')}`);
  return f;
}

/** The display value of a field. */
export function shown(view: PageView, name: string): string {
  return fieldOf(view, name).display;
}

/** The rows of a list view as caption-less cell maps. */
export function cells(view: PageView): Array<Record<string, string>> {
  return (view.rows ?? []).map((r) => r.cells);
}

/** A new household (Achternaam) on the Contactkaart, then + Nieuw → Interactie via sjabloon: the popup's view. */
export async function newInteractionPopup(tc: PagesTestCompany, surname: string): Promise<PageView> {
  const card = (await tc.tester.open('Contactkaart', { mode: 'new' })).view;
  await tc.tester.set(card.sessionId, 'Achternaam', surname);
  return (await tc.tester.invoke(card.sessionId, 'Interactie via sjabloon')).opened!;
}
