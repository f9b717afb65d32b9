import type { FindOptionsOrder, FindOptionsWhere } from 'typeorm';
import type { Language } from '../src/runtime/Labels';
import type { TableClass } from '../src/runtime/Metadata';
import type { TableRecord } from '../src/runtime/Record';
import type { ApiPageDefinition } from './api/ApiPage';
import type { UiPageDefinition } from './UiPage';

/**
 * The one page model, in BC's terms. A page is data: its source table and table view, captions, the fields in
 * page order and what it allows. BC's PageType tells the variants apart: the UI pages the page sessions run
 * (./UiPage: FastTab groups, list columns, parts, actions) and the API pages the OData handler serves
 * (./api/ApiPage: entity (set) names, navigation, bound actions). Both bind their fields to table fields with
 * the same shape, so a field's caption and editability mean the same on a card and on the API.
 */

/** A caption in both languages of the simulator. nl = the words of the seed documents. */
export interface Caption {
  en: string;
  nl: string;
}

export function caption(en: string, nl: string): Caption {
  return { en, nl };
}

export function pick(c: Caption, language: Language): string {
  return language === 'nl-NL' ? c.nl : c.en;
}

/** BC's PageType of the pages page sessions open. */
export type UiPageType = 'RoleCenter' | 'List' | 'Card' | 'StandardDialog';

export type PageType = UiPageType | 'API';

export type Where<T> = FindOptionsWhere<T> | FindOptionsWhere<T>[];

/** What every control on a page has: the name it is addressed by and, optionally, its own caption. */
export interface PageControlDef {
  /** UI pages: the control name; API pages: the JSON name, camelCase as BC's API pages. */
  name: string;
  /** Default: the table field's caption. API pages use the en-US one (error texts). */
  caption?: Caption;
}

/**
 * A control bound to a table field, AL `field(Name; Rec."Field")`: the table property (or, on an API page, a
 * system property such as `systemId`) and AL `Editable = false` on the control. Table fields that are not
 * editable are read-only on every page anyway. A UI control's editability may also depend on the record.
 */
export interface TableFieldDef<Editable = boolean> extends PageControlDef {
  source: string;
  editable?: Editable;
}

/** What every page has, whatever its type. */
export interface PageBase<T extends TableRecord = TableRecord> {
  /** BC page number; an API page has one only when it is a known BC object (never invented). */
  id?: number;
  /** The AL object name, e.g. "Contact Card" or "APIV2 - Customers". */
  name: string;
  /** Default (API pages): the name. */
  caption?: Caption;
  type: PageType;
  /** SourceTable. */
  table?: TableClass<T>;
  /** SourceTableView (always applied): a named view beside the table, e.g. TaskViews. */
  sourceTableView?: Where<T>;
  /** Default: the table's primary key. */
  order?: FindOptionsOrder<T>;
  insertAllowed?: boolean;
  modifyAllowed?: boolean;
  deleteAllowed?: boolean;
}

export type PageDefinition<T extends TableRecord = TableRecord> = UiPageDefinition<T> | ApiPageDefinition<T>;

export function isApiPage<T extends TableRecord>(page: PageDefinition<T>): page is ApiPageDefinition<T> {
  return page.type === 'API';
}

export function isUiPage<T extends TableRecord>(page: PageDefinition<T>): page is UiPageDefinition<T> {
  return page.type !== 'API';
}

const defined = new WeakSet<object>();

/**
 * Every page is made here: test/architecture/pageRefs.test.ts holds each page the modules under pages/
 * export to having come through this function, so the defaults below hold for all of them.
 */
export function definePage<T extends TableRecord>(page: UiPageDefinition<T>): UiPageDefinition<T>;
export function definePage<T extends TableRecord>(page: ApiPageDefinition<T>): ApiPageDefinition<T>;
export function definePage<T extends TableRecord>(page: PageDefinition<T>): PageDefinition<T> {
  if (page.caption === undefined) page.caption = caption(page.name, page.name);
  defined.add(page);
  return page;
}

export function isDefinedPage(value: unknown): boolean {
  return typeof value === 'object' && value !== null && defined.has(value);
}
