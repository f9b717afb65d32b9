#!/usr/bin/env node
/**
 * The `empire-sim` command (package.json "bin"): `npx empire-sim start` from a
 * clone or an installed package. Plain JavaScript on purpose: it runs before
 * anything is compiled, and builds a clone's sources first when they changed
 * (scripts/ensureBuilt.js).
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { ensureBuilt, built } = require('../scripts/ensureBuilt');
const pkg = require('../package.json');

const USAGE = `empire-sim ${pkg.version}: Dynamics Empire's "Afhandelen contactmoment" on Business Central semantics

Usage:
  empire-sim start [--port N] [--host H] [--data-dir DIR]
        the simulator (HTTP API, web client) on embedded SQLite with the demo company;
        the same as PORT=N HOST=H EMPIRE_SIM_DATA_DIR=DIR (README, "Settings")
  empire-sim scenario <scenario.yaml>... [--url <server> [--company <id>]]
        runs scenario scripts in-process, or against a running simulator with --url
  empire-sim migrate [--check | --sql]
        brings the configured database (EMPIRE_SIM_DB..., docs/database.md) to the latest migration
  empire-sim conformance --url <api root> (--user U --key K | --token T) [--company <id|name>] [--only <checks>] [--json] [--list]
        runs BC's API behaviours as checks against any BC-shaped endpoint (this simulator or a BC
        sandbox) and prints a pass/fail table (docs/api.md, "Conformance kit")
  empire-sim --version | --help`;

/** `start`'s flags as the environment variables the server reads (src/config.ts). */
const START_FLAGS = { '--port': 'PORT', '--host': 'HOST', '--data-dir': 'EMPIRE_SIM_DATA_DIR' };

function fail(message) {
  console.error(`empire-sim: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function start(args) {
  for (let i = 0; i < args.length; i++) {
    const variable = START_FLAGS[args[i]];
    if (!variable) fail(`unknown option for start: '${args[i]}'`);
    if (i + 1 >= args.length) fail(`${args[i]} needs a value`);
    process.env[variable] = args[++i];
  }
  const entry = ensureBuilt();
  const nodeModule = require('node:module');
  if (typeof nodeModule.enableCompileCache === 'function') nodeModule.enableCompileCache();
  require(entry); // in this process: the server handles SIGINT/SIGTERM itself
}

/** A built tool in a child process, its exit code passed on. */
function runTool(rel, args) {
  ensureBuilt();
  const r = spawnSync(process.execPath, [built(rel), ...args], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const [command, ...args] = process.argv.slice(2);
switch (command) {
  case 'start':
    start(args);
    break;
  case 'scenario':
    if (args.length === 0) fail('scenario needs at least one scenario file');
    runTool('src/scenario/cli.js', args);
    break;
  case 'migrate':
    if (args.some((a) => a !== '--check' && a !== '--sql')) fail(`unknown option for migrate: '${args.find((a) => a !== '--check' && a !== '--sql')}'`);
    runTool('src/db/tools/migrations.js', args);
    break;
  case 'conformance':
    runTool('src/conformance/cli.js', args);
    break;
  case '--version':
  case '-v':
    console.log(pkg.version);
    break;
  case undefined:
  case '--help':
  case '-h':
  case 'help':
    console.log(USAGE);
    break;
  default:
    fail(`unknown command '${command}'`);
}
