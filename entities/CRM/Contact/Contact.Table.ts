import { BooleanField, Code, DateField, Field, FlowField, Integer, Max, OnValidate, Table, Text, TimeField } from '../../../src/runtime/Metadata';
import { TableRecord } from '../../../src/runtime/Record';
import { NoSeriesCodeunit } from '../../../codeunits/foundation/NoSeries.Codeunit';
import { checkValidEmailAddresses } from '../../../codeunits/foundation/MailManagement.Codeunit';
import { MarketingSetup } from '../Setup/MarketingSetup.Table';
import { Salutation } from '../Setup/Salutation.Table';
import type { SalutationType } from '../Setup/SalutationFormula.Table';
import { SalespersonLabels, SalespersonPurchaser } from '../Team/SalespersonPurchaser.Table';
import { Todo } from '../Task/Todo.Table';
import { InteractionLogEntry } from '../Interaction/InteractionLogEntry.Table';
import { BUSINESS_RELATION, CONTACT_TYPE, ContactType, CORRESPONDENCE_TYPE } from './ContactEnums';
import { CUST_VEND_BANK_FIELDS, fieldValue, LAST_INTERACTION_WHERE } from './ContactFieldGroups';
import { ContactLabels } from './ContactLabels';
import { nameBreakdown, nameFromParts, processNameChange, salutationOf } from './ContactName';
import {
  getCompNo,
  inheritCompanyToPersonData,
  typeChange,
  updatePersons,
} from './ContactPersons';
import { businessRelationOf, releaseLinks, updateCompanyNo } from './ContactLinks';
import { applySetupDefaults, resolveStreet } from './ContactDefaults';

/** What a contact asks of process codeunits, as process events (payload `contact`), bound in codeunits/process/subscriptions.ts. */
export const ContactProcessEvents = {
  /** DoModify: `UpdateCustVendBank.Run(Rec)`, the linked customer follows the contact (codeunit 5055 CustVendBank-Update). */
  updateCustVendBank: 'Contact.UpdateCustVendBank',
} as const;

/**
 * Table 5050 "Contact" ([US24] CRM/Contact/Contact.Table.al) with Empire's
 * extension: Soort (= Type: Huishouden / Bedrijf or Persoon), Naam composed from
 * Initialen + Tussenvoegsels + Achternaam, the address resolved from postcode
 * and house number typed in Straat, Geboortedatum.
 */
@Table(5050, 'Contact', {
  nl: 'Contact',
  // BC's key on Company No.: a household's persons are read on every Modify of the household (UpdatePersons).
  keys: [['companyNo']],
})
export class Contact extends TableRecord {
  @Field(1, 'No.', Code(20), { primaryKey: true, nl: 'Nr.' })
  no!: string;

  @Field(2, 'Name', Text(100), { nl: 'Naam' })
  name!: string;

  @Field(3, 'Search Name', Code(100), { nl: 'Zoeknaam' })
  searchName!: string;

  @Field(4, 'Name 2', Text(50), { nl: 'Naam 2' })
  name2!: string;

  @Field(5, 'Address', Text(100), { nl: 'Adres' })
  address!: string;

  @Field(6, 'Address 2', Text(50), { nl: 'Adres 2' })
  address2!: string;

  @Field(7, 'City', Text(30), { nl: 'Plaats' })
  city!: string;

  @Field(9, 'Phone No.', Text(30), { nl: 'Telefoonnr.' })
  phoneNo!: string;

  @Field(15, 'Territory Code', Code(10), { nl: 'Rayoncode' })
  territoryCode!: string;

  @Field(22, 'Currency Code', Code(10), { nl: 'Valutacode' })
  currencyCode!: string;

  @Field(24, 'Language Code', Code(10), { nl: 'Taalcode' })
  languageCode!: string;

  @Field(29, 'Salesperson Code', Code(20), {
    relation: () => SalespersonPurchaser,
    nl: 'Verkoperscode',
  })
  salespersonCode!: string;

  @Field(35, 'Country/Region Code', Code(10), { nl: 'Land-/regiocode' })
  countryRegionCode!: string;

