import { InteractionLogEntry } from '../entities/CRM/Interaction/InteractionLogEntry.Table';
import { CUSTOMER_PORTAL_VIEW } from '../entities/CRM/Interaction/InteractionLogEntryViews';
import { InterLogEntryCommentLine } from '../entities/CRM/Interaction/InterLogEntryCommentLine.Table';
import { caption, definePage } from './Page';

/**
 * The klantportaal as the tenant sees their contact moments: only the Interaction Log Entries with "Toon in
 * klantportaal", without the corporation's internal fields (employee, task, costs), newest first — so a trainee
 * sees what that field does. Empire's portal is a web site outside BC; this page is the simulator's (7000013),
 * opened from the Klantkaart and the Contactkaart (Navigeren) with the card's contact moments as its filter.
 */
export const CustomerPortal = definePage<InteractionLogEntry>({
  id: 7000013,
  name: 'Customer Portal',
  caption: caption('Customer Portal', 'Klantportaal'),
  type: 'List',
  table: InteractionLogEntry,
  sourceTableView: CUSTOMER_PORTAL_VIEW,
  editable: false,
  insertAllowed: false,
  modifyAllowed: false,
  deleteAllowed: false,
  order: { entryNo: 'DESC' },
  description: "What the tenant sees on the customer portal: the card's contact moments with Toon in klantportaal only.",
  columns: [
    { name: 'Date', source: 'date' },
    { name: 'Time of Interaction', source: 'timeOfInteraction' },
    { name: 'Description', source: 'description' },
    { name: 'Information Flow', source: 'informationFlow' },
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
