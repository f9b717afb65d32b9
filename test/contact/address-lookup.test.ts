// [FEATURE] [Contact] [Empire] Straat: postcode + huisnummer (+ toevoeging) resolves the address (empire-nl.md §2.5).
import { Contact } from '../../entities';
import { parseStraat } from '../../codeunits/foundation/DutchAddressLookup.Codeunit';
import { closeSharedSimulator, newTestCompany, TestCompany } from '../library/LibraryMarketing';
import {
  createDutchAddresses,
  failsWithoutWriting,
  newContactCard,
  readContact,
  setOnCard,
  TEST_MUNICIPALITY,
  TEST_PROVINCE,
} from '../library/LibraryContact';

afterAll(closeSharedSimulator);

async function arrange(): Promise<{ tc: TestCompany; no: string }> {
  const tc = await newTestCompany();
  const c = await tc.run(async (s) => {
    await createDutchAddresses(s);
    return newContactCard(s);
  });
  return { tc, no: c.no };
}

async function typeStraat(tc: TestCompany, no: string, text: string): Promise<Contact> {
  await tc.run(async (s) => setOnCard(await s.get(Contact, no), 'street', text));
  return readContact(tc, no);
}

describe('parseStraat', () => {
  test.each([
    ['1234AB12', { postCode: '1234AB', houseNo: 12, display: '', candidates: [['', '']] }],
    ['1234ab12a', { postCode: '1234AB', houseNo: 12, display: 'A', candidates: [['A', ''], ['', 'A']] }],
    ['1234 AB 12-2', { postCode: '1234AB', houseNo: 12, display: '-2', candidates: [['', '2']] }],
    ['1234AB12 2', { postCode: '1234AB', houseNo: 12, display: '-2', candidates: [['', '2']] }],
    ['1234AB12/2', { postCode: '1234AB', houseNo: 12, display: '-2', candidates: [['', '2']] }],
    ['1234AB 12 A', { postCode: '1234AB', houseNo: 12, display: 'A', candidates: [['A', ''], ['', 'A']] }],
    ['1234AB12-A', { postCode: '1234AB', houseNo: 12, display: '-A', candidates: [['', 'A'], ['A', '']] }],
    ['1234AB12A2', { postCode: '1234AB', houseNo: 12, display: 'A2', candidates: [['A', '2'], ['', 'A2']] }],
    ['1234AB12A-2', { postCode: '1234AB', houseNo: 12, display: 'A-2', candidates: [['A', '2']] }],
    ['1234AB27BIS', { postCode: '1234AB', houseNo: 27, display: 'BIS', candidates: [['B', 'IS'], ['', 'BIS']] }],
    ['1234AB122', { postCode: '1234AB', houseNo: 122, display: '', candidates: [['', '']] }],
    ['  1234ab  12  ', { postCode: '1234AB', houseNo: 12, display: '', candidates: [['', '']] }],
  ])('%s is read as an address', (input, expected) => {
    expect(parseStraat(input)).toMatchObject({ kind: 'address', ...expected });
  });

  test.each([
    ['Dorpsstraat', { kind: 'street' }],
    ['2e Hugo de Grootstraat 5', { kind: 'street' }],
    ['1000 Jaarlaan 4', { kind: 'street' }],
    ['0123AB12', { kind: 'postCodeNotValid', postCode: '0123 AB' }],
    ['1234SA12', { kind: 'postCodeNotValid', postCode: '1234 SA' }],
    ['1234 SD 1', { kind: 'postCodeNotValid', postCode: '1234 SD' }],
    ['1234SS1', { kind: 'postCodeNotValid', postCode: '1234 SS' }],
    ['1234AB', { kind: 'houseNoMissing', postCode: '1234 AB' }],
    ['1234AB-A', { kind: 'houseNoMissing', postCode: '1234 AB' }],
    ['1234AB0', { kind: 'houseNoNotValid', houseNo: '0' }],
    ['1234AB123456', { kind: 'houseNoNotValid', houseNo: '123456' }],
    ['1234AB12-', { kind: 'additionNotValid', addition: '-' }],
    ['1234AB12ABCDEF', { kind: 'additionNotValid', addition: 'ABCDEF' }],
    ['1234AB12A-B-C', { kind: 'additionNotValid', addition: 'A-B-C' }],
    ['1234AB12 2-3', { kind: 'additionNotValid', addition: '2-3' }],
    ['1234AB12#', { kind: 'additionNotValid', addition: '#' }],
  ])('%s is %o', (input, expected) => {
    expect(parseStraat(input)).toEqual(expected);
  });
});

