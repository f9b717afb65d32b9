import { randomUUID } from 'node:crypto';
import { Mutex } from 'async-mutex';
import { AuthorizationError, BadRequestError, BcError } from '../runtime/BcError';
import { defineLabels, type Language } from '../runtime/Labels';
import type { OpenRequest, PageMode, UiPageDefinition } from '../../pages/UiPage';
import type { DialogQuestion, RecordedAnswer } from './ReplayDialogs';
import type { CaptionSetName } from './CaptionSets';

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
  /** Open page sessions one user may have (default 100); modal pages count, but are never refused (a question opens at most one per page). */
  maxPerUser?: number;
  /** Open page sessions of all users together (default 2,000). */
  maxTotal?: number;
  /** Size of what a client may store in a page session, as JSON characters: context, filters and filter pane together, or one typed value (default 16,384). */
  maxStateChars?: number;
}

/** The defaults of ManagerOptions' limits (docs/limits.md). */
export const PAGE_SESSION_LIMITS = { ttlMs: 30 * 60 * 1000, maxPerUser: 100, maxTotal: 2_000, maxStateChars: 16_384 } as const;

/** The page session store's refusals (the simulator's own), in both languages: a Dutch user reads them in Dutch. */
export const PageSessionStoreLabels = defineLabels('Page Session Store', {
  StateTooLargeErr: {
    text: 'The page session data is %1 characters long; at most %2 are allowed.',
    nl: 'De gegevens van de paginasessie zijn %1 tekens lang; er zijn er hoogstens %2 toegestaan.',
    comment: '%1 = length, %2 = maximum',
    simulatorAuthored: true,
  },
  TooManyTotalErr: {
    text: 'The maximum number of open page sessions (%1) has been reached. Close pages, or try again when idle ones have expired.',
    nl: 'Het maximale aantal geopende paginasessies (%1) is bereikt. Sluit pagina\'s, of probeer het opnieuw wanneer ongebruikte sessies zijn verlopen.',
    comment: '%1 = maximum',
    simulatorAuthored: true,
  },
  TooManyForUserErr: {
    text: 'User %1 has the maximum number of open page sessions (%2). Close pages, or try again when idle ones have expired.',
    nl: 'Gebruiker %1 heeft het maximale aantal geopende paginasessies (%2). Sluit pagina\'s, of probeer het opnieuw wanneer ongebruikte sessies zijn verlopen.',
    comment: '%1 = user name, %2 = maximum',
    simulatorAuthored: true,
  },
  NotFoundErr: {
    text: "The page session '%1' does not exist or has expired.",
    nl: "De paginasessie '%1' bestaat niet of is verlopen.",
    comment: '%1 = page session id',
    simulatorAuthored: true,
  },
  OtherUserErr: {
    text: "The page session '%1' belongs to another user.",
    nl: "De paginasessie '%1' is van een andere gebruiker.",
    comment: '%1 = page session id',
    simulatorAuthored: true,
  },
  DialogPendingErr: {
    text: 'A dialog is waiting for an answer on this page. Answer it first.',
    nl: 'Op deze pagina wacht een vraag op een antwoord. Beantwoord die eerst.',
    simulatorAuthored: true,
  },
});
const StoreText = PageSessionStoreLabels;

/** simulator: BC has no page-session API; a page session over a limit is refused with 429, as BC refuses requests over its limits. */
export class TooManyPageSessionsError extends BcError {
  readonly code = 'Simulator_TooManyPageSessions';
}

/** simulator: client-sent state over its limit; the code and status are those of a body over BC's size limit (413). */
export class PageStateTooLargeError extends BcError {
  readonly code = 'Request_EntityTooLarge';
}

export type Operation =
  | { kind: 'setField'; field: string; value: unknown }
  | { kind: 'invoke'; action: string }
  | { kind: 'close' };

export interface PendingOperation {
  op: Operation;
  answers: RecordedAnswer[];
  question: DialogQuestion;
  /** The page session of the modal page the question opened. */
  modalSessionId: string | null;
}

export interface FieldError {
  value: unknown;
  message: string;
}

export interface PageState {
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
  /** The company's caption set (the Empire version's words), read again at every call: a trainer may switch it. */
  captionSet: CaptionSetName;
  expiresAt: number;
  mutex: Mutex;
}

/** What an operation may change of a page session; it changes a copy, kept only once its transaction has committed. */
type Outcome = Pick<PageState, 'mode' | 'recordId' | 'draft' | 'fieldErrors' | 'messages'>;

/**
 * The open page sessions of one process: who owns each, when it expires, how
 * many rows a list shows. Nothing here reads the database.
 */
export class PageSessionStore {
  private readonly sessions = new Map<string, PageState>();
  private readonly ttl: number;
  private readonly now: () => number;
  readonly pageSize: number;
  private readonly maxPerUser: number;
  private readonly maxTotal: number;
  private readonly maxStateChars: number;

