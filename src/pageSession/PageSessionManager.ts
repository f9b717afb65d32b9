import { randomUUID } from 'node:crypto';
import { Mutex } from 'async-mutex';
import { FindOptionsWhere, Like } from 'typeorm';
import { AuthorizationError, BadRequestError, BcError } from '../runtime/BcError';
import type { ModalResult } from '../runtime/Dialogs';
import { defineLabels, Language } from '../runtime/Labels';
import { FieldMeta, tableMeta } from '../runtime/Metadata';
import type { TableRecord } from '../runtime/Record';
import type { Session } from '../runtime/Session';
import type { Simulator } from '../runtime/Simulator';
import {
  ActionOutcome,
  OpenRequest,
  PageActionDef,
  PageContext,
  PageFieldDef,
  PageMode,
  pick,
  UiPageDefinition,
} from './PageTypes';
import { filterValue } from './pageHelpers';
import { modalPage, uiPage } from './registry';
import { DialogQuestion, PendingDialogSignal, RecordedAnswer, ReplayDialogs, ReplayDivergedError } from './ReplayDialogs';
import { translate } from './Translations';
import {
  ActionView,
  DialogView,
  FieldView,
  OptionView,
  PageView,
  PartView,
  RowView,
} from './PageView';

/** The page session's own texts (simulator-authored; BC's client texts are not public). */
export const PageSessionLabels = defineLabels('Page Session', {
  ReadOnlyFieldErr: {
    text: 'The field %1 cannot be changed on this page.',
    nl: 'Het veld %1 kan op deze pagina niet worden gewijzigd.',
    comment: '%1 = field caption',
    simulatorAuthored: true,
  },
  UnknownFieldErr: {
    text: 'The page %1 has no field %2.',
    nl: 'De pagina %1 heeft geen veld %2.',
    comment: '%1 = page caption, %2 = field name',
    simulatorAuthored: true,
  },
  UnknownActionErr: {
    text: 'The page %1 has no action %2.',
    nl: 'De pagina %1 heeft geen actie %2.',
    comment: '%1 = page caption, %2 = action name',
    simulatorAuthored: true,
  },
  ActionNotAvailableErr: {
    text: 'The action %1 is not available here.',
    nl: 'De actie %1 is hier niet beschikbaar.',
    comment: '%1 = action caption',
    simulatorAuthored: true,
  },
  NoRecordErr: {
    text: 'Select a line first.',
    nl: 'Selecteer eerst een regel.',
    simulatorAuthored: true,
  },
  ReplayDivergedErr: {
    text: 'The data changed while the question was open. Start the action again.',
    nl: 'De gegevens zijn gewijzigd terwijl de vraag openstond. Start de actie opnieuw.',
    simulatorAuthored: true,
  },
});

export interface PageUser {
  userName: string;
  language: Language;
}

export interface ManagerOptions {
  /** Idle time after which a page session expires (default 30 minutes). */
  ttlMs?: number;
  /** Clock for expiry (tests). */
  now?: () => number;
  /** Rows a list shows at most. */
  pageSize?: number;
}

type Operation =
  | { kind: 'setField'; field: string; value: unknown }
  | { kind: 'invoke'; action: string }
  | { kind: 'close' };

interface PendingOperation {
  op: Operation;
  answers: RecordedAnswer[];
  question: DialogQuestion;
  /** The page session of the modal page the question opened. */
  modalSessionId: string | null;
}

interface FieldError {
  value: unknown;
  message: string;
}

interface PageState {
  id: string;
  owner: string;
  companyId: string;
  page: UiPageDefinition<any>;
  mode: PageMode;
  language: Language;
  context: Record<string, unknown>;
  /** RunPageLink/SubPageView filters of the opener, on table properties. */
  filters: Record<string, unknown>;
  /** The filter pane: control name → text typed. */
  userFilters: Record<string, string>;
  /** The card's stored record, or the list's current row (SystemId). */
  recordId: string | null;
  /** A temporary record, or a new one not inserted yet: its field values. */
  draft: Record<string, unknown> | null;
  fieldErrors: Record<string, FieldError>;
  pending: PendingOperation | null;
  messages: string[];
  parentId: string | null;
  /** Set on the page session of a modal page: the session whose dialog it answers. */
  modalOf: string | null;
  expiresAt: number;
  mutex: Mutex;
}

/** What one call returns: the page as it now is, plus what happened. */
export interface CallResult {
  view: PageView;
  /** A page the action opened (Bewerken, Taken, a popup); it is a page session of its own. */
  opened?: PageView;
  /** The page closed (Voltooien, OK, close). */
  closed?: boolean;
  error?: { code: string; message: string; field?: string };
}

