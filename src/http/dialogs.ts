import type { Request, Response } from 'express';
import type { ActionDialogAnswers } from '../../pages/api/ApiPage';
import { DialogTrace, ModalResult, parseDialogAnswers, PreAnsweredDialogs } from '../runtime/Dialogs';
import { HttpErrors } from './HttpErrors';

/**
 * Dialogs over the API. BC cannot ask an API client anything: a Confirm or a
 * modal page fails the request with Application_CallbackNotAllowed. The
 * simulator lets the client answer in advance:
 *
 *   X-Sim-Dialog-Answers: To-do.Text032=yes, Text004=no      (confirms; `*=yes` answers any)
 *   X-Sim-Modal-Answers: {"Create Interaction": {...}}        (modal pages, by page name; null = Cancel)
 *
 * and reports what was asked in `X-Sim-Dialogs` (JSON of the trace), on
 * success and on failure alike.
 */
export const DIALOG_ANSWERS_HEADER = 'X-Sim-Dialog-Answers';
export const MODAL_ANSWERS_HEADER = 'X-Sim-Modal-Answers';
export const DIALOG_TRACE_HEADER = 'X-Sim-Dialogs';
export const UNANSWERED_DIALOG_HEADER = 'X-Sim-Dialog-Unanswered';

/**
 * The request's answers; an action's own answers (it *is* the user's choice)
 * take precedence. `header` reads a request header (an Express request's, or
 * a $batch inner request's).
 */
export function dialogsForRequest(header: Request | ((name: string) => string | undefined), own: ActionDialogAnswers = {}): PreAnsweredDialogs {
  const get = typeof header === 'function' ? header : (name: string) => header.get(name);
  const confirms = parseDialogAnswers(get(DIALOG_ANSWERS_HEADER));
  const modals = parseModalAnswers(get(MODAL_ANSWERS_HEADER));
  for (const [key, answer] of Object.entries(own.confirms ?? {})) confirms.set(key, answer);
  for (const [page, values] of Object.entries(own.modals ?? {})) modals.set(page, values);
  return new PreAnsweredDialogs(confirms, modals);
}

function parseModalAnswers(header: string | undefined): Map<string, ModalResult> {
  const modals = new Map<string, ModalResult>();
  if (!header) return modals;
  let parsed: unknown;
  try {
    parsed = JSON.parse(header);
  } catch {
    throw HttpErrors.badHeader(MODAL_ANSWERS_HEADER, 'it must be a JSON object of page name → field values (or null for Cancel).');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw HttpErrors.badHeader(MODAL_ANSWERS_HEADER, 'it must be a JSON object of page name → field values (or null for Cancel).');
  }
  for (const [page, values] of Object.entries(parsed as Record<string, unknown>)) {
    if (values !== null && (typeof values !== 'object' || Array.isArray(values))) {
      throw HttpErrors.badHeader(MODAL_ANSWERS_HEADER, `the answer for '${page}' must be an object or null.`);
    }
    modals.set(page, values as ModalResult);
  }
  return modals;
}

/** The trace as a header value: JSON with non-ASCII escaped (header values are Latin-1 at best). */
export function dialogTraceValue(trace: DialogTrace[]): string {
  return JSON.stringify(trace).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function setDialogTrace(res: Response, trace: DialogTrace[]): void {
  if (res.headersSent) return;
  res.setHeader(DIALOG_TRACE_HEADER, dialogTraceValue(trace));
}
