import type { FindOptionsWhere } from 'typeorm';
import { formatField } from '../runtime/Format';
import { FieldMeta, tableMeta } from '../runtime/Metadata';
import type { TableRecord } from '../runtime/Record';
import type { Session } from '../runtime/Session';
import {
  calcShownFlowFields,
  captionOfProperty,
  displayInSet,
  displayOfProperty,
  fieldCaption,
  filterFields,
  findField,
  isEditable,
  loadContext,
  newContext,
  rows,
  where,
} from './PageControls';
import type { PageSessionStore, PageState } from './PageSessionStore';
import { pick } from '../../pages/Page';
import { PageContext, PageFieldDef, UiPageDefinition } from '../../pages/UiPage';
import { ActionView, DialogView, FieldView, OptionView, PageView, PartView, RowView } from './PageView';
import { cardPageId, openRequest, pageOf } from './registry';
import { translate } from './Translations';

/**
 * The page as the client shows it, read inside a transaction: the operation's
 * own, right after it ran (one transaction a call), or a read-only one.
 */
export class PageViewBuilder {
  constructor(private readonly store: PageSessionStore) {}

  async build(session: Session, state: PageState): Promise<PageView> {
    const page = state.page;
    const lang = state.language;
    const ctx = await loadContext(session, state);
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
      if (ctx.rec) await calcShownFlowFields(session, page, [ctx.rec], (page.groups ?? []).flatMap((g) => g.fields));
      for (const g of page.groups ?? []) {
        const fields: FieldView[] = [];
        for (const f of g.fields) fields.push(await this.fieldView(state, ctx, f));
        view.groups.push({ name: g.name, caption: pick(g.caption, lang), fields });
      }
      if (page.type === 'Card' && Object.keys(state.filters).length) {
        const ids = (await rows(session, state, this.store.pageSize)).map((r) => r.systemId);
        view.browse = { position: ids.indexOf(view.recordId ?? '') + 1, total: ids.length };
        view.filters = this.filterChips(state);
      }
    } else if (page.type === 'List') {
      Object.assign(view, await this.listView(session, state));
    } else if (page.type === 'RoleCenter') {
      view.links = (page.links ?? []).map((l) => ({ name: l.name, caption: pick(l.caption, lang), open: openRequest(l.open) }));
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
    const found = await rows(session, state, this.store.pageSize);
    await calcShownFlowFields(session, page, found, page.columns ?? []);
    const total = await session.count(page.table!, where(state, session) as FindOptionsWhere<TableRecord>);
    const columns = (page.columns ?? []).map((c) => this.columnView(state, c));
    const rowViews: RowView[] = [];
    for (const r of found) {
      const ctx = newContext(session, state, r);
      const cells: Record<string, string> = {};
      for (const c of page.columns ?? []) cells[c.name] = (await this.valueOf(state, ctx, c)).display;
      rowViews.push({ id: r.systemId, cells });
    }
    const filters = this.filterChips(state);
    return {
      columns,
      rows: rowViews,
      total,
      position: state.recordId,
      filters,
      userFilters: { ...state.userFilters },
      filterFields: filterFields(state),
      cardPageId: cardPageId(page),
    };
  }

  private filterChips(state: PageState): Array<{ field: string; value: string }> {
    return Object.entries(state.filters).map(([property, value]) => ({
      field: captionOfProperty(state, property),
      value: (Array.isArray(value) ? value : [value]).map((v) => displayOfProperty(state, property, v)).join('|'),
    }));
  }

  private async partView(session: Session, state: PageState, part: NonNullable<UiPageDefinition['parts']>[number]): Promise<PartView> {
    const target = pageOf(part.page);
    const filters = await part.filters(session);
    const fake: PageState = { ...state, page: target, filters, userFilters: {} };
    const list = await this.listView(session, fake);
    return {
      name: part.name,
      caption: pick(part.caption, state.language),
      pageId: target.id,
      open: { pageId: target.id, mode: 'view', filters },
      cardPageId: cardPageId(target),
      columns: list.columns!,
      rows: list.rows!,
      total: list.total!,
    };
  }

