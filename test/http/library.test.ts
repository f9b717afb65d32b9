// [FEATURE] [Library] — startSimulator: an in-process server with URL, company id, reset, snapshot/restore, stop.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSimulator } from '../../src/index';
import { basic } from '../library/LibraryHttp';

/** The demo users exist in every simulator started through the library (ANNE / demo-anne, ...). */
const AUTH = { authorization: basic('ANNE', 'demo-anne'), 'content-type': 'application/json' };

/** GET a collection's `value`. */
async function values(url: string): Promise<Array<Record<string, string>>> {
  const body = (await (await fetch(url, { headers: AUTH })).json()) as { value: Array<Record<string, string>> };
  return body.value;
}

test('in memory on a free port: serve, snapshot, change, restore, reset, stop', async () => {
  const sim = await startSimulator({ seed: 'empty' });
  try {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const roles = `${sim.url}/api/empire/crm/v1.0/companies(${sim.companyId})/roles`;
    expect((await values(`${sim.url}/api/v2.0/companies`)).map((c) => c.id)).toEqual([sim.companyId]);

    const snap = await sim.snapshot();
    expect((await fetch(roles, { method: 'POST', headers: AUTH, body: JSON.stringify({ code: 'R1' }) })).status).toBe(201);
    expect(await values(roles)).toHaveLength(1);

    await sim.restore(snap);
    expect(await values(roles)).toEqual([]);
    await fetch(roles, { method: 'POST', headers: AUTH, body: JSON.stringify({ code: 'R2' }) });
    await sim.reset();
    expect(await values(roles)).toEqual([]);
  } finally {
    await sim.stop();
  }
  await expect(fetch(`${sim.url}/`)).rejects.toThrow();
});

test('with a data folder: the first start creates the company, a later start continues with the data', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'empire-sim-'));
  try {
    const first = await startSimulator({ seed: 'empty', dataDir: dir });
    const url = (s: typeof first) => `${s.url}/api/empire/crm/v1.0/companies(${s.companyId})/salutations`;
    await fetch(url(first), { method: 'POST', headers: AUTH, body: JSON.stringify({ code: 'KEEP' }) });
    await first.stop();

    const second = await startSimulator({ seed: 'empty', dataDir: dir });
    try {
      expect(second.companyId).toBe(first.companyId);
      expect((await values(url(second))).map((s) => s.code)).toEqual(['KEEP']);
    } finally {
      await second.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the README example: demo data, an OData query, reset before each test; restore() goes back to the latest snapshot', async () => {
  const sim = await startSimulator();
  try {
    const contacts = `${sim.url}/api/v2.0/companies(${sim.companyId})/contacts`;
    const page = (await (await fetch(`${contacts}?$top=5&$select=number,displayName&$count=true`, { headers: AUTH })).json()) as {
      '@odata.count': number;
      value: Array<Record<string, string>>;
    };
    expect(page.value).toHaveLength(5);
    expect(Object.keys(page.value[0]).sort()).toEqual(['@odata.etag', 'displayName', 'number']);
    const total = page['@odata.count'];
    expect(total).toBeGreaterThan(5);

    await sim.snapshot();
    await fetch(contacts, { method: 'POST', headers: AUTH, body: JSON.stringify({ displayName: 'Tijdelijk' }) });
    const count = async () => Number(await (await fetch(`${contacts}/$count`, { headers: AUTH })).text());
    expect(await count()).toBe(total + 1);
    await sim.restore();
    expect(await count()).toBe(total);

    await fetch(contacts, { method: 'POST', headers: AUTH, body: JSON.stringify({ displayName: 'Nog een' }) });
    const started = performance.now();
    await sim.reset();
    const resetMs = performance.now() - started;
    expect(await count()).toBe(total);
    // Fast enough to run before every test (docs/benchmarks.md has the measured figure).
    expect(resetMs).toBeLessThan(5000);

    expect(sim.journal.list().some((e) => e.url.endsWith('/contacts/$count') && e.status === 200)).toBe(true);
  } finally {
    await sim.stop();
  }
});
