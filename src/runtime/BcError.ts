import { LabelText, type Language } from './Labels';

/**
 * The one error hierarchy of the simulator. Every error a table, codeunit or
 * route raises is a BcError carrying BC's error code; `src/http/errorMiddleware.ts`
 * is the only place that turns it into an HTTP status and BC's envelope.
 *
 * Codes and example texts: shared/reference/bc-api.md §1.6 (dynamics-error-codes.md).
 */
export abstract class BcError extends Error {
  /** BC's error code, e.g. `Application_DialogException`. */
  abstract readonly code: string;
  /** Name of the label that produced the text, when there is one (e.g. `To-do.Text029`). */
  labelKey?: string;
  /** An HTTP status fixed by whoever raised the error (an injected fault names its own); otherwise the code's. */
  httpStatus?: number;
  /**
   * The label and arguments the message was formatted from, when the error was raised with them:
   * a Dutch page session formats them in Dutch (src/pageSession/Translations.ts); `message` is English.
   */
  readonly source?: LabelText;
  constructor(message: string | LabelText) {
    super(typeof message === 'string' ? message : message.format('en-US'));
    this.name = new.target.name;
    if (message instanceof LabelText) {
      this.source = message;
      this.labelKey = message.label.key;
    }
  }
}

/** AL `Error(...)`: NavNCLDialogException. */
export class DialogError extends BcError {
  readonly code = 'Application_DialogException';
  constructor(message: string | LabelText, labelKey?: string) {
    super(message);
    if (labelKey) this.labelKey = labelKey;
  }

  /** AL Error(Label, ...): the text in the session's language, with the label and its arguments kept. */
  static of(text: LabelText, language: Language): DialogError {
    const err = new DialogError(text);
    err.message = text.format(language);
    return err;
  }
}

/** A value that is none of an option's members: NavNCLEvaluateException (dynamics-error-codes.md). */
export class EvaluateError extends BcError {
  readonly code = 'Application_EvaluateException';
}

/** AL `TestField(...)` and `FieldError(...)`: NavTestFieldException. */
export class FieldValidationError extends BcError {
  readonly code = 'Application_FieldValidationException';
}

/** AL `Get` on a missing key: NavCSideRecordNotFoundException. */
export class RecordNotFoundError extends BcError {
  readonly code = 'Internal_RecordNotFound';
}

/** AL `Insert` on an existing key: NavCSideDuplicateKeyException. */
export class RecordExistsError extends BcError {
  readonly code = 'Internal_EntityWithSameKeyExists';
}

/** Table relation check on validate: NavCSideValidateTableRelationException. */
export class TableRelationError extends BcError {
  readonly code = 'Internal_InvalidTableRelation';
}

/** A value longer than its Text[n]/Code[n] field: NavNCLStringLengthExceededException. */
export class StringLengthExceededError extends BcError {
  readonly code = 'Application_StringExceededLength';
}

/** A Guid field given text that is not a GUID: NavNCLInvalidGuidFormatException. */
export class InvalidGuidError extends BcError {
  readonly code = 'Application_InvalidGUID';
}

/** `Modify` on a row somebody else changed since it was read (optimistic concurrency). */
export class RecordChangedError extends BcError {
  readonly code = 'Request_EntityChanged';
}

/** A Confirm/StrMenu/modal page raised where no client can answer it: NavNCLCallbackNotAllowedException. */
export class CallbackNotAllowedError extends BcError {
  readonly code = 'Application_CallbackNotAllowed';
  constructor(
    message: string,
    /** The label of the unanswered question, so an API caller knows what to pre-answer. */
    readonly dialogKey?: string,
  ) {
    super(message);
    this.labelKey = dialogKey;
  }
}

/** Request-level errors (bad JSON, bad URL, bad value type, missing concurrency token...). */
export class BadRequestError extends BcError {
  constructor(
    readonly code: string,
    message: string | LabelText,
  ) {
    super(message);
  }
}

export class AuthenticationError extends BcError {
  readonly code = 'Authentication_InvalidCredentials';
}

export class AuthorizationError extends BcError {
  readonly code = 'Authorization_InsufficientPermissions';
}

/**
 * A BC behaviour this simulator does not reproduce. It fails loudly instead of
 * pretending; every use is listed in docs/differences.md.
 */
export class NotSupportedError extends BcError {
  readonly code = 'Simulator_NotSupported';
  constructor(what: string) {
    super(`${what} is not supported by empire-sim. See docs/differences.md.`);
  }
}
