// [FEATURE] [Contact] Households and their persons: Company No., inheritance, persons following their household, Type changes.
import { Contact, ContactRole, InteractionLogEntry, Todo } from '../../entities';
import { ContactType } from '../../entities/CRM/Contact/ContactEnums';
import { EmpireContact } from '../../codeunits/process/EmpireContact.Codeunit';
import { closeSharedSimulator, createSalesperson, newTestCompany, TestCompany } from '../library/LibraryMarketing';
import {
  createCustomer,
  createDutchAddresses,
  createHousehold,
  createInteractionLogEntry,
  createPerson,
  createRole,
  createTask,
  failsWithoutWriting,
  readContact,
  setOnCard,
  updateMarketingSetup,
} from '../library/LibraryContact';

afterAll(closeSharedSimulator);

/** The Van der Berg household at Molenweg 12 with phone and e-mail, and the roles CONTRACT and KIND. */
async function arrange(): Promise<{ tc: TestCompany; household: Contact }> {
  const tc = await newTestCompany();
  const household = await tc.run(async (s) => {
    await createDutchAddresses(s);
    await createRole(s, 'CONTRACT', 'Contractant');
    await createRole(s, 'KIND', 'Inwonend kind');
    await createSalesperson(s, 'KCC1');
    await createSalesperson(s, 'KCC2');
    const h = await createHousehold(s, { initials: 'J.P.', middleName: 'van der', surname: 'Berg' });
    await h.validate('street', '7391AG12', { fromPage: true });
    await h.validate('phoneNo', '0313-12 34 56', { fromPage: true });
    await h.validate('eMail', 'fam.berg@voorbeeld.nl', { fromPage: true });
    await h.validate('salespersonCode', 'KCC1', { fromPage: true });
    await h.modify(true);
    return h;
  });
  return { tc, household };
}

function changeType(tc: TestCompany, no: string, type: ContactType) {
  return failsWithoutWriting(tc, async (s) => setOnCard(await s.get(Contact, no), 'type', type));
}

describe('Nieuw persoon voor huishouden/bedrijf', () => {
  test('When a person is made for a household, then it hangs under it with a role and inherits address and communication', async () => {
    const { tc, household } = await arrange();
    const person = await tc.run((s) => createPerson(s, household.no, 'CONTRACT', { initials: 'J.P.', middleName: 'van der', surname: 'Berg' }));
    expect(await readContact(tc, person.no)).toMatchObject({
      type: ContactType.Person,
      companyNo: household.no,
      companyName: 'J.P. van der Berg',
      lookupContactNo: person.no,
      name: 'J.P. van der Berg',
      searchName: 'BERG, J.P. VAN DER',
      address: 'Molenweg 12',
      street: 'Molenweg',
      houseNo: 12,
      postCode: '7391 AG',
      city: 'Lindeveld',
      municipality: 'Lindeveld',
      county: 'Gelderland',
      phoneNo: '0313-12 34 56',
      eMail: 'fam.berg@voorbeeld.nl',
      searchEMail: 'FAM.BERG@VOORBEELD.NL',
      salespersonCode: 'KCC1',
    });
    const roles = await tc.run((s) => s.find(ContactRole, {}));
    expect(roles.map((r) => [r.householdContactNo, r.personContactNo, r.roleCode, r.showFirst])).toEqual([
      [household.no, person.no, 'CONTRACT', false],
    ]);
  });

  test('When the inherit flags are off, then the new person starts without the household address and phone', async () => {
    const { tc, household } = await arrange();
    await tc.run((s) => updateMarketingSetup(s, { inheritAddressDetails: false, inheritCommunicationDetails: false, inheritSalespersonCode: false }));
    const person = await tc.run((s) => createPerson(s, household.no, 'KIND', { firstName: 'Sem', middleName: 'van der', surname: 'Berg' }));
    expect(await readContact(tc, person.no)).toMatchObject({
      name: 'Sem van der Berg',
      address: '',
      phoneNo: '',
      eMail: '',
      salespersonCode: '',
      companyName: 'J.P. van der Berg',
    });
  });

  test('When the Rollen page is cancelled, then no person is made; when a role is chosen, the person is made', async () => {
    const { tc, household } = await arrange();
    const { ScriptedDialogs } = await import('../../src/runtime/Dialogs');
    const cancel = new ScriptedDialogs().expectModal('Roles', null);
    expect(await tc.run((s) => new EmpireContact(s).newPersonForHouseholdFromPage(household.no), { dialogs: cancel })).toBeNull();
    cancel.assertAllUsed();
    expect(await tc.run((s) => s.count(Contact))).toBe(1);

    const choose = new ScriptedDialogs().expectModal('Roles', { roleCode: 'KIND' });
    const person = await tc.run((s) => new EmpireContact(s).newPersonForHouseholdFromPage(household.no), { dialogs: choose });
    expect(person?.companyNo).toBe(household.no);
    expect(await tc.run((s) => s.find(ContactRole, {}))).toMatchObject([{ personContactNo: person!.no, roleCode: 'KIND' }]);
  });

  test('When the role does not exist, or the "household" is a person, then nothing is made', async () => {
    const { tc, household } = await arrange();
    const err = await failsWithoutWriting(tc, (s) => new EmpireContact(s).newPersonForHousehold(household.no, 'OPPAS'));
    expect(err.message).toBe(
      'The field Role Code of table Contact Role contains a value (OPPAS) that cannot be found in the related table (Role).',
    );
    const person = await tc.run((s) => createPerson(s, household.no, 'CONTRACT', { initials: 'A.' }));
    const err2 = await failsWithoutWriting(tc, (s) => new EmpireContact(s).newPersonForHousehold(person.no, 'KIND'));
    expect(err2.message).toBe(`Type must be equal to 'Company'  in Contact: No.=${person.no}. Current value is 'Person'.`);
  });
});

