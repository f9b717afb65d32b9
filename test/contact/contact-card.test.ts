// [FEATURE] [Contact] Aanmaken contact: the Contactkaart — numbering, Naam from the Dutch name parts, Zoeknaam, lengths.
import { Contact, NoSeriesLine } from '../../entities';
import { ContactBusinessRelationKind, ContactType } from '../../entities/CRM/Contact/ContactEnums';
import { composeContactName, composeSearchName } from '../../codeunits/foundation/DutchName';
import { closeSharedSimulator, createSalesperson, newTestCompany } from '../library/LibraryMarketing';
import {
  allowManualNos,
  createEmpireSalutations,
  createHousehold,
  failsWithoutWriting,
  fillName,
  newContactCard,
  readContact,
  setOnCard,
  updateMarketingSetup,
} from '../library/LibraryContact';

afterAll(closeSharedSimulator);

describe('Contact numbering (OnInsert)', () => {
  test('When a new contact card is inserted, then it takes the next Contact Nos. number and is a Huishouden / Bedrijf', async () => {
    const tc = await newTestCompany();
    const [first, second] = await tc.run(async (s) => [await newContactCard(s), await newContactCard(s)]);
    expect(first.no).toBe('CT000001');
    expect(second.no).toBe('CT000002');
    const stored = await readContact(tc, 'CT000001');
    expect(stored).toMatchObject({
      type: ContactType.Company,
      noSeries: 'CONT',
      companyNo: 'CT000001',
      lookupContactNo: '',
      contactBusinessRelation: ContactBusinessRelationKind.None,
      lastDateModified: '2026-03-02',
      lastTimeModified: '09:15:30',
    });
    const line = await tc.run((s) => s.get(NoSeriesLine, 'CONT', 10000));
    expect(line.lastNoUsed).toBe('CT000002');
  });

  test('When Marketing Setup has no Contact Nos., then insert fails with the TestField text and nothing is written', async () => {
    const tc = await newTestCompany();
    await tc.run((s) => updateMarketingSetup(s, { contactNos: '' }));
    const err = await failsWithoutWriting(tc, (s) => newContactCard(s));
    expect(err.message).toBe('Contact Nos. must have a value in Marketing Setup: Primary Key=. It cannot be zero or empty.');
    expect(err.code).toBe('Application_FieldValidationException');
  });

  test('When a number is typed on a series without Manual Nos., then it fails with the No. Series text', async () => {
    const tc = await newTestCompany();
    const err = await failsWithoutWriting(tc, async (s) => {
      const c = s.create(Contact);
      await c.validate('no', 'HH-JANSEN', { fromPage: true });
      await c.insert(true);
    });
    expect(err.message).toBe(
      'You may not enter numbers manually. If you want to enter numbers manually, please activate Manual Nos. in No. Series CONT.',
    );
  });

  test('When Manual Nos. is on, then a typed number is kept without a No. Series, and a second one with the same number fails', async () => {
    const tc = await newTestCompany();
    await tc.run((s) => allowManualNos(s, 'CONT'));
    await tc.run(async (s) => {
      const c = s.create(Contact);
      await c.validate('no', 'hh-jansen', { fromPage: true });
      await c.insert(true);
    });
    expect(await readContact(tc, 'HH-JANSEN')).toMatchObject({ no: 'HH-JANSEN', noSeries: '', companyNo: 'HH-JANSEN' });
    const err = await failsWithoutWriting(tc, async (s) => {
      const c = s.create(Contact);
      await c.validate('no', 'HH-JANSEN', { fromPage: true });
      await c.insert(true);
    });
    expect(err.message).toBe("The record in table Contact already exists. Identification fields and values: No.='HH-JANSEN'");
  });

  test('When the series already handed out a number that exists, then OnInsert skips it', async () => {
    const tc = await newTestCompany();
    await tc.run((s) => allowManualNos(s, 'CONT'));
    await tc.run(async (s) => {
      const c = s.create(Contact);
      await c.validate('no', 'CT000001', { fromPage: true });
      await c.insert(true);
    });
    const next = await tc.run((s) => newContactCard(s));
    expect(next.no).toBe('CT000002');
  });

  test('When Marketing Setup has defaults, then a new contact gets them, and the user setup salesperson wins', async () => {
    const tc = await newTestCompany();
    await tc.run(async (s) => {
      await createSalesperson(s, 'KCC1');
      await createSalesperson(s, 'ANNE', 'Anne', 'ANNE');
      await updateMarketingSetup(s, { defaultSalespersonCode: 'KCC1', defaultLanguageCode: 'NLD', defaultCorrespondenceType: 2 });
    });
    const byTester = await tc.run((s) => newContactCard(s));
    const byAnne = await tc.run((s) => newContactCard(s), { user: 'anne' });
    expect(byTester).toMatchObject({ salespersonCode: 'KCC1', languageCode: 'NLD', correspondenceType: 2 });
    expect(byAnne.salespersonCode).toBe('ANNE');
  });
});

