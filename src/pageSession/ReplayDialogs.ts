import type { ConfirmRequest, DialogPort, ModalRequest, ModalResult } from '../runtime/Dialogs';

/** An answer the user gave to one dialog of an operation, in the order the operation asked. */
export type RecordedAnswer =
  | { kind: 'confirm'; key: string; value: boolean }
  | { kind: 'modal'; key: string; value: ModalResult };

/** The question an operation stopped at. */
export type DialogQuestion = { kind: 'confirm'; request: ConfirmRequest } | { kind: 'modal'; request: ModalRequest };

/**
 * Thrown by ReplayDialogs when the operation asks a question nobody answered
 * yet. It is deliberately not a BcError: it must travel up through table and
 * codeunit code untouched, and Simulator.run rolls the transaction back on it,
 * so nothing the operation did before the question is written.
 */
export class PendingDialogSignal extends Error {
  constructor(readonly question: DialogQuestion) {
    super(`Pending dialog: ${question.kind} ${question.kind === 'confirm' ? question.request.label.key : question.request.pageName}`);
    this.name = 'PendingDialogSignal';
  }
}

/**
 * The dialog port of a page session (deterministic replay). An operation runs
 * from the start with the answers recorded so far; the first question beyond
 * them stops it with PendingDialogSignal. When the user answers, the operation
 * runs again from the start with one more answer, so the same code path
 * reaches the same question and now goes on. Messages do not block: they are
 * collected and shown once the operation has completed, as BC shows them.
 */
export class ReplayDialogs implements DialogPort {
  readonly messages: string[] = [];
  private next = 0;

  constructor(private readonly answers: readonly RecordedAnswer[]) {}

  async confirm(request: ConfirmRequest): Promise<boolean> {
    const answer = this.take('confirm', request.label.key);
    if (!answer) throw new PendingDialogSignal({ kind: 'confirm', request });
    return answer.value as boolean;
  }

  message(text: string): void {
    this.messages.push(text);
  }

  async runModal(request: ModalRequest): Promise<ModalResult> {
    const answer = this.take('modal', `Page.${request.pageName}`);
    if (!answer) throw new PendingDialogSignal({ kind: 'modal', request });
    const values = answer.value as ModalResult;
    return values === null ? null : { ...request.defaults, ...values };
  }

  private take(kind: RecordedAnswer['kind'], key: string): RecordedAnswer | null {
    const answer = this.answers[this.next];
    if (!answer) return null;
    // Replay must follow the same path; a different question means the data changed under the dialog.
    if (answer.kind !== kind || answer.key !== key) {
      throw new ReplayDivergedError(`Expected ${answer.kind} ${answer.key}, the operation asked ${kind} ${key}.`);
    }
    this.next++;
    return answer;
  }
}

/** The operation asked something else on replay than before (someone changed the data in between). */
export class ReplayDivergedError extends Error {
  constructor(detail: string) {
    super(`The operation took another path when it was resumed: ${detail}`);
    this.name = 'ReplayDivergedError';
  }
}
