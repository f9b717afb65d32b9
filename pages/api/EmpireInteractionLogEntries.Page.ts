import { InteractionLogEntry } from '../../entities/CRM/Interaction/InteractionLogEntry.Table';
import { InterLogEntryCommentLine } from '../../entities/CRM/Interaction/InterLogEntryCommentLine.Table';
import { caption, definePage } from '../Page';
import { idField, lastModifiedField, readOnly } from './ApiPage';

/**
 * Page 5076 "Interaction Log Entries" as an API page: non-editable, as BC's
 * (entries are written by SegManagement.LogInteraction only). `note` is the
 * Notitie: the entry's comment lines (table 5123), one line each.
 */
export const EmpireInteractionLogEntries = definePage<InteractionLogEntry>({
  name: 'Empire CRM - Interaction Log Entries',
  type: 'API',
  entityName: 'interactionLogEntry',
  entitySetName: 'interactionLogEntries',
  table: InteractionLogEntry,
  insertAllowed: false,
  modifyAllowed: false,
  deleteAllowed: false,
  fields: [
    idField,
    readOnly('entryNumber', 'entryNo'),
    readOnly('contactNumber', 'contactNo'),
    readOnly('contactCompanyNumber', 'contactCompanyNo'),
    readOnly('date', 'date'),
    readOnly('timeOfInteraction', 'timeOfInteraction'),
    readOnly('description', 'description'),
    readOnly('subject', 'subject'),
    readOnly('informationFlow', 'informationFlow'),
    readOnly('initiatedBy', 'initiatedBy'),
    readOnly('interactionGroupCode', 'interactionGroupCode'),
    readOnly('interactionTemplateCode', 'interactionTemplateCode'),
    readOnly('salespersonCode', 'salespersonCode'),
    readOnly('userId', 'userId'),
    readOnly('toDoNumber', 'toDoNo'),
    readOnly('showInCustomerPortal', 'showInCustomerPortal'),
    readOnly('correspondenceType', 'correspondenceType'),
    readOnly('evaluation', 'evaluation'),
    readOnly('attemptFailed', 'attemptFailed'),
    readOnly('cost', 'costLcy'),
    readOnly('duration', 'durationMin'),
    readOnly('canceled', 'canceled'),
    readOnly('postponed', 'postponed'),
    {
      name: 'note',
      type: 'string',
      caption: caption('Note', 'Notitie'),
      computeRows: {
        reads: ['entryNo'],
        async compute(entries, session) {
          const lines = await InterLogEntryCommentLine.linesOf(session, entries.map((e) => e.entryNo as number));
          return entries.map((e) => lines.get(e.entryNo as number)!.join('\n'));
        },
      },
    },
    lastModifiedField,
  ],
});
