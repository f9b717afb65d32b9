/// <reference lib="dom" />
// Browser callbacks below run in Chromium, hence the DOM types in this file only.
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Contact } from '../../entities';
import { startSimulator } from '../../src/index';

/**
 * Page-session round trips and the web client's start, measured on this
 * machine: `npm run bench:pages` (add `-- --write` to append the result to
 * docs/benchmarks.md). In-memory demo company, HTTP over loopback, one client.
 *
 *   set field      POST /pages/sessions/{id}/fields on a Contactkaart (validate + modify, then the view)
 *   invoke action  POST /pages/sessions/{id}/actions "Taken" on Teams (opens the team's Task List: a new page session)
 *   Rolcentrum     Chromium: navigation start → the role center drawn and idle (signed in from the session store)
 */
const N = Number(process.env.BENCH_N ?? 200);
const BROWSER_RUNS = Number(process.env.BENCH_BROWSER_RUNS ?? 10);
const CHROMIUM = '/usr/bin/chromium';

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function main(): Promise<void> {
  const running = await startSimulator();
  const auth = `Basic ${Buffer.from('ANNE:demo-anne').toString('base64')}`;
  const post = async (p: string, body: unknown) => {
    const res = await fetch(`${running.url}/pages${p}`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as any;
    if (!res.ok || json.error) throw new Error(JSON.stringify(json.error));
    return json;
  };
  const lines: string[] = [];
  try {
    const contactId = await running.sim.run(running.companyId, { userId: 'BENCH' }, async (s) => (await s.find(Contact, {}, undefined, 1))[0].systemId);
    const card = await post('/sessions', { page: 'Contactkaart', recordId: contactId, language: 'nl-NL' });
    const setTimes: number[] = [];
    for (let i = 0; i < N; i++) {
      const t = performance.now();
      await post(`/sessions/${card.view.sessionId}/fields`, { field: 'Telefoonnr.', value: `0571-1${String(i).padStart(5, '0')}` });
      setTimes.push(performance.now() - t);
    }
    const teams = await post('/sessions', { page: 'Teams', language: 'nl-NL' });
    const invokeTimes: number[] = [];
    for (let i = 0; i < N; i++) {
      const t = performance.now();
      const r = await post(`/sessions/${teams.view.sessionId}/actions`, { action: 'Taken' });
      invokeTimes.push(performance.now() - t);
      await post(`/sessions/${r.opened.sessionId}/close`, {});
    }
    lines.push(
      `| set field (Contactkaart, Telefoonnr.) | ${N} | ${fmt(pct(setTimes, 50))} | ${fmt(pct(setTimes, 95))} |`,
      `| invoke action (Teams → Taken) | ${N} | ${fmt(pct(invokeTimes, 50))} | ${fmt(pct(invokeTimes, 95))} |`,
    );

    if (fs.existsSync(CHROMIUM)) {
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      const times: number[] = [];
      for (let i = 0; i < BROWSER_RUNS + 1; i++) {
        const context = await browser.newContext();
        await context.addInitScript(() => sessionStorage.setItem('empire-sim.auth', JSON.stringify({ user: 'ANNE', key: 'demo-anne' })));
        const page = await context.newPage();
        await page.goto(running.url);
        await page.waitForSelector('.page-rolecenter');
        await page.waitForFunction(() => document.body.dataset.busy === '0');
        const ms = await page.evaluate(() => performance.now());
        if (i > 0) times.push(ms); // the first run warms the server's caches and the browser
        await context.close();
      }
      await browser.close();
      lines.push(`| web client: navigation → interactive Rolcentrum (Chromium) | ${BROWSER_RUNS} | ${fmt(pct(times, 50))} | ${fmt(pct(times, 95))} |`);
    } else {
      lines.push('| web client: navigation → interactive Rolcentrum (Chromium) | – | not measured: /usr/bin/chromium absent | |');
    }
  } finally {
    await running.stop();
  }
  const section = [
    '',
    '## Page sessions and the web client',
    '',
    `Measured by \`npm run bench:pages\` (test/bench/pages.ts) on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'}), Node ${process.version}, in-memory demo company, one client over loopback HTTP. Each round trip includes the page view the protocol returns.`,
    '',
    '| what | n | p50 | p95 |',
    '|---|---|---|---|',
    ...lines,
    '',
  ].join('\n');
  console.log(section);
  // Compiled to dist/test/bench: the repository root is three folders up.
  if (process.argv.includes('--write')) fs.appendFileSync(path.resolve(__dirname, '../../..', 'docs/benchmarks.md'), section);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
