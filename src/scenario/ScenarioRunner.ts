import type { Language } from '../runtime/Labels';
import type { CallResult } from '../pageSession/PageSessionManager';
import type { PageView } from '../pageSession/PageView';
import type { PageDriver } from './drivers';
import type { Scenario, Step } from './Scenario';

export interface StepResult {
  index: number;
  /** The step as one line: `set Initialen = K.`. */
  text: string;
  ok: boolean;
  /** Why it failed, or what it found. */
  detail?: string;
  skipped?: boolean;
}

export interface ScenarioResult {
  name: string;
  ok: boolean;
  steps: StepResult[];
}

interface Frame {
  view: PageView;
}

/** A step failed: the scenario stops there. */
class StepFailure extends Error {}

/**
 * Runs a scenario step by step through a PageDriver, as a trainee would
 * click: a page an action opens becomes the current page, close goes back.
 * The first failing step ends the run; the remaining steps are reported as
 * skipped.
 */
export class ScenarioRunner {
  private stack: Frame[] = [];
  private user = '';
  private vars: Record<string, string> = {};
  private lastError: string | null = null;
  private readonly language: Language;

  constructor(
    private readonly driver: PageDriver,
    private readonly scenario: Scenario,
    private readonly onStep: (r: StepResult) => void = () => {},
  ) {
    this.language = scenario.language ?? 'nl-NL';
  }

