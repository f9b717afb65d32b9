// [FEATURE] [Contact] [Empire] Persoonlijke gegevens (Geboortedatum, Aanhefcode), bedrijfsgegevens (BLANCO), GetSalutation.
import { Contact, SalutationFormula } from '../../entities';
import { ContactType } from '../../entities/CRM/Contact/ContactEnums';
import { SalutationType } from '../../entities/CRM/Setup/SalutationFormula.Table';
import { EmpireContact } from '../../codeunits/process/EmpireContact.Codeunit';
import { closeSharedSimulator, newTestCompany, TestCompany } from '../library/LibraryMarketing';
import {
  createEmpireSalutations,
  createHousehold,
  createPerson,
  createRole,
  createSalutation,
  failsWithoutWriting,
  readContact,
} from '../library/LibraryContact';

afterAll(closeSharedSimulator);

async function arrange(): Promise<{ tc: TestCompany; household: Contact; person: Contact }> {
  const tc = await newTestCompany();
  return tc.run(async (s) => {
    await createEmpireSalutations(s);
    await createRole(s, 'CONTRACT');
    const household = await createHousehold(s, { initials: 'J.P.', middleName: 'van der', surname: 'Berg' });
    const person = await createPerson(s, household.no, 'CONTRACT', {
      initials: 'J.P.',
      firstName: 'Jan',
      middleName: 'van der',
      surname: 'Berg',
    });
    return { tc, household, person };
  });
}

describe('Persoonlijke gegevens', () => {
  test('When Geboortedatum and Aanhefcode are filled in for a person, then both are stored', async () => {
    const { tc, person } = await arrange();
    await tc.run((s) => new EmpireContact(s).setPersonalDetails(person.no, { birthDate: '1961-04-23', salutationCode: 'dhr' }));
    expect(await readContact(tc, person.no)).toMatchObject({ birthDate: '1961-04-23', salutationCode: 'DHR' });
  });

  test('When the page is opened for a household, or the Aanhefcode does not exist, then nothing is written', async () => {
    const { tc, household, person } = await arrange();
    const err = await failsWithoutWriting(tc, (s) => new EmpireContact(s).setPersonalDetails(household.no, { birthDate: '1961-04-23' }));
    expect(err.message).toBe(`Type must be equal to 'Person'  in Contact: No.=${household.no}. Current value is 'Company'.`);
    const err2 = await failsWithoutWriting(tc, (s) => new EmpireContact(s).setPersonalDetails(person.no, { salutationCode: 'DR' }));
    expect(err2.message).toBe(
      'The field Salutation Code of table Contact contains a value (DR) that cannot be found in the related table (Salutation).',
    );
  });

  test('When a household has no person, then its Aanhefcode is set to BLANCO on the bedrijfsgegevens', async () => {
    const tc = await newTestCompany();
    const company = await tc.run(async (s) => {
      await createEmpireSalutations(s);
      const c = await createHousehold(s, { surname: 'Bouwbedrijf De Eik BV' });
      return new EmpireContact(s).setCompanyDetails(c.no, { salutationCode: 'BLANCO' });
    });
    expect(await readContact(tc, company.no)).toMatchObject({
      name: 'Bouwbedrijf De Eik BV',
      type: ContactType.Company,
      salutationCode: 'BLANCO',
    });
    expect(await tc.run((s) => new EmpireContact(s).getSalutation(company.no, SalutationType.Formal))).toBe('Geachte heer/mevrouw,');
    const err = await failsWithoutWriting(tc, async (s) => {
      const p = s.create(Contact);
      await p.validate('type', ContactType.Person);
      await p.insert(true);
      await new EmpireContact(s).setCompanyDetails(p.no, { salutationCode: 'BLANCO' });
    });
    expect(err.message).toBe("Type must be equal to 'Company'  in Contact: No.=CT000002. Current value is 'Person'.");
  });
});

describe('GetSalutation', () => {
  test('When the formula exists, then the name parts fill it; an empty part takes its space along', async () => {
    const { tc, person } = await arrange();
    await tc.run((s) => new EmpireContact(s).setPersonalDetails(person.no, { salutationCode: 'DHR' }));
    const salute = (type: SalutationType, language = '') =>
      tc.run((s) => new EmpireContact(s).getSalutation(person.no, type, language));
    expect(await salute(SalutationType.Formal)).toBe('Geachte heer van der Berg,');
    expect(await salute(SalutationType.Informal)).toBe('Beste Jan,');
    expect(await salute(SalutationType.Formal, 'ENU')).toBe('Dear Mr J.P. van der Berg,');

    await tc.run(async (s) => {
      const p = await s.get(Contact, person.no);
      await p.validate('middleName', '', { fromPage: true });
      await p.modify(true);
    });
    expect(await salute(SalutationType.Formal)).toBe('Geachte heer Berg,');
    expect(await salute(SalutationType.Formal, 'ENU')).toBe('Dear Mr J.P. Berg,');
  });

  test('When no formula exists for the type and language, then Text021 names them and the contact', async () => {
    const { tc, person } = await arrange();
    await tc.run((s) => new EmpireContact(s).setPersonalDetails(person.no, { salutationCode: 'MEVR' }));
    const err = await failsWithoutWriting(tc, (s) => new EmpireContact(s).getSalutation(person.no, SalutationType.Informal, 'ENU'));
    expect(err.message).toBe(`You have to set up the salutation formula of the type Informal in ENU language for the ${person.no} contact.`);
    const err2 = await failsWithoutWriting(tc, (s) => new EmpireContact(s).getSalutation(person.no, SalutationType.Informal));
    expect(err2.message).toBe(`You have to set up the salutation formula of the type Informal in  language for the ${person.no} contact.`);
  });

  test('When the formula has no Salutation text, then TestField on the formula fails', async () => {
    const { tc, person } = await arrange();
    await tc.run(async (s) => {
      await createSalutation(s, 'LEEG', 'Leeg');
      const f = s.create(SalutationFormula);
      f.salutationCode = 'LEEG';
      f.salutationType = SalutationType.Formal;
      await f.insert(true);
      await new EmpireContact(s).setPersonalDetails(person.no, { salutationCode: 'LEEG' });
    });
    const err = await failsWithoutWriting(tc, (s) => new EmpireContact(s).getSalutation(person.no, SalutationType.Formal));
    expect(err.message).toBe(
      'Salutation must have a value in Salutation Formula: Salutation Code=LEEG, Language Code=, Salutation Type=Formal. It cannot be zero or empty.',
    );
  });
});
