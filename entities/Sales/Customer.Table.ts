import { BooleanField, Code, Decimal, Enum, Field, Guid, OnValidate, Table, Text } from '../../src/runtime/Metadata';
import { NotSupportedError, RecordNotFoundError } from '../../src/runtime/BcError';
import { PlatformText } from '../../src/runtime/PlatformErrors';
import { TableRecord } from '../../src/runtime/Record';
import { NoSeriesCodeunit } from '../../codeunits/foundation/NoSeries.Codeunit';
import { MarketingSetup } from '../CRM/Setup/MarketingSetup.Table';
import { SalespersonPurchaser } from '../CRM/Team/SalespersonPurchaser.Table';
import { UserSetup } from '../System/UserSetup.Table';
import { SalesReceivablesSetup } from './SalesReceivablesSetup.Table';

/**
 * What the customer asks of CustCont-Update (codeunit 5056), which BC's table calls
 * as `UpdateContFromCust.OnInsert(Rec)` and so on: raised as process events
 * (payload `customer`), bound in codeunits/process/subscriptions.ts.
 */
export const CustomerContactUpdate = {
  onInsert: 'Customer.UpdateContFromCust.OnInsert',
  onModify: 'Customer.UpdateContFromCust.OnModify',
  onDelete: 'Customer.UpdateContFromCust.OnDelete',
  /** Payload also `localCall`. */
  insertNewContactPerson: 'Customer.UpdateContFromCust.InsertNewContactPerson',
} as const;

/** IsContactUpdateNeeded(): the customer fields that the household contact mirrors. */
const CONTACT_FIELDS = [
  'name',
  'searchName',
  'address',
  'address2',
  'city',
  'phoneNo',
  'salespersonCode',
  'countryRegionCode',
  'languageCode',
  'postCode',
  'eMail',
  'homePage',
  'vatRegistrationNo',
  'county',
  'currencyCode',
  'contactType',
] as const;

