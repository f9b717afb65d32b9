import { BadRequestError, BcError } from '../runtime/BcError';
import type { ModalResult } from '../runtime/Dialogs';
import { evaluateDate, evaluateInput, parseOkCancel, parseYesNo } from '../runtime/Format';
import type { Language } from '../runtime/Labels';
import { tableMeta } from '../runtime/Metadata';
import type { TableRecord } from '../runtime/Record';
import type { Session } from '../runtime/Session';
import type { Simulator } from '../host/Simulator';
import {
  fieldCaption,
  filterField,
  findAction,
  findField,
  firstRowId,
  checkOpenRequest,
  isEditable,
  keepRecord,
  listOnly,
  loadContext,
  newContext,
  PageSessionLabels,
  rows,
  SEARCH_KEY,
  snapshot,
  where,
} from './PageControls';
import {
  actor,
  keepOutcome,
  Operation,
  PageSessionStore,
  PageState,
  PageUser,
  PendingOperation,
  refuseWhilePending,
  workingCopy,
} from './PageSessionStore';
import { pick } from '../../pages/Page';
import { ActionOutcome, OpenRequest, PageContext, PageMode } from '../../pages/UiPage';
import type { PageView } from './PageView';
import type { PageViewBuilder } from './PageViewBuilder';
import { modalPage, openRequest, uiPage } from './registry';
import { DialogQuestion, PendingDialogSignal, RecordedAnswer, ReplayDialogs, ReplayDivergedError } from './ReplayDialogs';
import { translate, translateError } from './Translations';
import { CaptionSetName, captionSetName, setCaption } from './CaptionSets';

/** What one call returns: the page as it now is, plus what happened. */
export interface CallResult {
  view: PageView;
  /** A page the action opened (Bewerken, Taken, a popup); it is a page session of its own. */
  opened?: PageView;
  /** The page closed (Voltooien, OK, close). */
  closed?: boolean;
  error?: { code: string; message: string; field?: string };
}

type Step = (session: Session) => Promise<void>;

/**
 * The calls on a page session, each one transaction that also reads the view
 * it returns. An operation (set a field, invoke an action, close) runs with a
 * replaying dialog port: a question nobody answered yet rolls it back and is
 * returned; the answer runs it again from the start with the answers so far.
 * Only a rolled-back operation (an error, a question) needs a second,
 * read-only transaction for its view: the store has no savepoints.
 */
export class PageOperations {
  constructor(
    private readonly sim: Simulator,
    private readonly store: PageSessionStore,
    private readonly views: PageViewBuilder,
  ) {}

  /** TestPage.OpenNew / OpenEdit / OpenView. */
  async open(user: PageUser, companyId: string, request: OpenRequest, parentId: string | null): Promise<CallResult> {
    const company = this.sim.company(companyId);
    const page = uiPage(request.pageId);
    // The size limit before the content checks: a client-sent state too big to keep is refused unread.
    this.store.checkState({ context: request.context, filters: request.filters });
    request = checkOpenRequest(page, request, user.language);
    const state = this.store.create(user.userName, user.language, company.systemId, page, request, parentId);
    // A card run on a filter (Page.Run with a filtered record) shows the filter's first record and browses the others.
    const onFilter = page.type === 'Card' && Object.keys(state.filters).length > 0;
    if ((page.type === 'Card' || page.type === 'StandardDialog') && !page.temporary && state.mode !== 'new' && !state.recordId && !onFilter) {
      throw new BadRequestError('BadRequest', `Page ${page.id} ${page.name} opens on a record: give its id.`);
    }
    const view = await this.read(state, (s) => this.fill(s, state));
    this.store.add(state);
    return { view };
  }

  /** The view of a page session, in a transaction of its own; `before` may move the session first (a list's position). */
  async read(state: PageState, before?: Step): Promise<PageView> {
    this.useCaptionSet(state);
    return this.sim.run(state.companyId, actor(state), async (session) => {
      await before?.(session);
      return this.views.build(session, state);
    });
  }

  async start(state: PageState, op: Operation): Promise<CallResult> {
    refuseWhilePending(state);
    return this.run(state, op, []);
  }

