/**
 * Empire's Naam from the Dutch name parts: Initialen + Tussenvoegsels +
 * Achternaam, "J.P. van der Berg". Tussenvoegsels stay as typed (lower case
 * after initials is the Dutch rule; registered capitals are kept).
 */
export function composeContactName(initials: string, middleName: string, surname: string): string {
  return [initials, middleName, surname]
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .join(' ')
    .slice(0, 100);
}

/**
 * The search name sorts on the surname core, as Dutch lists do:
 * "Berg, J.P. van der" (taaladvies.net, alfabetische rangschikking).
 * Without a surname it is the Name itself.
 */
export function composeSearchName(initials: string, middleName: string, surname: string, name: string): string {
  const core = surname.trim();
  if (core === '') return name.slice(0, 100);
  const rest = [initials, middleName]
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .join(' ');
  return (rest ? `${core}, ${rest}` : core).slice(0, 100);
}