const DEFAULT_TTL = 30 * 60 * 1000;

/**
 * Page sessions: BC's TestPage semantics over a Simulator. A page session is
 * one open page of one user (a card on a record, a list with its filters, a
 * popup on a temporary record, the role center). Setting a field validates it
 * as the client does (CurrFieldNo <> 0) and saves it as BC's client does;
 * invoking an action runs the page's action code. Each of these is ONE
 * operation in ONE transaction; when table or codeunit code asks a question,
 * the operation stops (rolled back: nothing written), the question is
 * returned, and the answer re-runs the operation from the start with the
 * answers so far (ReplayDialogs).
 */
export class PageSessionManager {
  private readonly sessions = new Map<string, PageState>();
  private readonly ttl: number;
  private readonly now: () => number;
  private readonly pageSize: number;

  constructor(
    private readonly sim: Simulator,
    options: ManagerOptions = {},
  ) {
    this.ttl = options.ttlMs ?? DEFAULT_TTL;
    this.now = options.now ?? Date.now;
    this.pageSize = options.pageSize ?? 200;
  }

  // ---- the protocol ----

  /** TestPage.OpenNew / OpenEdit / OpenView. */
  async open(user: PageUser, companyId: string, request: OpenRequest, parentId: string | null = null): Promise<CallResult> {
    this.prune();
    const company = this.sim.company(companyId);
    const page = uiPage(request.pageId);
    const mode: PageMode = request.mode ?? (page.type === 'List' || page.type === 'RoleCenter' ? 'view' : 'edit');
    const state: PageState = {
      id: randomUUID(),
      owner: user.userName.toUpperCase(),
      companyId: company.systemId,
      page,
      mode,
      language: user.language,
      context: { ...(request.context ?? {}) },
      filters: { ...(request.filters ?? {}) },
      userFilters: {},
      recordId: request.recordId ?? null,
      draft: null,
      fieldErrors: {},
      pending: null,
      messages: [],
      parentId,
      modalOf: null,
      expiresAt: this.now() + this.ttl,
      mutex: new Mutex(),
    };
    if (page.type === 'Card' || page.type === 'StandardDialog') {
      if (page.temporary || mode === 'new') {
        state.recordId = null;
        try {
          state.draft = await this.sim.run(state.companyId, this.actor(state), async (session) => {
            const ctx = this.newContext(session, state, null);
            ctx.rec = this.newRecord(session, state);
            if (page.onNewRecord) ctx.rec = (await page.onNewRecord(ctx)) ?? ctx.rec;
            return snapshot(ctx.rec!);
          });
        } catch (err) {
          throw this.userError(err, state.language);
        }
      } else if (!state.recordId) {
        throw new BadRequestError('BadRequest', `Page ${page.id} ${page.name} opens on a record: give its id.`);
      }
    }
    this.sessions.set(state.id, state);
    if (page.type === 'List' && !state.recordId) state.recordId = await this.firstRowId(state);
    return { view: await this.view(state) };
  }

  async get(user: PageUser, id: string, language?: Language): Promise<CallResult> {
    const state = this.take(user, id, language);
    return state.mutex.runExclusive(async () => ({ view: await this.view(state) }));
  }

  /** TestPage.Field.Value := …: validate (OnValidate with CurrFieldNo) and save as the client does. */
  async setField(user: PageUser, id: string, field: string, value: unknown, language?: Language): Promise<CallResult> {
    const state = this.take(user, id, language);
    return state.mutex.runExclusive(() => this.start(state, { kind: 'setField', field, value }));
  }

  /** TestPage.Action.Invoke(). */
  async invoke(user: PageUser, id: string, action: string, language?: Language): Promise<CallResult> {
    const state = this.take(user, id, language);
    return state.mutex.runExclusive(() => this.start(state, { kind: 'invoke', action }));
  }

