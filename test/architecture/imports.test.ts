// [ARCHITECTURE] — the layers, from the code's own imports: tables never reach up to a process, the runtime
// stays below tables and databases, and every module loads on its own (no import order that only works by luck).
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const LAYERS = ['src', 'entities', 'codeunits', 'pages'];

/** Repository-relative path (no extension) → the repository-relative modules it imports, static and dynamic. */
function importGraph(): Map<string, { imports: string[]; dynamic: string[] }> {
  const graph = new Map<string, { imports: string[]; dynamic: string[] }>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        const text = fs.readFileSync(path.join(ROOT, rel), 'utf8');
        const info = ts.preProcessFile(text, true, true);
        const resolve = (spec: string) => (spec.startsWith('.') ? resolveModule(path.dirname(rel), spec) : null);
        const imports = info.importedFiles.map((f) => resolve(f.fileName)).filter((f): f is string => f !== null);
        const dynamic = [...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => resolve(m[1]) ?? m[1]);
        graph.set(rel.replace(/\.ts$/, ''), { imports, dynamic });
      }
    }
  };
  for (const layer of LAYERS) walk(layer);
  return graph;
}

function resolveModule(fromDir: string, spec: string): string {
  const target = path.normalize(path.join(fromDir, spec));
  if (fs.existsSync(path.join(ROOT, `${target}.ts`))) return target;
  if (fs.existsSync(path.join(ROOT, target, 'index.ts'))) return path.join(target, 'index');
  return target;
}

const graph = importGraph();
const modules = [...graph.keys()];
const inside = (dir: string) => (m: string) => m === dir || m.startsWith(`${dir}/`);

/** Every module reachable from `start` by static imports, with one path to each (for the failure message). */
function reachable(start: string): Map<string, string[]> {
  const seen = new Map<string, string[]>([[start, [start]]]);
  const queue = [start];
  while (queue.length) {
    const m = queue.shift()!;
    for (const next of graph.get(m)?.imports ?? []) {
      if (seen.has(next) || !graph.has(next)) continue;
      seen.set(next, [...seen.get(m)!, next]);
      queue.push(next);
    }
  }
  return seen;
}

function violations(from: (m: string) => boolean, to: (m: string) => boolean, direct = false): string[] {
  const out: string[] = [];
  for (const m of modules.filter(from)) {
    if (direct) {
      for (const i of graph.get(m)!.imports) if (to(i)) out.push(`${m} → ${i}`);
    } else {
      for (const [target, via] of reachable(m)) if (to(target)) out.push(via.join(' → '));
    }
  }
  return out;
}

test('the graph is read: tables, codeunits, pages and the runtime are all there', () => {
  expect(modules.filter(inside('entities')).length).toBeGreaterThan(30);
  expect(modules.filter(inside('codeunits/process')).length).toBeGreaterThan(4);
  expect(modules.filter(inside('codeunits/foundation')).length).toBeGreaterThan(3);
  expect(graph.get('entities/Sales/Customer.Table')!.imports).toContain('src/runtime/Record');
});

test('no table and no foundation codeunit reaches a process codeunit, even through other modules', () => {
  // A table asks a process through an event it raises (Session.events.raiseForProcess); the process binds to it in
  // codeunits/process/subscriptions.ts. So the processes can use tables, and never the other way round.
  const below = (m: string) => inside('entities')(m) || inside('codeunits/foundation')(m);
  expect(violations(below, inside('codeunits/process'))).toEqual([]);
  expect(violations(below, inside('pages'))).toEqual([]);
});

test('tables and codeunits use plain imports only (no import() hiding an edge)', () => {
  const hidden = modules
    .filter((m) => inside('entities')(m) || inside('codeunits')(m))
    .flatMap((m) => graph.get(m)!.dynamic.map((d) => `${m} → import(${d})`));
  expect(hidden).toEqual([]);
});

test('the runtime imports nothing above it: no table, codeunit, page, database or HTTP module', () => {
  const above = (m: string) => ['entities', 'codeunits', 'pages', 'src/db', 'src/http', 'src/pageSession', 'src/seed'].some((d) => inside(d)(m));
  expect(violations(inside('src/runtime'), above, true)).toEqual([]);
  // The simulator host (companies, users, seeds, snapshots) sits above the runtime and the store, in its own folder.
  expect(modules.filter(inside('src/host'))).toContain('src/host/Simulator');
});

test('the conformance kit imports nothing of the simulator: it judges any endpoint by what goes over the wire', () => {
  expect(modules.filter(inside('src/conformance')).length).toBeGreaterThan(3);
  expect(violations(inside('src/conformance'), (m) => !inside('src/conformance')(m), true)).toEqual([]);
});

test('every table, codeunit and page module loads first, on its own', () => {
  // With plain imports between tables, a module that needs another's value while the other is still loading
  // (a field type used by a decorator) breaks only when it happens to be imported first: try each first.
  const failures: string[] = [];
  for (const m of modules.filter((x) => ['entities', 'codeunits', 'pages'].some((d) => inside(d)(x)))) {
    jest.isolateModules(() => {
      try {
        require(path.join(ROOT, m));
      } catch (e) {
        failures.push(`${m}: ${(e as Error).message}`);
      }
    });
  }
  expect(failures).toEqual([]);
});
