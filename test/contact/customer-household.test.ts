// [FEATURE] [Contact] [Customer] Klant → huishouden: CustCont-Update, Contact Business Relation, field 5086, CustVendBank-Update.
import { BusinessRelation, Contact, ContactBusinessRelation, Customer } from '../../entities';
import { ContactBusinessRelationKind, ContactType, LinkToTable } from '../../entities/CRM/Contact/ContactEnums';
import { Session } from '../../src/runtime/Session';
import { closeSharedSimulator, createSalesperson, newTestCompany, TestCompany } from '../library/LibraryMarketing';
import {
  createCustomer,
  createDutchAddresses,
  createHousehold,
  createPerson,
  createRole,
  customerRelation,
  failsWithoutWriting,
  readContact,
  setOnCard,
  updateMarketingSetup,
} from '../library/LibraryContact';

afterAll(closeSharedSimulator);

async function arrange(): Promise<{ tc: TestCompany; customer: Customer; household: Contact }> {
  const tc = await newTestCompany();
  return tc.run(async (s) => {
    await createDutchAddresses(s);
    await createRole(s, 'CONTRACT');
    const other = s.create(BusinessRelation);
    other.code = 'WZ';
    other.description = 'Woningzoekende';
    await other.insert(true);
    const customer = await createCustomer(s, 'Fam. Yilmaz', {
      address: 'Molenweg 14',
      postCode: '7391 AG',
      city: 'Lindeveld',
      phoneNo: '0313-22 22 22',
      eMail: 'yilmaz@voorbeeld.nl',
    });
    const relation = (await customerRelation(s, customer.no))!;
    return { tc, customer, household: await s.get(Contact, relation.contactNo) };
  });
}

async function addRelation(s: Session, contactNo: string, code: string, linkToTable = LinkToTable.Blank, no = ''): Promise<void> {
  const rel = s.create(ContactBusinessRelation);
  await rel.validate('contactNo', contactNo);
  await rel.validate('businessRelationCode', code);
  rel.linkToTable = linkToTable;
  await rel.validate('no', no);
  await rel.insert(true);
}

describe('Customer.Insert → household contact (CustCont-Update)', () => {
  test('When a klant is inserted, then a company contact with its data and a Customer business relation are made', async () => {
    const { tc, customer, household } = await arrange();
    expect(customer.no).toBe('K000001');
    expect(household).toMatchObject({
      no: 'CT000001',
      noSeries: 'CONT',
      type: ContactType.Company,
      name: 'Fam. Yilmaz',
      searchName: 'FAM. YILMAZ',
      companyNo: 'CT000001',
      companyName: 'Fam. Yilmaz',
      address: 'Molenweg 14',
      postCode: '7391 AG',
      city: 'Lindeveld',
      phoneNo: '0313-22 22 22',
      eMail: 'yilmaz@voorbeeld.nl',
      searchEMail: 'YILMAZ@VOORBEELD.NL',
      contactBusinessRelation: ContactBusinessRelationKind.Customer,
    });
    const relations = await tc.run((s) => s.find(ContactBusinessRelation, {}));
    expect(relations.map((r) => [r.contactNo, r.businessRelationCode, r.linkToTable, r.no])).toEqual([
      ['CT000001', 'KLANT', LinkToTable.Customer, 'K000001'],
    ]);
  });

  test('When the contact is made from a klant, then Marketing Setup defaults are skipped (SetSkipDefault)', async () => {
    const tc = await newTestCompany();
    await tc.run(async (s) => {
      await createSalesperson(s, 'KCC1');
      await updateMarketingSetup(s, { defaultSalespersonCode: 'KCC1', defaultLanguageCode: 'NLD' });
      await createCustomer(s, 'Fam. Bos');
    });
    expect(await readContact(tc, 'CT000001')).toMatchObject({ salespersonCode: '', languageCode: '', name: 'Fam. Bos' });
  });

  test('When Bus. Rel. Code for Customers is empty, then a klant gets no contact', async () => {
    const tc = await newTestCompany();
    await tc.run(async (s) => {
      await updateMarketingSetup(s, { busRelCodeForCustomers: '' });
      await createCustomer(s, 'Fam. Bos');
    });
    expect(await tc.run((s) => s.count(Contact))).toBe(0);
    expect(await tc.run((s) => s.count(Customer))).toBe(1);
  });

  test('When Contact Nos. is empty, then inserting the klant fails and neither klant nor contact is written', async () => {
    const tc = await newTestCompany();
    await tc.run((s) => updateMarketingSetup(s, { contactNos: '' }));
    const err = await failsWithoutWriting(tc, (s) => createCustomer(s, 'Fam. Bos'));
    expect(err.message).toBe('Contact Nos. must have a value in Marketing Setup: Primary Key=. It cannot be zero or empty.');
  });
});