  /**
   * The handler's answer: `true`/`false` to a confirm, `'OK'`/`'Cancel'` to a
   * modal page (its values are the modal page session's), anything to
   * acknowledge a message.
   */
  async answer(user: PageUser, id: string, answer: unknown, language?: Language): Promise<CallResult> {
    const state = this.take(user, id, language);
    return state.mutex.runExclusive(async () => {
      const pending = state.pending;
      if (!pending) {
        if (state.messages.length) state.messages.shift();
        return { view: await this.view(state) };
      }
      let recorded: RecordedAnswer;
      if (pending.question.kind === 'confirm') {
        const yes = parseYesNo(answer);
        if (yes === undefined) throw new BadRequestError('BadRequest', 'Answer a confirm with true (Yes) or false (No).');
        recorded = { kind: 'confirm', key: pending.question.request.label.key, value: yes };
      } else {
        const ok = parseOkCancel(answer);
        if (ok === undefined) throw new BadRequestError('BadRequest', "Answer a modal page with 'OK' or 'Cancel'.");
        const value: ModalResult = ok ? await this.modalResult(state, pending) : null;
        recorded = { kind: 'modal', key: `Page.${pending.question.request.pageName}`, value };
      }
      if (pending.modalSessionId) this.sessions.delete(pending.modalSessionId);
      state.pending = null;
      return this.run(state, pending.op, [...pending.answers, recorded]);
    });
  }

  /** TestPage.First/Next/Previous/Last/GoToRecord on a list. */
  async navigate(
    user: PageUser,
    id: string,
    to: 'first' | 'next' | 'previous' | 'last' | 'record',
    recordId?: string,
    language?: Language,
  ): Promise<CallResult> {
    const state = this.take(user, id, language);
    return state.mutex.runExclusive(async () => {
      this.refuseWhilePending(state);
      const ids = await this.sim.run(state.companyId, this.actor(state), async (s) =>
        (await this.rows(s, state)).map((r) => r.systemId),
      );
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
      return { view: await this.view(state) };
    });
  }

  /** TestPage.Filter.SetFilter on a list's filter pane (control → text; empty text removes it). */
  async setFilter(user: PageUser, id: string, filters: Record<string, string>, language?: Language): Promise<CallResult> {
    const state = this.take(user, id, language);
    return state.mutex.runExclusive(async () => {
      this.refuseWhilePending(state);
      for (const [name, text] of Object.entries(filters)) {
        const f = this.field(state, name);
        if (text === '' || text === null || text === undefined) delete state.userFilters[f.name];
        else state.userFilters[f.name] = String(text);
      }
      state.recordId = await this.firstRowId(state);
      return { view: await this.view(state) };
    });
  }

  /** Closing the page (OK/Escape): a delayed new record is inserted; then the session ends. */
  async close(user: PageUser, id: string, language?: Language): Promise<CallResult> {
    const state = this.take(user, id, language);
    return state.mutex.runExclusive(() => this.start(state, { kind: 'close' }));
  }

  /** The Rolcentrum, lists and "Vertel me" need the user's companies; tests need to see sessions. */
  sessionCount(): number {
    return this.sessions.size;
  }

  // ---- operations ----

  private async start(state: PageState, op: Operation): Promise<CallResult> {
    this.refuseWhilePending(state);
    return this.run(state, op, []);
  }

  private async run(state: PageState, op: Operation, answers: RecordedAnswer[]): Promise<CallResult> {
    const dialogs = new ReplayDialogs(answers);
    const fieldName = op.kind === 'setField' ? this.field(state, op.field).name : undefined;
    let outcome: ActionOutcome;
    try {
      const result = await this.sim.run(state.companyId, { ...this.actor(state), dialogs }, async (session) => {
        const ctx = await this.loadContext(session, state);
        const out = await this.apply(ctx, state, op);
        return { out, rec: ctx.rec };
      });
      outcome = result.out;
      if (result.rec) this.keep(state, result.rec);
      if (fieldName) delete state.fieldErrors[fieldName];
      state.messages.push(...dialogs.messages.map((m) => translate(m, undefined, state.language)));
    } catch (err) {
      if (err instanceof PendingDialogSignal) {
        state.pending = { op, answers, question: err.question, modalSessionId: null };
        if (err.question.kind === 'modal') state.pending.modalSessionId = await this.openModal(state, err.question);
        return { view: await this.view(state) };
      }
      const e = this.userError(err, state.language);
      if (fieldName && op.kind === 'setField') state.fieldErrors[fieldName] = { value: op.value, message: e.message };
      return { view: await this.view(state), error: { code: e.code, message: e.message, field: fieldName } };
    }
    if (outcome.kind === 'close') {
      this.sessions.delete(state.id);
      return { view: await this.view(state), closed: true };
    }
    if (outcome.kind === 'open') {
      const opened = await this.open({ userName: state.owner, language: state.language }, state.companyId, outcome.open, state.id);
      return { view: await this.view(state), opened: opened.view };
    }
    return { view: await this.view(state) };
  }

