/**
 * Empire's Naam from the Dutch name parts: Initialen (or the first name) +
 * Tussenvoegsels + Achternaam, "J.P. van der Berg". Tussenvoegsels stay as
 * typed after initials (lower case is the Dutch rule, registered capitals
 * are kept); without initials or first name the name starts with a capital,
 * "Van der Berg" (taaladvies.net; BRP aanschrijfwijze, empire-nl.md §3.2).
 */
export function composeContactName(initials: string, middleName: string, surname: string): string {
  const parts = [initials, middleName, surname].map((p) => p.trim()).filter((p) => p !== '');
  if (initials.trim() === '' && middleName.trim() !== '' && parts.length > 0) parts[0] = capitalizeFirst(parts[0]);
  return parts.join(' ').slice(0, 100);
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

function capitalizeFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
