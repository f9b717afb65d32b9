import type { Language } from '../runtime/Labels';
import type { OpenRequest } from '../../pages/UiPage';
import type { CallResult, PageSessionManager } from '../pageSession/PageSessionManager';
import { findPage } from '../pageSession/registry';

/** What a scenario needs of the page protocol; in-process and over HTTP alike. */
export interface PageDriver {
  open(user: string, page: string | number, request: Omit<OpenRequest, 'pageId'>, language: Language): Promise<CallResult>;
  setField(user: string, id: string, field: string, value: unknown): Promise<CallResult>;
  invoke(user: string, id: string, action: string): Promise<CallResult>;
  answer(user: string, id: string, answer: unknown): Promise<CallResult>;
  navigate(user: string, id: string, to: string, recordId?: string): Promise<CallResult>;
  filter(user: string, id: string, filters: Record<string, string>): Promise<CallResult>;
  get(user: string, id: string): Promise<CallResult>;
  close(user: string, id: string): Promise<CallResult>;
}

/** Straight into a PageSessionManager: the embedded database. */
export class InProcessDriver implements PageDriver {
  constructor(
    private readonly manager: PageSessionManager,
    private readonly companyId: string,
    private readonly language: Language,
  ) {}
  private u(user: string) {
    return { userName: user, language: this.language };
  }
  open(user: string, page: string | number, request: Omit<OpenRequest, 'pageId'>, language: Language) {
    return this.manager.open({ userName: user, language }, this.companyId, { ...request, pageId: findPage(page).id });
  }
  setField(user: string, id: string, field: string, value: unknown) {
    return this.manager.setField(this.u(user), id, field, value);
  }
  invoke(user: string, id: string, action: string) {
    return this.manager.invoke(this.u(user), id, action);
  }
  answer(user: string, id: string, answer: unknown) {
    return this.manager.answer(this.u(user), id, answer);
  }
  navigate(user: string, id: string, to: string, recordId?: string) {
    return this.manager.navigate(this.u(user), id, to as 'first', recordId);
  }
  filter(user: string, id: string, filters: Record<string, string>) {
    return this.manager.setFilter(this.u(user), id, filters);
  }
  get(user: string, id: string) {
    return this.manager.get(this.u(user), id);
  }
  close(user: string, id: string) {
    return this.manager.close(this.u(user), id);
  }
}

/** Over HTTP against a running server (`--url`), authenticating each user with HTTP Basic. */
export class HttpDriver implements PageDriver {
  constructor(
    private readonly baseUrl: string,
    private readonly companyId: string | undefined,
    private readonly keyOf: (user: string) => string,
  ) {}

  private async call(user: string, path: string, body?: unknown): Promise<CallResult> {
    const res = await fetch(`${this.baseUrl.replace(/\/$/, '')}/pages${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${user}:${this.keyOf(user)}`).toString('base64')}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as CallResult & { error?: { message: string } };
    if (!res.ok) throw new Error(json.error?.message ?? `HTTP ${res.status}`);
    return json;
  }
  open(user: string, page: string | number, request: Omit<OpenRequest, 'pageId'>, language: Language) {
    return this.call(user, '/sessions', { company: this.companyId, page, language, ...request });
  }
  setField(user: string, id: string, field: string, value: unknown) {
    return this.call(user, `/sessions/${id}/fields`, { field, value });
  }
  invoke(user: string, id: string, action: string) {
    return this.call(user, `/sessions/${id}/actions`, { action });
  }
  answer(user: string, id: string, answer: unknown) {
    return this.call(user, `/sessions/${id}/dialog`, { answer });
  }
  navigate(user: string, id: string, to: string, recordId?: string) {
    return this.call(user, `/sessions/${id}/navigate`, { to, recordId });
  }
  filter(user: string, id: string, filters: Record<string, string>) {
    return this.call(user, `/sessions/${id}/filters`, { filters });
  }
  get(user: string, id: string) {
    return this.call(user, `/sessions/${id}`);
  }
  close(user: string, id: string) {
    return this.call(user, `/sessions/${id}/close`, {});
  }
}