  private async apply(ctx: PageContext<TableRecord>, state: PageState, op: Operation): Promise<ActionOutcome> {
    const page = state.page;
    if (op.kind === 'close') {
      // Cards here insert when the first field is left (BC's auto-insert), so only a delayed draft is left to write.
      if (!page.temporary && ctx.rec && ctx.rec.systemId === '' && state.draft && hasInput(state)) await ctx.rec.insert(true);
      return { kind: 'close' };
    }
    if (op.kind === 'setField') {
      const field = this.field(state, op.field);
      if (!this.isEditable(state, ctx, field)) {
        throw new BadRequestError('BadRequest_InvalidOperation', PageSessionLabels.ReadOnlyFieldErr.format([this.caption(field, page, state.language)], state.language));
      }
      const rec = ctx.rec!;
      const value = normalizeInput(field.source ? tableMeta(rec.constructor as any).field(field.source) : undefined, op.value);
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
    const builtin = this.builtinAction(state, ctx, op.action);
    if (builtin) return builtin;
    const action = this.action(state, op.action);
    if (action.requiresRecord && !ctx.rec) throw new BadRequestError('BadRequest', PageSessionLabels.NoRecordErr.format([], state.language));
    if ((action.visible && !action.visible(ctx)) || (action.enabled && !action.enabled(ctx))) {
      throw new BadRequestError('BadRequest_InvalidOperation', PageSessionLabels.ActionNotAvailableErr.format([pick(action.caption, state.language)], state.language));
    }
    return action.run(ctx);
  }

  /** A list's Nieuw / Bewerken / Weergeven: open its card (CardPageId). */
  private builtinAction(state: PageState, ctx: PageContext<TableRecord>, name: string): ActionOutcome | null {
    const page = state.page;
    if (page.type !== 'List' || !page.cardPageId) return null;
    const key = name.toLowerCase();
    if (['new', 'nieuw', '$new'].includes(key) && page.insertAllowed) {
      return { kind: 'open', open: { pageId: page.cardPageId, mode: 'new' } };
    }
    const mode: PageMode | null = ['edit', 'bewerken', '$edit'].includes(key)
      ? 'edit'
      : ['view', 'weergeven', '$view'].includes(key)
        ? 'view'
        : null;
    if (!mode) return null;
    if (!ctx.rec) throw new BadRequestError('BadRequest', PageSessionLabels.NoRecordErr.format([], state.language));
    return { kind: 'open', open: { pageId: page.cardPageId, mode, recordId: ctx.rec.systemId } };
  }

  /** What a modal page session hands back on OK: its values (and selected line) through the page's modalResult. */
  private async modalResult(state: PageState, pending: PendingOperation): Promise<ModalResult> {
    const modal = pending.modalSessionId ? this.sessions.get(pending.modalSessionId) : undefined;
    if (!modal) return {};
    return this.sim.run(state.companyId, this.actor(modal), async (s) => {
      const ctx = await this.loadContext(s, modal);
      const values = ctx.rec && modal.page.type !== 'List' ? snapshot(ctx.rec) : {};
      const selected = modal.page.type === 'List' && ctx.rec ? snapshot(ctx.rec) : null;
      return modal.page.modalResult ? modal.page.modalResult(values, selected) : values;
    });
  }

  /** DialogPort.runModal became a pending question: open the modal page as a page session the client fills in. */
  private async openModal(state: PageState, question: DialogQuestion & { kind: 'modal' }): Promise<string | null> {
    const page = modalPage(question.request.pageName);
    if (!page) return null;
    const opened = await this.open(
      { userName: state.owner, language: state.language },
      state.companyId,
      { pageId: page.id, mode: page.type === 'List' ? 'view' : 'new' },
      state.id,
    );
    const modal = this.sessions.get(opened.view.sessionId)!;
    modal.modalOf = state.id;
    if (page.type !== 'List' && modal.draft) Object.assign(modal.draft, question.request.defaults);
    return modal.id;
  }

  // ---- records ----

  private newRecord(session: Session, state: PageState): TableRecord {
    return session.create(state.page.table!);
  }

  private newContext(session: Session, state: PageState, rec: TableRecord | null): PageContext<TableRecord> {
    return { session, rec, context: state.context, mode: state.mode };
  }

  private async loadContext(session: Session, state: PageState): Promise<PageContext<TableRecord>> {
    const page = state.page;
    let rec: TableRecord | null = null;
    if (page.table) {
      if (state.draft) rec = hydrate(session, state, state.draft);
      else if (state.recordId) rec = await session.getBySystemId(page.table, state.recordId);
    }
    return this.newContext(session, state, rec);
  }

  /** After an operation: a temporary or still-new record stays a draft; a stored one is found again by its SystemId. */
  private keep(state: PageState, rec: TableRecord): void {
    if (state.page.temporary || rec.systemId === '') {
      state.draft = snapshot(rec);
    } else if (state.page.type !== 'List') {
      state.draft = null;
      state.recordId = rec.systemId;
    }
  }

  private async rows(session: Session, state: PageState, take?: number): Promise<TableRecord[]> {
    const page = state.page;
    return session.find(page.table!, this.where(state) as FindOptionsWhere<TableRecord>, page.order as any, take);
  }

  private where(state: PageState): Record<string, unknown> {
    const page = state.page;
    const where: Record<string, unknown> = { ...((page.sourceTableView as Record<string, unknown>) ?? {}) };
    for (const [k, v] of Object.entries(state.filters)) where[k] = filterValue(v);
    const meta = tableMeta(page.table!);
    for (const [name, text] of Object.entries(state.userFilters)) {
      const f = this.field(state, name);
      if (!f.source) continue;
      const fm = meta.field(f.source);
      where[f.source] = filterInput(fm, text);
    }
    return where;
  }

  private async firstRowId(state: PageState): Promise<string | null> {
    if (state.page.type !== 'List') return state.recordId;
    return this.sim.run(state.companyId, this.actor(state), async (s) => (await this.rows(s, state, 1))[0]?.systemId ?? null);
  }

  // ---- the view ----

  private async view(state: PageState): Promise<PageView> {
    return this.sim.run(state.companyId, this.actor(state), (s) => this.buildView(s, state));
  }

  private async buildView(session: Session, state: PageState): Promise<PageView> {
    const page = state.page;
    const lang = state.language;
    const ctx = await this.loadContext(session, state);
    const view: PageView = {
      sessionId: state.id,
      pageId: page.id,
      pageName: page.name,
      type: page.type,
      caption: this.pageCaption(state, ctx),
      mode: state.mode,
      language: lang,
      parentId: state.parentId,
      modalOf: state.modalOf,
      editable: page.editable !== false && state.mode !== 'view',
      actions: this.actionViews(state, ctx),
      messages: [...state.messages],
      fieldErrors: { ...state.fieldErrors },
      dialog: await this.dialogView(session, state),
      expiresAt: new Date(state.expiresAt).toISOString(),
    };
    if (page.type === 'Card' || page.type === 'StandardDialog') {
      view.recordId = ctx.rec?.systemId || null;
      view.groups = [];
      for (const g of page.groups ?? []) {
        const fields: FieldView[] = [];
        for (const f of g.fields) fields.push(await this.fieldView(state, ctx, f));
        view.groups.push({ name: g.name, caption: pick(g.caption, lang), fields });
      }
    } else if (page.type === 'List') {
      Object.assign(view, await this.listView(session, state));
    } else if (page.type === 'RoleCenter') {
      view.links = (page.links ?? []).map((l) => ({ name: l.name, caption: pick(l.caption, lang), open: l.open }));
      view.parts = [];
      for (const part of page.parts ?? []) view.parts.push(await this.partView(session, state, part));
    }
    return view;
  }

  private pageCaption(state: PageState, ctx: PageContext<TableRecord>): string {
    const base = pick(state.page.caption, state.language);
    const rec = ctx.rec as (TableRecord & { no?: string; name?: string; code?: string }) | null;
    if (state.page.type !== 'Card' || !rec || !rec.systemId) return base;
    const key = rec.no ?? rec.code ?? '';
    const name = typeof rec.name === 'string' ? rec.name : '';
    return [base, key, name].filter((p) => p).join(' · ');
  }

  private async listView(session: Session, state: PageState): Promise<Partial<PageView>> {
    const page = state.page;
    const rows = await this.rows(session, state, this.pageSize);
    const total = await session.count(page.table!, this.where(state) as FindOptionsWhere<TableRecord>);
    const columns = (page.columns ?? []).map((c) => this.columnView(state, c));
    const rowViews: RowView[] = [];
    for (const r of rows) {
      const ctx = this.newContext(session, state, r);
      const cells: Record<string, string> = {};
      for (const c of page.columns ?? []) cells[c.name] = (await this.valueOf(state, ctx, c)).display;
      rowViews.push({ id: r.systemId, cells });
    }
    const filters = Object.entries(state.filters).map(([property, value]) => ({
      field: this.captionOfProperty(state, property),
      value: Array.isArray(value) ? value.map((v) => this.displayOfProperty(state, property, v)).join('|') : this.displayOfProperty(state, property, value),
    }));
    return {
      columns,
      rows: rowViews,
      total,
      position: state.recordId,
      filters,
      userFilters: { ...state.userFilters },
      cardPageId: page.cardPageId ?? null,
    };
  }

  private async partView(session: Session, state: PageState, part: NonNullable<UiPageDefinition['parts']>[number]): Promise<PartView> {
    const target = uiPage(part.pageId);
    const filters = await part.filters(session);
    const fake: PageState = { ...state, page: target, filters, userFilters: {} };
    const list = await this.listView(session, fake);
    return {
      name: part.name,
      caption: pick(part.caption, state.language),
      pageId: target.id,
      open: { pageId: target.id, mode: 'view', filters },
      cardPageId: target.cardPageId ?? null,
      columns: list.columns!,
      rows: list.rows!,
      total: list.total!,
    };
  }

  private actionViews(state: PageState, ctx: PageContext<TableRecord>): ActionView[] {
    const lang = state.language;
    const page = state.page;
    const out: ActionView[] = [];
    if (page.type === 'List' && page.cardPageId) {
      if (page.insertAllowed) out.push({ name: 'New', caption: lang === 'nl-NL' ? 'Nieuw' : 'New', group: 'New', promoted: true, enabled: true });
      out.push({ name: 'Edit', caption: lang === 'nl-NL' ? 'Bewerken' : 'Edit', group: 'Home', promoted: true, enabled: ctx.rec !== null });
      out.push({ name: 'View', caption: lang === 'nl-NL' ? 'Weergeven' : 'View', group: 'Home', promoted: true, enabled: ctx.rec !== null });
    }
    for (const a of page.actions ?? []) {
      if (a.visible && !a.visible(ctx)) continue;
      const enabled = (!a.requiresRecord || ctx.rec !== null) && (!a.enabled || a.enabled(ctx));
      out.push({ name: a.name, caption: pick(a.caption, lang), group: a.group, promoted: a.promoted ?? false, enabled });
    }
    return out;
  }

  private async dialogView(session: Session, state: PageState): Promise<DialogView | null> {
    const p = state.pending;
    if (p) {
      if (p.question.kind === 'confirm') {
        const r = p.question.request;
        return {
          kind: 'confirm',
          key: r.label.key,
          text: translate(r.text, r.label.key, state.language),
          defaultAnswer: r.defaultAnswer,
          raisedBy: r.raisedBy,
        };
      }
      const r = p.question.request;
      const modal = p.modalSessionId ? this.sessions.get(p.modalSessionId) : undefined;
      return {
        kind: 'modal',
        key: `Page.${r.pageName}`,
        text: modal ? pick(modal.page.caption, state.language) : r.pageName,
        pageId: r.pageId,
        pageName: r.pageName,
        raisedBy: r.raisedBy,
        // Built in this transaction: a second Simulator.run here would wait for the one we are in.
        modal: modal ? await this.buildView(session, modal) : null,
      };
    }
    if (state.messages.length) return { kind: 'message', key: '', text: state.messages[0], raisedBy: '' };
    return null;
  }

  private columnView(state: PageState, f: PageFieldDef<any>): { name: string; caption: string; drillDown: boolean } {
    return { name: f.name, caption: this.caption(f, state.page, state.language), drillDown: f.drillDown ?? false };
  }

  private async fieldView(state: PageState, ctx: PageContext<TableRecord>, f: PageFieldDef<any>): Promise<FieldView> {
    const lang = state.language;
    const meta = f.source && state.page.table ? tableMeta(state.page.table).field(f.source) : undefined;
    const { value, display } = await this.valueOf(state, ctx, f);
    const editable = ctx.rec !== null && this.isEditable(state, ctx, f);
    const visible = typeof f.visible === 'function' ? f.visible(ctx) : f.visible !== false;
    const view: FieldView = {
      name: f.name,
      caption: this.caption(f, state.page, lang),
      kind: meta ? meta.type.kind : 'Text',
      length: meta?.type.length,
      editable,
      visible,
      multiLine: f.multiLine ?? false,
      importance: f.importance ?? 'Standard',
      value,
      display,
    };
    if (meta?.type.kind === 'Option') {
      view.options = (meta.type.members ?? []).map((m) => ({ value: m.name, text: lang === 'nl-NL' && m.nl ? m.nl : m.name }));
    }
    if (f.lookup && editable) view.lookup = await this.lookup(ctx.session, f);
    const err = state.fieldErrors[f.name];
    if (err) view.error = err;
    return view;
  }

  private async lookup(session: Session, f: PageFieldDef<any>): Promise<OptionView[]> {
    const l = f.lookup!;
    const rows = await session.find(l.table, (l.where ?? {}) as any, undefined, 500);
    return rows.map((r) => ({
      value: String((r as any)[l.valueField] ?? ''),
      text: l.textField ? String((r as any)[l.textField] ?? '') : '',
    }));
  }

  private async valueOf(state: PageState, ctx: PageContext<TableRecord>, f: PageFieldDef<any>): Promise<{ value: unknown; display: string }> {
    if (!ctx.rec && !f.compute) return { value: null, display: '' };
    if (f.compute) {
      const v = ctx.rec || state.page.type === 'RoleCenter' ? await f.compute(ctx) : '';
      return { value: v ?? '', display: formatDisplay(undefined, v, state.language) };
    }
    const meta = tableMeta(ctx.rec!.constructor as any).field(f.source!);
    const raw = (ctx.rec as any)[f.source!];
    return { value: jsonValue(meta, raw), display: formatDisplay(meta, raw, state.language) };
  }

  private isEditable(state: PageState, ctx: PageContext<TableRecord>, f: PageFieldDef<any>): boolean {
    const page = state.page;
    if (state.mode === 'view' || page.editable === false || page.type === 'List') return false;
    if (!page.temporary && state.mode === 'edit' && page.modifyAllowed === false) return false;
    if (!f.source && !f.onValidate) return false;
    if (f.source && page.table && !tableMeta(page.table).field(f.source).editable) return false;
    if (typeof f.editable === 'function') return f.editable(ctx);
    return f.editable !== false;
  }

  // ---- lookups by name ----

  /** A control by its name or caption (either language), as scenarios and TestPage address it. */
  private field(state: PageState, name: string): PageFieldDef<any> {
    const page = state.page;
    const all = [...(page.groups ?? []).flatMap((g) => g.fields), ...(page.columns ?? [])];
    const needle = name.trim().toLowerCase();
    const f =
      all.find((x) => x.name.toLowerCase() === needle) ??
      all.find((x) => {
        const c = this.captions(x, page);
        return c.en.toLowerCase() === needle || c.nl.toLowerCase() === needle;
      });
    if (!f) {
      throw new BadRequestError('BadRequest_NotFound', PageSessionLabels.UnknownFieldErr.format([pick(page.caption, state.language), name], state.language));
    }
    return f;
  }

  private action(state: PageState, name: string): PageActionDef<any> {
    const needle = name.trim().toLowerCase();
    const a = (state.page.actions ?? []).find(
      (x) => x.name.toLowerCase() === needle || x.caption.en.toLowerCase() === needle || x.caption.nl.toLowerCase() === needle,
    );
    if (!a) {
      throw new BadRequestError(
        'BadRequest_NotFound',
        PageSessionLabels.UnknownActionErr.format([pick(state.page.caption, state.language), name], state.language),
      );
    }
    return a;
  }

  private captions(f: PageFieldDef<any>, page: UiPageDefinition<any>): { en: string; nl: string } {
    if (f.caption) return f.caption;
    if (f.source && page.table) {
      const m = tableMeta(page.table).field(f.source);
      return { en: m.caption, nl: m.nl ?? m.caption };
    }
    return { en: f.name, nl: f.name };
  }

  private caption(f: PageFieldDef<any>, page: UiPageDefinition<any>, lang: Language): string {
    return pick(this.captions(f, page), lang);
  }

  private captionOfProperty(state: PageState, property: string): string {
    const m = tableMeta(state.page.table!).field(property);
    return state.language === 'nl-NL' ? (m.nl ?? m.caption) : m.caption;
  }

  private displayOfProperty(state: PageState, property: string, value: unknown): string {
    return formatDisplay(tableMeta(state.page.table!).field(property), value, state.language);
  }

  // ---- sessions ----

  private actor(state: PageState) {
    return { userId: state.owner, language: state.language };
  }

  /** The caller's own, live session; touching it extends its life. */
  private take(user: PageUser, id: string, language?: Language): PageState {
    this.prune();
    const state = this.sessions.get(id);
    if (!state) throw new BadRequestError('BadRequest_NotFound', `The page session '${id}' does not exist or has expired.`);
    if (state.owner !== user.userName.toUpperCase()) {
      throw new AuthorizationError(`The page session '${id}' belongs to another user.`);
    }
    state.expiresAt = this.now() + this.ttl;
    if (language) state.language = language;
    return state;
  }

  private prune(): void {
    const now = this.now();
    for (const [id, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(id);
  }

  private refuseWhilePending(state: PageState): void {
    if (state.pending) {
      throw new BadRequestError('BadRequest_DialogPending', 'A dialog is waiting for an answer on this page. Answer it first.');
    }
  }

  /** A BcError as the user reads it; anything else is a simulator bug and travels on. */
  private userError(err: unknown, language: Language): { code: string; message: string } & BcError {
    if (err instanceof ReplayDivergedError) {
      return new BadRequestError('Simulator_ReplayDiverged', PageSessionLabels.ReplayDivergedErr.format([], language));
    }
    if (err instanceof BcError) {
      const translated = translate(err.message, err.labelKey, language);
      if (translated !== err.message) err.message = translated;
      return err;
    }
    throw err;
  }
}

// ---- values ----

function snapshot(rec: TableRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of rec.meta().fields) out[f.property] = (rec as any)[f.property];
  out.systemId = rec.systemId;
  out.systemCreatedAt = rec.systemCreatedAt;
  out.systemModifiedAt = rec.systemModifiedAt;
  out.rowVersion = rec.rowVersion;
  return out;
}

function hydrate(session: Session, state: PageState, draft: Record<string, unknown>): TableRecord {
  const rec = session.create(state.page.table!);
  Object.assign(rec, draft);
  return rec;
}

function hasInput(state: PageState): boolean {
  return state.draft !== null;
}

/** What a browser or a scenario sends, in the type the field wants (checkbox text, "Ja"/"Nee", numbers as text). */
function normalizeInput(meta: FieldMeta | undefined, value: unknown): unknown {
  if (!meta) return value;
  if (meta.type.kind === 'Boolean' && typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (['true', 'ja', 'yes', '1', 'on'].includes(v)) return true;
    if (['false', 'nee', 'no', '0', 'off', ''].includes(v)) return false;
  }
  if ((meta.type.kind === 'Integer' || meta.type.kind === 'Decimal') && typeof value === 'string') {
    const t = value.trim().replace(',', '.');
    return t === '' ? 0 : t;
  }
  if (meta.type.kind === 'Option' && typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return value;
}

function filterInput(meta: FieldMeta, text: string): unknown {
  switch (meta.type.kind) {
    case 'Code':
    case 'Text':
      // BC's "contains" search of the filter pane (*text*); SQLite's LIKE ignores ASCII case.
      return Like(`%${text.replace(/[%_]/g, '')}%`);
    case 'Option': {
      const t = text.trim().toLowerCase();
      const m = meta.type.members?.find((x) => x.name.toLowerCase() === t || (x.nl ?? '').toLowerCase() === t);
      return m ? m.value : -1;
    }
    case 'Boolean':
      return ['true', 'ja', 'yes', '1'].includes(text.trim().toLowerCase());
    case 'Integer':
    case 'Decimal':
    case 'BigInteger':
      return Number(text);
    default:
      return text;
  }
}

function jsonValue(meta: FieldMeta, raw: unknown): unknown {
  if (meta.type.kind === 'Option') return meta.type.members?.find((m) => m.value === raw)?.name ?? raw;
  if (raw instanceof Date) return raw.toISOString();
  return raw ?? null;
}

function formatDisplay(meta: FieldMeta | undefined, raw: unknown, lang: Language): string {
  if (raw === null || raw === undefined) return '';
  if (meta?.type.kind === 'Option') {
    const m = meta.type.members?.find((x) => x.value === raw || x.name === raw);
    return m ? (lang === 'nl-NL' && m.nl ? m.nl : m.name) : String(raw);
  }
  if (typeof raw === 'boolean') return lang === 'nl-NL' ? (raw ? 'Ja' : 'Nee') : raw ? 'Yes' : 'No';
  if (meta?.type.kind === 'Date' && typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw)) {
    // BC shows dates in the user's format: dd-mm-jjjj for nl-NL, mm/dd/yyyy for en-US.
    const [y, m, d] = raw.split('-');
    return lang === 'nl-NL' ? `${d}-${m}-${y}` : `${m}/${d}/${y}`;
  }
  if (raw instanceof Date) return raw.toISOString();
  return String(raw);
}

function parseYesNo(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (['yes', 'ja', 'true'].includes(t)) return true;
    if (['no', 'nee', 'false'].includes(t)) return false;
  }
  return undefined;
}

function parseOkCancel(v: unknown): boolean | undefined {
  if (v === true) return true;
  if (v === false || v === null) return false;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (['ok', 'yes', 'ja'].includes(t)) return true;
    if (['cancel', 'annuleren', 'no', 'nee'].includes(t)) return false;
  }
  return undefined;
}
