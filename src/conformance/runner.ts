import { randomBytes } from 'node:crypto';
import { ConformanceClient, Credentials } from './client';
import { Check, CheckFailure, CheckSkipped, ConformanceContext } from './context';
import { READ_CHECKS } from './readChecks';
import { WRITE_CHECKS } from './writeChecks';

/**
 * The conformance kit (`empire-sim conformance`, docs/api.md "Conformance kit"): BC's API
 * behaviours as checks run over HTTP against any BC-shaped endpoint — this simulator or a BC
 * sandbox — so anyone can see where the two agree. It writes only records of its own (contacts
 * named with a marker) and deletes them again.
 */
export const CHECKS: Check[] = [...READ_CHECKS, ...WRITE_CHECKS];

export type Outcome = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  id: string;
  behaviour: string;
  outcome: Outcome;
  detail: string;
}

export interface ConformanceOptions {
  /** The API root, e.g. `http://localhost:8080/api/v2.0`. */
  url: string;
  credentials: Credentials;
  /** Company id or name; default the first the endpoint lists. */
  company?: string;
  /** Only these checks (by id); default all. */
  only?: string[];
  /** The checks to run; default CHECKS (a test passes its own). */
  checks?: Check[];
}

export interface ConformanceReport {
  url: string;
  company: { id: string; name: string };
  results: CheckResult[];
  /** Records the kit made and could not delete again (empty when it cleaned up). */
  leftBehind: string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Thrown when the endpoint cannot be used at all (no company, refused credentials): no table to print. */
export class ConformanceSetupError extends Error {}

export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const client = new ConformanceClient(options.url, options.credentials);
  const company = await findCompany(client, options.company);
  const ctx = new ConformanceContext(client, company.id, `ZZ Conformance ${randomBytes(4).toString('hex')}`);
  const checks = (options.checks ?? CHECKS).filter((c) => !options.only || options.only.includes(c.id));
  const unknown = (options.only ?? []).filter((id) => !(options.checks ?? CHECKS).some((c) => c.id === id));
  if (unknown.length) throw new ConformanceSetupError(`unknown check ${unknown.join(', ')}`);
  const results: CheckResult[] = [];
  let leftBehind: string[] = [];
  try {
    for (const check of checks) results.push(await runOne(check, ctx));
  } finally {
    leftBehind = await ctx.cleanup();
  }
  return { url: client.root, company, results, leftBehind };
}

async function runOne(check: Check, ctx: ConformanceContext): Promise<CheckResult> {
  const base = { id: check.id, behaviour: check.behaviour };
  try {
    const detail = await check.run(ctx);
    return { ...base, outcome: 'pass', detail: detail ?? '' };
  } catch (err) {
    if (err instanceof CheckSkipped) return { ...base, outcome: 'skip', detail: err.message };
    if (err instanceof CheckFailure) return { ...base, outcome: 'fail', detail: err.message };
    return { ...base, outcome: 'fail', detail: `${(err as Error).name}: ${(err as Error).message}` };
  }
}

async function findCompany(client: ConformanceClient, wanted: string | undefined): Promise<{ id: string; name: string }> {
  let reply;
  try {
    reply = await client.get('companies');
  } catch (err) {
    throw new ConformanceSetupError(`GET ${client.url('companies')} failed: ${(err as Error).message}`);
  }
  if (reply.status === 401) throw new ConformanceSetupError(`GET ${client.url('companies')} answered 401: the credentials were refused`);
  const list = reply.json?.value;
  if (reply.status !== 200 || !Array.isArray(list)) {
    throw new ConformanceSetupError(`GET ${client.url('companies')} answered ${reply.status}, not a list of companies: ${reply.text.slice(0, 200)}`);
  }
  const found = wanted === undefined ? list[0] : list.find((c: { id: string; name: string }) => (GUID.test(wanted) ? c.id?.toLowerCase() === wanted.toLowerCase() : c.name === wanted));
  if (!found) throw new ConformanceSetupError(wanted === undefined ? 'the endpoint lists no company' : `no company '${wanted}' among ${list.map((c: { name: string }) => c.name).join(', ')}`);
  return { id: found.id, name: found.name };
}

/** The pass/fail table, one behaviour a line, what differed under a failing one. */
export function formatReport(report: ConformanceReport): string {
  const width = Math.max(...report.results.map((r) => r.id.length), 5);
  const mark: Record<Outcome, string> = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' };
  const lines = [`Conformance of ${report.url} (company ${report.company.name}, ${report.company.id})`, ''];
  lines.push(`${'RESULT'.padEnd(6)}  ${'CHECK'.padEnd(width)}  BEHAVIOUR`);
  for (const r of report.results) {
    lines.push(`${mark[r.outcome].padEnd(6)}  ${r.id.padEnd(width)}  ${r.behaviour}`);
    if (r.detail && r.outcome !== 'pass') lines.push(`${''.padEnd(6)}  ${''.padEnd(width)}  → ${r.detail}`);
  }
  const count = (o: Outcome) => report.results.filter((r) => r.outcome === o).length;
  lines.push('', `${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped.`);
  if (report.leftBehind.length) lines.push(`Not cleaned up: ${report.leftBehind.join('; ')}`);
  return lines.join('\n');
}
