import { createInteractionWizard } from '../codeunits/process/CreateInteraction.Codeunit';
import type { WizardDefinition } from '../codeunits/process/InteractionWizard';
import { SegmentLine } from '../entities/CRM/Segment/SegmentLine.Table';
import { caption, definePage } from './Page';
import { PageFieldDef } from './UiPage';

/** The controls of a wizard's fields that its page shows, in page order, each validating its Segment Line property. */
export function wizardControls(wizard: WizardDefinition<unknown>): PageFieldDef<SegmentLine>[] {
  return wizard.fields
    .filter((f) => !f.hidden)
    .map((f) => {
      const editableWhen = f.editableWhen;
      return {
        name: f.name,
        source: f.property,
        ...(f.caption && { caption: f.caption }),
        ...(editableWhen && { editable: (ctx) => ctx.rec !== null && editableWhen(ctx.rec) }),
        ...(f.lookup && { lookup: f.lookup }),
        ...(f.multiLine && { multiLine: true }),
      };
    });
}

/**
 * Page 5077 "Create Interaction" as the modal that closing a task opens
 * (Text004 "Do you want to register an Interaction Log Entry?" → Yes): the
 * feedback contact moment. It is never opened by a user directly; the task's
 * code runs it (DialogPort.runModal), OK hands the values of its fields back
 * and the task's operation runs them through the wizard (runWizard).
 */
export const CreateInteraction = definePage<SegmentLine>({
  id: createInteractionWizard.pageId,
  name: createInteractionWizard.pageName,
  caption: createInteractionWizard.caption,
  type: 'StandardDialog',
  table: SegmentLine,
  temporary: true,
  insertAllowed: true,
  modifyAllowed: true,
  modalFor: createInteractionWizard.pageName,
  description: 'The feedback interaction a completed task asks for (modal of To-do.CreateInteraction).',
  modalResult: (values) => Object.fromEntries(wizardControls(createInteractionWizard).map((f) => [f.source!, values[f.source!]])),
  groups: [
    {
      name: 'General',
      caption: caption('General', 'Algemeen'),
      fields: [
        { name: 'Contact No.', source: 'contactNo', caption: caption('Contact No.', 'Contactnr.'), editable: false },
        ...wizardControls(createInteractionWizard),
        { name: 'Task No.', source: 'toDoNo', caption: caption('Task No.', 'Taaknr.'), editable: false },
      ],
    },
  ],
});
