import { Not } from 'typeorm';
import {
  BooleanField,
  Code,
  DateField,
  Enum,
  Field,
  Integer,
  OnValidate,
  Option,
  Table,
  Text,
  TimeField,
} from '../../../src/runtime/Metadata';
import { defineLabels } from '../../../src/runtime/Labels';
import { TableRecord } from '../../../src/runtime/Record';
import { NoSeriesCodeunit } from '../../../codeunits/NoSeries.Codeunit';
import { composeContactName, composeSearchName } from '../../../codeunits/EmpireContact/DutchName';
import { DutchAddressLookup } from '../../../codeunits/EmpireContact/DutchAddressLookup.Codeunit';
import { MarketingSetup } from '../Setup/MarketingSetup.Table';
import { Salutation } from '../Setup/Salutation.Table';
import { SalespersonPurchaser } from '../Team/SalespersonPurchaser.Table';
import { ContactBusinessRelation } from './ContactBusinessRelation.Table';
import { ContactBusinessRelationKind, ContactType } from './ContactEnums';

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
  PhoneNoCannotContainLettersErr: 'must not contain letters',
  InvalidEmailAddressErr: { text: 'The email address "%1" is not valid.', comment: '%1 = email address' },
  SelectExistingContactErr: 'You must select an existing contact.',
});

