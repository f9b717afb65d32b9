// [FEATURE] [HTTP] [Conformance] — the conformance kit (src/conformance, `empire-sim conformance`): BC's API
// behaviours as checks over real HTTP. Against the simulator every check passes and the kit leaves no data behind;
// against an endpoint that serves a wrong shape or a wrong error the checks concerned fail and say what differed;
// an endpoint that is not BC-shaped at all, or refuses the credentials, stops the kit before the table.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulator, RunningSimulator } from '../../src/index';
import { conformanceCli } from '../../src/conformance/cli';
import { CHECKS, ConformanceSetupError, formatReport, runConformance } from '../../src/conformance/runner';

const ANNE = { user: 'ANNE', key: 'demo-anne' };

let running: RunningSimulator;
let api: string;
const servers: http.Server[] = [];

beforeAll(async () => {
  running = await startSimulator({ seed: 'demo' });
  api = `${running.url}/api/v2.0`;
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  await running.stop();
});

async function contactIds(): Promise<string[]> {
  const auth = `Basic ${Buffer.from('ANNE:demo-anne').toString('base64')}`;
  const res = await fetch(`${api}/companies(${running.companyId})/contacts?$select=id&$orderby=number`, { headers: { authorization: auth } });
  return ((await res.json()) as { value: Array<{ id: string }> }).value.map((c) => c.id);
}

test('against the simulator every behaviour passes, and the kit deletes what it made', async () => {
  const before = await contactIds();
  const report = await runConformance({ url: api, credentials: ANNE });
  expect(report.company).toEqual({ id: running.companyId, name: running.companyName });
  expect(report.results.map((r) => r.id)).toEqual(CHECKS.map((c) => c.id));
  const unexpected = report.results.filter((r) => r.outcome !== 'pass');
  expect(unexpected).toEqual([]);
  expect(report.leftBehind).toEqual([]);
  expect(await contactIds()).toEqual(before);
  const table = formatReport(report);
  expect(table).toMatch(/^PASS {4}shape\.contact +contacts: BC's 23 properties with their JSON types$/m);
  expect(table).toMatch(new RegExp(`^${report.results.filter((r) => r.outcome === 'pass').length} passed, `, 'm'));
});

test('the company by name; only the checks asked for', async () => {
  const report = await runConformance({ url: `${api}/`, credentials: ANNE, company: running.companyName, only: ['urls.companyById', 'shape.company'] });
  expect(report.results.map((r) => [r.id, r.outcome])).toEqual([
    ['urls.companyById', 'pass'],
    ['shape.company', 'pass'],
  ]);
  await expect(runConformance({ url: api, credentials: ANNE, only: ['no.such'] })).rejects.toThrow('unknown check no.such');
  await expect(runConformance({ url: api, credentials: ANNE, company: 'Nobody BV' })).rejects.toThrow(`no company 'Nobody BV' among ${running.companyName}`);
});

/**
 * A BC-shaped endpoint that is wrong in two ways: it passes requests on to the simulator, but drops `jobTitle`
 * from every entity and answers errors with a code of its own and without BC's CorrelationId tail.
 */
async function wrongEndpoint(): Promise<string> {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers: Record<string, string> = {};
    for (const h of ['authorization', 'content-type', 'if-match', 'prefer', 'accept', 'data-access-intent']) if (req.headers[h]) headers[h] = String(req.headers[h]);
    const upstream = await fetch(`${running.url}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    let text = await upstream.text();
    if ((upstream.headers.get('content-type') ?? '').includes('json') && text) {
      const body = JSON.parse(text, (key, value) => (key === 'jobTitle' ? undefined : value));
      if (body.error) body.error = { code: 'Error', message: 'Something went wrong.' };
      text = JSON.stringify(body).split(running.url).join(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    }
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'text/plain' });
    res.end(text);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2.0`;
}

test('against a wrong endpoint the checks of what differs fail and say how; the others still pass', async () => {
  const before = await contactIds();
  const report = await runConformance({ url: await wrongEndpoint(), credentials: ANNE, only: ['shape.contact', 'shape.company', 'errors.unknownEntitySet', 'query.filter'] });
  const byId = Object.fromEntries(report.results.map((r) => [r.id, r]));
  expect(byId['shape.contact']).toMatchObject({ outcome: 'fail', detail: 'missing jobTitle' });
  expect(byId['errors.unknownEntitySet'].outcome).toBe('fail');
  expect(byId['errors.unknownEntitySet'].detail).toMatch(/^message does not end in '  CorrelationId:  <guid>\.'/);
  expect(byId['shape.company'].outcome).toBe('pass');
  expect(byId['query.filter'].outcome).toBe('pass');
  expect(formatReport(report)).toMatch(/^FAIL {4}shape\.contact .*\n {8} +→ missing jobTitle$/m);
  // Its own records were deleted through the wrong endpoint too.
  expect(report.leftBehind).toEqual([]);
  expect(await contactIds()).toEqual(before);
});

test('an endpoint that is not BC-shaped, or refuses the credentials, stops the kit before the table; Basic or Bearer as given', async () => {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(String(req.headers.authorization));
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const fake = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2.0`;
  await expect(runConformance({ url: fake, credentials: ANNE })).rejects.toThrow(ConformanceSetupError);
  await expect(runConformance({ url: fake, credentials: ANNE })).rejects.toThrow(/answered 200, not a list of companies/);
  await expect(runConformance({ url: fake, credentials: { token: 'eyJ0.token' } })).rejects.toThrow(ConformanceSetupError);
  expect(seen).toEqual([`Basic ${Buffer.from('ANNE:demo-anne').toString('base64')}`, `Basic ${Buffer.from('ANNE:demo-anne').toString('base64')}`, 'Bearer eyJ0.token']);
  await expect(runConformance({ url: api, credentials: { user: 'ANNE', key: 'wrong' } })).rejects.toThrow('answered 401: the credentials were refused');
  // A bearer token is sent as such; the simulator knows only Basic, so it is refused the same way.
  await expect(runConformance({ url: api, credentials: { token: 'abc' } })).rejects.toThrow('answered 401');
});

describe('the command line', () => {
  test('prints the table and exits 0 when all pass, 1 when one fails', async () => {
    const ok = await conformanceCli(['--url', api, '--user', 'ANNE', '--key', 'demo-anne', '--only', 'urls.serviceDocument,query.count']);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^PASS {4}urls\.serviceDocument /m);
    expect(ok.out).toMatch(/^2 passed, 0 failed, 0 skipped\.$/m);
    const bad = await conformanceCli(['--url', await wrongEndpoint(), '--user', 'ANNE', '--key', 'demo-anne', '--only', 'shape.contact', '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out).results[0]).toMatchObject({ id: 'shape.contact', outcome: 'fail', detail: 'missing jobTitle' });
  });

  test.each([
    [[], '--url is required'],
    [['--url', 'http://x'], 'give --user and --key (Basic, web service access key) or --token (OAuth)'],
    [['--url', 'http://x', '--token', 't', '--user', 'U'], 'give --token or --user/--key, not both'],
    [['--url'], '--url needs a value'],
    [['--colour', 'red'], "unknown option for conformance: '--colour'"],
  ])('%j exits 2 with the reason and the usage', async (args, reason) => {
    const r = await conformanceCli(args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`empire-sim conformance: ${reason}`);
    expect(r.err).toContain('Usage: empire-sim conformance --url <api root>');
  });

  test('--list names every check', async () => {
    const r = await conformanceCli(['--list']);
    expect(r.out.split('\n').map((l) => l.split(' ')[0])).toEqual(CHECKS.map((c) => c.id));
  });
});
