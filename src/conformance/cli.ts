import type { Credentials } from './client';
import { CHECKS, ConformanceSetupError, formatReport, runConformance } from './runner';

/**
 * `empire-sim conformance --url <api root> (--user U --key K | --token T) [--company <id|name>] [--only a,b] [--json]`
 * Exit code 0 when every check passed (or was skipped) and the kit cleaned up, 1 when one failed,
 * 2 on a usage error or an endpoint that cannot be used at all.
 */
export const CONFORMANCE_USAGE = `Usage: empire-sim conformance --url <api root> (--user <user> --key <web service access key> | --token <OAuth token>)
                              [--company <id|name>] [--only <check,...>] [--json] [--list]
  <api root>: e.g. http://localhost:8080/api/v2.0, or
              https://api.businesscentral.dynamics.com/v2.0/<tenant>/<environment>/api/v2.0`;

const FLAGS = ['--url', '--user', '--key', '--token', '--company', '--only'];

export interface CliOutcome {
  code: number;
  out: string;
  err: string;
}

export async function conformanceCli(args: string[]): Promise<CliOutcome> {
  const values: Record<string, string> = {};
  const switches = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json' || a === '--list') switches.add(a);
    else if (FLAGS.includes(a)) {
      if (i + 1 >= args.length) return usage(`${a} needs a value`);
      values[a] = args[++i];
    } else return usage(`unknown option for conformance: '${a}'`);
  }
  if (switches.has('--list')) return { code: 0, out: CHECKS.map((c) => `${c.id.padEnd(28)} ${c.behaviour}`).join('\n'), err: '' };
  if (!values['--url']) return usage('--url is required');
  let credentials: Credentials;
  if (values['--token'] !== undefined) {
    if (values['--user'] !== undefined || values['--key'] !== undefined) return usage('give --token or --user/--key, not both');
    credentials = { token: values['--token'] };
  } else if (values['--user'] !== undefined && values['--key'] !== undefined) {
    credentials = { user: values['--user'], key: values['--key'] };
  } else return usage('give --user and --key (Basic, web service access key) or --token (OAuth)');
  try {
    const report = await runConformance({
      url: values['--url'],
      credentials,
      company: values['--company'],
      only: values['--only']?.split(',').map((s) => s.trim()).filter(Boolean),
    });
    const failed = report.results.some((r) => r.outcome === 'fail') || report.leftBehind.length > 0;
    return { code: failed ? 1 : 0, out: switches.has('--json') ? JSON.stringify(report, null, 2) : formatReport(report), err: '' };
  } catch (err) {
    if (err instanceof ConformanceSetupError) return { code: 2, out: '', err: `empire-sim conformance: ${err.message}` };
    throw err;
  }
}

function usage(reason: string): CliOutcome {
  return { code: 2, out: '', err: `empire-sim conformance: ${reason}\n\n${CONFORMANCE_USAGE}` };
}

if (require.main === module) {
  conformanceCli(process.argv.slice(2)).then(
    (r) => {
      if (r.out) console.log(r.out);
      if (r.err) console.error(r.err);
      process.exitCode = r.code;
    },
    (err) => {
      console.error(err);
      process.exitCode = 2;
    },
  );
}
