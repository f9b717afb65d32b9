import { InteractionLogEntry } from '../entities/CRM/Interaction/InteractionLogEntry.Table';
import { InterLogEntryCommentLine } from '../entities/CRM/Interaction/InterLogEntryCommentLine.Table';
import { caption, definePage } from './Page';

/** Page 5076 "Interaction Log Entries" (Interactielogposten): read-only, newest first. */
export const InteractionLogEntries = definePage<InteractionLogEntry>({
  id: 5076,
  name: 'Interaction Log Entries',
  caption: caption('Interaction Log Entries', 'Interactielogposten'),
  type: 'List',
  table: InteractionLogEntry,
  editable: false,
  insertAllowed: false,
  modifyAllowed: false,
  deleteAllowed: false,
  searchable: true,
  keywords: ['Contactmomenten'],
  order: { entryNo: 'DESC' },
  description: 'The contact moments; from a card filtered on its contact, from Vertel me all of them.',
  columns: [
    { name: 'Entry No.', source: 'entryNo' },
    { name: 'Date', source: 'date' },
    { name: 'Time of Interaction', source: 'timeOfInteraction' },
    { name: 'Description', source: 'description' },
    { name: 'Contact No.', source: 'contactNo' },
    { name: 'Interaction Template Code', source: 'interactionTemplateCode' },
    { name: 'Information Flow', source: 'informationFlow' },
    { name: 'To-do No.', source: 'toDoNo' },
    { name: 'Salesperson Code', source: 'salespersonCode', caption: caption('Salesperson Code', 'Medewerker') },
    { name: 'Show in Customer Portal', source: 'showInCustomerPortal' },
    {
      name: 'Note',
      caption: caption('Note', 'Notitie'),
      async compute(ctx) {
        const entryNo = ctx.rec!.entryNo;
        return (await InterLogEntryCommentLine.linesOf(ctx.session, [entryNo])).get(entryNo)!.join(' ');
      },
    },
  ],
});