  private actionViews(state: PageState, ctx: PageContext<TableRecord>): ActionView[] {
    const lang = state.language;
    const page = state.page;
    const out: ActionView[] = [];
    if (page.type === 'List' && page.cardPage) {
      const nl = lang === 'nl-NL';
      const onRow = ctx.rec !== null;
      // BC's list: the New group (Nieuw) holds "+ Nieuw" (seed 000: "Klik op Nieuw | + Nieuw").
      if (page.insertAllowed) out.push({ name: 'New', caption: nl ? '+ Nieuw' : '+ New', group: 'New', promoted: true, enabled: true });
      out.push({ name: 'Edit', caption: nl ? 'Bewerken' : 'Edit', group: 'Home', promoted: true, enabled: onRow });
      out.push({ name: 'View', caption: nl ? 'Weergeven' : 'View', group: 'Home', promoted: true, enabled: onRow });
    }
    for (const a of page.actions ?? []) {
      if (a.visible && !a.visible(ctx)) continue;
      const enabled = (!a.requiresRecord || ctx.rec !== null) && (!a.enabled || a.enabled(ctx));
      const view: ActionView = { name: a.name, caption: pick(a.caption, lang), group: a.group, promoted: a.promoted ?? false, enabled };
      if (a.menu) view.menu = a.menu.map((c) => pick(c, lang));
      out.push(view);
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
      const modal = p.modalSessionId ? this.store.get(p.modalSessionId) : undefined;
      return {
        kind: 'modal',
        key: `Page.${r.pageName}`,
        text: modal ? pick(modal.page.caption, state.language) : r.pageName,
        pageId: r.pageId,
        pageName: r.pageName,
        raisedBy: r.raisedBy,
        // Built in this transaction: a second Simulator.run here would wait for the one we are in.
        modal: modal ? await this.build(session, modal) : null,
      };
    }
    if (state.messages.length) return { kind: 'message', key: '', text: state.messages[0], raisedBy: '' };
    return null;
  }

  private columnView(state: PageState, f: PageFieldDef<any>): { name: string; caption: string; drillDown: boolean } {
    return { name: f.name, caption: fieldCaption(f, state.page, state.language, state.captionSet), drillDown: f.drillDown ?? false };
  }

  private async fieldView(state: PageState, ctx: PageContext<TableRecord>, f: PageFieldDef<any>): Promise<FieldView> {
    const lang = state.language;
    const meta = f.source && state.page.table ? tableMeta(state.page.table).field(f.source) : undefined;
    let { value, display } = await this.valueOf(state, ctx, f);
    // While the question a typed value raised is open, the field shows what was typed (Medewerker on Text032).
    const op = state.pending?.op;
    if (op?.kind === 'setField' && findField(state, op.field).name === f.name) {
      value = op.value;
      const member = meta?.type.kind === 'Option' ? meta.type.members?.find((m) => m.name === op.value || m.value === op.value) : undefined;
      if (member) value = member.name;
      display = member ? displayInSet(state, meta, member.value) : op.value === null || op.value === undefined ? '' : String(op.value);
    }
    const editable = ctx.rec !== null && isEditable(state, ctx, f);
    const visible = typeof f.visible === 'function' ? f.visible(ctx) : f.visible !== false;
    const view: FieldView = {
      name: f.name,
      caption: fieldCaption(f, state.page, lang, state.captionSet),
      kind: meta ? meta.type.kind : 'Text',
      length: meta?.type.length,
      editable,
      visible,
      multiLine: f.multiLine ?? false,
      primaryKey: meta?.primaryKey ?? false,
      importance: f.importance ?? 'Standard',
      value,
      display,
    };
    if (meta?.type.kind === 'Option') {
      view.options = (meta.type.members ?? []).map((m) => ({ value: m.name, text: displayInSet(state, meta, m.value) }));
    }
    if (f.lookup && editable) view.lookup = await this.lookup(ctx.session, f);
    const err = state.fieldErrors[f.name];
    if (err) view.error = err;
    return view;
  }

  private async lookup(session: Session, f: PageFieldDef<any>): Promise<OptionView[]> {
    const l = f.lookup!;
    const found = await session.find(l.table, (l.where ?? {}) as any, undefined, 500);
    return found.map((r) => ({
      value: String((r as any)[l.valueField] ?? ''),
      text: l.textField ? String((r as any)[l.textField] ?? '') : '',
    }));
  }

  private async valueOf(
    state: PageState,
    ctx: PageContext<TableRecord>,
    f: PageFieldDef<any>,
  ): Promise<{ value: unknown; display: string }> {
    if (!ctx.rec && !f.compute) return { value: null, display: '' };
    if (f.compute) {
      const v = ctx.rec || state.page.type === 'RoleCenter' ? await f.compute(ctx) : '';
      return { value: v ?? '', display: formatField(undefined, v, state.language) };
    }
    const meta = tableMeta(ctx.rec!.constructor as any).field(f.source!);
    const raw = (ctx.rec as any)[f.source!];
    return { value: jsonValue(meta, raw), display: displayInSet(state, meta, raw) };
  }
}

/** A field's value in the view's JSON: options by name, dates as ISO text. */
function jsonValue(meta: FieldMeta, raw: unknown): unknown {
  if (meta.type.kind === 'Option') return meta.type.members?.find((m) => m.value === raw)?.name ?? raw;
  if (raw instanceof Date) return raw.toISOString();
  return raw ?? null;
}
