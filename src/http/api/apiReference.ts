import fs from 'node:fs';
import path from 'node:path';
import { apiGroups } from '../../../pages';
import { ApiGroup, ApiPageDefinition, ParameterDef } from '../../../pages/api/ApiPage';
import { FieldInfo, pageFields } from './EntityCodec';
import { encodeEdmName } from './edm';
import { tableMeta } from '../../runtime/Metadata';

/**
 * The entity-set reference of docs/api.md, rendered from the API page
 * definitions so the documentation cannot drift from what is served.
 * `npm run docs:api` rewrites the section between the markers; a test fails
 * when it is out of date.
 */
export const API_DOCS_PATH = path.join(repositoryRoot(), 'docs', 'api.md');
export const BEGIN_MARKER = '<!-- BEGIN GENERATED: entity sets (npm run docs:api) -->';
export const END_MARKER = '<!-- END GENERATED: entity sets -->';

export function renderApiReference(groups: ApiGroup[] = apiGroups): string {
  const out: string[] = [];
  for (const group of groups) {
    const base = group.publisher ? `/api/${group.publisher}/${group.group}/${group.version}` : `/api/${group.version}`;
    out.push(`### \`${base}\``, '');
    for (const page of group.pages) out.push(...renderPage(base, page));
  }
  return out.join('\n').trimEnd() + '\n';
}

function renderPage(base: string, page: ApiPageDefinition<any>): string[] {
  const meta = tableMeta(page.table);
  const allowed = [page.insertAllowed && 'POST', page.modifyAllowed && 'PATCH', page.deleteAllowed && 'DELETE'].filter(Boolean);
  const lines = [
    `#### ${page.entitySetName}`,
    '',
    `\`${base}/companies({id})/${page.entitySetName}\` — page "${page.name}" on table ${meta.id} "${meta.name}"; ` +
      `entity type \`Microsoft.NAV.${page.entityName}\`; GET${allowed.length ? `, ${allowed.join(', ')}` : ' only'}.`,
    '',
    '| Property | Table field | Type | Writable |',
    '|---|---|---|---|',
    ...pageFields(page).map((f) => `| \`${f.name}\` | ${tableField(f)} | ${typeOf(f)} | ${writable(f)} |`),
    '',
  ];
  if (page.navigation && Object.keys(page.navigation).length) {
    lines.push('Navigation properties:', '');
    for (const [name, nav] of Object.entries(page.navigation)) {
      const target = nav.target();
      const shape = nav.multiplicity === 'ZeroOrOne' ? `one ${target.entityName}` : target.entitySetName;
      lines.push(`- \`${page.entitySetName}({id})/${name}\` → ${shape}: ${nav.description}`);
    }
    for (const [name, what] of Object.entries(page.notSimulatedNavigation ?? {})) {
      lines.push(`- \`${page.entitySetName}({id})/${name}\`: not served (Simulator_NotSupported): ${what}.`);
    }
    lines.push('');
  }
  if (page.actions && Object.keys(page.actions).length) {
    lines.push('Bound actions (`POST`):', '');
    for (const [name, action] of Object.entries(page.actions)) {
      const params = Object.entries(action.parameters).map(([p, spec]) => parameter(p, spec));
      lines.push(`- \`${page.entitySetName}({id})/Microsoft.NAV.${name}\` {${params.join(', ')}}: ${action.description}`);
    }
    lines.push('');
  }
  return lines;
}

function tableField(f: FieldInfo): string {
  if (f.meta) return `${f.meta.no} "${f.meta.name}"`;
  if (f.property === 'systemId') return 'SystemId';
  if (f.property === 'systemModifiedAt') return 'SystemModifiedAt';
  if (f.property === 'systemCreatedAt') return 'SystemCreatedAt';
  return '(computed)';
}

function typeOf(f: FieldInfo): string {
  const length = f.meta?.type.length;
  switch (f.kind) {
    case 'Code':
    case 'Text':
      return `${f.kind}[${length}] (string)`;
    case 'Option':
      return `enum: ${(f.meta!.type.members ?? []).map((m) => `\`${encodeEdmName(m.name)}\``).join(', ')}`;
    case 'Date':
    case 'date':
      return 'date `YYYY-MM-DD`';
    case 'DateTime':
    case 'datetime':
      return 'date-time (UTC)';
    case 'Time':
      return 'time `HH:MM:SS`';
    case 'Guid':
      return 'GUID';
    case 'DateFormula':
      return 'date formula (string, e.g. `<5D>`)';
    default:
      return f.kind.toLowerCase();
  }
}

function writable(f: FieldInfo): string {
  if (f.property === 'systemId') return 'on POST only';
  if (f.readOnly) return 'no';
  return f.primaryKey ? 'on POST (key)' : 'yes';
}

function parameter(name: string, spec: ParameterDef): string {
  const type = spec.type === 'object' && spec.members ? `{${spec.members.join(', ')}}` : spec.type;
  return `${name}${spec.required ? '' : '?'}: ${type}`;
}

/** src/http/api → the repository (also when running from dist/src/http/api). */
function repositoryRoot(): string {
  const up = path.resolve(__dirname, '..', '..', '..');
  return path.basename(up) === 'dist' ? path.dirname(up) : up;
}

/** The docs file with its generated section replaced. */
export function withGeneratedReference(doc: string): string {
  const start = doc.indexOf(BEGIN_MARKER);
  const end = doc.indexOf(END_MARKER);
  if (start < 0 || end < start) throw new Error(`docs/api.md lacks the markers ${BEGIN_MARKER} … ${END_MARKER}`);
  return `${doc.slice(0, start + BEGIN_MARKER.length)}\n\n${renderApiReference()}\n${doc.slice(end)}`;
}

if (require.main === module) {
  const doc = fs.readFileSync(API_DOCS_PATH, 'utf8');
  fs.writeFileSync(API_DOCS_PATH, withGeneratedReference(doc));
  console.log(`Wrote the entity-set reference into ${API_DOCS_PATH}`);
}
