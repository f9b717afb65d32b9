import { Contact } from '../../entities/CRM/Contact/Contact.Table';
import { ContactType } from '../../entities/CRM/Contact/ContactEnums';
import { SalutationType } from '../../entities/CRM/Setup/SalutationFormula.Table';
import { ContactRole } from '../../entities/Empire/ContactRole.Table';
import { Session } from '../../src/runtime/Session';

/** What the Persoonlijke gegevens page of a person edits. */
export interface PersonalDetails {
  /** Geboortedatum, `YYYY-MM-DD`; null clears it. */
  birthDate?: string | null;
  /** Aanhefcode. */
  salutationCode?: string;
}

/** What the Huishouden- / bedrijfsgegevens page of a household or company edits. */
export interface CompanyDetails {
  /** Aanhefcode, e.g. 'BLANCO' for a company without persons. */
  salutationCode?: string;
}

/**
 * Empire's contact actions of "Aanmaken contact" (WI-CM): "Nieuw persoon voor
 * huishouden/bedrijf" with the Rollen page, the Persoonlijke gegevens of a
 * person, the Huishouden- / bedrijfsgegevens of a household, and the
 * salutation text of a contact.
 */
export class EmpireContact {
  /** The Rollen page (Empire's page number is not public). */
  static readonly rolesPageId = 7000000;
  static readonly rolesPageName = 'Roles';

  constructor(private readonly session: Session) {}

  /**
   * Nieuw persoon voor huishouden/bedrijf: a Person contact under the
   * household (Company No.), which inherits its address and communication
   * details as Marketing Setup says, and a role row linking the two. The
   * person's Initialen, Tussenvoegsels and Achternaam are filled in next.
   */
  async newPersonForHousehold(householdNo: string, roleCode: string, showFirst = false): Promise<Contact> {
    const s = this.session;
    const household = await s.get(Contact, householdNo);
    household.checkContactType(ContactType.Company);
    const person = s.create(Contact);
    await person.validate('type', ContactType.Person);
    await person.insert(true);
    await person.validate('companyNo', household.no);
    await person.modify(true);
    const role = s.create(ContactRole);
    await role.validate('householdContactNo', household.no);
    await role.validate('personContactNo', person.no);
    await role.validate('roleCode', roleCode);
    role.showFirst = showFirst;
    await role.insert(true);
    return person;
  }

  /**
   * The same action from the contact card: the Rollen page asks for the role
   * (its answer `{ roleCode, showFirst? }`); Cancel creates nothing.
   */
  async newPersonForHouseholdFromPage(householdNo: string): Promise<Contact | null> {
    const s = this.session;
    const household = await s.get(Contact, householdNo);
    household.checkContactType(ContactType.Company);
    const answer = await s.dialogs.runModal({
      pageId: EmpireContact.rolesPageId,
      pageName: EmpireContact.rolesPageName,
      defaults: { householdContactNo: household.no, roleCode: '', showFirst: false },
      raisedBy: 'Codeunit EmpireContact',
    });
    if (answer === null) return null;
    return this.newPersonForHousehold(household.no, String(answer.roleCode ?? ''), answer.showFirst === true);
  }

  /** Persoonlijke gegevens (Navigeren | Contact | Persoon): Geboortedatum and Aanhefcode of a person. */
  async setPersonalDetails(contactNo: string, details: PersonalDetails): Promise<Contact> {
    const contact = await this.session.get(Contact, contactNo);
    contact.checkContactType(ContactType.Person);
    if (details.birthDate !== undefined) await contact.validate('birthDate', details.birthDate, { fromPage: true });
    if (details.salutationCode !== undefined) await contact.validate('salutationCode', details.salutationCode, { fromPage: true });
    await contact.modify(true);
    return contact;
  }

  /** Huishouden- / bedrijfsgegevens (Navigeren | Contact | Bedrijf): the Aanhefcode of a household or company. */
  async setCompanyDetails(contactNo: string, details: CompanyDetails): Promise<Contact> {
    const contact = await this.session.get(Contact, contactNo);
    contact.checkContactType(ContactType.Company);
    if (details.salutationCode !== undefined) await contact.validate('salutationCode', details.salutationCode, { fromPage: true });
    await contact.modify(true);
    return contact;
  }

  /** Contact.GetSalutation: the formal or informal salutation of a contact in a language. */
  async getSalutation(contactNo: string, salutationType: SalutationType, languageCode = ''): Promise<string> {
    const contact = await this.session.get(Contact, contactNo);
    return contact.getSalutation(salutationType, languageCode);
  }

  /** The persons of a household through their roles, in key order. */
  async rolesOfHousehold(householdNo: string): Promise<ContactRole[]> {
    return this.session.find(ContactRole, { householdContactNo: householdNo });
  }
}
