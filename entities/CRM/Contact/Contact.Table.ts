import { Not } from 'typeorm';
import {
  BooleanField,
  Code,
  DateField,
  Enum,
  Field,
  Integer,
  OnValidate,
  Table,
  TableClass,
  Text,
  TimeField,
} from '../../../src/runtime/Metadata';
import { defineLabels, strSubstNo } from '../../../src/runtime/Labels';
import { FieldValidationError } from '../../../src/runtime/BcError';
import { PlatformText } from '../../../src/runtime/PlatformErrors';
import { TableRecord } from '../../../src/runtime/Record';
import { NoSeriesCodeunit } from '../../../codeunits/foundation/NoSeries.Codeunit';
import { composeContactName, composeSearchName } from '../../../codeunits/foundation/DutchName';
import { DutchAddressLookup } from '../../../codeunits/foundation/DutchAddressLookup.Codeunit';
import { MarketingSetup } from '../Setup/MarketingSetup.Table';
import { Salutation } from '../Setup/Salutation.Table';
import { SalutationFormula, SalutationNamePart, SalutationType } from '../Setup/SalutationFormula.Table';
import { SalespersonLabels, SalespersonPurchaser } from '../Team/SalespersonPurchaser.Table';
import { checkValidEmailAddresses } from '../../../codeunits/foundation/MailManagement.Codeunit';
import { ContactBusinessRelation } from './ContactBusinessRelation.Table';
import { ContactBusinessRelationKind, ContactType, CORRESPONDENCE_TYPE, LinkToTable } from './ContactEnums';
import { UserSetup } from '../../System/UserSetup.Table';
import { Todo } from '../Task/Todo.Table';
import { InteractionLogEntry } from '../Interaction/InteractionLogEntry.Table';
import { RlshpMgtCommentLine, CommentTableName } from '../Task/RlshpMgtCommentLine.Table';
import { ContactRole } from '../../Empire/ContactRole.Table';
import { Customer } from '../../Sales/Customer.Table';

/** Labels of table 5050 "Contact" ([US24] CRM/Contact/Contact.Table.al), verbatim. */
export const ContactLabels = defineLabels('Contact', {
  CannotDeleteWithOpenTasksErr: {
    text: 'You cannot delete contact %1 because there are one or more tasks open.',
    comment: '%1 = Contact No.',
  },
  Text003: '%1 cannot be changed because one or more interaction log entries are linked to the contact.',
  CannotChangeWithOpenTasksErr: {
    text: '%1 cannot be changed because one or more tasks are linked to the contact.',
    comment: '%1 = Contact No.',
  },
  Text007: '%1 cannot be changed because there are one or more related people linked to the contact.',
  Text021: {
    text: 'You have to set up the salutation formula of the type %1 in %2 language for the %3 contact.',
    comment: '%1 - salutation type, %2 - language code, %3 - contact number.',
  },
  SelectContactErr: 'You must select an existing contact.',
  PhoneNoCannotContainLettersErr: 'must not contain letters',
});

const CONTACT_TYPE = Enum([
  [0, 'Company', 'Huishouden / Bedrijf'],
  [1, 'Person', 'Persoon'],
]);

const BUSINESS_RELATION = Enum([
  [0, ' '],
  [1, 'Customer', 'Klant'],
  [2, 'Vendor', 'Leverancier'],
  [3, 'Bank Account', 'Bankrekening'],
  [4, 'Employee', 'Werknemer'],
  [100, 'None', 'Geen'],
  [101, 'Other', 'Overig'],
  [102, 'Multiple', 'Meerdere'],
]);

type ContactField = keyof Contact & string;

/** BC's address block (Address, Address 2, Post Code, City, County). */
const BC_ADDRESS_FIELDS: ContactField[] = ['address', 'address2', 'postCode', 'city', 'county'];
/** Empire's address parts resolved by the Straat lookup travel with the BC address. */
const EMPIRE_ADDRESS_FIELDS: ContactField[] = ['street', 'houseNo', 'houseLetter', 'houseNoAddition', 'municipality'];
const ADDRESS_FIELDS: ContactField[] = [...BC_ADDRESS_FIELDS, ...EMPIRE_ADDRESS_FIELDS];

