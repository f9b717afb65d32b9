import type { SegmentLine } from '../../entities/CRM/Segment/SegmentLine.Table';
import type { TableClass } from '../../src/runtime/Metadata';
import type { Session } from '../../src/runtime/Session';

/** The Segment Line properties the wizard's controls validate. */
export type WizardProperty =
  | 'interactionTemplateCode'
  | 'description'
  | 'salespersonCode'
  | 'date'
  | 'timeOfInteraction'
  | 'correspondenceType'
  | 'evaluation'
  | 'interactionSuccessful'
  | 'showInCustomerPortal'
  | 'createTask'
  | 'teamCode'
  | 'note';

/** Values the user fills in, by Segment Line property. */
export type WizardValues = Partial<Record<WizardProperty, unknown>>;

export interface WizardCaption {
  en: string;
  nl: string;
}

/** One control of the wizard that the user fills in. */
export interface WizardField {
  property: WizardProperty;
  /** Control name: how page sessions, scenarios and the web client address it. */
  name: string;
  /** Default: the Segment Line field's caption. */
  caption?: WizardCaption;
  /** Added by Empire's version of the page, not on BC's page 5077. */
  empire?: boolean;
  /** On a step of BC's wizard that the simulator's page does not show; an answer over the API may still fill it in. */
  hidden?: boolean;
  /** Its name as an API parameter when that is not the property (the action's templateCode), and whether a call must give it. */
  api?: { name?: string; required?: boolean };
  lookup?: { table: TableClass; valueField: string; textField?: string };
  multiLine?: boolean;
  /** Editable only while this holds (Teamcode: with Taak aanmaken on). */
  editableWhen?: (segLine: SegmentLine) => boolean;
}

/**
 * A Create Interaction wizard on its temporary Segment Line: the page, its
 * fields in page order, and Finish (Voltooien / OK) on the validated record.
 */
export interface WizardDefinition<R = unknown> {
  pageId: number;
  pageName: string;
  caption: WizardCaption;
  fields: readonly WizardField[];
  finish: (session: Session, segLine: SegmentLine) => Promise<R>;
}

/** A version of a wizard that changes its base's fields (Empire's popup on BC's page 5077). */
export interface WizardExtension<R> extends Omit<WizardDefinition<R>, 'fields'> {
  /** Base fields this version does not let the user fill in. */
  without?: readonly WizardProperty[];
  /** Changes to base fields (another caption, another API name). */
  change?: Partial<Record<WizardProperty, Partial<WizardField>>>;
  /** Fields this version adds, after a base field. */
  add?: { after: WizardProperty; fields: readonly WizardField[] };
}

export function extendWizard<R>(base: WizardDefinition<unknown>, ext: WizardExtension<R>): WizardDefinition<R> {
  const fields: WizardField[] = [];
  for (const f of base.fields) {
    if (!ext.without?.includes(f.property)) fields.push({ ...f, ...ext.change?.[f.property] });
    if (ext.add?.after === f.property) fields.push(...ext.add.fields);
  }
  return { pageId: ext.pageId, pageName: ext.pageName, caption: ext.caption, fields, finish: ext.finish };
}

/**
 * The headless page runner: the values validated as the page validates them
 * (CurrFieldNo = the field's number), in page order, then Finish on the record.
 * A field the values leave out keeps what StartWizard (or an earlier field) put there.
 */
export async function runWizard<R>(session: Session, wizard: WizardDefinition<R>, segLine: SegmentLine, values: WizardValues): Promise<R> {
  for (const f of wizard.fields) {
    const value = values[f.property];
    if (value !== undefined) await segLine.validate(f.property, value, { fromPage: true });
  }
  return wizard.finish(session, segLine);
}

/** A field's name where the API takes the wizard's values. */
export function apiNameOf(f: WizardField): string {
  return f.api?.name ?? f.property;
}

/** Values named as the API names them, by property; a name the wizard does not have is a programming error. */
export function valuesFromApi(wizard: WizardDefinition<unknown>, values: Readonly<Record<string, unknown>>): WizardValues {
  const out: WizardValues = {};
  for (const [name, value] of Object.entries(values)) {
    const f = wizard.fields.find((x) => apiNameOf(x) === name);
    if (!f) throw new Error(`The wizard ${wizard.pageName} has no field ${name}`);
    out[f.property] = value;
  }
  return out;
}