  /** The company's caption set as it is now (a trainer may switch a class while pages are open). */
  private useCaptionSet(state: PageState): void {
    state.captionSet = captionSetName(this.sim.company(state.companyId).captionSet);
  }

  /** The handler's answer to the pending question; the operation runs again with it. */
  async answer(state: PageState, answer: unknown): Promise<CallResult> {
    const pending = state.pending;
    if (!pending) {
      if (state.messages.length) state.messages.shift();
      return { view: await this.read(state) };
    }
    let next: (session: Session) => Promise<RecordedAnswer>;
    if (pending.question.kind === 'confirm') {
      const yes = parseYesNo(answer);
      if (yes === undefined) throw new BadRequestError('BadRequest', 'Answer a confirm with true (Yes) or false (No).');
      const recorded: RecordedAnswer = { kind: 'confirm', key: pending.question.request.label.key, value: yes };
      next = async () => recorded;
    } else {
      const ok = parseOkCancel(answer);
      if (ok === undefined) throw new BadRequestError('BadRequest', "Answer a modal page with 'OK' or 'Cancel'.");
      const key = `Page.${pending.question.request.pageName}`;
      const modal = pending.modalSessionId ? this.store.get(pending.modalSessionId) : undefined;
      next = async (session) => ({ kind: 'modal', key, value: ok ? await modalResult(session, modal) : null });
    }
    if (pending.modalSessionId) this.store.delete(pending.modalSessionId);
    state.pending = null;
    return this.run(state, pending.op, [...pending.answers], next);
  }

  /** TestPage.First/Next/Previous/Last/GoToRecord on a list. */
  async navigate(state: PageState, to: 'first' | 'next' | 'previous' | 'last' | 'record', recordId?: string): Promise<CallResult> {
    refuseWhilePending(state);
    if (!(state.page.type === 'Card' && Object.keys(state.filters).length)) listOnly(state);
    const view = await this.read(state, async (session) => {
      const ids = (await rows(session, state)).map((r) => r.systemId);
      const at = state.recordId ? ids.indexOf(state.recordId) : -1;
      let next: string | null = state.recordId;
      if (to === 'first') next = ids[0] ?? null;
      else if (to === 'last') next = ids[ids.length - 1] ?? null;
      else if (to === 'next') next = ids[Math.min(at + 1, ids.length - 1)] ?? null;
      else if (to === 'previous') next = ids[Math.max(at - 1, 0)] ?? null;
      else if (to === 'record') {
        if (!recordId || !ids.includes(recordId)) throw new BadRequestError('BadRequest_NotFound', 'That record is not in this list.');
        next = recordId;
      }
      state.recordId = next;
    });
    return { view };
  }

  /** TestPage.Filter.SetFilter on a list's filter pane (control → text; empty text removes it). */
  async setFilter(state: PageState, filters: Record<string, string>): Promise<CallResult> {
    refuseWhilePending(state);
    listOnly(state);
    const userFilters = { ...state.userFilters };
    for (const [name, text] of Object.entries(filters)) {
      // The search box, a control, or any other field of the table; one that cannot be filtered on is refused.
      const key = name === SEARCH_KEY ? SEARCH_KEY : (filterField(state, name)?.key ?? findField(state, name).name);
      if (text === '' || text === null || text === undefined) delete userFilters[key];
      else userFilters[key] = String(text);
    }
    this.store.checkState({ context: state.context, filters: state.filters, userFilters });
    // A filter the list cannot be read with is refused before the session keeps it.
    where({ ...state, userFilters });
    state.userFilters = userFilters;
    const view = await this.read(state, async (session) => {
      state.recordId = await firstRowId(session, state);
    });
    return { view };
  }