/**
 * Table 18 "Customer": Empire's klant (a tenant). Its household is the
 * company contact linked through Contact Business Relation; BC creates that
 * contact when the customer is inserted (CustCont-Update), and contact data is
 * maintained on the contact, which pushes it back (CustVendBank-Update).
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

  @Field(6, 'Address 2', Text(50), { nl: 'Adres 2' })
  address2!: string;

  @Field(7, 'City', Text(30), { nl: 'Plaats' })
  city!: string;

  @Field(8, 'Contact', Text(100), { nl: 'Contactpersoon' })
  contact!: string;

  @Field(9, 'Phone No.', Text(30), { nl: 'Telefoonnr.' })
  phoneNo!: string;

  @Field(20, 'Credit Limit (LCY)', Decimal, { nl: 'Kredietlimiet (LV)' })
  creditLimitLcy!: number;

  /** TableRelation Currency: the simulator has no currencies, so only '' (the local currency) can be stored. */
  @Field(22, 'Currency Code', Code(10), { nl: 'Valutacode' })
  currencyCode!: string;

  @Field(24, 'Language Code', Code(10), { nl: 'Taalcode' })
  languageCode!: string;

  @Field(29, 'Salesperson Code', Code(20), { relation: () => SalespersonPurchaser, nl: 'Verkoperscode' })
  salespersonCode!: string;

  @Field(35, 'Country/Region Code', Code(10), { nl: 'Land-/regiocode' })
  countryRegionCode!: string;

  @Field(39, 'Blocked', Enum('Customer Blocked', ' ,Ship,Invoice,All'), { nl: 'Geblokkeerd' })
  blocked!: number;

  @Field(86, 'VAT Registration No.', Text(20), { nl: 'Btw-nummer' })
  vatRegistrationNo!: string;

  @Field(91, 'Post Code', Code(20), { nl: 'Postcode' })
  postCode!: string;

  @Field(92, 'County', Text(30), { nl: 'Provincie' })
  county!: string;

  @Field(102, 'E-Mail', Text(80), { caption: 'Email', nl: 'E-mail' })
  eMail!: string;

  @Field(103, 'Home Page', Text(255), { nl: 'Startpagina' })
  homePage!: string;

  @Field(107, 'No. Series', Code(20), { editable: false })
  noSeries!: string;

  @Field(109, 'Tax Liable', BooleanField, { nl: 'Belastingplichtig' })
  taxLiable!: boolean;

  @Field(5049, 'Primary Contact No.', Code(20), { nl: 'Primair contactnr.' })
  primaryContactNo!: string;

  @Field(5050, 'Contact Type', Enum('Contact Type', [[0, 'Company', 'Huishouden / Bedrijf'], [1, 'Person', 'Persoon']]), {
    nl: 'Contactsoort',
  })
  contactType!: number;

  @Field(8001, 'Currency Id', Guid, { nl: 'Valuta-id' })
  currencyId!: string;

  @Field(8002, 'Payment Terms Id', Guid, { nl: 'Id betalingscondities' })
  paymentTermsId!: string;

  @Field(8003, 'Shipment Method Id', Guid, { nl: 'Id verzendwijze' })
  shipmentMethodId!: string;

  @Field(8004, 'Payment Method Id', Guid, { nl: 'Id betalingswijze' })
  paymentMethodId!: string;

  @Field(9003, 'Tax Area ID', Guid, { nl: 'Id belastinggebied' })
  taxAreaId!: string;

  /** SetInsertFromContact(): the customer is made from an existing contact, which is linked afterwards. */
  insertFromContact = false;

  @OnValidate('name')
  protected async nameOnValidate(xRec: Customer): Promise<void> {
    if (this.searchName === '' || this.searchName === xRec.name.toUpperCase()) {
      this.searchName = this.name.toUpperCase().slice(0, 100);
    }
  }

  /** Contact (first entry): the name becomes a person under the customer's household. */
  @OnValidate('contact')
  protected async contactOnValidate(xRec: Customer): Promise<void> {
    const setup = await this.session.tryGet(MarketingSetup, '');
    if (!setup || setup.busRelCodeForCustomers === '') return;
    if (xRec.contact === '' && xRec.primaryContactNo === '' && this.contact !== '') {
      await this.modify();
      await this.session.events.raiseForProcess(CustomerContactUpdate.insertNewContactPerson, this.session, { customer: this, localCall: false });
      await this.modify(true);
      return;
    }
    if (this.contact !== xRec.contact) throw new NotSupportedError('Changing Customer.Contact of a customer with a contact person');
  }

  /** The VAT Registration No. Format check finds no formats: the simulator has none (docs/differences.md). */
  @OnValidate('vatRegistrationNo')
  protected async vatRegistrationNoOnValidate(): Promise<void> {
    this.vatRegistrationNo = this.vatRegistrationNo.toUpperCase();
  }

  /**
   * UpdateTaxAreaCode(): a VAT company (General Ledger Setup.UseVat, as every Dutch company) reads the id as
   * a VAT Business Posting Group's SystemId with GetBySystemId, which fails for an unknown id; the simulator
   * has no such table, so every non-null id is unknown.
   */
  @OnValidate('taxAreaId')
  protected async taxAreaIdOnValidate(): Promise<void> {
    if (this.taxAreaId === '') return;
    throw new RecordNotFoundError(PlatformText.recordNotFound('VAT Business Posting Group', `SystemId='{${this.taxAreaId.toUpperCase()}}'`));
  }

  @OnValidate('primaryContactNo')
  protected async primaryContactNoOnValidate(): Promise<void> {
    throw new NotSupportedError('Customer."Primary Contact No." validation');
  }

  protected async onInsert(): Promise<void> {
    const s = this.session;
    if (this.no === '') {
      const setup = await s.get(SalesReceivablesSetup, '');
      setup.testField('customerNos');
      const noSeries = new NoSeriesCodeunit(s);
      this.noSeries = (await noSeries.areRelated(setup.customerNos, this.noSeries)) ? this.noSeries : setup.customerNos;
      this.no = await noSeries.getNextNo(this.noSeries);
      while (await s.tryGet(Customer, this.no)) this.no = await noSeries.getNextNo(this.noSeries);
    }
    if (!this.insertFromContact) await s.events.raiseForProcess(CustomerContactUpdate.onInsert, s, { customer: this });
    if (this.salespersonCode === '') {
      const mine = await UserSetup.salespersonOf(s);
      if (mine !== '') this.salespersonCode = mine;
    }
  }

  /** The household follows; its push back (CustVendBank-Update) has changed this row, so it is read again. */
  protected async onModify(xRec: Customer): Promise<void> {
    if (!CONTACT_FIELDS.some((f) => this[f] !== xRec[f])) return;
    await this.modify();
    await this.session.events.raiseForProcess(CustomerContactUpdate.onModify, this.session, { customer: this });
    await this.reload();
  }

  protected async onDelete(): Promise<void> {
    await this.session.events.raiseForProcess(CustomerContactUpdate.onDelete, this.session, { customer: this });
  }
}
