import { BadRequestError, CallbackNotAllowedError, DialogError } from './BcError';
import { parseYesNo } from './Format';
import { Label } from './Labels';

/**
 * Dialogs as a port. Table and codeunit code asks `session.confirm(label, ...)`;
 * whoever runs the operation supplies the answers: an API request (answers sent
 * in advance, or BC's CallbackNotAllowed error), a page session, or a test.
 */
export interface ConfirmRequest {
  label: Label;
  text: string;
  defaultAnswer: boolean;
  /** "Table 5080 To-do": how BC names the object that raised the dialog. */
  raisedBy: string;
}

export interface ModalRequest {
  pageId: number;
  pageName: string;
  /** The values the page opens with (e.g. the Create Interaction wizard prefilled from a task). */
  defaults: Record<string, unknown>;
  raisedBy: string;
}

/** What a modal page returned: the fields the user filled in, or null for Cancel. */
export type ModalResult = Record<string, unknown> | null;

export interface DialogPort {
  confirm(request: ConfirmRequest): Promise<boolean>;
  message(text: string): void;
  runModal(request: ModalRequest): Promise<ModalResult>;
}

/** A record of the dialogs an operation raised, for responses and page sessions. */
export interface DialogTrace {
  kind: 'confirm' | 'message' | 'modal';
  key: string;
  text: string;
  answer?: boolean | ModalResult;
}

const DATA_SERVICES = 'Microsoft Dynamics 365 Business Central Data Services';

/**
 * Dialogs over web services. BC cannot show a dialog to an API client; it fails
 * with Application_CallbackNotAllowed. The simulator lets an API caller answer
 * in advance (header `X-Sim-Dialog-Answers`, see docs/api.md), keyed by the
 * label name (`To-do.Text032=yes` or just `Text032=yes`) or `*` for any.
 */
export class PreAnsweredDialogs implements DialogPort {
  readonly trace: DialogTrace[] = [];
  constructor(
    private readonly confirms: Map<string, boolean> = new Map(),
    private readonly modals: Map<string, ModalResult> = new Map(),
  ) {}

  async confirm(request: ConfirmRequest): Promise<boolean> {
    const answer =
      this.confirms.get(request.label.key) ?? this.confirms.get(request.label.name) ?? this.confirms.get('*');
    if (answer === undefined) {
      throw new CallbackNotAllowedError(
        `${DATA_SERVICES} attempted to issue a client callback to show a confirmation dialog box: ${request.text} (${request.raisedBy}). Client callbacks are not supported on ${DATA_SERVICES}.`,
        request.label.key,
      );
    }
    this.trace.push({ kind: 'confirm', key: request.label.key, text: request.text, answer });
    return answer;
  }

  message(text: string): void {
    this.trace.push({ kind: 'message', key: '', text });
  }

  async runModal(request: ModalRequest): Promise<ModalResult> {
    if (!this.modals.has(request.pageName)) {
      throw new CallbackNotAllowedError(
        `${DATA_SERVICES} attempted to issue a client callback to run page ${request.pageId} ${request.pageName} as modal. Client callbacks are not supported on ${DATA_SERVICES}.`,
        `Page.${request.pageName}`,
      );
    }
    const result = this.modals.get(request.pageName) ?? null;
    const merged = result === null ? null : { ...request.defaults, ...result };
    this.trace.push({ kind: 'modal', key: `Page.${request.pageName}`, text: request.pageName, answer: merged });
    return merged;
  }
}

/**
 * Test-framework handlers, as AL's ConfirmHandler/ModalPageHandler: answers are
 * queued in order, an unexpected dialog fails, and `assertAllUsed()` fails when a
 * queued handler was never called (BC fails a test whose handler went unused).
 */
export class ScriptedDialogs implements DialogPort {
  readonly trace: DialogTrace[] = [];
  private readonly queue: Array<{ kind: 'confirm' | 'modal'; key: string; answer: boolean | ModalResult }> = [];

  expectConfirm(key: string, answer: boolean): this {
    this.queue.push({ kind: 'confirm', key, answer });
    return this;
  }

  expectModal(pageName: string, values: ModalResult): this {
    this.queue.push({ kind: 'modal', key: `Page.${pageName}`, answer: values });
    return this;
  }

  async confirm(request: ConfirmRequest): Promise<boolean> {
    const next = this.take('confirm', request.label.key, request.label.name, request.text);
    this.trace.push({ kind: 'confirm', key: request.label.key, text: request.text, answer: next });
    return next as boolean;
  }

  message(text: string): void {
    this.trace.push({ kind: 'message', key: '', text });
  }

  async runModal(request: ModalRequest): Promise<ModalResult> {
    const key = `Page.${request.pageName}`;
    const values = this.take('modal', key, key, request.pageName) as ModalResult;
    const merged = values === null ? null : { ...request.defaults, ...values };
    this.trace.push({ kind: 'modal', key, text: request.pageName, answer: merged });
    return merged;
  }

  assertAllUsed(): void {
    if (this.queue.length) {
      throw new Error(`Handlers not used: ${this.queue.map((q) => q.key).join(', ')}`);
    }
  }

  private take(kind: 'confirm' | 'modal', key: string, shortKey: string, text: string): boolean | ModalResult {
    const next = this.queue[0];
    if (!next || next.kind !== kind || (next.key !== key && next.key !== shortKey)) {
      throw new DialogError(`Unhandled UI: ${kind} '${key}': ${text}`);
    }
    this.queue.shift();
    return next.answer;
  }
}

/**
 * Parses `To-do.Text032=yes, Text004=no, *=yes` into confirm answers. A
 * malformed entry is refused: silently dropping it would only surface later as
 * an unexplained CallbackNotAllowed.
 */
export function parseDialogAnswers(header: string | undefined): Map<string, boolean> {
  const answers = new Map<string, boolean>();
  if (!header) return answers;
  for (const part of header.split(',')) {
    if (part.trim() === '') continue;
    const [rawKey, rawValue, extra] = part.split('=').map((s) => s.trim());
    const answer = parseYesNo(rawValue);
    if (!rawKey || answer === undefined || extra !== undefined) {
      throw new BadRequestError('BadRequest', `The dialog answer '${part.trim()}' is not valid. Use <label>=yes or <label>=no, for example To-do.Text032=yes.`);
    }
    answers.set(rawKey, answer);
  }
  return answers;
}
