import {
  BooleanField,
  Code,
  DateField,
  Decimal,
  Field,
  Integer,
  Table,
  Text,
  TimeField,
} from '../../../src/runtime/Metadata';
import { SequenceNoMgt } from '../../../codeunits/foundation/SequenceNoMgt.Codeunit';
import { TableRecord } from '../../../src/runtime/Record';
import { Contact } from '../Contact/Contact.Table';
import { CORRESPONDENCE_TYPE } from '../Contact/ContactEnums';
import { EVALUATION, INFORMATION_FLOW, INITIATED_BY } from './InteractionEnums';
import { InterLogEntryCommentLine } from './InterLogEntryCommentLine.Table';

/**
 * Table 5065 "Interaction Log Entry" (page 5076, read-only), plus Empire's
 * Toon in klantportaal. No OnInsert/OnModify: rows are written by
 * SegManagement.LogInteraction only. The Notitie is kept as comment lines
 * (table 5123).
 */
@Table(5065, 'Interaction Log Entry', {
  nl: 'Interactielogpost',
  keys: [
    ['contactCompanyNo', 'contactNo', 'date', 'postponed'],
    ['interactionTemplateCode', 'date'],
    ['salespersonCode', 'date', 'postponed'],
    ['toDoNo', 'date'],
  ],
})
export class InteractionLogEntry extends TableRecord {
  @Field(1, 'Entry No.', Integer, { primaryKey: true, nl: 'Volgnr.' })
  entryNo!: number;

  @Field(2, 'Contact No.', Code(20), { relation: () => Contact, nl: 'Contactnr.' })
  contactNo!: string;

  @Field(3, 'Contact Company No.', Code(20), { nl: 'Bedrijfscontactnr.' })
  contactCompanyNo!: string;

  @Field(4, 'Date', DateField, { nl: 'Datum' })
  date!: string | null;

  @Field(5, 'Description', Text(100), { nl: 'Omschrijving' })
  description!: string;

  @Field(6, 'Information Flow', INFORMATION_FLOW, { nl: 'Informatiestroom' })
  informationFlow!: number;

  @Field(7, 'Initiated By', INITIATED_BY, { nl: 'Geïnitieerd door' })
  initiatedBy!: number;

  @Field(8, 'Attachment No.', Integer)
  attachmentNo!: number;

  @Field(9, 'Cost (LCY)', Decimal, { editable: false, nl: 'Kosten (LV)' })
  costLcy!: number;

  @Field(10, 'Duration (Min.)', Decimal, { editable: false, nl: 'Duur (min.)' })
  durationMin!: number;

  @Field(11, 'User ID', Code(50), { nl: 'Gebruikers-id' })
  userId!: string;

  @Field(12, 'Interaction Group Code', Code(10), { nl: 'Interactiegroepcode' })
  interactionGroupCode!: string;

  @Field(13, 'Interaction Template Code', Code(10), { nl: 'Interactiesjablooncode' })
  interactionTemplateCode!: string;

  @Field(14, 'Campaign No.', Code(20), { nl: 'Campagnenr.' })
  campaignNo!: string;

  @Field(16, 'Campaign Response', BooleanField)
  campaignResponse!: boolean;

  @Field(17, 'Campaign Target', BooleanField)
  campaignTarget!: boolean;

  @Field(18, 'Segment No.', Code(20))
  segmentNo!: string;

  @Field(19, 'Evaluation', EVALUATION, { nl: 'Evaluatie' })
  evaluation!: number;

  @Field(20, 'Time of Interaction', TimeField, { nl: 'Tijdstip van interactie' })
  timeOfInteraction!: string | null;

  @Field(21, 'Attempt Failed', BooleanField, { nl: 'Poging mislukt' })
  attemptFailed!: boolean;

  @Field(23, 'To-do No.', Code(20), { caption: 'Task No.', nl: 'Taaknr.' })
  toDoNo!: string;

  @Field(24, 'Salesperson Code', Code(20), { nl: 'Verkoperscode' })
  salespersonCode!: string;

  @Field(26, 'Canceled', BooleanField, { nl: 'Geannuleerd' })
  canceled!: boolean;

  @Field(27, 'Correspondence Type', CORRESPONDENCE_TYPE, { nl: 'Correspondentiesoort' })
  correspondenceType!: number;

  @Field(36, 'Interaction Language Code', Code(10))
  interactionLanguageCode!: string;

  @Field(38, 'Subject', Text(100), { nl: 'Onderwerp' })
  subject!: string;

  @Field(44, 'Opportunity No.', Code(20))
  opportunityNo!: string;

  @Field(45, 'Postponed', BooleanField, { nl: 'Uitgesteld' })
  postponed!: boolean;

  /** Empire: show this contact moment on the tenant's customer portal. */
  @Field(7000001, 'Show in Customer Portal', BooleanField, { nl: 'Toon in klantportaal', empire: true })
  showInCustomerPortal!: boolean;

  /**
   * InsertRecord: the Entry No. came from Sequence No. Mgt., outside the
   * transaction; when a row already holds it (inserted another way), the
   * sequence is rebased on the table's last entry and the insert tried once more.
   */
  async insertRecord(): Promise<void> {
    if (!(await this.tryInsert())) {
      const sequenceNoMgt = new SequenceNoMgt(this.session);
      await sequenceNoMgt.rebaseSeqNo(InteractionLogEntry);
      this.entryNo = await sequenceNoMgt.getNextSeqNo(InteractionLogEntry);
      await this.insert();
    }
  }

  /** OnDelete deletes its comment lines (the Notitie). */
  protected async onDelete(): Promise<void> {
    await this.session.deleteAll(InterLogEntryCommentLine, { entryNo: this.entryNo });
  }
}
