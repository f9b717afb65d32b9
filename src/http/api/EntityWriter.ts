import type { ApiPageDefinition } from '../../../pages/api/ApiPage';
import type { Session } from '../../runtime/Session';
import { computedValues, EntitySource, FieldInfo, shownFields, ShownFields, toJson } from './EntityCodec';
import { etagOf } from './etag';

/**
 * Entities written straight to JSON text, the same bytes as JSON.stringify
 * of the entity built as an object (test/http/entityWriter.test.ts keeps
 * that form as its oracle): objects built only to be stringified were a
 * tenth of a list request's CPU with the garbage they left. The writer of a
 * page and $select is made once (kept on its ShownFields); values are
 * formatted by toJson. Every response's entities are written here, a deep
 * insert's nested ones too.
 */

/** An entity's JSON without its closing brace: expansions are appended before it is closed. */
export type EntityWriter = (values: Record<string, unknown>, computed: Map<string, unknown[]>, i: number) => string;

/** Entities of one page as JSON texts, each still open (no closing `}`): append navigation properties, then close. */
export async function writeOpenEntities(
  page: ApiPageDefinition<any>,
  rows: readonly EntitySource[],
  session: Session,
  select?: ReadonlySet<string>,
): Promise<string[]> {
  const shown = shownFields(page, select);
  const computed = await computedValues(shown, rows, session);
  const write = (shown.writer ??= compile(shown));
  const out: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = write(rows[i] as Record<string, unknown>, computed, i);
  return out;
}

function compile(shown: ShownFields): EntityWriter {
  // A stream property (OData media) is not part of the entity's JSON.
  const parts = shown.fields
    .filter((f) => f.kind !== 'stream')
    .map((f) => ({ key: `,${JSON.stringify(f.name)}:`, name: f.name, property: f.property, write: valueWriter(f) }));
  return (values, computed, i) => {
    let out = `{"@odata.etag":${JSON.stringify(etagOf(values as { systemId: string; rowVersion: number }))}`;
    for (const p of parts) out += p.key + p.write(p.property === undefined ? computed.get(p.name)![i] : values[p.property]);
    return out;
  };
}

/** A field's value as JSON text: toJson's value, with the common kinds short-cut to the same text. */
function valueWriter(f: FieldInfo): (value: unknown) => string {
  switch (f.kind) {
    case 'Code':
    case 'Text':
    case 'string':
      return (v) => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(toJson(f, v)));
    case 'Boolean':
      return (v) => (v ? 'true' : 'false');
    case 'Option': {
      // An option field has a handful of values: each one's name is encoded once.
      const names = new Map<unknown, string>();
      return (v) => {
        let text = names.get(v);
        if (text === undefined) {
          text = JSON.stringify(toJson(f, v));
          if (names.size < 1000) names.set(v, text);
        }
        return text;
      };
    }
    default:
      return (v) => JSON.stringify(toJson(f, v));
  }
}