const CONTACT_TYPE = Enum([
  [0, 'Company', 'Huishouden/Bedrijf'],
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

export const CORRESPONDENCE_TYPE = Option(' ,Hard Copy,Email', ' ,Afdruk,E-mail');

/** Fields a person takes over from its household/company (Marketing Setup inheritance). */
const ADDRESS_FIELDS = [
  'address',
  'address2',
  'postCode',
  'city',
  'county',
  'street',
  'houseNo',
  'houseLetter',
  'houseNoAddition',
  'municipality',
] as const;
const COMMUNICATION_FIELDS = ['phoneNo', 'mobilePhoneNo', 'eMail', 'correspondenceType'] as const;

/**
 * Table 5050 "Contact" ([US24] CRM/Contact/Contact.Table.al) with Empire's
 * extension: Soort (= Type: Huishouden/Bedrijf or Persoon), Naam composed from
 * Initialen + Tussenvoegsels + Achternaam, the address resolved from postcode
 * and house number typed in Straat, Geboortedatum.
 */
@Table(5050, 'Contact', { nl: 'Contact' })
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

  /** Empire: Soort. New contacts are Company (Huishouden/Bedrijf): the enum has no InitValue. */
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

  // ---- triggers ----

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

  @OnValidate('initials')
  protected async initialsOnValidate(xRec: Contact): Promise<void> {
    await this.nameFromParts(xRec);
  }

  @OnValidate('phoneNo')
  protected async phoneNoOnValidate(): Promise<void> {
    if (/\p{L}/u.test(this.phoneNo)) this.fieldError('phoneNo', ContactLabels.PhoneNoCannotContainLettersErr.text());
  }

  @OnValidate('mobilePhoneNo')
  protected async mobilePhoneNoOnValidate(): Promise<void> {
    if (/\p{L}/u.test(this.mobilePhoneNo)) {
      this.fieldError('mobilePhoneNo', ContactLabels.PhoneNoCannotContainLettersErr.text());
    }
  }

  @OnValidate('eMail')
  protected async eMailOnValidate(): Promise<void> {
    const email = this.eMail.trim();
    if (email !== '' && !isValidEmail(email)) this.error(ContactLabels.InvalidEmailAddressErr, email);
    this.setSearchEmail();
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
    const company = this.companyNo ? await this.session.tryGet(Contact, this.companyNo) : null;
    if (company) await this.inheritCompanyToPersonData(company, xRec);
    else this.companyName = '';
    if (this.companyNo === xRec.companyNo) return;
    this.testField('type', ContactType.Person);
    await this.updateBusinessRelation();
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
    if (this.salespersonCode === '') {
      this.salespersonCode = setup.defaultSalespersonCode;
      const { UserSetup } = await import('../../System/UserSetup.Table');
      const userSetup = await s.tryGet(UserSetup, s.userId);
      if (userSetup?.salespersPurchCode) this.salespersonCode = userSetup.salespersPurchCode;
    }
    if (this.countryRegionCode === '') this.countryRegionCode = setup.defaultCountryRegionCode;
    if (this.languageCode === '') this.languageCode = setup.defaultLanguageCode;
    if (this.correspondenceType === 0) this.correspondenceType = setup.defaultCorrespondenceType;
    if (this.salutationCode === '') {
      this.salutationCode =
        this.type === ContactType.Company ? setup.defCompanySalutationCode : setup.defaultPersonSalutationCode;
    }
    const blank = s.create(Contact);
    await this.updateBusinessRelation();
    await this.typeChange(blank);
    this.setLastDateTimeModified();
    this.setSearchEmail();
  }

  protected async onModify(xRec: Contact): Promise<void> {
    this.setLastDateTimeModified();
    if (this.type === ContactType.Company && this.no !== '') await this.updatePersonsOfCompany(xRec);
  }

  protected async onDelete(): Promise<void> {
    const s = this.session;
    const { Todo } = await import('../Task/Todo.Table');
    const { InteractionLogEntry } = await import('../Interaction/InteractionLogEntry.Table');
    const { ContactRole } = await import('../../Empire/ContactRole.Table');
    if (await s.exists(Todo, { contactCompanyNo: this.companyNo, contactNo: this.no, closed: false })) {
      this.error(ContactLabels.CannotDeleteWithOpenTasksErr, this.no);
    }
    await s.deleteAll(ContactBusinessRelation, { contactNo: this.no });
    if (this.type === ContactType.Company) {
      await s.manager.update(InteractionLogEntry, { contactCompanyNo: this.no }, { contactCompanyNo: '', contactNo: '' });
      await s.manager.update(Todo, { contactCompanyNo: this.no }, { contactCompanyNo: '', contactNo: '' });
      for (const person of await s.find(Contact, { companyNo: this.no, no: Not(this.no) })) await person.delete(true);
      await s.deleteAll(ContactRole, { householdContactNo: this.no });
    } else {
      if (this.companyNo !== '') {
        await s.manager.update(InteractionLogEntry, { contactNo: this.no }, { contactNo: this.companyNo });
        await s.manager.update(Todo, { contactNo: this.no }, { contactNo: this.companyNo });
      }
      await s.deleteAll(ContactRole, { personContactNo: this.no });
    }
  }

  // ---- procedures ----

  /** Lookup Contact No.: '' for a company (so its FlowFields include its persons), its own No. for a person. */
  private setLookupContactNo(): void {
    this.lookupContactNo = this.type === ContactType.Company ? '' : this.no;
  }

  /** TypeChange(): BC's rules when Type changes (and on insert). */
  private async typeChange(xRec: Contact): Promise<void> {
    const s = this.session;
    const setup = await s.get(MarketingSetup, '');
    if (this.type !== xRec.type && this.no !== '') {
      const { InteractionLogEntry } = await import('../Interaction/InteractionLogEntry.Table');
      const { Todo } = await import('../Task/Todo.Table');
      if (await s.exists(InteractionLogEntry, { contactNo: this.no })) {
        this.error(ContactLabels.Text003, this.fieldCaption('type'));
      }
      if (await s.exists(Todo, { contactNo: this.no })) {
        this.error(ContactLabels.CannotChangeWithOpenTasksErr, this.fieldCaption('type'));
      }
    }
    if (this.type === ContactType.Company) {
      // Empire keeps Initialen/Tussenvoegsels/Achternaam on a household: its Naam is built from them.
      if (this.type !== xRec.type) this.jobTitle = '';
      this.companyNo = this.no;
      this.companyName = this.name;
      if (this.type !== xRec.type || this.salutationCode === '') this.salutationCode = setup.defCompanySalutationCode;
    } else {
      if (this.no !== '' && (await s.exists(Contact, { companyNo: this.no, no: Not(this.no) }))) {
        this.error(ContactLabels.Text007, this.fieldCaption('type'));
      }
      if (this.type !== xRec.type && this.no !== '') {
        const relations = await s.count(ContactBusinessRelation, { contactNo: this.no });
        if (relations > 0) this.testField('contactBusinessRelation', ContactBusinessRelationKind.None);
        this.testField('currencyCode', '');
        this.testField('vatRegistrationNo', '');
      }
      if (this.companyNo === this.no) {
        this.companyNo = '';
        this.companyName = '';
        this.salutationCode = setup.defaultPersonSalutationCode;
      }
    }
    this.setLookupContactNo();
  }

  /** Empire: Naam = Initialen + Tussenvoegsels + Achternaam (first name when there are no initials). */
  private async nameFromParts(xRec: Contact): Promise<void> {
    this.name = composeContactName(this.initials || this.firstName, this.middleName, this.surname);
    await this.processNameChange(xRec);
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

  /** ProcessNameChange(): Search Name follows Name unless someone typed one; a company's Company Name follows. */
  private async processNameChange(xRec: Contact): Promise<void> {
    const oldSearchName = composeSearchName(xRec.initials || xRec.firstName, xRec.middleName, xRec.surname, xRec.name);
    if (this.searchName === '' || this.searchName === oldSearchName || this.searchName === xRec.name.toUpperCase()) {
      this.searchName = composeSearchName(this.initials || this.firstName, this.middleName, this.surname, this.name)
        .toUpperCase()
        .slice(0, 100);
    }
    if (this.type === ContactType.Company) this.companyName = this.name;
  }

  /** InheritCompanyToPersonData(): a person takes over what it shared with its (old) company. */
  private async inheritCompanyToPersonData(company: Contact, xRec: Contact): Promise<void> {
    this.companyName = company.name;
    const setup = await this.session.get(MarketingSetup, '');
    const oldCompany = xRec.companyNo ? await this.session.tryGet(Contact, xRec.companyNo) : null;
    const self = this as unknown as Record<string, unknown>;
    const from = company as unknown as Record<string, unknown>;
    const old = (oldCompany ?? this.session.create(Contact)) as unknown as Record<string, unknown>;
    if (setup.inheritSalespersonCode && this.salespersonCode === (oldCompany?.salespersonCode ?? this.salespersonCode)) {
      this.salespersonCode = company.salespersonCode;
    }
    if (setup.inheritCountryRegionCode) this.countryRegionCode = company.countryRegionCode;
    if (setup.inheritLanguageCode) this.languageCode = company.languageCode;
    if (setup.inheritAddressDetails) {
      const addressBlank = this.address === '' && this.postCode === '' && this.city === '';
      const sameAsOld = ADDRESS_FIELDS.every((f) => self[f] === old[f]);
      if (addressBlank || sameAsOld) for (const f of ADDRESS_FIELDS) self[f] = from[f];
    }
    if (setup.inheritCommunicationDetails) {
      for (const f of COMMUNICATION_FIELDS) {
        if (self[f] === '' || self[f] === 0 || self[f] === old[f]) self[f] = from[f];
      }
      this.setSearchEmail();
    }
  }

  /** DoModify for a company: persons follow its name, and inherited values they still share. */
  private async updatePersonsOfCompany(xRec: Contact): Promise<void> {
    const s = this.session;
    const setup = await s.get(MarketingSetup, '');
    const inherited: string[] = [];
    if (setup.inheritSalespersonCode) inherited.push('salespersonCode');
    if (setup.inheritCountryRegionCode) inherited.push('countryRegionCode');
    if (setup.inheritLanguageCode) inherited.push('languageCode');
    if (setup.inheritAddressDetails) inherited.push(...ADDRESS_FIELDS);
    if (setup.inheritCommunicationDetails) inherited.push(...COMMUNICATION_FIELDS);
    const changed = inherited.filter((f) => (this as any)[f] !== (xRec as any)[f]);
    if (this.name === xRec.name && changed.length === 0) return;
    for (const person of await s.find(Contact, { companyNo: this.no, type: ContactType.Person })) {
      person.companyName = this.name;
      for (const f of changed) {
        if ((person as any)[f] === (xRec as any)[f]) (person as any)[f] = (this as any)[f];
      }
      person.setSearchEmail();
      person.setLastDateTimeModified();
      await person.modify();
    }
  }

  /** UpdateBusinessRelation(): Contact field 5086 from the Contact Business Relation rows. */
  async updateBusinessRelation(): Promise<void> {
    const key = this.type === ContactType.Person && this.companyNo ? this.companyNo : this.no;
    const rows = key ? await this.session.find(ContactBusinessRelation, { contactNo: key }) : [];
    const linked = rows.filter((r) => r.no !== '' && r.linkToTable !== 0);
    if (rows.length === 0) this.contactBusinessRelation = ContactBusinessRelationKind.None;
    else if (linked.length === 0) {
      this.contactBusinessRelation =
        rows.length === 1 ? ContactBusinessRelationKind.Other : ContactBusinessRelationKind.Multiple;
    } else if (linked.length === 1 && rows.length === 1) this.contactBusinessRelation = linked[0].linkToTable;
    else this.contactBusinessRelation = ContactBusinessRelationKind.Multiple;
  }

  /** GetCompNo(): a company by exact No., exact name, then a unique name match. */
  private async getCompNo(nameOrNo: string): Promise<string> {
    if (nameOrNo === '') return '';
    const s = this.session;
    const byNo = await s.findFirst(Contact, { no: nameOrNo.toUpperCase(), type: ContactType.Company });
    if (byNo) return byNo.no;
    const byName = await s.find(Contact, { name: nameOrNo, type: ContactType.Company });
    if (byName.length === 1) return byName[0].no;
    const needle = nameOrNo.toUpperCase();
    const candidates = (await s.find(Contact, { type: ContactType.Company })).filter((c) =>
      c.name.toUpperCase().includes(needle),
    );
    if (candidates.length === 1) return candidates[0].no;
    this.error(ContactLabels.SelectExistingContactErr);
  }

  setSearchEmail(): void {
    if (this.searchEMail !== this.eMail.toUpperCase()) this.searchEMail = this.eMail.toUpperCase().slice(0, 80);
  }

  private setLastDateTimeModified(): void {
    this.lastDateModified = this.session.today();
    this.lastTimeModified = this.session.time();
  }
}

/** MailManagement.CheckValidEmailAddress: one @, a dotted domain, no spaces. */
export function isValidEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@.]+$/.test(email) && !email.includes('..');
}