describe('Company No.', () => {
  test('When Company No. is set on a household, then TestField(Type, Person) fails with two spaces before "in"', async () => {
    const { tc, household } = await arrange();
    const other = await tc.run((s) => createHousehold(s, { surname: 'Jansen' }));
    const err = await failsWithoutWriting(tc, async (s) => setOnCard(await s.get(Contact, household.no), 'companyNo', other.no));
    expect(err.message).toBe(`Type must be equal to 'Person'  in Contact: No.=${household.no}. Current value is 'Company'.`);
    expect(err.code).toBe('Application_FieldValidationException');
  });

  test('When a person moves to another household, then what it still shared with the old one follows the new one, its own phone stays, and its entries stay with the old household', async () => {
    const { tc, household } = await arrange();
    const person = await tc.run((s) => createPerson(s, household.no, 'CONTRACT', { initials: 'K.', surname: 'Smit' }));
    await tc.run(async (s) => setOnCard(await s.get(Contact, person.no), 'phoneNo', '06-11 22 33 44'));
    const entry = await tc.run(async (s) => createInteractionLogEntry(s, await s.get(Contact, person.no)));
    const other = await tc.run(async (s) => {
      const h = await createHousehold(s, { initials: 'K.', surname: 'Smit' });
      await setOnCard(h, 'street', '7395AC10A');
      return setOnCard(h, 'phoneNo', '0313-99 99 99');
    });
    await tc.run(async (s) => setOnCard(await s.get(Contact, person.no), 'companyNo', other.no));
    expect(await readContact(tc, person.no)).toMatchObject({
      companyNo: other.no,
      companyName: 'K. Smit',
      address: 'Dorpsstraat 10A',
      city: 'Eikhorst',
      phoneNo: '06-11 22 33 44',
      // Still the old household's e-mail, so it takes the new household's: none.
      eMail: '',
    });
    const moved = await tc.run((s) => s.get(InteractionLogEntry, entry.entryNo));
    expect({ contactNo: moved.contactNo, contactCompanyNo: moved.contactCompanyNo }).toEqual({
      contactNo: household.no,
      contactCompanyNo: household.no,
    });
  });

  test('When Company Name is typed, then the household is found by its name, and an unknown name fails', async () => {
    const { tc, household } = await arrange();
    const person = await tc.run(async (s) => {
      const p = s.create(Contact);
      await p.validate('type', ContactType.Person);
      await p.insert(true);
      return setOnCard(p, 'companyName', 'j.p. van der berg');
    });
    expect(await readContact(tc, person.no)).toMatchObject({ companyNo: household.no, companyName: 'J.P. van der Berg' });
    const err = await failsWithoutWriting(tc, async (s) => setOnCard(await s.get(Contact, person.no), 'companyName', 'Onbekend BV'));
    expect(err.message).toBe('You must select an existing contact.');
  });
});

describe('Persons follow their household (DoModify)', () => {
  test('When the household moves and changes phone, then persons that still had its values follow; others keep theirs', async () => {
    const { tc, household } = await arrange();
    const [same, own] = await tc.run(async (s) => [
      await createPerson(s, household.no, 'CONTRACT', { initials: 'J.P.', middleName: 'van der', surname: 'Berg' }),
      await createPerson(s, household.no, 'KIND', { firstName: 'Sem', middleName: 'van der', surname: 'Berg' }),
    ]);
    await tc.run(async (s) => {
      const p = await s.get(Contact, own.no);
      await p.validate('street', '7391BA2-1', { fromPage: true });
      await p.validate('phoneNo', '06-98 76 54 32', { fromPage: true });
      await p.validate('eMail', 'sem@voorbeeld.nl', { fromPage: true });
      await p.validate('salespersonCode', 'KCC2', { fromPage: true });
      await p.modify(true);
    });
    await tc.run(async (s) => {
      const h = await s.get(Contact, household.no);
      await h.validate('street', '7395AC122', { fromPage: true });
      await h.validate('phoneNo', '0313-55 55 55', { fromPage: true });
      await h.validate('eMail', 'berg@voorbeeld.nl', { fromPage: true });
      await h.validate('salespersonCode', 'KCC2', { fromPage: true });
      await h.validate('surname', 'Bergen', { fromPage: true });
      await h.modify(true);
    });
    expect(await readContact(tc, same.no)).toMatchObject({
      companyName: 'J.P. van der Bergen',
      name: 'J.P. van der Berg',
      address: 'Dorpsstraat 122',
      street: 'Dorpsstraat',
      houseNo: 122,
      postCode: '7395 AC',
      city: 'Eikhorst',
      phoneNo: '0313-55 55 55',
      eMail: 'berg@voorbeeld.nl',
      searchEMail: 'BERG@VOORBEELD.NL',
      salespersonCode: 'KCC2',
    });
    expect(await readContact(tc, own.no)).toMatchObject({
      companyName: 'J.P. van der Bergen',
      address: 'Kastanjehof 2-1',
      phoneNo: '06-98 76 54 32',
      eMail: 'sem@voorbeeld.nl',
      salespersonCode: 'KCC2',
    });
  });

  test('When the household is modified without changing a followed field, then its persons are not written', async () => {
    const { tc, household } = await arrange();
    const person = await tc.run((s) => createPerson(s, household.no, 'CONTRACT', { initials: 'J.P.' }));
    const before = await readContact(tc, person.no);
    await tc.run(async (s) => setOnCard(await s.get(Contact, household.no), 'jobTitle', 'n.v.t.'));
    const after = await readContact(tc, person.no);
    expect(after.rowVersion).toBe(before.rowVersion);
  });
});