describe('Contact Business Relation', () => {
  test('When the klant is linked to a second contact, then Text000 names the customer and its contact', async () => {
    const { tc, customer } = await arrange();
    const other = await tc.run((s) => createHousehold(s, { surname: 'Yilmaz' }));
    const err = await failsWithoutWriting(tc, (s) => addRelation(s, other.no, 'KLANT', LinkToTable.Customer, customer.no));
    expect(err.message).toBe('Customer K000001 already has a Contact Business Relation with Contact CT000001.');
    expect(err.labelKey).toBe('Contact Business Relation.Text000');
  });

  test('When the household is linked to a second klant, then Text000 names the contact and its customer', async () => {
    const { tc, household } = await arrange();
    const second = await tc.run(async (s) => {
      await updateMarketingSetup(s, { busRelCodeForCustomers: '' });
      const c = await createCustomer(s, 'Fam. Yilmaz-Demir');
      await updateMarketingSetup(s, { busRelCodeForCustomers: 'KLANT' });
      return c;
    });
    const err = await failsWithoutWriting(tc, (s) => addRelation(s, household.no, 'WZ', LinkToTable.Customer, second.no));
    expect(err.message).toBe('Contact CT000001 already has a Contact Business Relation with Customer K000001.');
  });

  test('When the customers code is added by hand on the page, then Text001 refuses it', async () => {
    const { tc } = await arrange();
    const other = await tc.run((s) => createHousehold(s, { surname: 'Bos' }));
    const err = await failsWithoutWriting(tc, async (s) => {
      const rel = s.create(ContactBusinessRelation);
      await rel.validate('contactNo', other.no, { fromPage: true });
      await rel.validate('businessRelationCode', 'KLANT', { fromPage: true });
      await rel.insert(true);
    });
    expect(err.message).toBe('Business Relation Code KLANT is used when a Contact is linked with a Customer.');
  });

  test('When a relation names a klant that does not exist, or a person, then the table relation fails', async () => {
    const { tc, household } = await arrange();
    const err = await failsWithoutWriting(tc, (s) => addRelation(s, household.no, 'WZ', LinkToTable.Customer, 'K999'));
    expect(err.message).toBe(
      'The field No. of table Contact Business Relation contains a value (K999) that cannot be found in the related table (Customer).',
    );
    const person = await tc.run((s) => createPerson(s, household.no, 'CONTRACT'));
    const err2 = await failsWithoutWriting(tc, (s) => addRelation(s, person.no, 'WZ'));
    expect(err2.message).toBe(
      `The field Contact No. of table Contact Business Relation contains a value (${person.no}) that cannot be found in the related table (Contact).`,
    );
  });

  test('When relations are added and removed, then field 5086 of the household and its persons is recomputed', async () => {
    const { tc, household, customer } = await arrange();
    const person = await tc.run((s) => createPerson(s, household.no, 'CONTRACT', { initials: 'E.', surname: 'Yilmaz' }));
    const kind = async (no: string) => (await readContact(tc, no)).contactBusinessRelation;
    expect(await kind(person.no)).toBe(ContactBusinessRelationKind.Customer);

    await tc.run((s) => addRelation(s, household.no, 'WZ'));
    expect(await kind(household.no)).toBe(ContactBusinessRelationKind.Multiple);
    expect(await kind(person.no)).toBe(ContactBusinessRelationKind.Multiple);

    await tc.run(async (s) => (await s.get(Customer, customer.no)).delete(true));
    expect(await tc.run((s) => s.find(ContactBusinessRelation, {}))).toMatchObject([{ contactNo: household.no, businessRelationCode: 'WZ' }]);
    expect(await kind(household.no)).toBe(ContactBusinessRelationKind.Other);
    expect(await kind(person.no)).toBe(ContactBusinessRelationKind.Other);

    await tc.run(async (s) => (await s.get(ContactBusinessRelation, household.no, 'WZ')).delete(true));
    expect(await kind(household.no)).toBe(ContactBusinessRelationKind.None);
    expect(await kind(person.no)).toBe(ContactBusinessRelationKind.None);
  });
});

