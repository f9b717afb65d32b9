import { Contact } from '../../entities/CRM/Contact/Contact.Table';
import { ContactType } from '../../entities/CRM/Contact/ContactEnums';
import { ContactRole } from '../../entities/Empire/ContactRole.Table';
import { Session } from '../../src/runtime/Session';

/**
 * Empire's contact actions (Aanmaken contact): "Nieuw persoon voor
 * huishouden/bedrijf" with the Rollen dialog, and the person's role rows.
 */
export class EmpireContact {
  constructor(private readonly session: Session) {}

  /**
   * Nieuw persoon voor huishouden/bedrijf: a Person contact under the
   * household (Company No.), with the chosen role. The person starts with the
   * household's Tussenvoegsels and Achternaam (Empire's default for an extra
   * person) and inherits its address and communication details.
   */
  async newPersonForHousehold(householdNo: string, roleCode: string, showFirst = false): Promise<Contact> {
    const s = this.session;
    const household = await s.get(Contact, householdNo);
    household.testField('type', ContactType.Company);
    const person = s.create(Contact);
    await person.validate('type', ContactType.Person);
    await person.insert(true);
    await person.validate('companyNo', household.no);
    await person.validate('middleName', household.middleName);
    await person.validate('surname', household.surname);
    await person.modify(true);
    const role = s.create(ContactRole);
    role.householdContactNo = household.no;
    role.personContactNo = person.no;
    await role.validate('roleCode', roleCode);
    role.showFirst = showFirst;
    await role.insert(true);
    return person;
  }
}