  /**
   * One operation, one transaction: `next` (the answer just given, which for
   * a modal page reads that page) is recorded first, then the operation runs
   * on a copy of the session's state and the view is read from the copy; the
   * session keeps the copy once the transaction has committed.
   */
  private async run(
    state: PageState,
    op: Operation,
    answers: RecordedAnswer[],
    next?: (session: Session) => Promise<RecordedAnswer>,
  ): Promise<CallResult> {
    this.useCaptionSet(state);
    const dialogs = new ReplayDialogs(answers);
    const fieldName = op.kind === 'setField' ? findField(state, op.field).name : undefined;
    const work = workingCopy(state);
    let result: { outcome: ActionOutcome; view: PageView };
    try {
      result = await this.sim.run(state.companyId, { ...actor(state), dialogs }, async (session) => {
        if (next) answers.push(await next(session));
        const ctx = await loadContext(session, work);
        const outcome = await apply(ctx, work, op);
        if (ctx.rec) keepRecord(work, ctx.rec);
        if (fieldName) delete work.fieldErrors[fieldName];
        work.messages.push(...dialogs.messages.map((m) => translate(m, undefined, work.language)));
        return { outcome, view: await this.views.build(session, work) };
      });
    } catch (err) {
      return this.stopped(state, op, answers, fieldName, err);
    }
    keepOutcome(state, work);
    const { outcome, view } = result;
    if (outcome.kind === 'close') {
      this.store.delete(state.id);
      return { view, closed: true };
    }
    if (outcome.kind === 'open') {
      // Its own call, after this one committed: a page that fails to open does not undo the action.
      const user = { userName: state.owner, language: state.language };
      const opened = await this.open(user, state.companyId, openRequest(outcome.open), state.id);
      return { view, opened: opened.view };
    }
    return { view };
  }

  /** The operation was rolled back: a question to return, or an error the user reads (a field's error stays on the field). */
  private async stopped(
    state: PageState,
    op: Operation,
    answers: RecordedAnswer[],
    fieldName: string | undefined,
    err: unknown,
  ): Promise<CallResult> {
    if (err instanceof PendingDialogSignal) {
      const pending: PendingOperation = { op, answers, question: err.question, modalSessionId: null };
      state.pending = pending;
      const question = err.question;
      const view = await this.read(state, async (session) => {
        if (question.kind === 'modal') pending.modalSessionId = await this.openModal(session, state, question);
      });
      return { view };
    }
    const e = userError(err, state.language, state.captionSet);
    if (fieldName && op.kind === 'setField') state.fieldErrors[fieldName] = { value: op.value, message: e.message };
    return { view: await this.read(state), error: { code: e.code, message: e.message, field: fieldName } };
  }

  /** A new card's or a popup's record (OnNewRecord), or a list's first row. */
  private async fill(session: Session, state: PageState): Promise<void> {
    const page = state.page;
    if ((page.type === 'Card' || page.type === 'StandardDialog') && (page.temporary || state.mode === 'new')) {
      state.recordId = null;
      const ctx = newContext(session, state, null);
      ctx.rec = session.create(page.table!);
      try {
        if (page.onNewRecord) ctx.rec = (await page.onNewRecord(ctx)) ?? ctx.rec;
      } catch (err) {
        throw userError(err, state.language, state.captionSet);
      }
      state.draft = snapshot(ctx.rec!);
    }
    if (page.type === 'List' && !state.recordId) state.recordId = await firstRowId(session, state);
    if (page.type === 'Card' && state.mode !== 'new' && !state.recordId && Object.keys(state.filters).length) {
      state.recordId = (await rows(session, state, 1))[0]?.systemId ?? null;
    }
  }

  /** DialogPort.runModal became a pending question: open the modal page as a page session the client fills in. */
  private async openModal(session: Session, parent: PageState, question: DialogQuestion & { kind: 'modal' }): Promise<string | null> {
    const page = modalPage(question.request.pageName);
    if (!page) return null;
    const request: OpenRequest = { pageId: page.id, mode: page.type === 'List' ? 'view' : 'new' };
    const modal = this.store.create(parent.owner, parent.language, parent.companyId, page, request, parent.id, true);
    modal.captionSet = parent.captionSet;
    await this.fill(session, modal);
    if (page.type !== 'List' && modal.draft) Object.assign(modal.draft, question.request.defaults);
    this.store.add(modal);
    return modal.id;
  }
}