describe('Straat lookup on the contact card', () => {
  test('When 7391AG12A is typed in Straat, then street, number, letter, postcode, city, municipality and province are filled in', async () => {
    const { tc, no } = await arrange();
    const c = await typeStraat(tc, no, '7391AG12A');
    expect(c).toMatchObject({
      street: 'Molenweg',
      houseNo: 12,
      houseLetter: 'A',
      houseNoAddition: '',
      address: 'Molenweg 12A',
      postCode: '7391 AG',
      city: 'Lindeveld',
      municipality: TEST_MUNICIPALITY,
      county: TEST_PROVINCE,
      countryRegionCode: 'NL',
    });
  });

  test.each([
    ['7391AG12', 'Molenweg 12', 12, '', ''],
    ['7391 ag 12', 'Molenweg 12', 12, '', ''],
    ['7391BA 2-2', 'Kastanjehof 2-2', 2, '', '2'],
    ['7391BA2/1', 'Kastanjehof 2-1', 2, '', '1'],
    ['7391BE20A-2', 'Populierenplein 20A-2', 20, 'A', '2'],
    ['7391BE20A2', 'Populierenplein 20A-2', 20, 'A', '2'],
    ['7391BE 20 A 1', 'Populierenplein 20A-1', 20, 'A', '1'],
    ['7391CB27BIS', 'Stationsweg 27-BIS', 27, '', 'BIS'],
    ['7391CB27-bis', 'Stationsweg 27-BIS', 27, '', 'BIS'],
    ['7395AC122', 'Dorpsstraat 122', 122, '', ''],
    ['7395AC10A', 'Dorpsstraat 10A', 10, 'A', ''],
    ['7395AC10-A', 'Dorpsstraat 10-A', 10, '', 'A'],
    ['7395AE5A-2', 'Kerkpad 5A-2', 5, 'A', '2'],
    ['7395AE5-A2', 'Kerkpad 5-A2', 5, '', 'A2'],
  ])('When %s is typed, then the address is %s', async (input, address, houseNo, letter, addition) => {
    const { tc, no } = await arrange();
    const c = await typeStraat(tc, no, input);
    expect(c).toMatchObject({ address, houseNo, houseLetter: letter, houseNoAddition: addition });
  });

  test('When an ordinary street name is typed, then it is kept as typed and nothing else changes', async () => {
    const { tc, no } = await arrange();
    const c = await typeStraat(tc, no, 'Lange Nieuwstraat');
    expect(c).toMatchObject({ street: 'Lange Nieuwstraat', address: '', postCode: '', city: '', houseNo: 0, countryRegionCode: '' });
  });

  test('When the address was resolved before, then a new postcode + number replaces all parts', async () => {
    const { tc, no } = await arrange();
    await typeStraat(tc, no, '7391BE20A1');
    const c = await typeStraat(tc, no, '7395AC10');
    expect(c).toMatchObject({ address: 'Dorpsstraat 10', houseLetter: '', houseNoAddition: '', postCode: '7395 AC', city: 'Eikhorst' });
  });

  test.each([
    ['0391AG12', 'Postcode 0391 AG is not valid. A Dutch postcode is four digits, the first not 0, and two letters other than SA, SD and SS.'],
    ['7391SA12', 'Postcode 7391 SA is not valid. A Dutch postcode is four digits, the first not 0, and two letters other than SA, SD and SS.'],
    ['7391SD12', 'Postcode 7391 SD is not valid. A Dutch postcode is four digits, the first not 0, and two letters other than SA, SD and SS.'],
    ['7391SS12', 'Postcode 7391 SS is not valid. A Dutch postcode is four digits, the first not 0, and two letters other than SA, SD and SS.'],
    ['7391AG', 'Type a house number after postcode 7391 AG.'],
    ['7391AG0', 'House number 0 is not valid: a house number is a number from 1 to 99999.'],
    ['7391AG99', 'The postcode table has no address with postcode 7391 AG and house number 99.'],
    ['9999ZZ1', 'The postcode table has no address with postcode 9999 ZZ and house number 1.'],
    ['7391AG12C', 'House number 12 at postcode 7391 AG has no addition C. Valid additions: 12, 12A, 12B.'],
    ['7391AG12-1', 'House number 12 at postcode 7391 AG has no addition 1. Valid additions: 12, 12A, 12B.'],
    ['7391BD14', 'House number 14 at postcode 7391 BD needs an addition. Valid additions: 14A, 14B.'],
    ['7391BA2', 'House number 2 at postcode 7391 BA needs an addition. Valid additions: 2-1, 2-2.'],
    ['7391BA2-3', 'House number 2 at postcode 7391 BA has no addition 3. Valid additions: 2-1, 2-2.'],
    ['7395AE5A2', 'House number 5 with addition A2 at postcode 7395 AE can be more than one address. Type one of: 5A-2, 5-A2.'],
    ['7391AG12ABCDEF', 'The house number addition ABCDEF is not valid: use at most one letter and four letters or digits.'],
  ])('When %s is typed, then the lookup fails clearly and nothing is written', async (input, message) => {
    const { tc, no } = await arrange();
    const err = await failsWithoutWriting(tc, async (s) => setOnCard(await s.get(Contact, no), 'street', input));
    expect(err.message).toBe(message);
    expect(err.code).toBe('Application_DialogException');
  });

  test('When a Dutch-speaking user types a wrong addition, then the text is Dutch', async () => {
    const { tc, no } = await arrange();
    let message = '';
    try {
      await tc.sim.run(tc.companyId, { userId: 'TESTER', language: 'nl-NL' }, async (s) =>
        setOnCard(await s.get(Contact, no), 'street', '7391AG12C'),
      );
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe('Huisnummer 12 bij postcode 7391 AG heeft geen toevoeging C. Geldige toevoegingen: 12, 12A, 12B.');
  });
});