  @Field(54, 'Last Date Modified', DateField, { editable: false, nl: 'Laatst gewijzigd op' })
  lastDateModified!: string | null;

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

  @Field(107, 'No. Series', Code(20), { editable: false, nl: 'Nummerreeks' })
  noSeries!: string;

  @Field(150, 'Privacy Blocked', BooleanField, { nl: 'Privacy geblokkeerd' })
  privacyBlocked!: boolean;

  /** Empire: Soort. New contacts are Company (Huishouden / Bedrijf): the enum has no InitValue. */
  @Field(5050, 'Type', CONTACT_TYPE, { nl: 'Soort' })
  type!: number;

  @Field(5051, 'Company No.', Code(20), {
    relation: { table: () => Contact, where: { type: ContactType.Company } },
    nl: 'Bedrijfsnr.',
  })
  companyNo!: string;

  @Field(5052, 'Company Name', Text(100), { nl: 'Bedrijfsnaam' })
  companyName!: string;

  @Field(5053, 'Lookup Contact No.', Code(20), { editable: false })
  lookupContactNo!: string;

  @Field(5054, 'First Name', Text(30), { nl: 'Voornaam' })
  firstName!: string;

  /** Empire: Tussenvoegsels. */
  @Field(5055, 'Middle Name', Text(30), { nl: 'Tussenvoegsels' })
  middleName!: string;

  /** Empire: Achternaam. */
  @Field(5056, 'Surname', Text(30), { nl: 'Achternaam' })
  surname!: string;

  @Field(5058, 'Job Title', Text(30), { nl: 'Functie' })
  jobTitle!: string;

  /** Empire: Initialen (older instructions: Voorletters). */
  @Field(5059, 'Initials', Text(30), { nl: 'Initialen' })
  initials!: string;

  @Field(5061, 'Mobile Phone No.', Text(30), { nl: 'Mobiel telefoonnr.' })
  mobilePhoneNo!: string;

  /** Of a company: its persons' interactions too (its Lookup Contact No. is blank, which sets no filter). */
  @FlowField(5068, 'Date of Last Interaction', DateField, Max(() => InteractionLogEntry, 'date', LAST_INTERACTION_WHERE), { nl: 'Datum laatste interactie' })
  dateOfLastInteraction!: string | null;

  @Field(5086, 'Contact Business Relation', BUSINESS_RELATION, { editable: false, nl: 'Contactzakenrelatie' })
  contactBusinessRelation!: number;

  @Field(5100, 'Correspondence Type', CORRESPONDENCE_TYPE, { nl: 'Correspondentiesoort' })
  correspondenceType!: number;

  /** Empire: Aanhefcode. */
  @Field(5101, 'Salutation Code', Code(10), { relation: () => Salutation, nl: 'Aanhefcode' })
  salutationCode!: string;

  @Field(5102, 'Search E-Mail', Code(80), { caption: 'Search Email', editable: false })
  searchEMail!: string;

  @Field(5104, 'Last Time Modified', TimeField, { editable: false })
  lastTimeModified!: string | null;

  // ---- Empire extension fields ----

  /** Straat: typing `1234AB12A` here resolves the whole address from the postcode table. */
  @Field(7000001, 'Street', Text(100), { nl: 'Straat', empire: true })
  street!: string;

  @Field(7000002, 'House No.', Integer, { nl: 'Huisnummer', empire: true })
  houseNo!: number;

  @Field(7000003, 'House Letter', Code(1), { nl: 'Huisletter', empire: true })
  houseLetter!: string;

  @Field(7000004, 'House No. Addition', Code(4), { nl: 'Toevoeging', empire: true })
  houseNoAddition!: string;

  @Field(7000005, 'Municipality', Text(50), { nl: 'Gemeente', empire: true })
  municipality!: string;

  /** Geboortedatum (Persoonlijke gegevens). */
  @Field(7000006, 'Birth Date', DateField, { nl: 'Geboortedatum', empire: true })
  birthDate!: string | null;