describe('Naam from Initialen, Tussenvoegsels, Achternaam', () => {
  test('When the name parts are filled in, then Naam is "J.P. van der Berg" and Zoeknaam sorts on the surname', async () => {
    const tc = await newTestCompany();
    const h = await tc.run((s) => createHousehold(s, { initials: 'J.P.', middleName: 'van der', surname: 'Berg' }));
    const stored = await readContact(tc, h.no);
    expect(stored).toMatchObject({
      name: 'J.P. van der Berg',
      searchName: 'BERG, J.P. VAN DER',
      companyName: 'J.P. van der Berg',
      initials: 'J.P.',
      middleName: 'van der',
      surname: 'Berg',
      type: ContactType.Company,
    });
  });

  test('When there are no initials, then the first name is used; without either, the tussenvoegsel gets a capital', async () => {
    expect(composeContactName('Jan', 'de', 'Vries')).toBe('Jan de Vries');
    expect(composeContactName('', 'van der', 'Berg')).toBe('Van der Berg');
    expect(composeContactName('', '', 'Woonzorg Lindeveld')).toBe('Woonzorg Lindeveld');
    expect(composeContactName('J.', 'Van Der', 'Broeck')).toBe('J. Van Der Broeck');
    expect(composeSearchName('', 'van der', 'Berg', 'Van der Berg')).toBe('Berg, van der');
    expect(composeSearchName('', '', '', 'Stichting Thuis')).toBe('Stichting Thuis');

    const tc = await newTestCompany();
    const c = await tc.run((s) => createHousehold(s, { firstName: 'Jan', middleName: 'de', surname: 'Vries' }));
    expect(await readContact(tc, c.no)).toMatchObject({ name: 'Jan de Vries', searchName: 'VRIES, JAN DE' });
  });

  test('When a name part changes, then Naam and the default Zoeknaam follow; a Zoeknaam typed by the user stays', async () => {
    const tc = await newTestCompany();
    const h = await tc.run((s) => createHousehold(s, { initials: 'P.', surname: 'Jansen' }));
    await tc.run(async (s) => fillName(await s.get(Contact, h.no), { surname: 'Janssen' }));
    expect(await readContact(tc, h.no)).toMatchObject({ name: 'P. Janssen', searchName: 'JANSSEN, P.' });

    await tc.run(async (s) => setOnCard(await s.get(Contact, h.no), 'searchName', 'fam janssen'));
    await tc.run(async (s) => fillName(await s.get(Contact, h.no), { initials: 'P.J.' }));
    expect(await readContact(tc, h.no)).toMatchObject({ name: 'P.J. Janssen', searchName: 'FAM JANSSEN' });
  });

  test('When Name is typed on a person, then BC breaks it down into First/Middle/Surname', async () => {
    const tc = await newTestCompany();
    const p = await tc.run(async (s) => {
      const c = s.create(Contact);
      await c.validate('type', ContactType.Person);
      await c.insert(true);
      await c.validate('name', 'Jan van der Berg', { fromPage: true });
      await c.modify(true);
      return c;
    });
    expect(await readContact(tc, p.no)).toMatchObject({
      name: 'Jan van der Berg',
      firstName: 'Jan van',
      middleName: 'der',
      surname: 'Berg',
      searchName: 'BERG, JAN VAN DER',
      lookupContactNo: p.no,
      companyNo: '',
    });
  });

  test('When Name is typed on a company, then it is not broken down and Company Name follows', async () => {
    const tc = await newTestCompany();
    const c = await tc.run(async (s) => setOnCard(await newContactCard(s), 'name', 'Stichting Thuis in Lindeveld'));
    expect(await readContact(tc, c.no)).toMatchObject({
      name: 'Stichting Thuis in Lindeveld',
      companyName: 'Stichting Thuis in Lindeveld',
      searchName: 'STICHTING THUIS IN LINDEVELD',
      firstName: '',
      surname: '',
    });
  });

  test('When a name part is longer than 30 characters, then it fails with the string length text and nothing is written', async () => {
    const tc = await newTestCompany();
    const h = await tc.run((s) => createHousehold(s, { initials: 'A.', surname: 'Kort' }));
    const err = await failsWithoutWriting(tc, async (s) => setOnCard(await s.get(Contact, h.no), 'surname', 'x'.repeat(31)));
    expect(err.message).toBe(`The length of the string is 31, but it must be less than or equal to 30 characters. Value: ${'x'.repeat(31)}`);
    expect(err.code).toBe('Application_StringExceededLength');
    const e2 = await failsWithoutWriting(tc, async (s) => setOnCard(await s.get(Contact, h.no), 'eMail', `${'a'.repeat(76)}@x.nl`));
    expect(e2.message).toBe(`The length of the string is 81, but it must be less than or equal to 80 characters. Value: ${'a'.repeat(76)}@x.nl`);
  });
});

