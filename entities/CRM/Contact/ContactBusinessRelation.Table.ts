import { Code, Enum, Field, Table } from '../../../src/runtime/Metadata';
import { defineLabels } from '../../../src/runtime/Labels';
import { TableRecord } from '../../../src/runtime/Record';
import { BusinessRelation } from './BusinessRelation.Table';
import { LinkToTable } from './ContactEnums';

export const ContactBusinessRelationLabels = defineLabels('Contact Business Relation', {
  Text000: {
    text: '%1 %2 already has a %3 with %4 %5.',
    comment: '%1=Contact table caption,%2=Contact number,%3=Contact Business Relation table caption,%4=Contact Business Relation Link to Table value,%5=Contact Business Relation number',
  },
});

const LINK_TO_TABLE = Enum([
  [0, ' '],
  [1, 'Customer', 'Klant'],
  [2, 'Vendor', 'Leverancier'],
  [3, 'Bank Account', 'Bankrekening'],
  [4, 'Employee', 'Werknemer'],
]);

/** Table 5054 "Contact Business Relation": links a company contact to a Customer (Klant). */
@Table(5054, 'Contact Business Relation', { nl: 'Contactzakenrelatie' })
export class ContactBusinessRelation extends TableRecord {
  @Field(1, 'Contact No.', Code(20), { primaryKey: true, notBlank: true, nl: 'Contactnr.' })
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

  protected async onInsert(): Promise<void> {
    if (this.no === '') return;
    const s = this.session;
    const clash =
      (await s.findFirst(ContactBusinessRelation, { contactNo: this.contactNo, linkToTable: this.linkToTable })) ??
      (await s.findFirst(ContactBusinessRelation, { linkToTable: this.linkToTable, no: this.no }));
    if (clash) {
      const { Contact } = await import('./Contact.Table');
      const linkName = LINK_TO_TABLE.members!.find((m) => m.value === clash.linkToTable)!.name;
      this.error(
        ContactBusinessRelationLabels.Text000,
        Contact.meta().caption,
        clash.contactNo,
        this.tableCaption(),
        linkName,
        clash.no,
      );
    }
    await s.deleteAll(ContactBusinessRelation, {
      contactNo: this.contactNo,
      businessRelationCode: this.businessRelationCode,
      no: '',
    });
  }
}

export { LinkToTable };