  /** SetSkipDefault(): CustCont-Update inserts the customer's contact without Marketing Setup defaults. */
  private skipDefaults?: boolean;

  // ---- field triggers ----

  @OnValidate('no')
  protected async noOnValidate(xRec: Contact): Promise<void> {
    if (this.no !== xRec.no) {
      const setup = await this.session.get(MarketingSetup, '');
      await new NoSeriesCodeunit(this.session).testManual(setup.contactNos);
      this.noSeries = '';
    }
  }

  @OnValidate('name')
  protected async nameOnValidate(xRec: Contact): Promise<void> {
    nameBreakdown(this);
    await processNameChange(this, xRec);
  }

  @OnValidate('firstName')
  protected async firstNameOnValidate(xRec: Contact): Promise<void> {
    await nameFromParts(this, xRec);
  }

  @OnValidate('middleName')
  protected async middleNameOnValidate(xRec: Contact): Promise<void> {
    await nameFromParts(this, xRec);
  }

  @OnValidate('surname')
  protected async surnameOnValidate(xRec: Contact): Promise<void> {
    await nameFromParts(this, xRec);
  }

  /** BC's Initials has no trigger; in Empire the Initialen are part of the Naam. */
  @OnValidate('initials')
  protected async initialsOnValidate(xRec: Contact): Promise<void> {
    await nameFromParts(this, xRec);
  }

  @OnValidate('phoneNo')
  protected async phoneNoOnValidate(): Promise<void> {
    this.checkNoLetters('phoneNo');
  }

  @OnValidate('mobilePhoneNo')
  protected async mobilePhoneNoOnValidate(): Promise<void> {
    this.checkNoLetters('mobilePhoneNo');
  }

  @OnValidate('eMail')
  protected async eMailOnValidate(): Promise<void> {
    if (this.eMail !== '') checkValidEmailAddresses(this.session, this.eMail);
    this.setSearchEmail();
  }

  /** The VAT Registration No. Format check finds no formats: the simulator has none (docs/differences.md). */
  @OnValidate('vatRegistrationNo')
  protected async vatRegistrationNoOnValidate(): Promise<void> {
    this.vatRegistrationNo = this.vatRegistrationNo.toUpperCase();
  }

  @OnValidate('salespersonCode')
  protected async salespersonCodeOnValidate(): Promise<void> {
    if (this.salespersonCode === '') return;
    const salesperson = await this.session.tryGet(SalespersonPurchaser, this.salespersonCode);
    if (salesperson?.privacyBlocked) {
      this.error(
        SalespersonLabels.PrivacyBlockedGenericTxt,
        SalespersonLabels.SalespersonTxt.text(this.session.language),
        salesperson.code,
      );
    }
  }

  @OnValidate('type')
  protected async typeOnValidate(xRec: Contact): Promise<void> {
    if (this.currFieldNo !== 0 && this.systemId !== '') {
      await typeChange(this, xRec);
      await this.modify();
    }
  }

  @OnValidate('companyNo')
  protected async companyNoOnValidate(xRec: Contact): Promise<void> {
    const company = this.companyNo !== '' ? await this.session.tryGet(Contact, this.companyNo) : null;
    if (company) await inheritCompanyToPersonData(this, company, xRec);
    else this.companyName = '';
    if (this.companyNo === xRec.companyNo) return;
    this.checkContactType(ContactType.Person);
    // CheckUnloggedSegments finds nothing: segment lines are never stored (SegmentLine is temporary).
    await this.updateBusinessRelation();
    await updateCompanyNo(this, xRec);
  }

  @OnValidate('companyName')
  protected async companyNameOnValidate(): Promise<void> {
    await this.validate('companyNo', await getCompNo(this, this.companyName));
  }

  /** Empire: Straat. A postcode + house number (+ addition) resolves the whole address. */
  @OnValidate('street')
  protected async streetOnValidate(): Promise<void> {
    await resolveStreet(this);
  }

  // ---- table triggers ----