describe('Soort (Type) on the card', () => {
  test('When Soort Persoon is chosen on a new card, then the contact leaves its own company and Lookup Contact No. is itself', async () => {
    const tc = await newTestCompany();
    await tc.run((s) => updateMarketingSetup(s, { defaultPersonSalutationCode: '', defCompanySalutationCode: '' }));
    const c = await tc.run(async (s) => setOnCard(await newContactCard(s), 'type', 'Persoon'));
    expect(await readContact(tc, c.no)).toMatchObject({ type: ContactType.Person, companyNo: '', companyName: '', lookupContactNo: c.no });
  });

  test('When a household with name parts becomes a person and back, then Empire keeps the name parts', async () => {
    const tc = await newTestCompany();
    const h = await tc.run((s) => createHousehold(s, { initials: 'J.P.', middleName: 'van der', surname: 'Berg' }));
    await tc.run(async (s) => setOnCard(await s.get(Contact, h.no), 'type', ContactType.Person));
    expect(await readContact(tc, h.no)).toMatchObject({ initials: 'J.P.', middleName: 'van der', surname: 'Berg', name: 'J.P. van der Berg' });
    await tc.run(async (s) => setOnCard(await s.get(Contact, h.no), 'type', ContactType.Company));
    expect(await readContact(tc, h.no)).toMatchObject({
      type: ContactType.Company,
      middleName: 'van der',
      surname: 'Berg',
      companyNo: h.no,
      companyName: 'J.P. van der Berg',
    });
  });

  test('When Marketing Setup has default salutations, then the type decides the Salutation Code', async () => {
    const tc = await newTestCompany();
    await tc.run(async (s) => {
      await createEmpireSalutations(s);
      await updateMarketingSetup(s, { defCompanySalutationCode: 'BLANCO', defaultPersonSalutationCode: 'DHR' });
    });
    const c = await tc.run((s) => newContactCard(s));
    expect(c.salutationCode).toBe('BLANCO');
    await tc.run(async (s) => setOnCard(await s.get(Contact, c.no), 'type', ContactType.Person));
    expect((await readContact(tc, c.no)).salutationCode).toBe('DHR');
  });

  test('When Type is validated from code on a stored contact, then TypeChange does not run (CurrFieldNo = 0)', async () => {
    const tc = await newTestCompany();
    const c = await tc.run((s) => newContactCard(s));
    await tc.run(async (s) => {
      const rec = await s.get(Contact, c.no);
      await rec.validate('type', ContactType.Person);
      await rec.modify();
    });
    expect(await readContact(tc, c.no)).toMatchObject({ type: ContactType.Person, companyNo: c.no, lookupContactNo: '' });
  });
});
