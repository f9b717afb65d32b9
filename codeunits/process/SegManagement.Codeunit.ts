import { Contact } from '../../entities/CRM/Contact/Contact.Table';
import { CorrespondenceType } from '../../entities/CRM/Contact/ContactEnums';
import { InteractionLogEntry } from '../../entities/CRM/Interaction/InteractionLogEntry.Table';
import { InteractionTemplate } from '../../entities/CRM/Interaction/InteractionTemplate.Table';
import { InterLogEntryCommentLine } from '../../entities/CRM/Interaction/InterLogEntryCommentLine.Table';
import { SegmentLine } from '../../entities/CRM/Segment/SegmentLine.Table';
import { splitComment } from '../../entities/CRM/Task/TaskComments';
import { SalespersonPurchaser } from '../../entities/CRM/Team/SalespersonPurchaser.Table';
import { SequenceNoMgt } from '../foundation/SequenceNoMgt.Codeunit';
import { NotSupportedError } from '../../src/runtime/BcError';
import { Session } from '../../src/runtime/Session';

/**
 * Codeunit 5051 SegManagement: LogInteraction, the one way an Interaction Log
 * Entry is written (bc-domain-spec §4.3).
 */
export class SegManagement {
  static readonly objectId = 5051;
  constructor(private readonly session: Session) {}

  /**
   * LogInteraction(SegLine, Attachment, Comments, Deliver, Postponed) for the
   * wizard case (Line No. = 0): a new entry copied from the segment line, then
   * its comment lines.
   */
  async logInteraction(segLine: SegmentLine, comments: string[], deliver: boolean, postponed: boolean): Promise<InteractionLogEntry> {
    const s = this.session;
    if (!postponed) await this.checkSegmentLine(segLine, deliver);
    if (segLine.campaignNo !== '' && !postponed) throw new NotSupportedError('Logging an interaction for a campaign');
    if (segLine.lineNo !== 0) throw new NotSupportedError('Resuming a postponed interaction');
    const entry = s.create(InteractionLogEntry);
    entry.entryNo = await new SequenceNoMgt(s).getNextSeqNo(InteractionLogEntry);
    this.copyFromSegment(entry, segLine);
    entry.postponed = postponed;
    await entry.insertRecord();
    let lineNo = 0;
    for (const text of comments) {
      lineNo += 10000;
      const line = s.create(InterLogEntryCommentLine);
      line.entryNo = entry.entryNo;
      line.lineNo = lineNo;
      line.date = s.workDate();
      await line.validate('comment', text);
      await line.insert();
    }
    await s.events.publish('SegManagement.OnAfterLogInteraction', s, { segmentLine: segLine, interactionLogEntry: entry });
    return entry;
  }

  /** The Notitie as comment lines. */
  static noteToComments(note: string): string[] {
    return splitComment(note);
  }

  /** CheckSegmentLine: what must be there before an interaction is logged. */
  private async checkSegmentLine(segLine: SegmentLine, deliver: boolean): Promise<void> {
    const s = this.session;
    segLine.testField('date');
    segLine.testField('contactNo');
    const contact = await s.get(Contact, segLine.contactNo);
    segLine.testField('salespersonCode');
    await s.get(SalespersonPurchaser, segLine.salespersonCode);
    segLine.testField('interactionTemplateCode');
    await s.get(InteractionTemplate, segLine.interactionTemplateCode);
    if (segLine.correspondenceType === CorrespondenceType.Email && contact.eMail === '') {
      segLine.correspondenceType = CorrespondenceType.Blank;
    }
    // Deliver (sending the e-mail or printing the letter) is not simulated: the
    // entry is logged as BC logs it, nothing is sent (docs/differences.md).
    void deliver;
  }

  /** InteractionLogEntry.CopyFromSegment. */
  private copyFromSegment(entry: InteractionLogEntry, segLine: SegmentLine): void {
    entry.contactNo = segLine.contactNo;
    entry.contactCompanyNo = segLine.contactCompanyNo;
    entry.date = segLine.date;
    entry.description = segLine.description;
    entry.informationFlow = segLine.informationFlow;
    entry.initiatedBy = segLine.initiatedBy;
    entry.attachmentNo = segLine.attachmentNo;
    entry.costLcy = segLine.costLcy;
    entry.durationMin = segLine.durationMin;
    entry.userId = this.session.userId;
    entry.interactionGroupCode = segLine.interactionGroupCode;
    entry.interactionTemplateCode = segLine.interactionTemplateCode;
    entry.interactionLanguageCode = segLine.languageCode;
    entry.subject = segLine.subject;
    entry.campaignNo = segLine.campaignNo;
    entry.campaignResponse = segLine.campaignResponse;
    entry.campaignTarget = segLine.campaignTarget;
    entry.segmentNo = segLine.segmentNo;
    entry.evaluation = segLine.evaluation;
    entry.timeOfInteraction = segLine.timeOfInteraction;
    entry.attemptFailed = segLine.attemptFailed;
    entry.toDoNo = segLine.toDoNo;
    entry.salespersonCode = segLine.salespersonCode;
    entry.correspondenceType = segLine.correspondenceType;
    entry.opportunityNo = segLine.opportunityNo;
    entry.showInCustomerPortal = segLine.showInCustomerPortal;
  }
}