  protected async onInsert(): Promise<void> {
    const s = this.session;
    const setup = await s.get(MarketingSetup, '');
    if (this.no === '') {
      setup.testField('contactNos');
      const noSeries = new NoSeriesCodeunit(s);
      this.noSeries = (await noSeries.areRelated(setup.contactNos, this.noSeries)) ? this.noSeries : setup.contactNos;
      this.no = await noSeries.getNextNo(this.noSeries);
      while (await s.tryGet(Contact, this.no)) this.no = await noSeries.getNextNo(this.noSeries);
    }
    if (!this.skipDefaults) await applySetupDefaults(this, setup);
    await this.updateBusinessRelation();
    // An Insert called from code runs its trigger with xRec = Rec: no type-change checks.
    await typeChange(this, this.copy());
    this.setLastDateTimeModified();
    this.setSearchEmail();
  }

  protected async onModify(xRec: Contact): Promise<void> {
    await this.doModify(xRec);
    this.setSearchEmail();
  }

  protected async onDelete(): Promise<void> {
    const s = this.session;
    if (await s.exists(Todo, { contactCompanyNo: this.companyNo, contactNo: this.no, closed: false })) {
      this.error(ContactLabels.CannotDeleteWithOpenTasksErr, this.no);
    }
    // Unlogged segment lines and open opportunities cannot exist: neither is stored by the simulator.
    await releaseLinks(this);
  }

  // ---- procedures ----

  /** SetSkipDefault(). */
  setSkipDefault(): void {
    this.skipDefaults = true;
  }

  /**
   * DoModify(ContactBeforeModify): the linked customer follows the contact;
   * a company's persons follow its name, and each inherited value they still
   * shared with it.
   */
  async doModify(before: Contact): Promise<void> {
    const s = this.session;
    this.setLastDateTimeModified();
    if (this.no !== '' && this.isUpdateNeeded(before)) {
      await s.events.raiseForProcess(ContactProcessEvents.updateCustVendBank, s, { contact: this });
    }
    if (this.type === ContactType.Company) await updatePersons(this, before);
    // CheckDuplicates is not simulated: there is no duplicate search index.
  }

  /** IdenticalAddress(Cont). */
  identicalAddress(other: Contact): boolean {
    return (['address', 'address2', 'postCode', 'city'] as const).every((f) => this[f] === other[f]);
  }

  /** UpdateBusinessRelation(): field 5086 from the business relations; true when it changed. */
  async updateBusinessRelation(): Promise<boolean> {
    const old = this.contactBusinessRelation;
    this.contactBusinessRelation = await businessRelationOf(this);
    return old !== this.contactBusinessRelation;
  }

  /**
   * GetSalutation(SalutationType, LanguageCode): the formula of the contact's
   * Salutation Code filled with its name parts; an empty part takes the space
   * after its placeholder with it.
   */
  async getSalutation(salutationType: SalutationType, languageCode: string): Promise<string> {
    return salutationOf(this, salutationType, languageCode);
  }

  /** CheckContactType(ContactType). */
  checkContactType(contactType: ContactType): void {
    this.testField('type', contactType);
  }

  setSearchEmail(): void {
    if (this.searchEMail !== this.eMail.toUpperCase()) this.searchEMail = this.eMail.toUpperCase().slice(0, 80);
  }

  /**
   * SetLastDateTimeModified(): BC subtracts the user's time-zone offset before
   * DT2Date/DT2Time, so the stored date and time are UTC.
   */
  setLastDateTimeModified(): void {
    const utc = this.session.clock.now().toISOString();
    this.lastDateModified = utc.slice(0, 10);
    this.lastTimeModified = utc.slice(11, 19);
  }

  private isUpdateNeeded(before: Contact): boolean {
    return CUST_VEND_BANK_FIELDS.some((f) => fieldValue(this, f) !== fieldValue(before, f));
  }

  private checkNoLetters(field: 'phoneNo' | 'mobilePhoneNo'): void {
    if (/\p{L}/u.test(this[field])) this.fieldError(field, ContactLabels.PhoneNoCannotContainLettersErr);
  }
}
