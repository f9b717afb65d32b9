/**
 * The demo company's postcode table (Empire's Postcodetabel): every address
 * of the fictional municipality Lindeveld, with its village Eikhorst.
 *
 * FICTIONAL. The places, streets and the combination of postcode and house
 * number are made up for the simulator; a postcode may happen to exist in the
 * real BAG, the address does not. Format rules follow empire-nl.md §2.1–2.2:
 * postcode = 4 digits (first not 0) + 2 letters other than SA/SD/SS; one
 * postcode per street side and block; huisletter 0–1 letter; toevoeging up to
 * four letters or digits.
 *
 * Cases the Straat lookup (DutchAddressLookup) must handle, on purpose:
 * - plain and lettered addresses on one number: Molenweg 12, 12A, 12B
 *   (7391 AG) and Dorpsstraat 10, 10A (7395 AC), Vlierstraat 9, 9A (7391 BH);
 * - letters only, no plain number: Beukenstraat 14A, 14B (7391 BD);
 * - toevoegingen only (portiekflats): Kastanjehof 2-1 … 10-8 (7391 BA/BB),
 *   Brink 3-1 … 3-3 (7391 CA);
 * - huisletter + toevoeging: Populierenplein 20A-1 … 22B-4 (7391 BE);
 * - a word as toevoeging: Stationsweg 27-BIS next to 27 (7391 CB).
 */

export interface DemoAddress {
  /** `7391AB`: no space, as the table stores it. */
  postCode: string;
  houseNo: number;
  houseLetter: string;
  houseNoAddition: string;
  street: string;
  city: string;
  municipality: string;
  province: string;
}

export const DEMO_MUNICIPALITY = 'Lindeveld';
export const DEMO_PROVINCE = 'Gelderland';

/** A block of one street side with one postcode; numbers as written on the door: `12`, `12A`, `14-2`, `20A-2`, `27-BIS`. */
interface Block {
  postCode: string;
  street: string;
  city: string;
  numbers: string[];
}

/** `from`..`to` in steps of `step`, as door numbers. */
function range(from: number, to: number, step = 1): string[] {
  const out: string[] = [];
  for (let n = from; n <= to; n += step) out.push(String(n));
  return out;
}

/** `base` with toevoegingen 1..count: `2-1`, `2-2`, ... */
function flats(base: string, count: number): string[] {
  return range(1, count).map((i) => `${base}-${i}`);
}

/** Replaces `n` in a list by `replacement` (keeps order). */
function replace(numbers: string[], n: string, ...replacement: string[]): string[] {
  return numbers.flatMap((x) => (x === n ? replacement : [x]));
}

/** Inserts `extra` right after `n`. */
function after(numbers: string[], n: string, ...extra: string[]): string[] {
  return numbers.flatMap((x) => (x === n ? [x, ...extra] : [x]));
}

const LINDEVELD = 'Lindeveld';
const EIKHORST = 'Eikhorst';

const BLOCKS: Block[] = [
  // Lindeveld, 7391: the corporation's main estate
  { postCode: '7391AB', street: 'Lindelaan', city: LINDEVELD, numbers: range(1, 31, 2) },
  { postCode: '7391AC', street: 'Lindelaan', city: LINDEVELD, numbers: range(2, 32, 2) },
  { postCode: '7391AE', street: 'Molenweg', city: LINDEVELD, numbers: after(range(1, 25, 2), '7', '7A') },
  { postCode: '7391AG', street: 'Molenweg', city: LINDEVELD, numbers: after(range(2, 24, 2), '12', '12A', '12B') },
  {
    postCode: '7391BA',
    street: 'Kastanjehof',
    city: LINDEVELD,
    numbers: [...flats('2', 8), ...flats('4', 8), ...flats('6', 8)],
  },
  { postCode: '7391BB', street: 'Kastanjehof', city: LINDEVELD, numbers: [...flats('8', 8), ...flats('10', 8)] },
  { postCode: '7391BC', street: 'Beukenstraat', city: LINDEVELD, numbers: range(1, 39, 2) },
  { postCode: '7391BD', street: 'Beukenstraat', city: LINDEVELD, numbers: replace(range(2, 40, 2), '14', '14A', '14B') },
  {
    postCode: '7391BE',
    street: 'Populierenplein',
    city: LINDEVELD,
    numbers: ['18', ...flats('20A', 4), ...flats('20B', 4), ...flats('22A', 4), ...flats('22B', 4)],
  },
  { postCode: '7391BG', street: 'Esdoornpad', city: LINDEVELD, numbers: range(1, 29) },
  { postCode: '7391BH', street: 'Vlierstraat', city: LINDEVELD, numbers: after(range(1, 21, 2), '9', '9A') },
  { postCode: '7391BJ', street: 'Vlierstraat', city: LINDEVELD, numbers: range(2, 22, 2) },
  { postCode: '7391BK', street: 'Wilgenhof', city: LINDEVELD, numbers: range(1, 16) },
  {
    postCode: '7391CA',
    street: 'Brink',
    city: LINDEVELD,
    numbers: ['1', '2', ...flats('3', 3), '4', '5', '5A', ...range(6, 12)],
  },
  { postCode: '7391CB', street: 'Stationsweg', city: LINDEVELD, numbers: after(range(1, 45, 2), '27', '27-BIS') },
  { postCode: '7391CC', street: 'Stationsweg', city: LINDEVELD, numbers: range(2, 46, 2) },
  // Lindeveld, 7392: business park (suppliers)
  { postCode: '7392HK', street: 'Industrieweg', city: LINDEVELD, numbers: range(2, 20, 2) },
  // Eikhorst, 7395: the village
  { postCode: '7395AB', street: 'Dorpsstraat', city: EIKHORST, numbers: range(1, 35, 2) },
  { postCode: '7395AC', street: 'Dorpsstraat', city: EIKHORST, numbers: after(range(2, 36, 2), '10', '10A') },
  { postCode: '7395AE', street: 'Kerkpad', city: EIKHORST, numbers: range(1, 12) },
  { postCode: '7395AG', street: 'Eikenlaan', city: EIKHORST, numbers: range(1, 23, 2) },
  { postCode: '7395AH', street: 'Eikenlaan', city: EIKHORST, numbers: range(2, 24, 2) },
  { postCode: '7395AJ', street: 'De Hoeve', city: EIKHORST, numbers: range(1, 10) },
];

const DOOR_NUMBER = /^(\d{1,5})([A-Z]?)(?:-([A-Z0-9]{1,4}))?$/;

/** `20A-2` → 20, 'A', '2'. */
export function parseDoorNumber(door: string): { houseNo: number; houseLetter: string; houseNoAddition: string } {
  const m = DOOR_NUMBER.exec(door);
  if (!m) throw new Error(`Bad door number in the demo address table: ${door}`);
  return { houseNo: Number(m[1]), houseLetter: m[2], houseNoAddition: m[3] ?? '' };
}

/** Every address of the demo postcode table, in table order. */
export function demoAddresses(): DemoAddress[] {
  return BLOCKS.flatMap((b) =>
    b.numbers.map((door) => ({
      postCode: b.postCode,
      ...parseDoorNumber(door),
      street: b.street,
      city: b.city,
      municipality: DEMO_MUNICIPALITY,
      province: DEMO_PROVINCE,
    })),
  );
}
