#!/usr/bin/env node
/**
 * Builds the TypeScript sources (tsc -p tsconfig.build.json) only when the
 * build is missing or older than the sources — so a built checkout starts in
 * about a second instead of waiting for a full `tsc`. Used by `npm start`
 * (scripts/start.js) and the `empire-sim` command (bin/empire-sim.js).
 *
 * "Older than the sources": any file or folder under src/, entities/,
 * codeunits/, pages/ (a folder's time changes when a file in it is added,
 * removed or renamed), or ormconfig.ts, package.json, tsconfig.json,
 * tsconfig.build.json, modified after dist/src/server.js was written. That
 * covers a fresh clone (`npm install` runs `prepare`, which builds), a
 * `git pull` that changed sources (git writes the files it changes), and
 * local edits. A build that failed leaves a marker, so the next start builds
 * again instead of running what tsc emitted despite the errors. An installed
 * package (from `npm pack` or the registry) has no TypeScript sources and is
 * never rebuilt: its dist/ is what was packed.
 *
 * Plain JavaScript on purpose: it must run before anything is compiled.
 * EMPIRE_SIM_BUILD=always forces a build, EMPIRE_SIM_BUILD=never skips the check.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const entry = path.join(root, 'dist', 'src', 'server.js');
const failedMarker = path.join(root, 'dist', '.build-failed');
const SOURCE_DIRS = ['src', 'entities', 'codeunits', 'pages'];
const SOURCE_FILES = ['ormconfig.ts', 'package.json', 'tsconfig.json', 'tsconfig.build.json'];
const SOURCE_EXT = /\.(ts|tsx|mts|cts|json)$/; // src/web's .js/.css/.html are served from the source tree, not built

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

/** The newest source file or folder and its time (folders count: deleting or renaming a file changes them). */
function newestSource() {
  let newest = { file: null, ms: -1 };
  const consider = (file, ms) => {
    if (ms > newest.ms) newest = { file, ms };
  };
  const walk = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    consider(dir, mtime(dir));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && !e.name.startsWith('.')) walk(p);
      } else if (SOURCE_EXT.test(e.name)) {
        consider(p, mtime(p));
      }
    }
  };
  for (const d of SOURCE_DIRS) walk(path.join(root, d));
  for (const f of SOURCE_FILES) consider(path.join(root, f), mtime(path.join(root, f)));
  return newest;
}

/** Why a build is needed, or null. */
function buildReason() {
  const mode = process.env.EMPIRE_SIM_BUILD;
  if (mode === 'always') return 'EMPIRE_SIM_BUILD=always';
  const built = mtime(entry);
  if (built < 0) return 'no build yet';
  if (mode === 'never') return null;
  if (fs.existsSync(failedMarker)) return 'the last build failed';
  const newest = newestSource();
  if (newest.ms > built) return `${path.relative(root, newest.file)} changed after the last build`;
  return null;
}

function build(reason) {
  let tsc;
  try {
    tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  } catch {
    if (mtime(entry) >= 0) {
      console.warn(`empire-sim: ${reason}, but TypeScript is not installed (npm install without dev dependencies?); starting the existing build.`);
      return;
    }
    console.error('empire-sim: there is no build and TypeScript is not installed: run `npm install` first.');
    process.exit(1);
  }
  console.log(`empire-sim: building (${reason}) …`);
  const started = Date.now();
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    fs.mkdirSync(path.dirname(failedMarker), { recursive: true });
    fs.writeFileSync(failedMarker, `${new Date().toISOString()}\n`);
    console.error('empire-sim: the build failed (see above); not starting.');
    process.exit(r.status ?? 1);
  }
  fs.rmSync(failedMarker, { force: true });
  console.log(`empire-sim: built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

/** Builds when needed (see above), then returns the path of a built module under dist/. */
function ensureBuilt() {
  if (!fs.existsSync(path.join(root, 'tsconfig.build.json'))) {
    if (mtime(entry) >= 0) return entry;
    console.error('empire-sim: this package has no build (dist/); install it from a tarball made by `npm pack`, which builds it.');
    process.exit(1);
  }
  const reason = buildReason();
  if (reason) build(reason);
  return entry;
}

/** The built module `rel` (e.g. 'src/scenario/cli.js') under dist/. */
function built(rel) {
  return path.join(root, 'dist', rel);
}

module.exports = { ensureBuilt, built };
