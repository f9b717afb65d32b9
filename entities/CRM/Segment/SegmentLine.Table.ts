import {
  BooleanField,
  Code,
  DateField,
  Decimal,
  Field,
  Integer,
  OnValidate,
  Table,
  Text,
  TimeField,
} from '../../../src/runtime/Metadata';
import { defineLabels } from '../../../src/runtime/Labels';
import { TableRecord } from '../../../src/runtime/Record';
import { Contact } from '../Contact/Contact.Table';
import { CORRESPONDENCE_TYPE } from '../Contact/ContactEnums';
import { CorrespondenceType } from '../Contact/ContactEnums';
import { EVALUATION, INFORMATION_FLOW, INITIATED_BY } from '../Interaction/InteractionEnums';
import { InteractionGroup } from '../Interaction/InteractionGroup.Table';
import { InteractionTemplate } from '../Interaction/InteractionTemplate.Table';
import { SalespersonPurchaser } from '../Team/SalespersonPurchaser.Table';
import { Team } from '../Team/Team.Table';
import { UserSetup } from '../../System/UserSetup.Table';

export const SegmentLineLabels = defineLabels('Segment Line', {
  NoAttachmentErr:
    'No attachment found. You must either add an attachment or choose a template in the Word Template Code field on the Interaction Template page.',
  FieldNotFilledErr: { text: 'You must fill in the %1 field.', comment: '%1 - field name' },
  FinishInteractionLaterQst: 'Do you want to finish this interaction later?',
  AttachmentRequiredErr:
    'The correspondence type for this interaction is Email, which requires an interaction template with an attachment or Word template. To continue, you can either change the correspondence type for the contact, select an interaction template that has a different correspondence type, or select a template that ignores the contact correspondence type.',
  SelectContactErr: 'You must select a contact to interact with.',
});

/**
 * Table 5077 "Segment Line", used only as a temporary record, as the Create
 * Interaction wizard (page 5077) and Empire's "Interactie aanmaken" popup do.
 * It is never stored (it is not in the company's entity list). Empire's popup
 * fields (Toon in klantportaal, Taak aanmaken, Teamcode, Notitie) extend it.
 */
@Table(5077, 'Segment Line', { nl: 'Segmentregel' })
export class SegmentLine extends TableRecord {
  @Field(1, 'Segment No.', Code(20), { primaryKey: true })
  segmentNo!: string;

  @Field(2, 'Line No.', Integer, { primaryKey: true })
  lineNo!: number;

  @Field(3, 'Contact No.', Code(20), { relation: () => Contact, nl: 'Contactnr.' })
  contactNo!: string;

  @Field(4, 'Campaign No.', Code(20))
  campaignNo!: string;

  @Field(5, 'Salesperson Code', Code(20), {
    relation: { table: () => SalespersonPurchaser, where: { blocked: false } },
    nl: 'Verkoperscode',
  })
  salespersonCode!: string;

  @Field(6, 'Correspondence Type', CORRESPONDENCE_TYPE, { nl: 'Correspondentiesoort' })
  correspondenceType!: number;

  /** Empire: Sjabloon standaardwaarden. */
  @Field(7, 'Interaction Template Code', Code(10), { relation: () => InteractionTemplate, nl: 'Sjabloon standaardwaarden' })
  interactionTemplateCode!: string;

  @Field(8, 'Cost (LCY)', Decimal)
  costLcy!: number;

  @Field(9, 'Duration (Min.)', Decimal)
  durationMin!: number;

  @Field(10, 'Attachment No.', Integer)
  attachmentNo!: number;

  @Field(11, 'Campaign Response', BooleanField)
  campaignResponse!: boolean;

  @Field(13, 'Information Flow', INFORMATION_FLOW)
  informationFlow!: number;

  @Field(14, 'Initiated By', INITIATED_BY)
  initiatedBy!: number;

  @Field(16, 'Evaluation', EVALUATION)
  evaluation!: number;

  @Field(17, 'Campaign Target', BooleanField)
  campaignTarget!: boolean;

  @Field(19, 'Language Code', Code(10))
  languageCode!: string;

  @Field(22, 'Description', Text(100), { nl: 'Omschrijving' })
  description!: string;

  @Field(23, 'Date', DateField, { nl: 'Datum' })
  date!: string | null;

  @Field(24, 'Time of Interaction', TimeField)
  timeOfInteraction!: string | null;

