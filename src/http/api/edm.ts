/**
 * OData (EDM) spellings of BC values. BC publishes option and enum members
 * under their names with every character that is not allowed in an XML name
 * encoded as `_xHHHH_` (.NET XmlConvert.EncodeName): `In Progress` is
 * `In_x0020_Progress`, the blank member `' '` is `_x0020_`.
 */
export function encodeEdmName(name: string): string {
  // Option names are few and written on every row of a list.
  let out = encoded.get(name);
  if (out !== undefined) return out;
  out = '';
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    const allowed = i === 0 ? /[A-Za-z_]/ : /[A-Za-z0-9_]/;
    out += allowed.test(ch) ? ch : `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;
  }
  if (encoded.size < 10_000) encoded.set(name, out);
  return out;
}
const encoded = new Map<string, string>();

export function decodeEdmName(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** BC's API writes the blank date 0D as 0001-01-01 and the blank DateTime 0DT as 0001-01-01T00:00:00Z. */
export const BLANK_DATE = '0001-01-01';
export const BLANK_TIME = '00:00:00';
export const BLANK_DATETIME = '0001-01-01T00:00:00Z';

/** BC's null GUID as the API writes it; the simulator stores it as ''. */
export const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

export { isGuid } from '../../runtime/FieldValues';
