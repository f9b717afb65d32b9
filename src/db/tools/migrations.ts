import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { schemaSet } from '../../../ormconfig';
import { databaseConfigFromEnv } from '../config';
import { EmpireDataSource } from '../dataSource';
import { migrationSql, SchemaMigration } from '../migration';
import { diffSpecs, entitySpec, foldOps, SchemaOp, TableSpec } from '../schema';
import { migrateAll } from '../migrateAll';

/**
 * `npm run migrate [-- --check]`: brings the configured database (EMPIRE_SIM_DB...,
 * docs/database.md) to the latest migration: the system schema and every
 * company's, or with --check only lists what is pending (exit code 1 if any).
 *
 * `npm run migration:generate -- <Name>`: compares the schema the existing
 * migrations build with the entities and writes the difference as a new
 * migration under src/migrations (system and/or company), plus the index.
 */
type SetName = 'system' | 'company';

const ROOT = findRoot(__dirname);
const MIGRATIONS_DIR = path.join(ROOT, 'src', 'migrations');

function findRoot(dir: string): string {
  let d = dir;
  while (!fs.existsSync(path.join(d, 'package.json')) || path.basename(path.dirname(d)) === 'dist' || path.basename(d) === 'dist') {
    const up = path.dirname(d);
    if (up === d) throw new Error('package.json not found');
    d = up;
  }
  return d;
}

/** The entities of one set as neutral table specs (metadata built on SQLite, without connecting). */
export async function entityTables(set: SetName): Promise<TableSpec[]> {
  const ds = new EmpireDataSource({
    type: 'better-sqlite3',
    database: ':memory:',
    entities: set === 'system' ? schemaSet.systemEntities : schemaSet.companyEntities,
  });
  await ds.buildMetadataOnly();
  return entitySpec(ds);
}

/** The schema the set's migrations build, replayed on paper. */
export function migratedTables(set: SetName): TableSpec[] {
  const list = set === 'system' ? schemaSet.systemMigrations : schemaSet.companyMigrations;
  return foldOps(list.flatMap((M) => (new (M as new () => SchemaMigration)()).ops));
}

/** What a new migration of the set would have to do (empty: the migrations match the entities). */
export async function missingOps(set: SetName): Promise<SchemaOp[]> {
  return diffSpecs(migratedTables(set), await entityTables(set));
}

function render(className: string, ops: SchemaOp[], name: string, set: SetName): string {
  const lines = ops.map((op) => {
    if (op.op === 'createTable' || op.op === 'dropTable') {
      const t = op.table;
      return [
        `  {`,
        `    op: '${op.op}',`,
        `    table: {`,
        `      name: ${literal(t.name)},`,
        `      columns: [`,
        ...t.columns.map((c) => `        ${literal(c)},`),
        `      ],`,
        `      indices: [${t.indices.length ? '\n' + t.indices.map((i) => `        ${literal(i)},`).join('\n') + '\n      ' : ''}],`,
        `    },`,
        `  },`,
      ].join('\n');
    }
    return `  ${literal(op)},`;
  });
  return `import { SchemaMigration } from '../../db/migration';
import type { SchemaOp } from '../../db/schema';

/**
 * ${name} (${set} schema). Written by \`npm run migration:generate -- ${name}\` from
 * the difference between the earlier migrations and the entities; a released
 * migration is never edited, a new one follows it.
 */
export class ${className} extends SchemaMigration {
  readonly name = '${className}';
  readonly ops: SchemaOp[] = OPS;
}

const OPS: SchemaOp[] = [
${lines.join('\n')}
];
`;
}

/** A value as TypeScript source in the project's style: `{ name: 'No_', kind: 'string', length: 20 }`. */
function literal(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  if (v && typeof v === 'object') {
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`}: ${literal(x)}`)
      .join(', ')} }`;
  }
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return String(v);
}

function writeIndex(): void {
  const entries = (set: SetName) =>
    fs
      .readdirSync(path.join(MIGRATIONS_DIR, set))
      .filter((f) => /^\d{13}-\w+\.ts$/.test(f))
      .sort()
      .map((f) => {
        const [ts, name] = f.replace(/\.ts$/, '').split('-');
        return { file: `./${set}/${f.replace(/\.ts$/, '')}`, cls: `${set === 'system' ? 'System' : 'Company'}${name}${ts}` };
      });
  const system = entries('system');
  const company = entries('company');
  const text = [
    '// Written by `npm run migration:generate` (src/db/tools/migrations.ts): the migrations in version order.',
    ...[...system, ...company].map((e) => `import { ${e.cls} } from '${e.file}';`),
    '',
    `export const systemMigrations: Function[] = [${system.map((e) => e.cls).join(', ')}];`,
    `export const companyMigrations: Function[] = [${company.map((e) => e.cls).join(', ')}];`,
    '',
  ].join('\n');
  fs.writeFileSync(path.join(MIGRATIONS_DIR, 'index.ts'), text);
}

async function generate(name: string): Promise<void> {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) throw new Error(`A migration name is PascalCase letters and digits, not '${name}'.`);
  const ts = Date.now();
  let written = 0;
  for (const set of ['system', 'company'] as const) {
    const ops = await missingOps(set);
    if (ops.length === 0) continue;
    const cls = `${set === 'system' ? 'System' : 'Company'}${name}${ts}`;
    const file = path.join(MIGRATIONS_DIR, set, `${ts}-${name}.ts`);
    fs.writeFileSync(file, render(cls, ops, name, set));
    console.log(`${path.relative(ROOT, file)}: ${ops.length} step(s)`);
    written++;
  }
  if (written === 0) console.log('The migrations already build the entities: nothing to generate.');
  else writeIndex();
}

/** `npm run migrate -- --sql`: the DDL of all migrations for the configured dialect, without connecting. */
async function printSql(): Promise<void> {
  const config = databaseConfigFromEnv();
  const kind = config.kind === 'sqlite' ? 'better-sqlite3' : config.kind;
  const prefix = config.schemaPrefix ?? 'empire';
  const sets = [
    ['system', `${prefix}_system`, schemaSet.systemEntities, schemaSet.systemMigrations],
    ['company', `${prefix}_c_<company id>`, schemaSet.companyEntities, schemaSet.companyMigrations],
  ] as const;
  for (const [set, schema, entities, migrations] of sets) {
    console.log(`-- ${set} schema${kind === 'better-sqlite3' ? '' : ` (${schema})`}`);
    for (const q of await migrationSql(kind, kind === 'better-sqlite3' ? undefined : schema, [...entities], [...migrations])) console.log(`${q};`);
  }
}

async function main(): Promise<void> {
  const [command, arg] = process.argv.slice(2);
  if (command === 'generate') {
    if (!arg) throw new Error('Usage: npm run migration:generate -- <Name>');
    await generate(arg);
    return;
  }
  if (process.argv.includes('--sql')) {
    await printSql();
    return;
  }
  const check = process.argv.includes('--check');
  const dataDir = path.resolve(process.env.EMPIRE_SIM_DATA_DIR ?? './data');
  const report = await migrateAll(databaseConfigFromEnv(), dataDir, check ? 'check' : 'run');
  for (const line of report.lines) console.log(line);
  if (check && report.pending > 0) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  });
}
