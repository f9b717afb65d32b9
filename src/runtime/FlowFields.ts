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
  // field(filter(X)): a blank X sets no filter, so rows with and without a value fall in different groups.
  const optional = new Set<string>();
  for (const [property, condition] of Object.entries(formula.where)) {
    target.field(property); // a misspelt filter field fails here, as AL's compiler would refuse it
    if ('const' in condition) constants[property] = condition.const;
    else {
      links.push([property, condition.field]);
      if (condition.filter) optional.add(property);
    }
  }
  const keyOf = (row: RowValues, side: 0 | 1) => JSON.stringify(links.map((l) => row[l[side]] ?? ''));
  const groups = new Map<string, RowValues>();
  for (const row of rows) groups.set(keyOf(row, 1), row);
  const matches = await matchingRows(session, target, formula, constants, links, optional, [...groups.values()]);
  const byKey = new Map<string, RowValues[]>();
  if (matches instanceof Map) {
    for (const [key, list] of matches) byKey.set(key, list);
  } else {
    for (const match of matches) {
      const key = keyOf(match, 0);
      const list = byKey.get(key);
      if (list) list.push(match);
      else byKey.set(key, [match]);
    }
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
  optional: ReadonlySet<string>,
  groups: RowValues[],
): Promise<RowValues[] | Map<string, RowValues[]>> {
  if (optional.size || links.length !== 1) return matchingRowsPerGroup(session, target, formula, constants, links, optional, groups);
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

/**
 * One query per group, keyed by the group: when a formula links more than
 * one field, and when a link is a field(filter(…)) one — a group whose value
 * is blank matches rows whatever their value, so its matches cannot be told
 * apart by that field afterwards.
 */
async function matchingRowsPerGroup(
  session: Session,
  target: TableMeta,
  formula: CalcFormula,
  constants: Record<string, unknown>,
  links: [string, string][],
  optional: ReadonlySet<string>,
  groups: RowValues[],
): Promise<Map<string, RowValues[]>> {
  const out = new Map<string, RowValues[]>();
  for (const group of groups) {
    const where: Record<string, unknown> = { ...constants };
    for (const [t, s] of links) {
      const value = group[s] ?? '';
      if (value === '' && optional.has(t)) continue;
      where[t] = value;
    }
    out.set(JSON.stringify(links.map((l) => group[l[1]] ?? '')), await findForGroup(session, target, formula, where));
  }
  return out;
}

/** The rows a formula needs of one group: all to count, the largest value for max, else the first. */
function findForGroup(session: Session, target: TableMeta, formula: CalcFormula, where: Record<string, unknown>): Promise<RowValues[]> {
  if (formula.method === 'count') return session.store.find(target, where, undefined);
  if (formula.method === 'max') return session.store.find(target, where, { [formula.field!]: 'DESC' }, 1);
  return session.store.find(target, where, undefined, 1);
}

function valueOf(formula: CalcFormula, field: FieldMeta, matches: RowValues[]): unknown {
  switch (formula.method) {
    case 'exist':
      return matches.length > 0;
    case 'count':
      return matches.length;
    case 'lookup':
      return matches.length ? matches[0][formula.field!] : blankValue(field);
    case 'max':
      return matches.reduce<unknown>((max, m) => {
        const v = m[formula.field!];
        return v !== null && v !== undefined && (max === blankValue(field) || (v as string | number) > (max as string | number)) ? v : max;
      }, blankValue(field));
  }
}
