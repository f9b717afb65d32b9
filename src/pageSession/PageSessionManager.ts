import type { Language } from '../runtime/Labels';
import type { Simulator } from '../host/Simulator';
import { CallResult, PageOperations } from './PageOperation';
import { ManagerOptions, PageSessionStore, PageUser } from './PageSessionStore';
import type { OpenRequest } from '../../pages/UiPage';
import { PageViewBuilder } from './PageViewBuilder';

export type { CallResult } from './PageOperation';
export { PageSessionLabels } from './PageControls';
export type { ManagerOptions, PageUser } from './PageSessionStore';

/**
 * Page sessions: BC's TestPage semantics over a Simulator. A page session is
 * one open page of one user (a card on a record, a list with its filters, a
 * popup on a temporary record, the role center). Setting a field validates it
 * as the client does (CurrFieldNo <> 0) and saves it as BC's client does;
 * invoking an action runs the page's action code. Each of these is ONE
 * operation in ONE transaction, which also reads the page view the call
 * returns; when table or codeunit code asks a question, the operation stops
 * (rolled back: nothing written), the question is returned, and the answer
 * re-runs the operation from the start with the answers so far (ReplayDialogs).
 *
 * This class is the front: the sessions are kept by PageSessionStore, the
 * calls run in PageOperations, the views are read by PageViewBuilder. Calls on
 * one page session run one at a time (its mutex).
 */
export class PageSessionManager {
  private readonly store: PageSessionStore;
  private readonly ops: PageOperations;

  constructor(sim: Simulator, options: ManagerOptions = {}) {
    this.store = new PageSessionStore(options);
    this.ops = new PageOperations(sim, this.store, new PageViewBuilder(this.store));
  }

  /** TestPage.OpenNew / OpenEdit / OpenView. */
  async open(user: PageUser, companyId: string, request: OpenRequest, parentId: string | null = null): Promise<CallResult> {
    return this.ops.open(user, companyId, request, parentId);
  }

  async get(user: PageUser, id: string, language?: Language): Promise<CallResult> {
    const state = this.store.take(user, id, language);
    return state.mutex.runExclusive(async () => ({ view: await this.ops.read(state) }));
  }

  /** TestPage.Field.Value := …: validate (OnValidate with CurrFieldNo) and save as the client does. */
  async setField(user: PageUser, id: string, field: string, value: unknown, language?: Language): Promise<CallResult> {
    const state = this.store.take(user, id, language);
    // A refused value stays on its field with the error, so it is kept as long as the session.
    this.store.checkState(value);
    return state.mutex.runExclusive(() => this.ops.start(state, { kind: 'setField', field, value }));
  }

  /** TestPage.Action.Invoke(). */
  async invoke(user: PageUser, id: string, action: string, language?: Language): Promise<CallResult> {
    const state = this.store.take(user, id, language);
    return state.mutex.runExclusive(() => this.ops.start(state, { kind: 'invoke', action }));
  }

  /**
   * The handler's answer: `true`/`false` to a confirm, `'OK'`/`'Cancel'` to a
   * modal page (its values are the modal page session's), anything to
   * acknowledge a message.
   */
  async answer(user: PageUser, id: string, answer: unknown, language?: Language): Promise<CallResult> {
    const state = this.store.take(user, id, language);
    return state.mutex.runExclusive(() => this.ops.answer(state, answer));
  }

  /** TestPage.First/Next/Previous/Last/GoToRecord on a list. */
  async navigate(
    user: PageUser,
    id: string,
    to: 'first' | 'next' | 'previous' | 'last' | 'record',
    recordId?: string,
    language?: Language,
  ): Promise<CallResult> {
    const state = this.store.take(user, id, language);
    return state.mutex.runExclusive(() => this.ops.navigate(state, to, recordId));
  }

  /** TestPage.Filter.SetFilter on a list's filter pane (control → text; empty text removes it). */
  async setFilter(user: PageUser, id: string, filters: Record<string, string>, language?: Language): Promise<CallResult> {
    const state = this.store.take(user, id, language);
    return state.mutex.runExclusive(() => this.ops.setFilter(state, filters));
  }

  /** Closing the page (OK/Escape): a delayed new record is inserted; then the session ends. */
  async close(user: PageUser, id: string, language?: Language): Promise<CallResult> {
    const state = this.store.take(user, id, language);
    return state.mutex.runExclusive(() => this.ops.start(state, { kind: 'close' }));
  }

  /** The Rolcentrum, lists and "Vertel me" need the user's companies; tests need to see sessions. */
  sessionCount(): number {
    return this.store.size;
  }
}
