// [FEATURE] [Contact] Communicatie tab: phone numbers, e-mail; table relations of the card's fields.
import { Contact, SalespersonPurchaser } from '../../entities';
import { ContactType } from '../../entities/CRM/Contact/ContactEnums';
import { closeSharedSimulator, createSalesperson, newTestCompany, TestCompany } from '../library/LibraryMarketing';
import { createHousehold, failsWithoutWriting, readContact, setOnCard } from '../library/LibraryContact';

afterAll(closeSharedSimulator);

async function arrange(): Promise<{ tc: TestCompany; no: string }> {
  const tc = await newTestCompany();
  const h = await tc.run((s) => createHousehold(s, { initials: 'A.', surname: 'Bakker' }));
  return { tc, no: h.no };
}

function onCard(tc: TestCompany, no: string, field: keyof Contact & string, value: unknown) {
  return failsWithoutWriting(tc, async (s) => setOnCard(await s.get(Contact, no), field, value));
}

describe('Phone numbers', () => {
  test('When phone numbers without letters are typed, then they are kept as typed', async () => {
    const { tc, no } = await arrange();
    await tc.run(async (s) => {
      const c = await s.get(Contact, no);
      await c.validate('phoneNo', '020-623 45 67', { fromPage: true });
      await c.validate('mobilePhoneNo', '+31 6 12345678', { fromPage: true });
      await c.modify(true);
    });
    expect(await readContact(tc, no)).toMatchObject({ phoneNo: '020-623 45 67', mobilePhoneNo: '+31 6 12345678' });
  });

  test.each([
    ['phoneNo', '020-ABC 45 67', "Phone No. must not contain letters in Contact No.='CT000001'."],
    ['phoneNo', '06 1234567é', "Phone No. must not contain letters in Contact No.='CT000001'."],
    ['mobilePhoneNo', '06-12345678 (werk)', "Mobile Phone No. must not contain letters in Contact No.='CT000001'."],
  ] as const)('When %s gets "%s", then FieldError and nothing is written', async (field, value, message) => {
    const { tc, no } = await arrange();
    const err = await onCard(tc, no, field, value);
    expect(err.message).toBe(message);
    expect(err.code).toBe('Application_FieldValidationException');
  });
});

describe('E-mail', () => {
  test('When a valid address is typed, then it is kept and Search E-Mail is its upper case; clearing clears both', async () => {
    const { tc, no } = await arrange();
    await tc.run(async (s) => setOnCard(await s.get(Contact, no), 'eMail', 'a.bakker@voorbeeld.nl'));
    expect(await readContact(tc, no)).toMatchObject({ eMail: 'a.bakker@voorbeeld.nl', searchEMail: 'A.BAKKER@VOORBEELD.NL' });
    await tc.run(async (s) => setOnCard(await s.get(Contact, no), 'eMail', ''));
    expect(await readContact(tc, no)).toMatchObject({ eMail: '', searchEMail: '' });
  });

  test('When several addresses are separated by semicolons, then each is checked and the field is accepted', async () => {
    const { tc, no } = await arrange();
    await tc.run(async (s) => setOnCard(await s.get(Contact, no), 'eMail', 'a@voorbeeld.nl; b@voorbeeld.nl;'));
    expect((await readContact(tc, no)).eMail).toBe('a@voorbeeld.nl; b@voorbeeld.nl;');
  });

  test.each([
    ['bakker.voorbeeld.nl', 'bakker.voorbeeld.nl'],
    ['a@b@voorbeeld.nl', 'a@b@voorbeeld.nl'],
    ['a bakker@voorbeeld.nl', 'a bakker@voorbeeld.nl'],
    ['@voorbeeld.nl', '@voorbeeld.nl'],
    ['bakker@', 'bakker@'],
    ['a..b@voorbeeld.nl', 'a..b@voorbeeld.nl'],
    ['ok@voorbeeld.nl;fout', 'fout'],
    ['Anne <a@voorbeeld.nl>', 'Anne <a@voorbeeld.nl>'],
  ])('When "%s" is typed, then Mail Management rejects "%s" and nothing is written', async (value, shown) => {
    const { tc, no } = await arrange();
    const err = await onCard(tc, no, 'eMail', value);
    expect(err.message).toBe(`The email address "${shown}" is not valid.`);
    expect(err.labelKey).toBe('Mail Management.InvalidEmailAddressErr');
  });
});

describe('Table relations', () => {
  test('When a salesperson that does not exist is chosen, then the table relation error names both tables', async () => {
    const { tc, no } = await arrange();
    const err = await onCard(tc, no, 'salespersonCode', 'nobody');
    expect(err.message).toBe(
      'The field Salesperson Code of table Contact contains a value (NOBODY) that cannot be found in the related table (Salesperson/Purchaser).',
    );
    expect(err.code).toBe('Internal_InvalidTableRelation');
  });

  test('When a privacy-blocked salesperson is chosen, then the Salesperson/Purchaser privacy text is raised', async () => {
    const { tc, no } = await arrange();
    await tc.run(async (s) => {
      const sp = await createSalesperson(s, 'GEHEIM');
      sp.privacyBlocked = true;
      await sp.modify();
    });
    const err = await onCard(tc, no, 'salespersonCode', 'GEHEIM');
    expect(err.message).toBe('Privacy Blocked must not be true for Salesperson GEHEIM.');
    await tc.run(async (s) => {
      const sp = await s.get(SalespersonPurchaser, 'GEHEIM');
      sp.privacyBlocked = false;
      await sp.modify();
      await setOnCard(await s.get(Contact, no), 'salespersonCode', 'geheim');
    });
    expect((await readContact(tc, no)).salespersonCode).toBe('GEHEIM');
  });

  test('When an Aanhefcode that does not exist is chosen, then the relation to Salutation fails', async () => {
    const { tc, no } = await arrange();
    const err = await onCard(tc, no, 'salutationCode', 'DHR');
    expect(err.message).toBe(
      'The field Salutation Code of table Contact contains a value (DHR) that cannot be found in the related table (Salutation).',
    );
  });

  test('When a person or an unknown number is chosen as Company No., then the relation (Type = Company) fails', async () => {
    const { tc } = await arrange();
    const [person, other] = await tc.run(async (s) => {
      const p = s.create(Contact);
      await p.validate('type', ContactType.Person);
      await p.insert(true);
      const o = s.create(Contact);
      await o.validate('type', ContactType.Person);
      await o.insert(true);
      return [p, o];
    });
    const err = await onCard(tc, other.no, 'companyNo', person.no);
    expect(err.message).toBe(
      `The field Company No. of table Contact contains a value (${person.no}) that cannot be found in the related table (Contact).`,
    );
    const err2 = await onCard(tc, other.no, 'companyNo', 'CT999999');
    expect(err2.message).toBe(
      'The field Company No. of table Contact contains a value (CT999999) that cannot be found in the related table (Contact).',
    );
  });
});