describe('Type changes (TypeChange)', () => {
  test('When the household has an interaction log entry, then Type cannot change (Text003) and nothing is written', async () => {
    const { tc, household } = await arrange();
    await tc.run(async (s) => createInteractionLogEntry(s, await s.get(Contact, household.no)));
    const err = await changeType(tc, household.no, ContactType.Person);
    expect(err.message).toBe('Type cannot be changed because one or more interaction log entries are linked to the contact.');
    expect(err.labelKey).toBe('Contact.Text003');
  });

  test('When the household has a task, open or closed, then Type cannot change (CannotChangeWithOpenTasksErr)', async () => {
    const { tc, household } = await arrange();
    await tc.run((s) => createTask(s, household.no, { closed: true }));
    const err = await changeType(tc, household.no, ContactType.Person);
    expect(err.message).toBe('Type cannot be changed because one or more tasks are linked to the contact.');
    expect(err.labelKey).toBe('Contact.CannotChangeWithOpenTasksErr');
  });

  test('When the household has persons, then it cannot become a person (Text007)', async () => {
    const { tc, household } = await arrange();
    await tc.run((s) => createPerson(s, household.no, 'CONTRACT'));
    const err = await changeType(tc, household.no, ContactType.Person);
    expect(err.message).toBe('Type cannot be changed because there are one or more related people linked to the contact.');
  });

  test('When the household is linked to a klant, then it cannot become a person (No. of Business Relations)', async () => {
    const { tc } = await arrange();
    const customer = await tc.run((s) => createCustomer(s, 'Familie Smit'));
    const contactNo = (await tc.run((s) => s.findFirst(Contact, { name: 'Familie Smit' })))!.no;
    const err = await changeType(tc, contactNo, ContactType.Person);
    expect(err.message).toBe(`No. of Business Relations must be equal to '0'  in Contact: No.=${contactNo}. Current value is '1'.`);
    expect(customer.no).toBe('K000001');
  });

  test('When the household has a Currency Code, then it cannot become a person', async () => {
    const { tc, household } = await arrange();
    await tc.run(async (s) => {
      const h = await s.get(Contact, household.no);
      h.currencyCode = 'EUR';
      await h.modify();
    });
    const err = await changeType(tc, household.no, ContactType.Person);
    expect(err.message).toBe(`Currency Code must be equal to ''  in Contact: No.=${household.no}. Current value is 'EUR'.`);
  });

  test('When a person with an interaction becomes a company, then Text003 too; without, it becomes its own company', async () => {
    const { tc, household } = await arrange();
    const [talked, quiet] = await tc.run(async (s) => [
      await createPerson(s, household.no, 'CONTRACT', { initials: 'A.' }),
      await createPerson(s, household.no, 'KIND', { initials: 'B.', surname: 'Berg' }),
    ]);
    await tc.run(async (s) => createInteractionLogEntry(s, await s.get(Contact, talked.no)));
    const err = await changeType(tc, talked.no, ContactType.Company);
    expect(err.message).toBe('Type cannot be changed because one or more interaction log entries are linked to the contact.');
    await tc.run(async (s) => setOnCard(await s.get(Contact, quiet.no), 'type', ContactType.Company));
    expect(await readContact(tc, quiet.no)).toMatchObject({
      type: ContactType.Company,
      companyNo: quiet.no,
      companyName: 'B. Berg',
      lookupContactNo: '',
      surname: 'Berg',
    });
  });

  test('When a household without entries, tasks, persons or relations becomes a person, then it leaves its own company', async () => {
    const { tc, household } = await arrange();
    await tc.run(async (s) => setOnCard(await s.get(Contact, household.no), 'type', ContactType.Person));
    expect(await readContact(tc, household.no)).toMatchObject({ type: ContactType.Person, companyNo: '', companyName: '', lookupContactNo: household.no });
    expect(await tc.run((s) => s.count(Todo))).toBe(0);
  });
});
