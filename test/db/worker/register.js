/**
 * Lets a child process of the database tests (`node -r test/db/worker/register.js x.ts`)
 * load the TypeScript sources directly, as Jest's ts-jest does for the tests
 * themselves: each .ts file is transpiled on require with the project's
 * compiler options (decorators and their metadata, which the entities need),
 * cached on disk by content so restarting a killed process stays quick.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const ts = require('typescript');

const cacheDir = path.join(os.tmpdir(), `empire-sim-ts-${ts.version}`);
fs.mkdirSync(cacheDir, { recursive: true });

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  useDefineForClassFields: false,
  esModuleInterop: true,
  resolveJsonModule: true,
  inlineSourceMap: true,
};

require.extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha1').update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  let output;
  try {
    output = fs.readFileSync(cached, 'utf8');
  } catch {
    output = ts.transpileModule(source, { fileName: filename, compilerOptions }).outputText;
    const tmp = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, output);
    fs.renameSync(tmp, cached);
  }
  module._compile(output, filename);
};

require('reflect-metadata');