describe('Klant and household stay equal', () => {
  test('When the klant is modified, then the household follows (CustCont-Update.OnModify), and so do its persons', async () => {
    const { tc, customer, household } = await arrange();
    const person = await tc.run((s) => createPerson(s, household.no, 'CONTRACT', { initials: 'E.', surname: 'Yilmaz' }));
    await tc.run(async (s) => {
      const c = await s.get(Customer, customer.no);
      await c.validate('name', 'Fam. Yilmaz-Demir');
      await c.validate('phoneNo', '0313-33 33 33');
      await c.modify(true);
    });
    expect(await readContact(tc, household.no)).toMatchObject({
      name: 'Fam. Yilmaz-Demir',
      companyName: 'Fam. Yilmaz-Demir',
      searchName: 'FAM. YILMAZ-DEMIR',
      phoneNo: '0313-33 33 33',
      type: ContactType.Company,
      no: household.no,
    });
    expect(await readContact(tc, person.no)).toMatchObject({ companyName: 'Fam. Yilmaz-Demir', phoneNo: '0313-33 33 33' });
    expect(await tc.run((s) => s.get(Customer, customer.no))).toMatchObject({ name: 'Fam. Yilmaz-Demir', searchName: 'FAM. YILMAZ-DEMIR' });
  });

  test('When the household moves (Straat lookup), then the klant gets the new address (CustVendBank-Update)', async () => {
    const { tc, customer, household } = await arrange();
    await tc.run(async (s) => setOnCard(await s.get(Contact, household.no), 'street', '7395AC10A'));
    expect(await tc.run((s) => s.get(Customer, customer.no))).toMatchObject({
      no: 'K000001',
      noSeries: 'KLANT',
      name: 'Fam. Yilmaz',
      address: 'Dorpsstraat 10A',
      postCode: '7395 AC',
      city: 'Eikhorst',
      countryRegionCode: 'NL',
      contactType: ContactType.Company,
    });
  });

  test('When the household gets Empire name parts, then the klant takes the composed Naam', async () => {
    const { tc, customer, household } = await arrange();
    await tc.run(async (s) => {
      const h = await s.get(Contact, household.no);
      await h.validate('initials', 'E.', { fromPage: true });
      await h.validate('surname', 'Yilmaz', { fromPage: true });
      await h.modify(true);
    });
    expect(await tc.run((s) => s.get(Customer, customer.no))).toMatchObject({ name: 'E. Yilmaz', searchName: 'YILMAZ, E.' });
  });

  test('When the klant gets a contact person, then a person under the household becomes its Primary Contact No.', async () => {
    const { tc, customer, household } = await arrange();
    await tc.run(async (s) => {
      const c = await s.get(Customer, customer.no);
      await c.validate('contact', 'Emre Yilmaz');
    });
    const stored = await tc.run((s) => s.get(Customer, customer.no));
    const person = await readContact(tc, stored.primaryContactNo);
    expect(stored.contact).toBe('Emre Yilmaz');
    expect(person).toMatchObject({
      type: ContactType.Person,
      companyNo: household.no,
      name: 'Emre Yilmaz',
      firstName: 'Emre',
      surname: 'Yilmaz',
      contactBusinessRelation: ContactBusinessRelationKind.Customer,
      address: 'Molenweg 14',
    });
    await tc.run(async (s) => setOnCard(await s.get(Contact, person.no), 'surname', 'Yılmaz'));
    expect((await tc.run((s) => s.get(Customer, customer.no))).contact).toBe('Emre Yılmaz');
  });
});