  async run(): Promise<ScenarioResult> {
    const results: StepResult[] = [];
    let failed = false;
    const steps = this.scenario.steps;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i];
      const text = describe(step);
      if (failed) {
        const r = { index: i + 1, text, ok: false, skipped: true };
        results.push(r);
        this.onStep(r);
        continue;
      }
      let r: StepResult;
      try {
        const detail = await this.step(step);
        // An error nobody expected fails the step that caused it.
        const next = steps[i + 1];
        const expectsError = typeof next === 'object' && next !== null && 'expectError' in next;
        if (this.lastError && !expectsError && !(typeof step === 'object' && 'expectError' in step)) {
          throw new StepFailure(`error: ${this.lastError}`);
        }
        r = { index: i + 1, text, ok: true, detail };
      } catch (err) {
        failed = true;
        r = { index: i + 1, text, ok: false, detail: err instanceof Error ? err.message : String(err) };
      }
      results.push(r);
      this.onStep(r);
    }
    return { name: this.scenario.name, ok: !failed, steps: results };
  }

  private get top(): Frame {
    const f = this.stack[this.stack.length - 1];
    if (!f) throw new StepFailure('no page is open');
    return f;
  }

  /** The page the user looks at: a modal page on top of its owner when one is open. */
  private absorb(result: CallResult): void {
    this.lastError = result.error?.message ?? null;
    const i = this.stack.findIndex((f) => f.view.sessionId === result.view.sessionId);
    if (result.closed) {
      if (i >= 0) this.stack.splice(i);
    } else if (i >= 0) this.stack[i].view = result.view;
    if (result.opened) this.stack.push({ view: result.opened });
  }

  private async step(step: Step): Promise<string | undefined> {
    if (typeof step === 'string') step = { [step]: true };
    const [verb, raw] = Object.entries(step)[0] ?? [];
    const arg = this.subst(raw);
    switch (verb) {
      case 'user':
        this.user = String(arg);
        this.stack = [];
        return undefined;
      case 'open': {
        const o = (typeof arg === 'object' && arg !== null ? arg : { page: arg }) as Record<string, any>;
        const r = await this.driver.open(this.user, o.page, { mode: o.mode, filters: o.filters, context: o.context }, this.language);
        this.stack.push({ view: r.view });
        return r.view.caption;
      }
      case 'invoke': {
        const r = await this.driver.invoke(this.user, this.top.view.sessionId, String(arg));
        this.absorb(r);
        return r.opened ? `opened ${r.opened.caption}` : r.view.dialog ? `dialog: ${r.view.dialog.text}` : undefined;
      }
      case 'set': {
        for (const [field, value] of Object.entries(arg as Record<string, unknown>)) {
          const r = await this.driver.setField(this.user, this.top.view.sessionId, field, value);
          this.absorb(r);
          if (r.error || r.view.dialog) break;
        }
        return this.top.view.dialog ? `dialog: ${this.top.view.dialog.text}` : undefined;
      }
      case 'expect': {
        const view = this.top.view;
        for (const [field, expected] of Object.entries(arg as Record<string, unknown>)) {
          const f = (view.groups ?? []).flatMap((g) => g.fields).find((x) => x.name === field || x.caption === field);
          if (!f) throw new StepFailure(`${view.caption} has no field ${field}`);
          if (!same(f.display, f.value, expected)) throw new StepFailure(`${field} is '${f.display}', expected '${String(expected)}'`);
        }
        return undefined;
      }
      case 'filter': {
        const r = await this.driver.filter(this.user, this.top.view.sessionId, arg as Record<string, string>);
        this.absorb(r);
        return `${r.view.total} rows`;
      }
      case 'select': {
        const view = this.top.view;
        const row = this.findRow(view, arg as Record<string, unknown>);
        if (!row) throw new StepFailure(`no row of ${view.caption} matches ${JSON.stringify(arg)}`);
        this.absorb(await this.driver.navigate(this.user, view.sessionId, 'record', row.id));
        return undefined;
      }
      case 'expectList': {
        const view = this.top.view;
        const a = arg as { count?: number; contains?: Array<Record<string, unknown>>; notContains?: Array<Record<string, unknown>> };
        if (a.count !== undefined && view.total !== a.count) throw new StepFailure(`${view.caption} has ${view.total} rows, expected ${a.count}`);
        for (const c of a.contains ?? []) if (!this.findRow(view, c)) throw new StepFailure(`${view.caption} has no row ${JSON.stringify(c)}`);
        for (const c of a.notContains ?? []) if (this.findRow(view, c)) throw new StepFailure(`${view.caption} still has row ${JSON.stringify(c)}`);
        return `${view.total} rows`;
      }
      case 'dialog':
        return this.dialog(arg as Record<string, unknown>);
      case 'expectError': {
        if (!this.lastError) throw new StepFailure(`expected an error containing '${String(arg)}', but the step succeeded`);
        if (!this.lastError.includes(String(arg))) throw new StepFailure(`error was '${this.lastError}'`);
        const text = this.lastError;
        this.lastError = null;
        return text;
      }
      case 'remember': {
        for (const [name, field] of Object.entries(arg as Record<string, string>)) this.vars[name] = this.read(field);
        return Object.entries(arg as Record<string, string>).map(([n]) => `${n} = ${this.vars[n]}`).join(', ');
      }
      case 'close': {
        const view = this.top.view;
        this.absorb(await this.driver.close(this.user, view.sessionId));
        if (this.stack.length && this.stack[this.stack.length - 1].view.sessionId === view.sessionId) this.stack.pop();
        // The page below shows what the closed one changed.
        if (this.stack.length) this.absorb(await this.driver.get(this.user, this.top.view.sessionId));
        return undefined;
      }
      case 'refresh':
        this.absorb(await this.driver.get(this.user, this.top.view.sessionId));
        return undefined;
      default:
        throw new StepFailure(`unknown step '${verb}'`);
    }
  }

  private async dialog(a: Record<string, unknown>): Promise<string> {
    const owner = this.top.view;
    const d = owner.dialog;
    if (!d) throw new StepFailure(`no dialog is open on ${owner.caption}`);
    if (a.expect !== undefined && !d.text.includes(String(a.expect))) throw new StepFailure(`dialog says '${d.text}'`);
    if (a.page !== undefined && d.text !== a.page) throw new StepFailure(`dialog is '${d.text}', expected page ${String(a.page)}`);
    if (d.kind === 'modal' && d.modal) {
      let modal = d.modal;
      if (a.select) {
        const row = this.findRow(modal, a.select as Record<string, unknown>);
        if (!row) throw new StepFailure(`no line of ${modal.caption} matches ${JSON.stringify(a.select)}`);
        modal = (await this.driver.navigate(this.user, modal.sessionId, 'record', row.id)).view;
      }
      for (const [field, value] of Object.entries((a.set as Record<string, unknown>) ?? {})) {
        const r = await this.driver.setField(this.user, modal.sessionId, field, value);
        if (r.error) throw new StepFailure(`${field}: ${r.error.message}`);
      }
    }
    const text = d.text;
    const answer = a.answer ?? (d.kind === 'message' ? 'OK' : undefined);
    if (answer === undefined) throw new StepFailure('say how to answer: answer: Ja | Nee | OK | Annuleren');
    this.absorb(await this.driver.answer(this.user, owner.sessionId, answer));
    return text;
  }

  private findRow(view: PageView, match: Record<string, unknown>) {
    const cols = view.columns ?? [];
    const key = (name: string) => cols.find((c) => c.name === name || c.caption === name)?.name ?? name;
    return (view.rows ?? []).find((r) => Object.entries(match).every(([k, v]) => r.cells[key(k)] === String(v)));
  }

  /** A card's field, or a cell of the list's current row. */
  private read(field: string): string {
    const view = this.top.view;
    const f = (view.groups ?? []).flatMap((g) => g.fields).find((x) => x.name === field || x.caption === field);
    if (f) return f.display;
    const col = (view.columns ?? []).find((c) => c.name === field || c.caption === field);
    const row = (view.rows ?? []).find((r) => r.id === view.position);
    if (col && row) return row.cells[col.name];
    throw new StepFailure(`${view.caption} has no field ${field}`);
  }

  private subst(v: unknown): unknown {
    if (typeof v === 'string') {
      return v.replace(/\$\{(\w+)\}/g, (_m, n: string) => {
        if (!(n in this.vars)) throw new StepFailure(`nothing remembered as ${n}`);
        return this.vars[n];
      });
    }
    if (Array.isArray(v)) return v.map((x) => this.subst(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.subst(x)]));
    return v;
  }
}

function same(display: string, value: unknown, expected: unknown): boolean {
  const e = expected === null || expected === undefined ? '' : String(expected);
  if (display === e || String(value ?? '') === e) return true;
  if (typeof expected === 'boolean') return value === expected;
  return false;
}

function describe(step: Step): string {
  if (typeof step === 'string') return step;
  const [verb, arg] = Object.entries(step)[0] ?? ['?', ''];
  if (arg === null || arg === true) return verb;
  if (typeof arg !== 'object') return `${verb} ${String(arg)}`;
  return `${verb} ${Object.entries(arg as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ')}`;
}
