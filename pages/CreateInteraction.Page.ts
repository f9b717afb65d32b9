import { InteractionTemplate } from '../entities/CRM/Interaction/InteractionTemplate.Table';
import { SegmentLine } from '../entities/CRM/Segment/SegmentLine.Table';
import { SalespersonPurchaser } from '../entities/CRM/Team/SalespersonPurchaser.Table';
import { caption, definePage } from '../src/pageSession/PageTypes';

/** The wizard fields the CreateInteraction codeunit applies (CreateInteractionInput), in page order. */
const RESULT_FIELDS = ['interactionTemplateCode', 'description', 'salespersonCode', 'date', 'showInCustomerPortal', 'note'] as const;

/**
 * Page 5077 "Create Interaction" as the modal that closing a task opens
 * (Text004 "Do you want to register an Interaction Log Entry?" → Yes): the
 * feedback contact moment. It is never opened by a user directly; the task's
 * code runs it (DialogPort.runModal) and OK hands its values back.
 */
export const CreateInteraction = definePage<SegmentLine>({
  id: 5077,
  name: 'Create Interaction',
  caption: caption('Create Interaction', 'Interactie aanmaken'),
  type: 'StandardDialog',
  table: SegmentLine,
  temporary: true,
  insertAllowed: true,
  modifyAllowed: true,
  modalFor: 'Create Interaction',
  description: 'The feedback interaction a completed task asks for (modal of To-do.CreateInteraction).',
  modalResult: (values) => Object.fromEntries(RESULT_FIELDS.map((f) => [f, values[f]])),
  groups: [
    {
      name: 'General',
      caption: caption('General', 'Algemeen'),
      fields: [
        { name: 'Contact No.', source: 'contactNo', caption: caption('Contact No.', 'Contactnr.'), editable: false },
        {
          name: 'Interaction Template Code',
          source: 'interactionTemplateCode',
          caption: caption('Interaction Template Code', 'Interactiesjabloon'),
          lookup: { table: InteractionTemplate, valueField: 'code', textField: 'description' },
        },
        { name: 'Description', source: 'description', caption: caption('Description', 'Omschrijving') },
        {
          name: 'Salesperson Code',
          source: 'salespersonCode',
          caption: caption('Salesperson Code', 'Medewerker'),
          lookup: { table: SalespersonPurchaser, valueField: 'code', textField: 'name' },
        },
        { name: 'Date', source: 'date', caption: caption('Date of Interaction', 'Datum') },
        { name: 'Show in Customer Portal', source: 'showInCustomerPortal', caption: caption('Show in Customer Portal', 'Toon in klantportaal') },
        { name: 'Note', source: 'note', caption: caption('Note', 'Notitie'), multiLine: true },
        { name: 'Task No.', source: 'toDoNo', caption: caption('Task No.', 'Taaknr.'), editable: false },
      ],
    },
  ],
});
