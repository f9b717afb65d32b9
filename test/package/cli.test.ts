// [FEATURE] [Package] — what `npm pack` ships and the `empire-sim` command it installs: the server starts
// from the built files alone, the tools are reachable, and a wrong command says how to use it.
import { ChildProcess, execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(__dirname, '..', '..');
const bin = path.join(root, 'bin', 'empire-sim.js');
const run = promisify(execFile);
// The built files as they are: a test must not start a 30-second tsc because a source is newer.
const env = { ...process.env, EMPIRE_SIM_BUILD: 'never' };

describe('npm pack', () => {
  let files: string[];

  beforeAll(async () => {
    // --ignore-scripts: the packed dist/ is the one `npm install` (prepare) built; no second build here.
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, env, maxBuffer: 16 * 1024 * 1024 });
    files = (JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path);
  }, 60_000);

  it('ships the command, the built server and library with its types, the web client, scenarios and the locked dependency tree', () => {
    for (const f of [
      'bin/empire-sim.js',
      'scripts/ensureBuilt.js',
      'dist/src/server.js',
      'dist/src/index.js',
      'dist/src/index.d.ts',
      'dist/src/conformance/cli.js',
      'dist/package.json',
      'src/web/index.html',
      'scenarios/vraag-met-vervolgactie.yaml',
      'npm-shrinkwrap.json',
      'README.md',
    ]) {
      expect(files).toContain(f);
    }
  });

  it('ships no tests, TypeScript sources, source maps or local data', () => {
    const unwanted = files.filter((f) => /^(test|data|scratch|node_modules)\//.test(f) || /^dist\/test\//.test(f) || /\.map$/.test(f) || (/\.ts$/.test(f) && !/\.d\.ts$/.test(f)));
    expect(unwanted).toEqual([]);
  });
});

describe('the empire-sim command', () => {
  it('--help and --version answer and exit 0', async () => {
    const help = await run(process.execPath, [bin, '--help'], { env });
    expect(help.stdout).toMatch(/^Usage:$/m);
    expect(help.stdout).toMatch(/empire-sim start \[--port N\]/);
    const version = await run(process.execPath, [bin, '--version'], { env });
    expect(version.stdout.trim()).toBe(require('../../package.json').version);
  });

  it.each([
    [['bogus'], "unknown command 'bogus'"],
    [['start', '--colour', 'red'], "unknown option for start: '--colour'"],
    [['start', '--port'], '--port needs a value'],
    [['scenario'], 'scenario needs at least one scenario file'],
    [['migrate', '--force'], "unknown option for migrate: '--force'"],
  ])('%j exits 2 with the reason and the usage', async (args, reason) => {
    const err = await run(process.execPath, [bin, ...args], { env }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err?.code).toBe(2);
    expect(err?.stderr).toContain(`empire-sim: ${reason}`);
    expect(err?.stderr).toMatch(/^Usage:$/m);
  });

  it('start --port 0 --data-dir :memory: serves the demo company until SIGTERM', async () => {
    const child = spawn(process.execPath, [bin, 'start', '--port', '0', '--data-dir', ':memory:'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await listeningUrl(child);
      const home = await fetch(`${url}/`);
      expect(home.status).toBe(200);
      expect(await home.json()).toMatchObject({ name: 'empire-sim' });
      const companies = await fetch(`${url}/api/v2.0/companies`, { headers: { authorization: `Basic ${Buffer.from('ANNE:demo-anne').toString('base64')}` } });
      expect(companies.status).toBe(200);
      expect(((await companies.json()) as { value: unknown[] }).value.length).toBeGreaterThan(0);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(0);
  }, 60_000);

  it('conformance lists its checks, and without credentials exits 2 with its usage', async () => {
    const list = await run(process.execPath, [bin, 'conformance', '--list'], { env });
    expect(list.stdout).toMatch(/^shape\.contact +contacts: BC's 23 properties/m);
    const err = await run(process.execPath, [bin, 'conformance', '--url', 'http://127.0.0.1:1/api/v2.0'], { env }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err?.code).toBe(2);
    expect(err?.stderr).toContain('empire-sim conformance: give --user and --key');
    expect(err?.stderr).toMatch(/^Usage: empire-sim conformance --url <api root>/m);
  });

  it('scenario runs a scenario file in-process and passes it', async () => {
    const { stdout } = await run(process.execPath, [bin, 'scenario', path.join(root, 'scenarios', 'vraag-direct-beantwoord.yaml')], { env, timeout: 60_000 });
    expect(stdout).toMatch(/1 passed, 0 failed/);
  }, 60_000);
});

/** The URL from the banner's "Listening on …" line. */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(new Error(`exited ${code} before listening: ${err || out}`)));
  });
}
