#!/usr/bin/env node
/**
 * `npm start`: runs the built server (dist/src/server.js), building it first
 * only when the build is missing or older than the sources (scripts/ensureBuilt.js).
 * Plain JavaScript on purpose: it must run before anything is compiled.
 */
'use strict';
const { ensureBuilt } = require('./ensureBuilt');

const entry = ensureBuilt();
// Node 22.1+: cache the compiled JavaScript of the server's modules between starts (a no-op on Node 20).
const nodeModule = require('node:module');
if (typeof nodeModule.enableCompileCache === 'function') nodeModule.enableCompileCache();
// The server in this process: no second Node start-up; it handles SIGINT/SIGTERM itself.
require(entry);
