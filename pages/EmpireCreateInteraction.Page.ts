import { CreateInteractionWizard } from '../codeunits/process/CreateInteraction.Codeunit';
import { empireInteractionWizard } from '../codeunits/process/EmpireInteraction.Codeunit';
import { Contact } from '../entities/CRM/Contact/Contact.Table';
import { SegmentLine } from '../entities/CRM/Segment/SegmentLine.Table';
import { caption, definePage } from './Page';
import { wizardControls } from './CreateInteraction.Page';

/**
 * Empire's popup "Interactie aanmaken" (+ Nieuw → Interactie via sjabloon on a
 * Contactkaart or Klantkaart), on a temporary Segment Line as BC's page 5077.
 * Its fields are empireInteractionWizard's, each validated as it is typed;
 * Voltooien runs the wizard's Finish on that record (EmpireInteraction.finish:
 * log entry, and the team task when Taak aanmaken is on), without validating again.
 */
export const EmpireCreateInteraction = definePage<SegmentLine>({
  id: empireInteractionWizard.pageId,
  name: empireInteractionWizard.pageName,
  caption: empireInteractionWizard.caption,
  type: 'StandardDialog',
  table: SegmentLine,
  temporary: true,
  insertAllowed: true,
  modifyAllowed: true,
  description: 'The "Interactie via sjabloon" popup: template, portal flag, task for a team, note; Voltooien logs it.',
  async onNewRecord(ctx) {
    // StartWizard from the contact (CreateSegLineInteractionFromContact): contact, salesperson, date, time.
    // From a Klantkaart the card passes the household contact, where the interaction lands.
    const contact = await ctx.session.get(Contact, String(ctx.context.contactNo ?? ''));
    return new CreateInteractionWizard(ctx.session).startFromContact(contact);
  },
  groups: [
    {
      name: 'General',
      caption: caption('General', 'Algemeen'),
      fields: [
        { name: 'Contact', source: 'wizardContactName', caption: caption('Contact', 'Contact'), editable: false },
        ...wizardControls(empireInteractionWizard),
        { name: 'Salesperson Code', source: 'salespersonCode', caption: caption('Salesperson Code', 'Medewerker'), editable: false },
        { name: 'Date', source: 'date', caption: caption('Date', 'Datum'), editable: false },
      ],
    },
  ],
  actions: [
    {
      name: 'Finish',
      caption: caption('Finish', 'Voltooien'),
      group: 'Dialog',
      promoted: true,
      async run(ctx) {
        await empireInteractionWizard.finish(ctx.session, ctx.rec!);
        return { kind: 'close' };
      },
    },
    {
      name: 'Cancel',
      caption: caption('Cancel', 'Annuleren'),
      group: 'Dialog',
      promoted: true,
      async run() {
        return { kind: 'close' };
      },
    },
  ],
});
