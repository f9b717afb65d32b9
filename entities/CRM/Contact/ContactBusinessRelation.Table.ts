import { Not } from 'typeorm';
import { Code, Enum, Field, OnValidate, Table } from '../../../src/runtime/Metadata';
import { defineLabels } from '../../../src/runtime/Labels';
import { tableCaptionOf } from '../../../src/runtime/Captions';
import { NotSupportedError, TableRelationError } from '../../../src/runtime/BcError';
import { PlatformText } from '../../../src/runtime/PlatformErrors';
import { TableRecord } from '../../../src/runtime/Record';
import { MarketingSetup } from '../Setup/MarketingSetup.Table';
import { BusinessRelation } from './BusinessRelation.Table';
import { Contact } from './Contact.Table';
import { ContactType, LinkToTable } from './ContactEnums';
import { Customer } from '../../Sales/Customer.Table';

/** Labels of table 5054 "Contact Business Relation", verbatim. */
export const ContactBusinessRelationLabels = defineLabels('Contact Business Relation', {
  Text000: {
    text: '%1 %2 already has a %3 with %4 %5.',
    comment: '%1=Contact table caption,%2=Contact number,%3=Contact Business Relation table caption,%4=Contact Business Relation Link to Table value,%5=Contact Business Relation number',
  },
  Text001: '%1 %2 is used when a %3 is linked with a %4.',
});

const LINK_TO_TABLE = Enum('Contact Business Relation Link To Table', [
  [0, ' '],
  [1, 'Customer', 'Klant'],
  [2, 'Vendor', 'Leverancier'],
  [3, 'Bank Account', 'Bankrekening'],
  [4, 'Employee', 'Werknemer'],
]);

/**
 * Table 5054 "Contact Business Relation": links a company contact (Empire:
 * the household) to a Customer (klant). Inserting, modifying or deleting a
 * row recomputes field 5086 of the contact and its persons, as BC's
 * CustVendBank-Update subscribers to this table's events do.
 */
@Table(5054, 'Contact Business Relation', { nl: 'Contactzakenrelatie' })
export class ContactBusinessRelation extends TableRecord {
  @Field(1, 'Contact No.', Code(20), {
    primaryKey: true,
    notBlank: true,
    relation: { table: () => Contact, where: { type: ContactType.Company } },
    nl: 'Contactnr.',
  })
  contactNo!: string;

  @Field(2, 'Business Relation Code', Code(10), {
    primaryKey: true,
    notBlank: true,
    relation: () => BusinessRelation,
    nl: 'Zakenrelatiecode',
  })
  businessRelationCode!: string;

  @Field(3, 'Link to Table', LINK_TO_TABLE, { nl: 'Koppelen aan tabel' })
  linkToTable!: number;

  @Field(4, 'No.', Code(20), { nl: 'Nr.' })
  no!: string;

  @OnValidate('contactNo')
  protected async contactNoOnValidate(): Promise<void> {
    if (this.contactNo !== '') await this.validate('businessRelationCode', this.businessRelationCode);
  }

  /** A page may not add the setup's customer relation by hand: only linking a customer does. */
  @OnValidate('businessRelationCode')
  protected async businessRelationCodeOnValidate(): Promise<void> {
    if (this.no !== '' || this.contactNo === '' || this.businessRelationCode === '' || this.currFieldNo === 0) return;
    const setup = await this.session.get(MarketingSetup, '');
    if (this.businessRelationCode === setup.busRelCodeForCustomers) {
      this.error(
        ContactBusinessRelationLabels.Text001,
        this.fieldCaption('businessRelationCode'),
        this.businessRelationCode,
        tableCaptionOf(Contact.meta()),
        tableCaptionOf(Customer.meta()),
      );
    }
  }

  /** No.'s conditional table relation: `if (Link to Table = const(Customer)) Customer else ...`. */
  @OnValidate('no')
  protected async noOnValidate(): Promise<void> {
    if (this.no === '' || this.linkToTable === LinkToTable.Blank) return;
    const related = await this.relatedRecordExists();
    if (!related) {
      throw new TableRelationError(
        PlatformText.tableRelation(this.fieldCaption('no'), this.tableCaption(), this.no, tableCaptionOf(Customer.meta())),
      );
    }
  }

  async insert(runTrigger = false): Promise<void> {
    await super.insert(runTrigger);
    await this.updateContactBusinessRelation();
  }

  async modify(runTrigger = false): Promise<void> {
    await super.modify(runTrigger);
    await this.updateContactBusinessRelation();
  }

  async delete(runTrigger = false): Promise<void> {
    await super.delete(runTrigger);
    await this.updateContactBusinessRelation();
  }

  /** One contact links to one customer, and one customer to one contact. */
  protected async onInsert(): Promise<void> {
    if (this.no === '') return;
    const s = this.session;
    const byContact = await this.findByContact(this.linkToTable, this.contactNo);
    if (byContact) {
      this.error(
        ContactBusinessRelationLabels.Text000,
        tableCaptionOf(Contact.meta()),
        this.contactNo,
        this.tableCaption(),
        linkToTableName(this.linkToTable),
        byContact.no,
      );
    }
    const byRelation = await s.findFirst(ContactBusinessRelation, { linkToTable: this.linkToTable, no: this.no });
    if (byRelation && (await byRelation.relatedRecordExists())) {
      this.error(
        ContactBusinessRelationLabels.Text000,
        linkToTableName(this.linkToTable),
        this.no,
        this.tableCaption(),
        tableCaptionOf(Contact.meta()),
        byRelation.contactNo,
      );
    }
    const unlinked = await s.find(ContactBusinessRelation, {
      contactNo: this.contactNo,
      businessRelationCode: this.businessRelationCode,
      no: '',
    });
    for (const row of unlinked) await row.delete();
  }

  /** FindByContact(LinkType, ContactNo). */
  findByContact(linkToTable: number, contactNo: string): Promise<ContactBusinessRelation | null> {
    return this.session.findFirst(ContactBusinessRelation, { linkToTable, contactNo });
  }

  /** UpdateContactBusinessRelation(): field 5086 of the company contact and of its persons. */
  async updateContactBusinessRelation(): Promise<void> {
    if (this.contactNo === '') return;
    const s = this.session;
    const contact = await s.tryGet(Contact, this.contactNo);
    if (!contact) return;
    if (await contact.updateBusinessRelation()) await contact.modify();
    for (const person of await s.find(Contact, { companyNo: this.contactNo, no: Not(this.contactNo) })) {
      if (await person.updateBusinessRelation()) await person.modify();
    }
  }

  /** GetContactBusinessRelation(): does the linked record exist? */
  private async relatedRecordExists(): Promise<boolean> {
    switch (this.linkToTable) {
      case LinkToTable.Customer: {
        return (await this.session.tryGet(Customer, this.no)) !== null;
      }
      case LinkToTable.Blank:
        return false;
      default:
        throw new NotSupportedError(`Contact Business Relation to ${linkToTableName(this.linkToTable)}`);
    }
  }
}

function linkToTableName(value: number): string {
  return LINK_TO_TABLE.members!.find((m) => m.value === value)?.name ?? String(value);
}

export { LinkToTable };
