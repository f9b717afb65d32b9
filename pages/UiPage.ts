import type { TableClass } from '../src/runtime/Metadata';
import type { TableRecord } from '../src/runtime/Record';
import type { Session } from '../src/runtime/Session';
import type { Caption, PageBase, TableFieldDef, UiPageType } from './Page';

/**
 * The UI pages' part of the page model (./Page): cards, lists, the role center, popups, with their FastTab
 * groups, list columns, parts, actions and role-center links. One engine (src/pageSession) runs them with
 * TestPage semantics and one renderer in the web client draws them, so no page has code of its own beyond
 * calling table procedures and codeunits.
 */

/** How a page was opened: TestPage.OpenNew / OpenEdit / OpenView. */
export type PageMode = 'new' | 'edit' | 'view';

/**
 * What a page knows when it runs: the session of the operation, the page
 * session's context (RunPageLink values, e.g. the contact an Interactie
 * aanmaken popup belongs to) and the current record (none on a role center).
 */
export interface PageContext<T extends TableRecord = TableRecord> {
  session: Session;
  rec: T | null;
  context: Record<string, unknown>;
  mode: PageMode;
}

/** A lookup (AL TableRelation on the control): the values a field offers. */
export interface LookupDef {
  table: TableClass;
  /** Property stored in the field. */
  valueField: string;
  /** Property shown next to the value. */
  textField?: string;
  where?: Record<string, unknown>;
}

/**
 * A control: a table field (`source`, as on API pages; its AL Editable may depend on the record) or a page
 * variable without one, whose value `compute` gives. The name is how the protocol, scenarios and the client
 * address it.
 */
export interface PageFieldDef<T extends TableRecord = TableRecord>
  extends Omit<TableFieldDef<boolean | ((ctx: PageContext<T>) => boolean)>, 'source'> {
  source?: string;
  /** AL Visible. */
  visible?: boolean | ((ctx: PageContext<T>) => boolean);
  /** A computed value (FlowField-like, or a page variable). */
  compute?: (ctx: PageContext<T>) => Promise<unknown> | unknown;
  /**
   * A page variable that can be typed in: its OnValidate runs here (it calls a
   * table procedure), e.g. the task card's Notities, which become its comment lines.
   */
  onValidate?: (ctx: PageContext<T>, value: unknown) => Promise<void>;
  lookup?: LookupDef;
  /** Multi-line text box (Notitie). */
  multiLine?: boolean;
  /** Clicking the value opens the record on its card (the list's No. column). */
  drillDown?: boolean;
  /** BC's Importance = Promoted: shown on a collapsed FastTab. */
  importance?: 'Promoted' | 'Standard' | 'Additional';
}

/** What an action asks the engine to do once its code ran. */
export type ActionOutcome =
  /** Refresh the page (the current record was changed). */
  | { kind: 'refresh' }
  /** Close this page (a popup's Voltooien/OK). */
  | { kind: 'close'; message?: Caption }
  /** Open another page (Navigeren | Taken, Bewerken, a card from its list). */
  | { kind: 'open'; open: PageOpen };

export interface PageActionDef<T extends TableRecord = TableRecord> {
  name: string;
  caption: Caption;
  /**
   * Where the action sits in BC's action bar: New (+ Nieuw), Process
   * (Verwerken / Home), Navigate (Navigeren), Related, or the dialog's own
   * buttons (Voltooien/OK).
   */
  group: 'New' | 'Process' | 'Navigate' | 'Report' | 'Dialog' | 'Home';
  /** Shown on the action bar itself (BC Promoted) as well as in its group menu. */
  promoted?: boolean;
  /**
   * The submenus of its group the action sits in, outermost first (Navigeren | Contact | Persoon →
   * Persoonlijke gegevens: `[Contact, Persoon]`), as Empire arranges its action groups.
   */
  menu?: Caption[];
  /** The action needs a current record (lists: a selected row). */
  requiresRecord?: boolean;
  enabled?: (ctx: PageContext<T>) => boolean;
  visible?: (ctx: PageContext<T>) => boolean;
  /** The action's code: table procedures and codeunits only. */
  run: (ctx: PageContext<T>) => Promise<ActionOutcome>;
}

/** A FastTab (card) with its fields in page order. */
export interface FieldGroupDef<T extends TableRecord = TableRecord> {
  name: string;
  caption: Caption;
  fields: PageFieldDef<T>[];
}

/**
 * A page as another page names it: a thunk, so pages that open each other (a list and its card, a card and the
 * lists it navigates to) need no load order between their modules. The registry resolves it to the page's id.
 */
export type PageRef = () => UiPageDefinition<any>;

/** A request to open a page by its number, as the client, scenarios and Vertel me send it. */
export interface OpenRequest {
  pageId: number;
  mode?: PageMode;
  /** SystemId of the record to open a card on. */
  recordId?: string;
  /** SubPageView/RunPageLink filters on table properties (values, or arrays for A|B). */
  filters?: Record<string, unknown>;
  /** Values a page needs besides its record (e.g. the contact of a popup). */
  context?: Record<string, unknown>;
}

/** An open request as a page declares it (an action's result, a role-center tile): the page by reference. */
export interface PageOpen extends Omit<OpenRequest, 'pageId'> {
  page: PageRef;
}

/** A role-center tile or link: BC's cues and navigation links. */
export interface RoleCenterLinkDef {
  name: string;
  caption: Caption;
  open: PageOpen;
}

/** A part on a role center or card: a list page with its own filter (Mijn taken). */
export interface PagePartDef {
  name: string;
  caption: Caption;
  page: PageRef;
  /** The part's filter on table properties (a list = one of), computed from the session (Mijn taken: my salesperson). */
  filters: (session: Session) => Promise<Record<string, unknown>>;
}

export interface UiPageDefinition<T extends TableRecord = TableRecord> extends PageBase<T> {
  /** BC page number (Empire's own pages: the simulator's numbers, as Empire's are not public). */
  id: number;
  caption: Caption;
  type: UiPageType;
  /** SourceTableTemporary: the record lives in the page only (Interactie aanmaken on a temporary Segment Line). */
  temporary?: boolean;
  /** FastTabs (cards, dialogs). */
  groups?: FieldGroupDef<T>[];
  /** Columns (lists). */
  columns?: PageFieldDef<T>[];
  /** The card a list opens its records on (CardPageId). */
  cardPage?: PageRef;
  /** Page.Editable = false (lists of entries). */
  editable?: boolean;
  actions?: PageActionDef<T>[];
  /** Role centers. */
  links?: RoleCenterLinkDef[];
  parts?: PagePartDef[];
  /** OnNewRecord / OnOpenPage of a popup on a temporary record: its starting values (or a record that replaces it). */
  onNewRecord?: (ctx: PageContext<T>) => Promise<T | void>;
  /** Found by Vertel me ("Tell me"): pages a user can navigate to by name. */
  searchable?: boolean;
  /** Extra words Vertel me matches (e.g. "Taken" for the task list). */
  keywords?: string[];
  /**
   * For a page that is a modal dialog raised by code (DialogPort.runModal): how
   * the page's result becomes the modal's answer, e.g. the chosen Rol.
   */
  modalResult?: (values: Record<string, unknown>, selected: Record<string, unknown> | null) => Record<string, unknown>;
  /** BC page name(s) runModal uses for this page ('Roles', 'Create Interaction'). */
  modalFor?: string;
  /** One line for docs/pages.md. */
  description: string;
}
