import { Contact } from '../../entities/CRM/Contact/Contact.Table';
import { CorrespondenceType } from '../../entities/CRM/Contact/ContactEnums';
import { InteractionLogEntry } from '../../entities/CRM/Interaction/InteractionLogEntry.Table';
import { InteractionTemplate } from '../../entities/CRM/Interaction/InteractionTemplate.Table';
import { SegmentLine, SegmentLineLabels } from '../../entities/CRM/Segment/SegmentLine.Table';
import type { Todo } from '../../entities/CRM/Task/Todo.Table';
import { SalespersonPurchaser } from '../../entities/CRM/Team/SalespersonPurchaser.Table';
import { nextWholeMinute } from '../../src/runtime/Clock';
import { Session } from '../../src/runtime/Session';
import { runWizard, WizardDefinition } from './InteractionWizard';
import { SegManagement } from './SegManagement.Codeunit';

/**
 * Page 5077 "Create Interaction" with Empire's fields (Toon in klantportaal,
 * Notitie), in page order: the one list the modal page, the API's answers to
 * it and the runner use. Time, correspondence type, evaluation and success are
 * on BC's later steps, which the simulator's page does not show.
 */
export const createInteractionWizard: WizardDefinition<InteractionLogEntry> = {
  pageId: 5077,
  pageName: 'Create Interaction',
  caption: { en: 'Create Interaction', nl: 'Interactie aanmaken' },
  fields: [
    {
      property: 'interactionTemplateCode',
      name: 'Interaction Template Code',
      caption: { en: 'Interaction Template Code', nl: 'Interactiesjabloon' },
      lookup: { table: InteractionTemplate, valueField: 'code', textField: 'description' },
    },
    { property: 'description', name: 'Description', caption: { en: 'Description', nl: 'Omschrijving' } },
    {
      property: 'salespersonCode',
      name: 'Salesperson Code',
      caption: { en: 'Salesperson Code', nl: 'Medewerker' },
      lookup: { table: SalespersonPurchaser, valueField: 'code', textField: 'name' },
    },
    { property: 'date', name: 'Date', caption: { en: 'Date of Interaction', nl: 'Datum' } },
    { property: 'timeOfInteraction', name: 'Time of Interaction', hidden: true },
    { property: 'correspondenceType', name: 'Correspondence Type', hidden: true },
    { property: 'evaluation', name: 'Evaluation', hidden: true },
    { property: 'interactionSuccessful', name: 'Interaction Successful', hidden: true },
    {
      property: 'showInCustomerPortal',
      name: 'Show in Customer Portal',
      caption: { en: 'Show in Customer Portal', nl: 'Toon in klantportaal' },
      empire: true,
    },
    { property: 'note', name: 'Note', caption: { en: 'Note', nl: 'Notitie' }, multiLine: true, empire: true },
  ],
  finish: (session, segLine) => new CreateInteractionWizard(session).finish(segLine),
};

/**
 * Page 5077's code as a codeunit: StartWizard, CheckStatus and
 * FinishSegLineWizard(true) → SegManagement.LogInteraction (bc-domain-spec §4).
 */
export class CreateInteractionWizard {
  constructor(private readonly session: Session) {}

  /** Contact.CreateInteraction → CreateSegLineInteractionFromContact → StartWizard. */
  async startFromContact(contact: Contact): Promise<SegmentLine> {
    const segLine = this.session.create(SegmentLine);
    await segLine.validate('contactNo', contact.no);
    await this.startWizard(segLine);
    return segLine;
  }

  /** CreateInteractionFromTask: the task's contact, salesperson, campaign; the template is not copied. */
  async startFromTask(task: Todo): Promise<SegmentLine> {
    const segLine = this.session.create(SegmentLine);
    segLine.toDoNo = task.no;
    await segLine.validate('contactNo', task.contactNo);
    segLine.salespersonCode = task.salespersonCode;
    segLine.campaignNo = task.campaignNo;
    segLine.opportunityNo = task.opportunityNo;
    await this.startWizard(segLine);
    return segLine;
  }

  /** FinishSegLineWizard(IsFinish = true). */
  async finish(segLine: SegmentLine): Promise<InteractionLogEntry> {
    await this.checkStatus(segLine);
    segLine.attemptFailed = !segLine.interactionSuccessful;
    segLine.subject = segLine.description;
    const send = segLine.correspondenceType !== CorrespondenceType.Blank;
    return new SegManagement(this.session).logInteraction(segLine, SegManagement.noteToComments(segLine.note), send, false);
  }

  /** CheckStatus(): the wizard's errors, in BC's order. */
  async checkStatus(segLine: SegmentLine): Promise<void> {
    if (segLine.contactNo === '') this.session.error(SegmentLineLabels.SelectContactErr);
    for (const field of ['interactionTemplateCode', 'salespersonCode', 'date', 'description'] as const) {
      const v = segLine[field];
      if (v === '' || v === null) this.session.error(SegmentLineLabels.FieldNotFilledErr, segLine.fieldCaption(field));
    }
    const template = await this.session.get(InteractionTemplate, segLine.interactionTemplateCode);
    if (template.wizardAction === 1 /* Open */ && segLine.attachmentNo === 0) this.session.error(SegmentLineLabels.NoAttachmentErr);
    if (segLine.correspondenceType === CorrespondenceType.Email && segLine.attachmentNo === 0) {
      this.session.error(SegmentLineLabels.AttachmentRequiredErr);
    }
  }

  /** StartWizard(): date = WorkDate, time = the next whole minute, successful by default. */
  private async startWizard(segLine: SegmentLine): Promise<void> {
    const contact = await this.session.tryGet(Contact, segLine.contactNo);
    const company = contact && contact.companyNo ? await this.session.tryGet(Contact, contact.companyNo) : null;
    segLine.wizardContactName = contact?.name ?? company?.name ?? '';
    segLine.interactionSuccessful = true;
    await segLine.validate('date', this.session.workDate());
    segLine.timeOfInteraction = nextWholeMinute(this.session.time());
  }
}

/**
 * To-do.CreateInteraction(): closing a task from a page asks Text004 and, on
 * Yes, opens the Create Interaction wizard prefilled from the task (a modal
 * page: the caller answers it through the dialog port).
 */
export class CreateInteractionFromTask {
  constructor(private readonly session: Session) {}

  async run(task: Todo): Promise<InteractionLogEntry | null> {
    const wizard = new CreateInteractionWizard(this.session);
    const segLine = await wizard.startFromTask(task);
    const result = await this.session.dialogs.runModal({
      pageId: createInteractionWizard.pageId,
      pageName: createInteractionWizard.pageName,
      defaults: {
        contactNo: segLine.contactNo,
        toDoNo: segLine.toDoNo,
        salespersonCode: segLine.salespersonCode,
        date: segLine.date,
      },
      raisedBy: `Table ${task.meta().id} ${task.meta().name}`,
    });
    if (result === null) return null;
    // The answer carries the opening defaults too; the runner reads only the wizard's fields.
    return runWizard(this.session, createInteractionWizard, segLine, result);
  }
}