async function apply(ctx: PageContext<TableRecord>, state: PageState, op: Operation): Promise<ActionOutcome> {
  const page = state.page;
  if (op.kind === 'close') {
    // A new card is inserted when a field is left (BC's auto-insert); one never touched was never a record, and
    // closing it inserts nothing, as in BC (a refused value leaves the draft as it was).
    return { kind: 'close' };
  }
  if (op.kind === 'setField') {
    const field = findField(state, op.field);
    if (!isEditable(state, ctx, field)) {
      const text = PageSessionLabels.ReadOnlyFieldErr.format([fieldCaption(field, page, state.language, state.captionSet)], state.language);
      throw new BadRequestError('BadRequest_InvalidOperation', text);
    }
    if (!ctx.rec) throw new BadRequestError('BadRequest', PageSessionLabels.NoRecordErr.format([], state.language));
    const rec = ctx.rec;
    const meta = field.source ? tableMeta(rec.constructor as any).field(field.source) : undefined;
    const clock = { today: ctx.session.today(), workDate: ctx.session.workDate() };
    const value =
      meta?.type.kind === 'Date' && typeof op.value === 'string'
        ? evaluateDate(op.value, state.language, clock)
        : evaluateInput(meta, op.value);
    if (field.onValidate) await field.onValidate(ctx, value);
    else await rec.validate(field.source!, value, { fromPage: true });
    if (page.temporary) return { kind: 'refresh' };
    if (rec.systemId === '') {
      // Auto-insert: leaving the first field of a new card inserts it (OnInsert gives the No.).
      await rec.insert(true);
      state.mode = 'edit';
    } else if (!field.onValidate) {
      await rec.modify(true);
    }
    return { kind: 'refresh' };
  }
  const builtin = builtinAction(state, ctx, op.action);
  if (builtin) return builtin;
  const action = findAction(state, op.action);
  if (action.requiresRecord && !ctx.rec) throw new BadRequestError('BadRequest', PageSessionLabels.NoRecordErr.format([], state.language));
  if ((action.visible && !action.visible(ctx)) || (action.enabled && !action.enabled(ctx))) {
    const text = PageSessionLabels.ActionNotAvailableErr.format([pick(action.caption, state.language)], state.language);
    throw new BadRequestError('BadRequest_InvalidOperation', text);
  }
  return action.run(ctx);
}

/** A list's Nieuw / Bewerken / Weergeven: open its card (CardPageId). */
function builtinAction(state: PageState, ctx: PageContext<TableRecord>, name: string): ActionOutcome | null {
  const page = state.page;
  if (page.type !== 'List' || !page.cardPage) return null;
  const key = name.toLowerCase().replace(/^\+\s*/, '');
  if (['new', 'nieuw', '$new'].includes(key) && page.insertAllowed) {
    return { kind: 'open', open: { page: page.cardPage, mode: 'new' } };
  }
  const mode: PageMode | null = ['edit', 'bewerken', '$edit'].includes(key)
    ? 'edit'
    : ['view', 'weergeven', '$view'].includes(key)
      ? 'view'
      : null;
  if (!mode) return null;
  if (!ctx.rec) throw new BadRequestError('BadRequest', PageSessionLabels.NoRecordErr.format([], state.language));
  return { kind: 'open', open: { page: page.cardPage, mode, recordId: ctx.rec.systemId } };
}

/** What a modal page session hands back on OK: its values (and selected line) through the page's modalResult. */
async function modalResult(session: Session, modal: PageState | undefined): Promise<ModalResult> {
  if (!modal) return {};
  const ctx = await loadContext(session.withUser(modal.owner, session.dialogs, { language: modal.language }), modal);
  const values = ctx.rec && modal.page.type !== 'List' ? snapshot(ctx.rec) : {};
  const selected = modal.page.type === 'List' && ctx.rec ? snapshot(ctx.rec) : null;
  return modal.page.modalResult ? modal.page.modalResult(values, selected) : values;
}

/** A BcError as the user reads it; anything else is a simulator bug and travels on. */
function userError(err: unknown, language: Language, captionSet: CaptionSetName): { code: string; message: string } & BcError {
  if (err instanceof ReplayDivergedError) {
    return new BadRequestError('Simulator_ReplayDiverged', PageSessionLabels.ReplayDivergedErr.format([], language));
  }
  if (err instanceof BcError) {
    // A field named inside the text reads as on the screen (Voorletters in a '003' company).
    const translated = translateError(err, language, (f) => setCaption(captionSet, f.table, f.property));
    if (translated !== err.message) err.message = translated;
    return err;
  }
  throw err;
}