/** The communication fields of InheritCompanyToPersonData that the simulator has. */
const INHERITED_COMMUNICATION_FIELDS: ContactField[] = ['phoneNo', 'eMail', 'mobilePhoneNo', 'correspondenceType'];
/** DoModify passes on fewer: Correspondence Type stays the person's own. */
const FOLLOWED_COMMUNICATION_FIELDS: ContactField[] = ['phoneNo', 'eMail', 'mobilePhoneNo'];

/** IsUpdateNeeded(): a change in one of these is pushed to the linked customer. */
const CUST_VEND_BANK_FIELDS: ContactField[] = [
  'name',
  'searchName',
  'name2',
  'address',
  'address2',
  'city',
  'phoneNo',
  'mobilePhoneNo',
  'territoryCode',
  'currencyCode',
  'languageCode',
  'salespersonCode',
  'countryRegionCode',
  'vatRegistrationNo',
  'postCode',
  'county',
  'eMail',
  'searchEMail',
  'type',
];

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
    this.nameBreakdown();
    await this.processNameChange(xRec);
  }

  @OnValidate('firstName')
  protected async firstNameOnValidate(xRec: Contact): Promise<void> {
    await this.nameFromParts(xRec);
  }

  @OnValidate('middleName')
  protected async middleNameOnValidate(xRec: Contact): Promise<void> {
    await this.nameFromParts(xRec);
  }

  @OnValidate('surname')
  protected async surnameOnValidate(xRec: Contact): Promise<void> {
    await this.nameFromParts(xRec);
  }

  /** BC's Initials has no trigger; in Empire the Initialen are part of the Naam. */
  @OnValidate('initials')
  protected async initialsOnValidate(xRec: Contact): Promise<void> {
    await this.nameFromParts(xRec);
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
    if (this.eMail === '') {
      this.setSearchEmail();
      return;
    }
    checkValidEmailAddresses(this.session, this.eMail);
    this.setSearchEmail();
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
      await this.typeChange(xRec);
      await this.modify();
    }
  }

  @OnValidate('companyNo')
  protected async companyNoOnValidate(xRec: Contact): Promise<void> {
    const company = this.companyNo !== '' ? await this.session.tryGet(Contact, this.companyNo) : null;
    if (company) await this.inheritCompanyToPersonData(company, xRec);
    else this.companyName = '';
    if (this.companyNo === xRec.companyNo) return;
    this.checkContactType(ContactType.Person);
    // CheckUnloggedSegments finds nothing: segment lines are never stored (SegmentLine is temporary).
    await this.updateBusinessRelation();
    await this.updateCompanyNo(xRec);
  }

  @OnValidate('companyName')
  protected async companyNameOnValidate(): Promise<void> {
    await this.validate('companyNo', await this.getCompNo(this.companyName));
  }

  /** Empire: Straat. A postcode + house number (+ addition) resolves the whole address. */
  @OnValidate('street')
  protected async streetOnValidate(): Promise<void> {
    const resolved = await new DutchAddressLookup(this.session).resolve(this.street);
    if (!resolved) return;
    this.street = resolved.street;
    this.houseNo = resolved.houseNo;
    this.houseLetter = resolved.houseLetter;
    this.houseNoAddition = resolved.houseNoAddition;
    this.address = resolved.addressLine;
    this.postCode = resolved.postCode;
    this.city = resolved.city;
    this.municipality = resolved.municipality;
    this.county = resolved.province;
    this.countryRegionCode = 'NL';
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
    if (!this.skipDefaults) {
      if (this.salespersonCode === '') {
        this.salespersonCode = setup.defaultSalespersonCode;
        const mine = await UserSetup.salespersonOf(s);
        if (mine !== '') this.salespersonCode = mine;
      }
      if (this.countryRegionCode === '') this.countryRegionCode = setup.defaultCountryRegionCode;
      if (this.languageCode === '') this.languageCode = setup.defaultLanguageCode;
      if (this.correspondenceType === 0) this.correspondenceType = setup.defaultCorrespondenceType;
      if (this.salutationCode === '') {
        this.salutationCode =
          this.type === ContactType.Company ? setup.defCompanySalutationCode : setup.defaultPersonSalutationCode;
      }
    }
    await this.updateBusinessRelation();
    // An Insert called from code runs its trigger with xRec = Rec: no type-change checks.
    await this.typeChange(this.copy());
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
    for (const relation of await s.find(ContactBusinessRelation, { contactNo: this.no })) await relation.delete();
    // The relation's subscriber has just modified this contact; BC re-reads it ("if not Find() then;").
    const current = await s.tryGet(Contact, this.no);
    if (current) Object.assign(this, current);

    if (this.type === ContactType.Company) {
      for (const entry of await s.find(InteractionLogEntry, { contactCompanyNo: this.no })) {
        entry.contactCompanyNo = '';
        entry.contactNo = '';
        await entry.modify();
      }
      for (const person of await s.find(Contact, { companyNo: this.no, type: ContactType.Person })) {
        await person.delete(true);
      }
      for (const task of await s.find(Todo, { contactCompanyNo: this.companyNo })) {
        task.contactNo = '';
        task.contactCompanyNo = '';
        await task.modify();
      }
      await s.deleteAll(ContactRole, { householdContactNo: this.no });
    } else {
      for (const entry of await s.find(InteractionLogEntry, { contactCompanyNo: this.companyNo, contactNo: this.no })) {
        entry.contactNo = this.companyNo;
        await entry.modify();
      }
      for (const task of await s.find(Todo, { contactCompanyNo: this.companyNo, contactNo: this.no })) {
        task.contactNo = this.companyNo;
        await task.modify();
      }
      await s.deleteAll(ContactRole, { personContactNo: this.no });
    }
    await s.deleteAll(RlshpMgtCommentLine, { tableName: CommentTableName.Contact, no: this.no, subNo: 0 });
    for (const customer of await s.find(Customer, { primaryContactNo: this.no })) {
      customer.contact = '';
      customer.primaryContactNo = '';
      await customer.modify();
    }
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
    if (this.type !== ContactType.Company) return;
    const setup = await s.get(MarketingSetup, '');
    const followedCodes: ContactField[] = [];
    if (setup.inheritSalespersonCode) followedCodes.push('salespersonCode');
    if (setup.inheritTerritoryCode) followedCodes.push('territoryCode');
    if (setup.inheritCountryRegionCode) followedCodes.push('countryRegionCode');
    if (setup.inheritLanguageCode) followedCodes.push('languageCode');
    const persons = await s.find(Contact, { companyNo: this.no, type: ContactType.Person, no: Not(this.no) });
    for (const person of persons) {
      const old = person.copy();
      let changed = false;
      if (this.name !== before.name) {
        person.companyName = this.name;
        changed = true;
      }
      for (const f of followedCodes) changed = person.follow(f, this, before) || changed;
      if (setup.inheritAddressDetails && before.identicalAddress(person)) {
        for (const f of ADDRESS_FIELDS) {
          if (before.fieldValue(f) !== this.fieldValue(f)) {
            person.setFieldValue(f, this.fieldValue(f));
            changed = true;
          }
        }
      }
      if (setup.inheritCommunicationDetails) {
        for (const f of FOLLOWED_COMMUNICATION_FIELDS) {
          if (before.fieldValue(f) !== this.fieldValue(f) && before.fieldValue(f) === person.fieldValue(f)) {
            if (f === 'eMail') await person.validate('eMail', this.eMail);
            else person.setFieldValue(f, this.fieldValue(f));
            changed = true;
          }
        }
      }
      if (changed) {
        await person.doModify(old);
        await person.modify();
      }
    }
    // CheckDuplicates is not simulated: there is no duplicate search index.
  }

  /** IdenticalAddress(Cont). */
  identicalAddress(other: Contact): boolean {
    return (
      this.address === other.address &&
      this.address2 === other.address2 &&
      this.postCode === other.postCode &&
      this.city === other.city
    );
  }

  /** UpdateBusinessRelation(): field 5086 from the business relations; true when it changed. */
  async updateBusinessRelation(): Promise<boolean> {
    const old = this.contactBusinessRelation;
    this.contactBusinessRelation = await this.getBusinessRelation();
    return old !== this.contactBusinessRelation;
  }

  /**
   * GetSalutation(SalutationType, LanguageCode): the formula of the contact's
   * Salutation Code filled with its name parts; an empty part takes the space
   * after its placeholder with it.
   */
  async getSalutation(salutationType: SalutationType, languageCode: string): Promise<string> {
    const formula = await this.session.tryGet(SalutationFormula, this.salutationCode, languageCode, salutationType);
    if (!formula) {
      this.error(ContactLabels.Text021, SalutationType[salutationType], languageCode, this.no);
    }
    formula.testField('salutation');
    const parts = [formula.name1, formula.name2, formula.name3, formula.name4, formula.name5].map((p) => this.namePart(p));
    let text = formula.salutation;
    parts.forEach((part, i) => {
      if (part !== '') return;
      const at = text.indexOf(`%${i + 1} `);
      if (at >= 0) text = text.slice(0, at) + text.slice(at + 3);
    });
    return strSubstNo(text, ...parts).slice(0, 260);
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

  /** TypeChange(): BC's rules when Type changes (and on insert). */
  private async typeChange(xRec: Contact): Promise<void> {
    const s = this.session;
    const setup = await s.get(MarketingSetup, '');
    if (this.type !== xRec.type) {
      if (await s.exists(InteractionLogEntry, { contactCompanyNo: this.companyNo, contactNo: this.no })) {
        this.error(ContactLabels.Text003, this.fieldCaption('type'));
      }
      if (await s.exists(Todo, { contactCompanyNo: this.companyNo, contactNo: this.no })) {
        this.error(ContactLabels.CannotChangeWithOpenTasksErr, this.fieldCaption('type'));
      }
      // Opportunities (Text006) are not simulated.
    }
    if (this.type === ContactType.Company) {
      // Organizational Level Code and Job Responsibilities are not simulated, so their TestFields pass.
      // Empire keeps Initialen/Tussenvoegsels/Achternaam: a household's Naam is built from them.
      this.jobTitle = '';
      this.companyNo = this.no;
      this.companyName = this.name;
      this.salutationCode = setup.defCompanySalutationCode;
    } else {
      if (this.no !== '' && (await s.exists(Contact, { companyNo: this.no, type: ContactType.Person }))) {
        this.error(ContactLabels.Text007, this.fieldCaption('type'));
      }
      await this.checkIfTypeChangePossibleForPerson(xRec);
      if (this.companyNo === this.no) {
        this.companyNo = '';
        this.companyName = '';
        this.salutationCode = setup.defaultPersonSalutationCode;
        // Empire: name parts typed on the household stay; only a bare Name is broken down as BC does.
        if (!this.hasNameParts()) this.nameBreakdown();
      }
    }
    this.lookupContactNo = this.type === ContactType.Company ? '' : this.no;
  }

  /** CheckIfTypeChangePossibleForPerson(). Industry groups are not simulated (always 0). */
  private async checkIfTypeChangePossibleForPerson(xRec: Contact): Promise<void> {
    if (this.type === xRec.type) return;
    const relations = await this.session.count(ContactBusinessRelation, { contactNo: this.companyNo });
    if (relations !== 0) {
      throw new FieldValidationError(
        PlatformText.testFieldValue('No. of Business Relations', '0', this.tableCaption(), this.keyUnquoted(), String(relations)),
      );
    }
    this.testField('currencyCode', '');
    this.testField('vatRegistrationNo', '');
  }

  /** Empire: Naam = Initialen + Tussenvoegsels + Achternaam (first name when there are no initials). */
  private async nameFromParts(xRec: Contact): Promise<void> {
    this.name = composeContactName(this.initials || this.firstName, this.middleName, this.surname);
    await this.processNameChange(xRec);
  }

  private hasNameParts(): boolean {
    return this.initials !== '' || this.firstName !== '' || this.middleName !== '' || this.surname !== '';
  }

  /** NameBreakdown(): BC splits a typed Name of a person into First/Middle/Surname. */
  private nameBreakdown(): void {
    if (this.type === ContactType.Company) return;
    const parts = this.name.split(' ').filter((p) => p !== '');
    this.firstName = '';
    this.middleName = '';
    this.surname = '';
    parts.forEach((part, i) => {
      const n = parts.length;
      if (i === n - 1 && n > 1) this.surname = part.slice(0, 30);
      else if (i === n - 2 && n > 2) this.middleName = part.slice(0, 30);
      else this.firstName = `${this.firstName} ${part}`.trimStart().slice(0, 30);
    });
  }

  /** ProcessNameChange(). */
  private async processNameChange(xRec: Contact): Promise<void> {
    this.updateSearchName(xRec);
    if (this.type === ContactType.Company) this.companyName = this.name;
    else await this.processPersonNameChange();
  }

  /**
   * UpdateSearchName(): BC copies Name while nobody typed a search name of
   * their own. Empire's default sorts on the surname ("BERG, J.P. VAN DER"),
   * so a search name still equal to the old default follows too.
   */
  private updateSearchName(xRec: Contact): void {
    const oldDefault = composeSearchName(xRec.initials || xRec.firstName, xRec.middleName, xRec.surname, xRec.name);
    if (this.searchName === '' || this.searchName === xRec.name.toUpperCase() || this.searchName === oldDefault.toUpperCase()) {
      this.searchName = composeSearchName(this.initials || this.firstName, this.middleName, this.surname, this.name).toUpperCase();
    }
  }

  /** ProcessPersonNameChange(): the primary contact's name on the company's customer follows. */
  private async processPersonNameChange(): Promise<void> {
    const s = this.session;
    const relation = await s.findFirst(ContactBusinessRelation, {
      linkToTable: LinkToTable.Customer,
      contactNo: this.companyNo,
    });
    if (!relation) return;
    const customer = await s.tryGet(Customer, relation.no);
    if (customer && this.no !== '' && customer.primaryContactNo === this.no) {
      customer.contact = this.name;
      await customer.modify();
    }
  }

  /** InheritCompanyToPersonData(NewCompanyContact). */
  private async inheritCompanyToPersonData(company: Contact, xRec: Contact): Promise<void> {
    this.companyName = company.name;
    const setup = await this.session.get(MarketingSetup, '');
    if (setup.inheritSalespersonCode) this.salespersonCode = company.salespersonCode;
    if (setup.inheritTerritoryCode) this.territoryCode = company.territoryCode;
    if (setup.inheritCountryRegionCode) this.countryRegionCode = company.countryRegionCode;
    if (setup.inheritLanguageCode) this.languageCode = company.languageCode;
    if (setup.inheritAddressDetails && (await this.staleAddress(xRec))) {
      for (const f of ADDRESS_FIELDS) this.setFieldValue(f, company.fieldValue(f));
    }
    if (setup.inheritCommunicationDetails) {
      for (const f of INHERITED_COMMUNICATION_FIELDS) await this.updateFieldForNewCompany(f, xRec);
    }
  }

  /** StaleAddress(): the person's address is blank or still the old company's. */
  private async staleAddress(xRec: Contact): Promise<boolean> {
    const oldCompany = xRec.companyNo !== '' ? await this.session.tryGet(Contact, xRec.companyNo) : null;
    return (oldCompany !== null && this.identicalAddress(oldCompany)) || this.identicalAddress(this.session.create(Contact));
  }

  /**
   * UpdateFieldForNewCompany(FieldNo): a field takes the new company's value
   * when it is empty or still the old company's. Values compare as Format()
   * does, so a blank Correspondence Type (' ') counts as filled in.
   */
  private async updateFieldForNewCompany(field: ContactField, xRec: Contact): Promise<void> {
    const s = this.session;
    const value = this.formatField(field);
    const newCompany = await s.tryGet(Contact, this.companyNo);
    if (!newCompany) return;
    const oldCompany = xRec.companyNo !== '' ? await s.tryGet(Contact, xRec.companyNo) : null;
    const stale = oldCompany !== null && value === oldCompany.formatField(field);
    if (stale || value === '') await this.validate(field, newCompany.fieldValue(field));
  }

  /** UpdateCompanyNo(): entries and tasks of the person move with it between companies. */
  private async updateCompanyNo(xRec: Contact): Promise<void> {
    const s = this.session;
    if (!(await s.tryGet(Contact, this.no))) return;
    const tables: TableClass<TableRecord & { contactNo: string; contactCompanyNo: string }>[] = [Todo, InteractionLogEntry];
    for (const cls of tables) {
      if (xRec.companyNo !== '') {
        for (const row of await s.find(cls, { contactCompanyNo: xRec.companyNo, contactNo: this.no })) {
          row.contactNo = xRec.companyNo;
          await row.modify();
        }
      } else {
        for (const row of await s.find(cls, { contactCompanyNo: '', contactNo: this.no })) {
          row.contactCompanyNo = this.companyNo;
          await row.modify();
        }
      }
    }
    if (this.currFieldNo !== 0) await this.modify();
  }

  /**
   * GetBusinessRelation(): None without relations; the linked table when the
   * only relation links a record through a setup code; Other/Multiple else.
   * A person counts its own relations and its company's.
   */
  private async getBusinessRelation(): Promise<number> {
    const s = this.session;
    const contactNos = this.companyNo === '' || this.companyNo === this.no ? [this.no] : [this.no, this.companyNo];
    const all = (await Promise.all(contactNos.map((no) => s.find(ContactBusinessRelation, { contactNo: no })))).flat();
    if (all.length === 0) return ContactBusinessRelationKind.None;
    const setup = await s.get(MarketingSetup, '');
    const setupCodes = [setup.busRelCodeForCustomers].filter((c) => c !== '');
    const linked = all.filter((r) => setupCodes.includes(r.businessRelationCode) && r.no !== '');
    if (linked.length === 0) return all.length === 1 ? ContactBusinessRelationKind.Other : ContactBusinessRelationKind.Multiple;
    if (linked.length === 1 && all.length === 1) return linked[0].linkToTable;
    return ContactBusinessRelationKind.Multiple;
  }

  /**
   * GetCompNo(ContactText): a contact by No., then a company by name, by the
   * start of its No. or name, then one company containing the text anywhere.
   * Without a client to pick from a list, anything else is an error.
   */
  private async getCompNo(text: string): Promise<string> {
    if (text === '') return '';
    const s = this.session;
    if (text.length <= 20) {
      const byNo = await s.tryGet(Contact, text.toUpperCase());
      if (byNo) return byNo.no;
    }
    const needle = text.toUpperCase();
    const companies = await s.find(Contact, { type: ContactType.Company });
    const up = (v: string) => v.toUpperCase();
    const exact = companies.find((c) => up(c.name) === needle);
    if (exact) return exact.no;
    const fromStart = companies.find((c) => c.no.startsWith(needle) || up(c.name).startsWith(needle));
    if (fromStart) return fromStart.no;
    const containing = companies.filter((c) =>
      [c.no, c.name, c.city, c.phoneNo, c.postCode].some((v) => up(v).includes(needle)),
    );
    if (containing.length === 1) return containing[0].no;
    this.error(ContactLabels.SelectContactErr);
  }

  private isUpdateNeeded(before: Contact): boolean {
    return CUST_VEND_BANK_FIELDS.some((f) => this.fieldValue(f) !== before.fieldValue(f));
  }

  private checkNoLetters(field: 'phoneNo' | 'mobilePhoneNo'): void {
    if (/\p{L}/u.test(this[field])) this.fieldError(field, ContactLabels.PhoneNoCannotContainLettersErr.text(this.session.language));
  }

  /** DoModify's rule for an inherited code: follow only where the person still had the company's old value. */
  private follow(field: ContactField, company: Contact, before: Contact): boolean {
    if (before.fieldValue(field) === company.fieldValue(field) || before.fieldValue(field) !== this.fieldValue(field)) return false;
    this.setFieldValue(field, company.fieldValue(field));
    return true;
  }

  private namePart(part: number): string {
    switch (part) {
      case SalutationNamePart.JobTitle:
        return this.jobTitle;
      case SalutationNamePart.FirstName:
        return this.firstName;
      case SalutationNamePart.MiddleName:
        return this.middleName;
      case SalutationNamePart.Surname:
        return this.surname;
      case SalutationNamePart.Initials:
        return this.initials;
      case SalutationNamePart.CompanyName:
        return this.companyName;
      default:
        return '';
    }
  }

  private formatField(field: ContactField): string {
    const v = this.fieldValue(field);
    if (field === 'correspondenceType') return CORRESPONDENCE_TYPE.members!.find((m) => m.value === v)?.name ?? String(v);
    return String(v ?? '');
  }

  private fieldValue(field: ContactField): unknown {
    return (this as Record<string, unknown>)[field];
  }

  private setFieldValue(field: ContactField, value: unknown): void {
    (this as Record<string, unknown>)[field] = value;
  }
}
