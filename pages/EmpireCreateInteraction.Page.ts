import { EmpireInteraction } from '../codeunits/process/EmpireInteraction.Codeunit';
import { CreateInteractionWizard } from '../codeunits/process/CreateInteraction.Codeunit';
import { Contact } from '../entities/CRM/Contact/Contact.Table';
import { InteractionTemplate } from '../entities/CRM/Interaction/InteractionTemplate.Table';
import { SegmentLine } from '../entities/CRM/Segment/SegmentLine.Table';
import { Team } from '../entities/CRM/Team/Team.Table';
import { caption, definePage } from '../src/pageSession/PageTypes';

/**
 * Empire's popup "Interactie aanmaken" (+ Nieuw → Interactie via sjabloon on a
 * Contactkaart or Klantkaart), on a temporary Segment Line as BC's page 5077.
 * Fields in the order of the instruction: Sjabloon standaardwaarden (Tab),
 * Toon in klantportaal, Taak aanmaken, Teamcode, Notitie; Voltooien runs
 * EmpireInteraction (log entry, and the team task when Taak aanmaken is on).
 * Empire's page number is not public: 7000010 is the simulator's.
 */
export const EmpireCreateInteraction = definePage<SegmentLine>({
  id: 7000010,
  name: 'Empire Create Interaction',
  caption: caption('Create Interaction', 'Interactie aanmaken'),
  type: 'StandardDialog',
  table: SegmentLine,
  temporary: true,
  insertAllowed: true,
  modifyAllowed: true,
  description: 'The "Interactie via sjabloon" popup: template, portal flag, task for a team, note; Voltooien logs it.',
  async onNewRecord(ctx) {
    // StartWizard from the contact (CreateSegLineInteractionFromContact): contact, salesperson, date, time.
    const contact = await ctx.session.get(Contact, String(ctx.context.contactNo ?? ''));
    return new CreateInteractionWizard(ctx.session).startFromContact(contact);
  },
  groups: [
    {
      name: 'General',
      caption: caption('General', 'Algemeen'),
      fields: [
        { name: 'Contact', source: 'wizardContactName', caption: caption('Contact', 'Contact'), editable: false },
        {
          name: 'Interaction Template Code',
          source: 'interactionTemplateCode',
          caption: caption('Template Defaults', 'Sjabloon standaardwaarden'),
          lookup: { table: InteractionTemplate, valueField: 'code', textField: 'description' },
        },
        { name: 'Description', source: 'description', caption: caption('Description', 'Omschrijving') },
        { name: 'Show in Customer Portal', source: 'showInCustomerPortal', caption: caption('Show in Customer Portal', 'Toon in klantportaal') },
        { name: 'Create Task', source: 'createTask', caption: caption('Create Task', 'Taak aanmaken') },
        {
          name: 'Team Code',
          source: 'teamCode',
          caption: caption('Team Code', 'Teamcode'),
          editable: (ctx) => ctx.rec?.createTask === true,
          lookup: { table: Team, valueField: 'code', textField: 'name' },
        },
        { name: 'Note', source: 'note', caption: caption('Note', 'Notitie'), multiLine: true },
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
        const rec = ctx.rec!;
        const input = {
          templateCode: rec.interactionTemplateCode,
          note: rec.note,
          showInCustomerPortal: rec.showInCustomerPortal,
          createTask: rec.createTask,
          teamCode: rec.teamCode,
          description: rec.description,
        };
        const cu = new EmpireInteraction(ctx.session);
        const customerNo = String(ctx.context.customerNo ?? '');
        if (customerNo !== '') await cu.fromCustomer(customerNo, input);
        else await cu.fromContact(rec.contactNo, input);
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
