import { Code, Enum, Field, OnValidate, Option, Table, Text } from '../../src/runtime/Metadata';
import { TableRecord } from '../../src/runtime/Record';
import { NoSeriesCodeunit } from '../../codeunits/NoSeries.Codeunit';
import { CustContUpdate } from '../../codeunits/CustContUpdate.Codeunit';
import { SalespersonPurchaser } from '../CRM/Team/SalespersonPurchaser.Table';
import { SalesReceivablesSetup } from './SalesReceivablesSetup.Table';

/**
 * Table 18 "Customer": Empire's klant (a tenant). Its household is the
 * company contact linked through Contact Business Relation; BC creates that
 * contact when the customer is inserted (CustCont-Update), and contact data is
 * maintained on the contact, not the customer.
 */
@Table(18, 'Customer', { nl: 'Klant' })
export class Customer extends TableRecord {
  @Field(1, 'No.', Code(20), { primaryKey: true, nl: 'Nr.' })
  no!: string;

  @Field(2, 'Name', Text(100), { nl: 'Naam' })
  name!: string;

  @Field(3, 'Search Name', Code(100), { nl: 'Zoeknaam' })
  searchName!: string;

  @Field(5, 'Address', Text(100), { nl: 'Adres' })
  address!: string;

  @Field(7, 'City', Text(30), { nl: 'Plaats' })
  city!: string;

  @Field(8, 'Contact', Text(100), { nl: 'Contactpersoon' })
  contact!: string;

  @Field(9, 'Phone No.', Text(30), { nl: 'Telefoonnr.' })
  phoneNo!: string;

  @Field(29, 'Salesperson Code', Code(20), { relation: () => SalespersonPurchaser, nl: 'Verkoperscode' })
  salespersonCode!: string;

  @Field(35, 'Country/Region Code', Code(10), { nl: 'Land-/regiocode' })
  countryRegionCode!: string;

  @Field(39, 'Blocked', Option(' ,Ship,Invoice,All'), { nl: 'Geblokkeerd' })
  blocked!: number;

  @Field(91, 'Post Code', Code(20), { nl: 'Postcode' })
  postCode!: string;

  @Field(102, 'E-Mail', Text(80), { caption: 'Email', nl: 'E-mail' })
  eMail!: string;

  @Field(107, 'No. Series', Code(20), { editable: false })
  noSeries!: string;

  @Field(5049, 'Primary Contact No.', Code(20), { nl: 'Primair contactnr.' })
  primaryContactNo!: string;

  @Field(5050, 'Contact Type', Enum([[0, 'Company', 'Huishouden/Bedrijf'], [1, 'Person', 'Persoon']]), {
    nl: 'Contactsoort',
  })
  contactType!: number;

  /** Set by CustCont-Update when the customer is made from an existing contact. */
  insertFromContact = false;

  @OnValidate('name')
  protected async nameOnValidate(xRec: Customer): Promise<void> {
    if (this.searchName === '' || this.searchName === xRec.name.toUpperCase()) {
      this.searchName = this.name.toUpperCase().slice(0, 100);
    }
  }

  protected async onInsert(): Promise<void> {
    const s = this.session;
    if (this.no === '') {
      const setup = await s.get(SalesReceivablesSetup, '');
      setup.testField('customerNos');
      const noSeries = new NoSeriesCodeunit(s);
      this.noSeries = setup.customerNos;
      this.no = await noSeries.getNextNo(setup.customerNos);
    }
    if (!this.insertFromContact) await new CustContUpdate(s).insertNewContact(this);
  }

  protected async onModify(xRec: Customer): Promise<void> {
    await new CustContUpdate(this.session).onModify(this, xRec);
  }

  protected async onDelete(): Promise<void> {
    await new CustContUpdate(this.session).deleteRelation(this);
  }
}
