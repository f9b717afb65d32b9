import 'reflect-metadata';
import path from 'node:path';
import { loadScenario } from './Scenario';
import { EmbeddedScenarioHost, runOverHttp } from './run';
import type { StepResult } from './ScenarioRunner';

/**
 * `npm run scenario -- scenarios/vraag-met-vervolgactie.yaml [more.yaml] [--url http://localhost:3000 [--company <id>]]`
 *
 * Runs each scenario against an embedded simulator with the demo company (or
 * a running server with --url), printing every step with ✔/✘. Exit code 1
 * when a scenario failed.
 */
async function main(argv: string[]): Promise<number> {
  const files: string[] = [];
  let url: string | undefined;
  let company: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--url') url = argv[++i];
    else if (argv[i] === '--company') company = argv[++i];
    else files.push(argv[i]);
  }
  if (files.length === 0) {
    console.error('Usage: npm run scenario -- <scenario.yaml>... [--url <server> [--company <id>]]');
    return 2;
  }
  const host = url ? null : await EmbeddedScenarioHost.start();
  let failed = 0;
  try {
    for (const file of files) {
      const scenario = loadScenario(file);
      console.log(`\n${scenario.name}  (${path.basename(file)}${url ? `, ${url}` : ', embedded demo company'})`);
      const print = (r: StepResult) =>
        console.log(`  ${r.skipped ? '-' : r.ok ? '✔' : '✘'} ${String(r.index).padStart(2)} ${r.text}${r.detail ? `  → ${r.detail}` : ''}${r.skipped ? '  (skipped)' : ''}`);
      const result = host ? await host.run(scenario, print) : await runOverHttp(url!, company, scenario, print);
      const passed = result.steps.filter((s) => s.ok).length;
      console.log(`  ${result.ok ? 'PASS' : 'FAIL'}: ${passed} of ${result.steps.length} steps passed`);
      if (!result.ok) failed++;
    }
  } finally {
    await host?.close();
  }
  console.log(`\n${files.length - failed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(2);
  },
);
