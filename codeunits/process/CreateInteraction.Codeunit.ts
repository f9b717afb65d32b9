import { Contact } from '../../entities/CRM/Contact/Contact.Table';
import { CorrespondenceType } from '../../entities/CRM/Contact/ContactEnums';
import { InteractionLogEntry } from '../../entities/CRM/Interaction/InteractionLogEntry.Table';
import { InteractionTemplate } from '../../entities/CRM/Interaction/InteractionTemplate.Table';
import { SegmentLine, SegmentLineLabels } from '../../entities/CRM/Segment/SegmentLine.Table';
import type { Todo } from '../../entities/CRM/Task/Todo.Table';
import { nextWholeMinute } from '../../src/runtime/Clock';
import { Session } from '../../src/runtime/Session';
import { SegManagement } from './SegManagement.Codeunit';

/** Values the user fills in on the Create Interaction wizard (page 5077). */
export interface CreateInteractionInput {
  interactionTemplateCode?: string;
  description?: string;
  salespersonCode?: string;
  date?: string;
  timeOfInteraction?: string;
  correspondenceType?: number | string;
  evaluation?: number | string;
  interactionSuccessful?: boolean;
  /** Co&mments of the wizard; Empire: the Notitie. */
  note?: string;
  /** Empire: Toon in klantportaal. */
  showInCustomerPortal?: boolean;
}

/**
 * Page 5077 "Create Interaction" as a codeunit: StartWizard, the user's input
 * applied through validates, CheckStatus and FinishSegLineWizard(true) →
 * SegManagement.LogInteraction (bc-domain-spec §4).
 */
export class CreateInteractionWizard {
  static readonly pageId = 5077;
  static readonly pageName = 'Create Interaction';
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

  /** The fields of step 1 and step 4, validated in page order. */
  async apply(segLine: SegmentLine, input: CreateInteractionInput): Promise<void> {
    if (input.interactionTemplateCode !== undefined) await segLine.validate('interactionTemplateCode', input.interactionTemplateCode);
    if (input.description !== undefined) await segLine.validate('description', input.description);
    if (input.salespersonCode !== undefined) await segLine.validate('salespersonCode', input.salespersonCode);
    if (input.date !== undefined) await segLine.validate('date', input.date);
    if (input.timeOfInteraction !== undefined) await segLine.validate('timeOfInteraction', input.timeOfInteraction);
    if (input.correspondenceType !== undefined) await segLine.validate('correspondenceType', input.correspondenceType);
    if (input.evaluation !== undefined) await segLine.validate('evaluation', input.evaluation);
    if (input.interactionSuccessful !== undefined) await segLine.validate('interactionSuccessful', input.interactionSuccessful);
    if (input.showInCustomerPortal !== undefined) await segLine.validate('showInCustomerPortal', input.showInCustomerPortal);
    if (input.note !== undefined) await segLine.validate('note', input.note);
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
      pageId: CreateInteractionWizard.pageId,
      pageName: CreateInteractionWizard.pageName,
      defaults: {
        contactNo: segLine.contactNo,
        toDoNo: segLine.toDoNo,
        salespersonCode: segLine.salespersonCode,
        date: segLine.date,
      },
      raisedBy: `Table ${task.meta().id} ${task.meta().name}`,
    });
    if (result === null) return null;
    await wizard.apply(segLine, result as CreateInteractionInput);
    return wizard.finish(segLine);
  }
}
