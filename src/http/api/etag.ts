/**
 * Weak ETags in BC's shape: BC's `W/"JzIwOzEyMjU1NzUwNjQ3MjkxMTQ0Mjg5MTswMDsn"`
 * is base64 of `'20;12255750647291144289;00;'` (length;row version;00;).
 * The simulator's row version is per record, so the SystemId goes in too:
 * the tag differs between records and changes with every Modify.
 */
export function etagOf(rec: { systemId: string; rowVersion: number }): string {
  const known = lastTags.get(rec.systemId);
  if (known !== undefined && known.rowVersion === rec.rowVersion) return known.tag;
  const inner = `${rec.rowVersion};${rec.systemId.replace(/-/g, '').toUpperCase()}`;
  const tag = `W/"${Buffer.from(`'${inner.length};${inner};00;'`).toString('base64')}"`;
  if (lastTags.size >= MAX_REMEMBERED_TAGS) lastTags.clear();
  lastTags.set(rec.systemId, { rowVersion: rec.rowVersion, tag });
  return tag;
}

/**
 * The last tag made per SystemId: a list or an expansion answers the same rows again and again, and
 * making a tag (a Buffer and its base64 per row) was a tenth of a page's own work. Bounded: emptied when full.
 */
const lastTags = new Map<string, { rowVersion: number; tag: string }>();
const MAX_REMEMBERED_TAGS = 50_000;

/** If-Match: `*`, or a list of tags of which one must be current (weak comparison). */
export function ifMatchAccepts(header: string, currentTag: string): boolean {
  // The usual If-Match: the tag as the entity gave it.
  if (header === currentTag) return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const current = opaque(currentTag);
  return splitTags(header).some((t) => t === '*' || opaque(t) === current);
}

function splitTags(header: string): string[] {
  const tags: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      tags.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) tags.push(current.trim());
  return tags;
}