  @Field(25, 'Attempt Failed', BooleanField)
  attemptFailed!: boolean;

  @Field(26, 'To-do No.', Code(20), { caption: 'Task No.' })
  toDoNo!: string;

  @Field(27, 'Contact Company No.', Code(20))
  contactCompanyNo!: string;

  @Field(29, 'Interaction Group Code', Code(10), { relation: () => InteractionGroup })
  interactionGroupCode!: string;

  @Field(37, 'Subject', Text(100))
  subject!: string;

  @Field(44, 'Opportunity No.', Code(20))
  opportunityNo!: string;

  @Field(9502, 'Wizard Contact Name', Text(100))
  wizardContactName!: string;

  @Field(9505, 'Interaction Successful', BooleanField)
  interactionSuccessful!: boolean;

  // ---- Empire: the Interactie aanmaken popup ----

  @Field(7000001, 'Show in Customer Portal', BooleanField, { nl: 'Toon in klantportaal', empire: true })
  showInCustomerPortal!: boolean;

  @Field(7000002, 'Create Task', BooleanField, { nl: 'Taak aanmaken', empire: true })
  createTask!: boolean;

  @Field(7000003, 'Team Code', Code(10), { relation: () => Team, nl: 'Teamcode', empire: true })
  teamCode!: string;

  /** Notitie: stored on the log entry as comment lines of 80 characters. */
  @Field(7000004, 'Note', Text(2048), { nl: 'Notitie', empire: true })
  note!: string;

  /** Contact No.OnValidate without a segment header (§4.1). */
  @OnValidate('contactNo')
  protected async contactNoOnValidate(): Promise<void> {
    const contact = this.contactNo ? await this.session.tryGet(Contact, this.contactNo) : null;
    if (!contact) {
      this.contactCompanyNo = '';
      this.salespersonCode = '';
      this.languageCode = '';
      return;
    }
    this.languageCode = contact.languageCode;
    this.contactCompanyNo = contact.companyNo;
    await this.setDefaultSalesperson();
    if (this.salespersonCode === '') this.salespersonCode = contact.salespersonCode;
  }

  /** Interaction Template Code.OnValidate: the template's properties onto the line (§4.2). */
  @OnValidate('interactionTemplateCode')
  protected async interactionTemplateCodeOnValidate(xRec: SegmentLine): Promise<void> {
    this.testField('contactNo');
    const contact = await this.session.get(Contact, this.contactNo);
    this.attachmentNo = 0;
    this.languageCode = '';
    this.subject = '';
    this.interactionGroupCode = '';
    this.costLcy = 0;
    this.durationMin = 0;
    this.informationFlow = 0;
    this.initiatedBy = 0;
    this.campaignTarget = false;
    this.campaignResponse = false;
    this.correspondenceType = CorrespondenceType.Blank;
    const template = this.interactionTemplateCode
      ? await this.session.tryGet(InteractionTemplate, this.interactionTemplateCode)
      : null;
    this.languageCode = contact.languageCode || template?.languageCodeDefault || '';
    if (!template) return;
    this.interactionGroupCode = template.interactionGroupCode;
    if (this.description === '' || (xRec.interactionTemplateCode !== '' && xRec.interactionTemplateCode !== this.interactionTemplateCode)) {
      this.description = template.description;
    }
    this.costLcy = template.unitCostLcy;
    this.durationMin = template.unitDurationMin;
    this.informationFlow = template.informationFlow;
    this.initiatedBy = template.initiatedBy;
    this.campaignTarget = template.campaignTarget;
    this.campaignResponse = template.campaignResponse;
    this.correspondenceType =
      template.ignoreContactCorresType || contact.correspondenceType === CorrespondenceType.Blank
        ? template.correspondenceTypeDefault
        : contact.correspondenceType;
    if (template.campaignNo !== '') this.campaignNo = template.campaignNo;
    // Empire: the template is the popup's "Sjabloon standaardwaarden" — its defaults fill the popup.
    this.showInCustomerPortal = template.showInCustomerPortal;
    this.createTask = template.createTask;
    this.teamCode = template.teamCode;
  }

  /** SetDefaultSalesperson: the user's salesperson from User Setup. */
  private async setDefaultSalesperson(): Promise<void> {
    const salesperson = await UserSetup.salespersonOf(this.session);
    if (salesperson !== '') await this.validate('salespersonCode', salesperson);
  }
}