  constructor(options: ManagerOptions = {}) {
    this.ttl = options.ttlMs ?? PAGE_SESSION_LIMITS.ttlMs;
    this.now = options.now ?? Date.now;
    this.pageSize = options.pageSize ?? 200;
    this.maxPerUser = options.maxPerUser ?? PAGE_SESSION_LIMITS.maxPerUser;
    this.maxTotal = options.maxTotal ?? PAGE_SESSION_LIMITS.maxTotal;
    this.maxStateChars = options.maxStateChars ?? PAGE_SESSION_LIMITS.maxStateChars;
  }

  /** A new page session's state, not yet kept (an open that fails leaves nothing behind). */
  create(
    owner: string,
    language: Language,
    companyId: string,
    page: UiPageDefinition<any>,
    request: OpenRequest,
    parentId: string | null,
    /** The modal page a question on `parentId` opens: never refused, as there is at most one per open page. */
    modal = false,
  ): PageState {
    this.prune();
    if (!modal) this.checkRoom(owner);
    this.checkState({ context: request.context, filters: request.filters });
    return {
      id: randomUUID(),
      owner: owner.toUpperCase(),
      companyId,
      page,
      mode: request.mode ?? (page.type === 'List' || page.type === 'RoleCenter' ? 'view' : 'edit'),
      language,
      context: { ...(request.context ?? {}) },
      filters: { ...(request.filters ?? {}) },
      userFilters: {},
      recordId: request.recordId ?? null,
      draft: null,
      fieldErrors: {},
      pending: null,
      messages: [],
      parentId,
      modalOf: modal ? parentId : null,
      captionSet: '000',
      expiresAt: this.now() + this.ttl,
      mutex: new Mutex(),
    };
  }

  /** Checked again here: opens that ran at the same time all passed create() before any was kept. */
  add(state: PageState): void {
    this.prune();
    if (!state.modalOf) this.checkRoom(state.owner);
    this.sessions.set(state.id, state);
  }

  /**
   * What a client stores in a page session (context, filters, the filter
   * pane, a typed value that stays on its field with its error) is kept for
   * the session's life: its size is bounded so that sessions bound memory.
   */
  checkState(state: unknown): void {
    const chars = JSON.stringify(state ?? null)?.length ?? 0;
    if (chars > this.maxStateChars) {
      throw new PageStateTooLargeError(StoreText.StateTooLargeErr.with(String(chars), String(this.maxStateChars)));
    }
  }

  private checkRoom(owner: string): void {
    const user = owner.toUpperCase();
    if (this.sessions.size >= this.maxTotal) {
      throw new TooManyPageSessionsError(StoreText.TooManyTotalErr.with(String(this.maxTotal)));
    }
    let own = 0;
    for (const s of this.sessions.values()) if (s.owner === user) own++;
    if (own >= this.maxPerUser) {
      throw new TooManyPageSessionsError(StoreText.TooManyForUserErr.with(user, String(this.maxPerUser)));
    }
  }

  get(id: string): PageState | undefined {
    return this.sessions.get(id);
  }

  delete(id: string): void {
    this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }

  /** The caller's own, live session; touching it extends its life. */
  take(user: PageUser, id: string, language?: Language): PageState {
    this.prune();
    const state = this.sessions.get(id);
    if (!state) throw new BadRequestError('BadRequest_NotFound', StoreText.NotFoundErr.with(id));
    if (state.owner !== user.userName.toUpperCase()) {
      throw new AuthorizationError(StoreText.OtherUserErr.with(id));
    }
    state.expiresAt = this.now() + this.ttl;
    if (language) state.language = language;
    return state;
  }

  private prune(): void {
    const now = this.now();
    for (const [id, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(id);
  }
}

export function refuseWhilePending(state: PageState): void {
  if (state.pending) {
    throw new BadRequestError('BadRequest_DialogPending', StoreText.DialogPendingErr.with());
  }
}

export function actor(state: PageState): { userId: string; language: Language } {
  return { userId: state.owner, language: state.language };
}

/** The state an operation works on: its own copy of what it may change, so a rollback leaves the session as it was. */
export function workingCopy(state: PageState): PageState {
  return { ...state, fieldErrors: { ...state.fieldErrors }, messages: [...state.messages] };
}

/** Messages waiting to be acknowledged that a page session keeps; a client that never acknowledges them loses the oldest. */
export const MAX_PENDING_MESSAGES = 50;

/** The operation committed: the session takes what it changed. */
export function keepOutcome(state: PageState, work: PageState): void {
  const { mode, recordId, draft, fieldErrors } = work;
  const messages = work.messages.length > MAX_PENDING_MESSAGES ? work.messages.slice(-MAX_PENDING_MESSAGES) : work.messages;
  const outcome: Outcome = { mode, recordId, draft, fieldErrors, messages };
  Object.assign(state, outcome);
}
