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
  HouseNoMissingErr: {
    text: 'Type a house number after postcode %1.',
    nl: 'Typ een huisnummer na postcode %1.',
    comment: '%1 = postcode',
    simulatorAuthored: true,
  },
  HouseNoNotValidErr: {
    text: 'House number %1 is not valid: a house number is a number from 1 to 99999.',
    nl: 'Huisnummer %1 is ongeldig: een huisnummer is een getal van 1 tot en met 99999.',
    comment: '%1 = house number as typed',
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
    comment: '%1 = postcode, %2 = house number, %3 = addition as typed, %4 = the valid house numbers with their additions',
    simulatorAuthored: true,
  },
  AdditionRequiredErr: {
    text: 'House number %2 at postcode %1 needs an addition. Valid additions: %3.',
    nl: 'Huisnummer %2 bij postcode %1 heeft een toevoeging nodig. Geldige toevoegingen: %3.',
    comment: '%1 = postcode, %2 = house number, %3 = the valid house numbers with their additions',
    simulatorAuthored: true,
  },
  AdditionAmbiguousErr: {
    text: 'House number %2 with addition %3 at postcode %1 can be more than one address. Type one of: %4.',
    nl: 'Huisnummer %2 met toevoeging %3 bij postcode %1 kan meer dan één adres zijn. Typ een van: %4.',
    comment: '%1 = postcode, %2 = house number, %3 = addition as typed, %4 = the matching house numbers with their additions',
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

/** A huisletter and a huisnummertoevoeging. */
export type AdditionCandidate = [houseLetter: string, houseNoAddition: string];

/** What a Straat entry is, before the postcode table is asked. */
export type StraatInput =
  | { kind: 'street' }
  | { kind: 'postCodeNotValid'; postCode: string }
  | { kind: 'houseNoMissing'; postCode: string }
  | { kind: 'houseNoNotValid'; houseNo: string }
  | { kind: 'additionNotValid'; addition: string }
  | {
      kind: 'address';
      /** `1234AB`: the postcode table's key. */
      postCode: string;
      houseNo: number;
      /** The tail as typed, without the separator after the number (`A`, `2`, `A-2`); '' for none. */
      addition: string;
      /** The tail in display form (`A`, `-2`, `A-2`): an address written exactly like this wins. */
      display: string;
      /** The readings of the tail, most likely first. */
      candidates: AdditionCandidate[];
    };

const POSTCODE_START = /^(\d{4}) ?([A-Z]{2})(?![A-Z])(.*)$/;
const BLACKLISTED = new Set(['SA', 'SD', 'SS']);

/**
 * Reads Empire's Straat input (empire-nl.md §2.5): postcode + house number +
 * letter/addition, typed without spaces (`1234AB12A`) or with them
 * (`1234 AB 12-2`). Anything not starting with four digits and a two-letter
 * word is a street name.
 * - All digits right after the postcode are the house number: `1234AB122`
 *   is number 122; a numeric addition needs a separator (`12-2`, `12 2`, `12/2`).
 * - A tail is read as huisletter + toevoeging (`A`, `A2`, `A-2`) or as one
 *   toevoeging (`BIS`, `2`); a `-` or `/` before it means toevoeging first.
 */
export function parseStraat(input: string): StraatInput {
  const text = input.trim().toUpperCase().replace(/\s+/g, ' ');
  const m = POSTCODE_START.exec(text);
  if (!m) return { kind: 'street' };
  const [, digits, letters, rest] = m;
  const postCode = `${digits} ${letters}`;
  if (digits.startsWith('0') || BLACKLISTED.has(letters)) return { kind: 'postCodeNotValid', postCode };
  const number = /^ ?(\d+)(.*)$/.exec(rest);
  if (!number) return { kind: 'houseNoMissing', postCode };
  const [, numberText, tail] = number;
  const houseNo = Number(numberText);
  if (numberText.length > 5 || houseNo < 1) return { kind: 'houseNoNotValid', houseNo: numberText };

  const addition = tail.trim();
  const [, separator, body] = /^([ \-/]*)(.*)$/.exec(tail)!;
  if (body === '') {
    if (/[-/]/.test(separator)) return { kind: 'additionNotValid', addition };
    return { kind: 'address', postCode: `${digits}${letters}`, houseNo, addition: '', display: '', candidates: [['', '']] };
  }
  const parts = body.split(/[ \-/]+/);
  if (parts.length > 2 || parts.some((p) => !/^[A-Z0-9]+$/.test(p))) return { kind: 'additionNotValid', addition };
  const explicit = /[-/]/.test(separator) || (separator !== '' && /^\d/.test(body));
  let candidates: AdditionCandidate[];
  if (parts.length === 2) {
    candidates = [[parts[0], parts[1]]];
  } else {
    const whole = parts[0];
    const letterFirst: AdditionCandidate[] = /^[A-Z]/.test(whole) ? [[whole[0], whole.slice(1)]] : [];
    const additionOnly: AdditionCandidate[] = [['', whole]];
    candidates = explicit ? [...additionOnly, ...letterFirst] : [...letterFirst, ...additionOnly];
  }
  candidates = candidates.filter(([letter, add]) => (letter === '' || /^[A-Z]$/.test(letter)) && add.length <= 4);
  if (candidates.length === 0) return { kind: 'additionNotValid', addition };
  const display = (explicit ? '-' : '') + parts.join('-');
  return { kind: 'address', postCode: `${digits}${letters}`, houseNo, addition: body.trim(), display, candidates };
}

/**
 * Empire's Straat lookup: postcode + house number (+ letter/addition)
 * resolves the whole address from the postcode table (street, city,
 * municipality, province). A street name resolves to null and stays as typed.
 * Every error names what the table does have at that house number.
 */
export class DutchAddressLookup {
  constructor(private readonly session: Session) {}

  async resolve(input: string): Promise<ResolvedAddress | null> {
    const s = this.session;
    const parsed = parseStraat(input);
    switch (parsed.kind) {
      case 'street':
        return null;
      case 'postCodeNotValid':
        return s.error(DutchAddressLabels.PostCodeNotValidErr, parsed.postCode);
      case 'houseNoMissing':
        return s.error(DutchAddressLabels.HouseNoMissingErr, parsed.postCode);
      case 'houseNoNotValid':
        return s.error(DutchAddressLabels.HouseNoNotValidErr, parsed.houseNo);
      case 'additionNotValid':
        return s.error(DutchAddressLabels.AdditionNotValidFormatErr, parsed.addition);
    }
    const { postCode, houseNo } = parsed;
    const display = postCodeDisplay(postCode);
    const rows = await s.find(DutchAddress, { postCode, houseNo });
    if (rows.length === 0) return s.error(DutchAddressLabels.AddressNotFoundErr, display, houseNo);
    const valid = rows.map((r) => houseNumberText(r)).join(', ');

    if (parsed.addition === '') {
      const plain = rows.find((r) => r.houseLetter === '' && r.houseNoAddition === '');
      if (!plain) return s.error(DutchAddressLabels.AdditionRequiredErr, display, houseNo, valid);
      return toResolved(plain);
    }
    const exact = rows.find((r) => additionText(r.houseLetter, r.houseNoAddition) === parsed.display);
    if (exact) return toResolved(exact);
    const hits = parsed.candidates
      .map(([letter, addition]) => rows.find((r) => r.houseLetter === letter && r.houseNoAddition === addition))
      .filter((r): r is DutchAddress => r !== undefined);
    if (hits.length === 1) return toResolved(hits[0]);
    if (hits.length > 1) {
      return s.error(DutchAddressLabels.AdditionAmbiguousErr, display, houseNo, parsed.addition, hits.map(houseNumberText).join(', '));
    }
    return s.error(DutchAddressLabels.AdditionNotValidErr, display, houseNo, parsed.addition, valid);
  }
}

/** The display form after the number: letter, then `-` and the addition (`A`, `-2`, `A-2`). */
export function additionText(letter: string, addition: string): string {
  return `${letter}${addition ? `-${addition}` : ''}`;
}

function houseNumberText(row: DutchAddress): string {
  return `${row.houseNo}${additionText(row.houseLetter, row.houseNoAddition)}`;
}

function postCodeDisplay(postCode: string): string {
  return `${postCode.slice(0, 4)} ${postCode.slice(4)}`;
}

function toResolved(row: DutchAddress): ResolvedAddress {
  return {
    postCode: postCodeDisplay(row.postCode),
    houseNo: row.houseNo,
    houseLetter: row.houseLetter,
    houseNoAddition: row.houseNoAddition,
    street: row.street,
    addressLine: `${row.street} ${houseNumberText(row)}`.slice(0, 100),
    city: row.city,
    municipality: row.municipality,
    province: row.province,
  };
}
