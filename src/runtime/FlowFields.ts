import { blankValue } from './FieldValues';
import type { CalcFormula, FieldMeta, TableMeta } from './Metadata';
import { tableMeta } from './Metadata';
import type { RowValues } from './RecordStore';
import type { Session } from './Session';

/**
 * AL CalcFields: the values of FlowFields, computed through the record store
 * for many rows at once. A list asks for its page of rows together, so a
 * lookup costs one query per page, not one per row: the rows' filter values
 * are read with one `A|B|…` filter when the formula has one `field(...)`
 * condition (the usual case: a lookup by the other table's key).
 */

/** One FlowField's value for each row (records or row values that carry the fields the formula reads). */
export async function flowFieldValues(session: Session, field: FieldMeta, rows: readonly RowValues[]): Promise<unknown[]> {
  const formula = field.calcFormula;
  if (!formula) throw new Error(`${field.name} is not a FlowField`);
  if (!rows.length) return [];
  const target = tableMeta(formula.table());
  const constants: Record<string, unknown> = {};
  const links: [targetProperty: string, sourceProperty: string][] = [];
  for (const [property, condition] of Object.entries(formula.where)) {
    target.field(property); // a misspelt filter field fails here, as AL's compiler would refuse it
    if ('const' in condition) constants[property] = condition.const;
    else links.push([property, condition.field]);
  }
  const keyOf = (row: RowValues, side: 0 | 1) => JSON.stringify(links.map((l) => row[l[side]] ?? ''));
  const groups = new Map<string, RowValues>();
  for (const row of rows) groups.set(keyOf(row, 1), row);
  const matches = await matchingRows(session, target, formula, constants, links, [...groups.values()]);
  const byKey = new Map<string, RowValues[]>();
  for (const match of matches) {
    const key = keyOf(match, 0);
    const list = byKey.get(key);
    if (list) list.push(match);
    else byKey.set(key, [match]);
  }
  return rows.map((row) => valueOf(formula, field, byKey.get(keyOf(row, 1)) ?? []));
}

/** The properties of its own table a FlowField's formula reads (its `field(...)` conditions). */
export function flowFieldReads(field: FieldMeta): string[] {
  return Object.values(field.calcFormula?.where ?? {}).flatMap((c) => ('field' in c ? [c.field] : []));
}

/** AL Rec.CalcFields(Field1, Field2, …) for several records of one table (a list's page): the values are set on them. */
export async function calcFields(
  session: Session,
  meta: TableMeta,
  records: readonly object[],
  properties: readonly string[],
): Promise<void> {
  for (const property of properties) {
    const field = meta.field(property);
    const values = await flowFieldValues(session, field, records as RowValues[]);
    records.forEach((rec, i) => ((rec as Record<string, unknown>)[property] = values[i]));
  }
}

/** The other table's rows that match any of the groups, in its primary-key order (a lookup takes the first). */
async function matchingRows(
  session: Session,
  target: TableMeta,
  formula: CalcFormula,
  constants: Record<string, unknown>,
  links: [string, string][],
  groups: RowValues[],
): Promise<RowValues[]> {
  if (links.length === 1) {
    const [targetProperty, sourceProperty] = links[0];
    const values = groups.map((g) => g[sourceProperty] ?? '');
    const isKey = target.primaryKey.length === 1 && target.primaryKey[0].property === targetProperty;
    // A Get when it can be one: served from what the transaction or the setup cache already holds.
    if (values.length === 1 && isKey && !Object.keys(constants).length) {
      const row = await session.store.get(target, values);
      return row ? [row] : [];
    }
    return session.store.find(target, { ...constants, [targetProperty]: values.length === 1 ? values[0] : values }, undefined);
  }
  const out: RowValues[] = [];
  for (const group of groups) {
    const where = { ...constants, ...Object.fromEntries(links.map(([t, s]) => [t, group[s] ?? ''])) };
    out.push(...(await session.store.find(target, where, undefined, formula.method === 'count' ? undefined : 1)));
  }
  return out;
}

function valueOf(formula: CalcFormula, field: FieldMeta, matches: RowValues[]): unknown {
  switch (formula.method) {
    case 'exist':
      return matches.length > 0;
    case 'count':
      return matches.length;
    case 'lookup':
      return matches.length ? matches[0][formula.field!] : blankValue(field);
  }
}
