import { DutchAddress } from '../../entities/Empire/DutchAddress.Table';
import { defineLabels } from '../../src/runtime/Labels';
import { Session } from '../../src/runtime/Session';

/** Empire's own texts (not public): written for the simulator, en-US and nl-NL. */
export const DutchAddressLabels = defineLabels('Dutch Address', {
  PostCodeNotValidErr: {
    text: 'Postcode %1 is not valid. A Dutch postcode is four digits, the first not 0, and two letters other than SA, SD and SS.',
    nl: 'Postcode %1 is ongeldig. Een Nederlandse postcode bestaat uit vier cijfers, het eerste geen 0, en twee letters anders dan SA, SD en SS.',
    comment: '%1 = postcode as typed',
    simulatorAuthored: true,
  },
  AddressNotFoundErr: {
    text: 'The postcode table has no address with postcode %1 and house number %2.',
    nl: 'De postcodetabel bevat geen adres met postcode %1 en huisnummer %2.',
    comment: '%1 = postcode, %2 = house number',
    simulatorAuthored: true,
  },
  AdditionNotValidErr: {
    text: 'House number %2 at postcode %1 has no addition %3. Valid additions: %4.',
    nl: 'Huisnummer %2 bij postcode %1 heeft geen toevoeging %3. Geldige toevoegingen: %4.',
    comment: '%1 = postcode, %2 = house number, %3 = addition as typed, %4 = valid additions',
    simulatorAuthored: true,
  },
  AdditionRequiredErr: {
    text: 'House number %2 at postcode %1 has more than one address. Type one of these additions: %3.',
    nl: 'Huisnummer %2 bij postcode %1 heeft meer dan één adres. Typ een van deze toevoegingen: %3.',
    comment: '%1 = postcode, %2 = house number, %3 = valid additions',
    simulatorAuthored: true,
  },
  AdditionNotValidFormatErr: {
    text: 'The house number addition %1 is not valid: use at most one letter and four letters or digits.',
    nl: 'De toevoeging %1 is ongeldig: gebruik hoogstens één letter en vier letters of cijfers.',
    comment: '%1 = addition as typed',
    simulatorAuthored: true,
  },
});

export interface ResolvedAddress {
  /** `1234 AB`: the official spelling, with a space. */
  postCode: string;
  houseNo: number;
  houseLetter: string;
  houseNoAddition: string;
  street: string;
  /** `Dorpsstraat 12A-2`: street and the display form of the number (PDOK huis_nlt). */
  addressLine: string;
  city: string;
  municipality: string;
  province: string;
}

const POSTCODE_AND_NUMBER = /^([1-9]\d{3})\s*([A-Z]{2})\s*(\d{1,5})(.*)$/;
const LOOKS_LIKE_POSTCODE = /^\d{4}\s*[A-Z]{2}(\s|\d|$)/;
const BLACKLISTED = new Set(['SA', 'SD', 'SS']);

/**
 * Empire's Straat lookup: postcode + house number (+ letter/addition) typed
 * without spaces (`1234AB12A`, also `1234 AB 12-2`) resolves the whole
 * address from the postcode table. Anything not shaped like a postcode is an
 * ordinary street name and resolves to null. Parsing rules: empire-nl.md §2.5.
 */
export class DutchAddressLookup {
  constructor(private readonly session: Session) {}

  async resolve(input: string): Promise<ResolvedAddress | null> {
    const text = input.trim().toUpperCase();
    const m = POSTCODE_AND_NUMBER.exec(text);
    if (!m) {
      if (LOOKS_LIKE_POSTCODE.test(text)) this.session.error(DutchAddressLabels.PostCodeNotValidErr, text.slice(0, 7).trim());
      return null;
    }
    const [, digits, letters, numberText, rest] = m;
    const postCode = `${digits}${letters}`;
    const display = `${digits} ${letters}`;
    if (BLACKLISTED.has(letters)) this.session.error(DutchAddressLabels.PostCodeNotValidErr, display);
    const houseNo = Number(numberText);
    const tail = rest.trim().replace(/^[-/]\s*/, '').replace(/\s+/g, '');
    if (!/^[A-Z0-9]{0,5}$/.test(tail)) this.session.error(DutchAddressLabels.AdditionNotValidFormatErr, rest.trim());

    const rows = await this.session.find(DutchAddress, { postCode, houseNo });
    if (rows.length === 0) this.session.error(DutchAddressLabels.AddressNotFoundErr, display, houseNo);
    const valid = rows.map((r) => additionText(r.houseLetter, r.houseNoAddition));
    const list = valid.map((v) => (v === '' ? '(geen)' : v)).join(', ');

    if (tail === '') {
      const plain = rows.find((r) => r.houseLetter === '' && r.houseNoAddition === '');
      if (plain) return this.toResolved(plain);
      if (rows.length === 1) return this.session.error(DutchAddressLabels.AdditionRequiredErr, display, houseNo, list);
      return this.session.error(DutchAddressLabels.AdditionRequiredErr, display, houseNo, list);
    }
    for (const [letter, addition] of candidates(tail)) {
      const hit = rows.find((r) => r.houseLetter === letter && r.houseNoAddition === addition);
      if (hit) return this.toResolved(hit);
    }
    return this.session.error(DutchAddressLabels.AdditionNotValidErr, display, houseNo, tail, list);
  }

  private toResolved(row: DutchAddress): ResolvedAddress {
    const number = `${row.houseNo}${additionText(row.houseLetter, row.houseNoAddition)}`;
    return {
      postCode: `${row.postCode.slice(0, 4)} ${row.postCode.slice(4)}`,
      houseNo: row.houseNo,
      houseLetter: row.houseLetter,
      houseNoAddition: row.houseNoAddition,
      street: row.street,
      addressLine: `${row.street} ${number}`.slice(0, 100),
      city: row.city,
      municipality: row.municipality,
      province: row.province,
    };
  }
}

/** The display form after the number: letter, then `-` and the addition (`A`, `-2`, `A-2`). */
export function additionText(letter: string, addition: string): string {
  return `${letter}${addition ? `-${addition}` : ''}`;
}

/** How a typed tail can be read: letter + addition first, then the whole tail as an addition. */
function candidates(tail: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (/^[A-Z]/.test(tail)) out.push([tail[0], tail.slice(1)]);
  out.push(['', tail]);
  return out;
}
