import fs from 'node:fs';
import yaml from 'js-yaml';

/**
 * A scenario in TestPage terms, for consultants and trainers: a YAML (or
 * JSON) list of steps, each one verb. See docs/pages.md for the format.
 *
 *   - user: ANNE                               act as this user from here on
 *   - open: Contacten                          open a page (caption, AL name or number); or {page, mode, filters}
 *   - invoke: Nieuw                            run an action; a page it opens becomes the current page
 *   - set: { Initialen: K., Achternaam: Wit }  set fields in this order (each validated)
 *   - expect: { Naam: K. de Wit }              field values on the current card
 *   - filter: { Naam: Berg }                   the list's filter pane
 *   - select: { Nr.: "${taskNo}" }             move to the list row whose cells match
 *   - expectList: { count: 1, contains: [ {Nr.: TD000001} ], notContains: [...] }
 *   - dialog: { expect: "wordt opnieuw toegewezen", answer: Ja }
 *   - dialog: { page: Rollen, select: { Code: CONTRACT }, set: {...}, answer: OK }
 *   - expectError: "must have a value"          the previous step failed with this text
 *   - remember: { taskNo: Nr. }                 keep a field (card) or cell of the current row (list)
 *   - close                                    close the current page (back to the one below)
 *
 * Strings may use ${name} for remembered values.
 */
export interface Scenario {
  name: string;
  description?: string;
  /** Where it runs: an embedded simulator with this seed (default demo) or the --url server's company. */
  seed?: 'demo' | 'empty';
  language?: 'nl-NL' | 'en-US';
  /** Access keys by user; default: the demo users' documented keys (demo-<user>). */
  keys?: Record<string, string>;
  steps: Step[];
}

export type Step = Record<string, unknown> | string;

/** YAML's core schema: a date like 1968-04-12 stays text, as the page field expects it. */
export function loadScenario(file: string): Scenario {
  const text = fs.readFileSync(file, 'utf8');
  const parsed = (file.endsWith('.json') ? JSON.parse(text) : yaml.load(text, { schema: yaml.CORE_SCHEMA })) as Scenario;
  if (!parsed || typeof parsed !== 'object' || !Array.isArray(parsed.steps)) {
    throw new Error(`${file}: a scenario needs a name and a list of steps.`);
  }
  return parsed;
}
