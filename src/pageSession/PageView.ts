import type { Language } from '../runtime/Labels';
import type { UiPageType } from '../../pages/Page';
import type { OpenRequest, PageMode } from '../../pages/UiPage';

/**
 * What the protocol returns for a page session: everything the one renderer
 * of the web client (and a scenario's assertions) needs, with captions and
 * values already in the session's language. JSON only.
 */
export interface PageView {
  sessionId: string;
  pageId: number;
  pageName: string;
  type: UiPageType;
  caption: string;
  mode: PageMode;
  language: Language;
  parentId: string | null;
  /** Set on the page of a modal dialog: the page session whose question it answers. */
  modalOf: string | null;
  editable: boolean;
  actions: ActionView[];
  /** Messages (AL Message) raised by the last operation, shown after it completed. */
  messages: string[];
  /** Field → the value the user typed and why it was refused; the typed value is not lost. */
  fieldErrors: Record<string, { value: unknown; message: string }>;
  /** The question the page waits for (confirm, modal page, message). */
  dialog: DialogView | null;
  expiresAt: string;
  // cards and dialogs
  recordId?: string | null;
  groups?: GroupView[];
  /** A card run on a filter: where its record is among the filter's records (1-based), to browse with previous/next. */
  browse?: { position: number; total: number };
  // lists
  columns?: ColumnView[];
  rows?: RowView[];
  total?: number;
  /** The current row (SystemId). */
  position?: string | null;
  /** The opener's filters (RunPageLink), for the filter pane: caption = value. */
  filters?: Array<{ field: string; value: string }>;
  /** The filter pane: control name (or table field) → text; `$search` is the search box over every shown column. */
  userFilters?: Record<string, string>;
  /** What the filter pane can filter on: the columns, then the table's other fields. */
  filterFields?: Array<{ name: string; caption: string }>;
  cardPageId?: number | null;
  // role center
  links?: Array<{ name: string; caption: string; open: OpenRequest }>;
  parts?: PartView[];
}

export interface GroupView {
  name: string;
  caption: string;
  fields: FieldView[];
}

export interface OptionView {
  value: string;
  text: string;
}

export interface FieldView {
  name: string;
  caption: string;
  /** The table field's type (Code, Text, Option, Boolean, Date, ...); page variables are Text. */
  kind: string;
  length?: number;
  editable: boolean;
  visible: boolean;
  multiLine: boolean;
  /** The control shows the table's primary key: leaving it inserts a new card's record (BC's DelayedInsert = false). */
  primaryKey: boolean;
  importance: 'Promoted' | 'Standard' | 'Additional';
  /** JSON value: options by their (en-US) member name, dates ISO. */
  value: unknown;
  /** As the user reads it (Dutch option names, dd-mm-jjjj, Ja/Nee). */
  display: string;
  options?: OptionView[];
  /** The values of the related table (TableRelation lookup). */
  lookup?: OptionView[];
  error?: { value: unknown; message: string };
}

export interface ColumnView {
  name: string;
  caption: string;
  drillDown: boolean;
}

export interface RowView {
  /** SystemId. */
  id: string;
  cells: Record<string, string>;
}

export interface ActionView {
  name: string;
  caption: string;
  group: string;
  promoted: boolean;
  enabled: boolean;
  /** The submenus of its group it sits in, outermost first. */
  menu?: string[];
}

export interface PartView {
  name: string;
  caption: string;
  pageId: number;
  open: OpenRequest;
  cardPageId: number | null;
  columns: ColumnView[];
  rows: RowView[];
  total: number;
}

export type DialogView =
  | { kind: 'confirm'; key: string; text: string; defaultAnswer: boolean; raisedBy: string }
  | { kind: 'message'; key: string; text: string; raisedBy: string }
  | {
      kind: 'modal';
      key: string;
      text: string;
      pageId: number;
      pageName: string;
      raisedBy: string;
      /** The modal page, a page session of its own: fill it in (set field, select a line), then answer OK or Cancel. */
      modal: PageView | null;
    };
