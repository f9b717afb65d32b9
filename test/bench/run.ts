/**
 * `npm run bench`: the embedded-database benchmark (docs/benchmarks.md).
 *
 * One file-backed company in a temporary data dir, the way `npm start` runs
 * (Simulator.start({ dataDir })), measured through the real record, trigger
 * and codeunit layer, one operation per Simulator.run transaction:
 *   1. contacts created per second (a household as a user creates it);
 *   2. interactions with a team task logged per second (EmpireInteraction);
 *   3. the team task list (first page of 50) at volume, p50/p95 latency,
 *      after a bulk load of contacts, interaction log entries and team tasks;
 *   4. 1 and 2 again at that volume.
 *
 * Flags: --quick (small sizes, a smoke run), --keep (keep the data dir),
 * --json <file> (write the figures as JSON too), --candidate-indexes (add
 * the indexes docs/benchmarks.md recommends after the load, to measure them),
 * --wait-quiet (before each phase, wait until other processes leave the CPU
 * alone: for shared machines; every phase prints the CPU others used).
 * Never part of `npm test` (jest only runs *.test.ts); no timed assertions.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FindOptionsOrder, FindOptionsWhere } from 'typeorm';
import { Contact, InteractionLogEntry, Todo } from '../../entities';
import { TaskSystemType } from '../../entities/CRM/Task/TaskEnums';
import { EmpireInteraction } from '../../codeunits/EmpireInteraction.Codeunit';
import { Simulator } from '../../src/runtime/Simulator';
import { Session } from '../../src/runtime/Session';
import { seedEmptyCompany } from '../../src/seed/empty';
import { bulkLoad, LoadResult, VolumeSize } from './bulk';
import { createHouseholdAsUser, KCC_USERS, MEASURED_TEAM, NOTES, randomName, setUpBenchCompany, SETUP_USER, TEAMS } from './setup';
import {
  cpuSnapshot,
  int,
  machineFacts,
  MachineFacts,
  measure,
  mib,
  ms,
  othersCpuPct,
  pct,
  rate,
  Rng,
  seconds,
  Series,
  summarize,
  Summary,
  table,
  waitForQuiet,
} from './stats';

interface Sizes {
  name: 'full' | 'quick';
  warmup: number;
  contacts: number;
  interactions: number;
  volume: VolumeSize;
  listQueries: number;
  pageSize: number;
  atVolumeContacts: number;
  atVolumeInteractions: number;
}

const FULL: Sizes = {
  name: 'full',
  warmup: 50,
  contacts: 2000,
  interactions: 2000,
  volume: { contacts: 100_000, entries: 500_000, teamTasks: 20_000 },
  listQueries: 500,
  pageSize: 50,
  atVolumeContacts: 300,
  atVolumeInteractions: 300,
};

const QUICK: Sizes = {
  name: 'quick',
  warmup: 10,
  contacts: 200,
  interactions: 200,
  volume: { contacts: 5_000, entries: 20_000, teamTasks: 1_000 },
  listQueries: 100,
  pageSize: 50,
  atVolumeContacts: 50,
  atVolumeInteractions: 50,
};

interface Args {
  quick: boolean;
  keep: boolean;
  json: string | null;
  candidateIndexes: boolean;
  waitQuiet: boolean;
}

/**
 * Indexes this benchmark suggests adding to the schema (docs/benchmarks.md);
 * `--candidate-indexes` creates them with raw SQL right after the bulk load,
 * to measure their effect. Skipped when the schema already has one on the
 * same leading columns.
 */
const CANDIDATE_INDEXES: { table: string; columns: string[]; why: string }[] = [
  { table: 'Contact', columns: ['Company_No_'], why: 'Contact.updatePersonsOfCompany on every Modify of a household' },
  { table: 'To-do', columns: ['Team_Code', 'System_To-do_Type', 'Closed', 'Date'], why: "the team's open task list" },
];

function parseArgs(argv: string[]): Args {
  const args: Args = { quick: false, keep: false, json: null, candidateIndexes: false, waitQuiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') args.quick = true;
    else if (a === '--keep') args.keep = true;
    else if (a === '--json') args.json = argv[++i] ?? null;
    else if (a === '--candidate-indexes') args.candidateIndexes = true;
    else if (a === '--wait-quiet') args.waitQuiet = true;
    else if (a === '--help' || a === '-h') {
      console.log('usage: npm run bench -- [--quick] [--keep] [--json <file>] [--candidate-indexes] [--wait-quiet]');
      process.exit(0);
    } else throw new Error(`unknown argument '${a}' (try --help)`);
  }
  return args;
}

const log = (line = '') => console.log(line);

interface ListResult {
  label: string;
  where: string;
  request: Summary;
  find: Summary;
  rowsPerTeam: Record<string, number>;
  plan: string[];
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const size = args.quick ? QUICK : FULL;
  const runStart = performance.now();
  const runCpu = cpuSnapshot();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'empire-sim-bench-'));
  const sim = await Simulator.start({ dataDir, seeds: { empty: seedEmptyCompany } });
  const rng = new Rng(20260105);
  try {
    const company = await sim.createCompany('BENCH', { seed: 'empty' });
    const id = company.systemId;
    const companyFile = path.join(dataDir, `company-${company.systemId}.sqlite`);
    const pragmas = await sim.run(id, { userId: SETUP_USER }, async (s) => ({
      version: String((await s.manager.query('select sqlite_version() as v'))[0].v),
      journal: String((await s.manager.query('pragma journal_mode'))[0].journal_mode),
      synchronous: ['OFF', 'NORMAL', 'FULL', 'EXTRA'][Number((await s.manager.query('pragma synchronous'))[0].synchronous)],
    }));
    const facts = machineFacts(pragmas.version);
    printFacts(facts, size, dataDir, pragmas);
    if (args.candidateIndexes) log('indexes     + candidate indexes after the bulk load (--candidate-indexes)');

    await setUpBenchCompany(sim, id);
    /** --wait-quiet: before each measured phase, wait (at most 5 minutes) until other processes leave the CPU alone. */
    const gate = async () => {
      if (!args.waitQuiet) return;
      const { waitedMs, quiet } = await waitForQuiet(300_000);
      if (!quiet) log(`    (the machine did not get quiet in ${seconds(waitedMs)}; measuring anyway)`);
      else if (waitedMs > 3500) log(`    (waited ${seconds(waitedMs)} for a quiet machine)`);
    };
    const user = (i: number) => ({ userId: KCC_USERS[i % KCC_USERS.length] });

    // ---- 1. contacts ----
    log(`\n[1] contacts: ${size.warmup} warm-up, then ${size.contacts}, one per transaction …`);
    const contactNos: string[] = [];
    const newContact = (i: number) =>
      sim.run(id, user(i), async (s) => {
        contactNos.push((await createHouseholdAsUser(s, randomName(rng))).no);
      });
    for (let i = 0; i < size.warmup; i++) await newContact(i);
    await gate();
    const contacts = summarize(await measure('Contacts created (empty company)', size.contacts, newContact));
    printRate(contacts, 'contacts/s');

    // ---- 2. interactions with a team task ----
    log(`\n[2] interactions with a team task (team ${MEASURED_TEAM.code}, 5 members): ${size.warmup} warm-up, then ${size.interactions} …`);
    const logInteraction = (contactNo: () => string) => (i: number) =>
      sim.run(id, user(i), async (s) => {
        const { task } = await new EmpireInteraction(s).fromContact(contactNo(), {
          templateCode: MEASURED_TEAM.template,
          note: NOTES[i % NOTES.length],
        });
        if (!task) throw new Error('bench: the template did not create a task');
      });
    const phase1Contact = () => rng.pick(contactNos);
    for (let i = 0; i < size.warmup; i++) await logInteraction(phase1Contact)(i);
    await gate();
    const interactions = summarize(await measure('Interactions + team task (empty company)', size.interactions, logInteraction(phase1Contact)));
    printRate(interactions, 'interactions/s');
    await sim.run(id, { userId: SETUP_USER }, async (s) => {
      const made = size.warmup + size.interactions;
      const rows = await s.count(Todo, { teamCode: MEASURED_TEAM.code });
      if (rows !== made * (1 + MEASURED_TEAM.members.length)) throw new Error(`bench: expected ${made * 6} task rows, found ${rows}`);
      log(`    check: ${int(made)} log entries made ${int(rows)} task rows (1 team row + 5 member rows each)`);
    });

    // ---- 3. bulk load + team task list ----
    const v = size.volume;
    log(`\n[3] bulk load (raw parameterized INSERTs, no triggers): ${int(v.contacts)} contacts, ${int(v.entries)} interaction log entries, ${int(v.teamTasks)} team tasks …`);
    await gate();
    const loadCpu = cpuSnapshot();
    const load = await bulkLoad(sim, id, v, rng);
    load.othersCpuPct = othersCpuPct(loadCpu);
    const fileBytes = fileSize(companyFile);
    printLoad(load, fileBytes);

    const totals = await sim.run(id, { userId: SETUP_USER }, async (s) => ({
      contacts: await s.count(Contact),
      entries: await s.count(InteractionLogEntry),
      tasks: await s.count(Todo),
      teamTasks: await s.count(Todo, { systemToDoType: TaskSystemType.Team }),
      openTeamTasks: await s.count(Todo, { systemToDoType: TaskSystemType.Team, closed: false }),
    }));
    if (args.candidateIndexes) await createCandidateIndexes(sim, id);
    log(
      `    company now holds ${int(totals.contacts)} contacts, ${int(totals.entries)} log entries, ${int(totals.tasks)} task rows ` +
        `(${int(totals.teamTasks)} team tasks, ${int(totals.openTeamTasks)} of them open)`,
    );

    log(`\n[3] team task list, first page of ${size.pageSize}: ${size.listQueries} queries per variant, rotating over ${TEAMS.length} teams …`);
    const listA = await benchTeamList(sim, id, size, gate, 'Team task list (brief)', 'Team Code = T, System Task Type = Team; order by Date', (team) => ({
      teamCode: team,
      systemToDoType: TaskSystemType.Team,
    }));
    const listB = await benchTeamList(sim, id, size, gate, 'Team task list, open only', 'as above + Closed = No', (team) => ({
      teamCode: team,
      systemToDoType: TaskSystemType.Team,
      closed: false,
    }));

    // ---- 4. 1 and 2 again at volume ----
    log(`\n[4] at volume: ${size.atVolumeContacts} contacts and ${size.atVolumeInteractions} interactions (on bulk-loaded households) …`);
    await gate();
    const contactsAtVolume = summarize(await measure('Contacts created (at volume)', size.atVolumeContacts, newContact));
    printRate(contactsAtVolume, 'contacts/s');
    const bulkContact = () => rng.pick(load.households);
    await gate();
    const interactionsAtVolume = summarize(
      await measure('Interactions + team task (at volume)', size.atVolumeInteractions, logInteraction(bulkContact)),
    );
    printRate(interactionsAtVolume, 'interactions/s');

    // ---- summary ----
    const totalMs = performance.now() - runStart;
    log('\n== Summary ==');
    log(`${facts.date} · ${facts.cpuModel} · ${facts.cores} cores · ${facts.memory} · Node ${facts.node} · SQLite ${facts.sqlite} · size ${size.name}${args.candidateIndexes ? ' · + candidate indexes' : ''}`);
    log(
      table(
        ['Figure', 'N', 'Throughput', 'p50', 'p95', 'p99', 'Other CPU'],
        [
          ...[contacts, interactions, contactsAtVolume, interactionsAtVolume].map((r) => [
            r.label,
            int(r.count),
            `${rate(r.perSecond)}/s`,
            ms(r.p50Ms),
            ms(r.p95Ms),
            ms(r.p99Ms),
            pct(r.othersCpuPct),
          ]),
          ...[listA, listB].flatMap((l) => [
            [`${l.label}: request`, int(l.request.count), `${rate(l.request.perSecond)}/s`, ms(l.request.p50Ms), ms(l.request.p95Ms), ms(l.request.p99Ms), pct(l.request.othersCpuPct)],
            [`${l.label}: Session.find only`, int(l.find.count), '', ms(l.find.p50Ms), ms(l.find.p95Ms), ms(l.find.p99Ms), ''],
          ]),
        ],
      ),
    );
    log(
      `Bulk load: ${int(load.rows['Contact'])} contacts in ${seconds(load.phaseMs.contacts)}; ` +
        `${int(load.rows['Interaction Log Entry'])} log entries + ${int(load.rows['To-do'])} task rows + comment lines in ${seconds(load.phaseMs.entries)}; ` +
        `total ${seconds(load.totalMs)}; database file ${mib(fileBytes)}`,
    );
    const others = othersCpuPct(runCpu);
    log(`Whole run: ${seconds(totalMs)}; other processes used ${pct(others)} of the machine's CPU meanwhile`);
    const disturbed = [contacts, interactions, contactsAtVolume, interactionsAtVolume, listA.request, listB.request]
      .filter((r) => r.othersCpuPct > 10)
      .map((r) => `${r.label} (${pct(r.othersCpuPct)})`);
    if ((load.othersCpuPct ?? 0) > 10) disturbed.push(`bulk load (${pct(load.othersCpuPct!)})`);
    if (disturbed.length) {
      log(`WARNING: other processes used more than 10% of the CPU during: ${disturbed.join(', ')}.`);
      log('         Those figures are not comparable; run again on a quiet machine (or with --wait-quiet).');
    }

    if (args.json) {
      fs.writeFileSync(
        args.json,
        JSON.stringify(
          { facts, size, pragmas, contacts, interactions, contactsAtVolume, interactionsAtVolume, load: { ...load, households: undefined, fileBytes }, totals, listA, listB, totalMs, othersCpuPct: others },
          null,
          2,
        ),
      );
      log(`JSON written to ${args.json}`);
    }
  } finally {
    await sim.close();
    if (args.keep) log(`data dir kept: ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The list page: one request = one Simulator.run (as an API or page request
 * is) with Session.find(Todo, filters, { date: 'ASC' }, pageSize). Times the
 * whole request and, inside it, the find alone.
 */
async function benchTeamList(
  sim: Simulator,
  companyId: string,
  size: Sizes,
  gate: () => Promise<void>,
  label: string,
  where: string,
  filter: (team: string) => FindOptionsWhere<Todo>,
): Promise<ListResult> {
  const order: FindOptionsOrder<Todo> = { date: 'ASC' };
  const actor = { userId: MEASURED_TEAM.members[0] };
  const rowsPerTeam: Record<string, number> = {};
  const plan = await sim.run(companyId, actor, async (s) => {
    for (const t of TEAMS) rowsPerTeam[t.code] = await s.count(Todo, filter(t.code));
    return explain(s, filter(TEAMS[0].code), order, size.pageSize);
  });
  const findMs: number[] = [];
  const query = (i: number) =>
    sim.run(companyId, actor, async (s) => {
      const team = TEAMS[i % TEAMS.length].code;
      const t = performance.now();
      const rows = await s.find(Todo, filter(team), order, size.pageSize);
      findMs.push(performance.now() - t);
      checkPage(rows, team, Math.min(size.pageSize, rowsPerTeam[team]));
    });
  for (let i = 0; i < Math.min(20, size.listQueries); i++) await query(i);
  await gate();
  findMs.length = 0;
  const series: Series = await measure(`${label}`, size.listQueries, query);
  const request = summarize(series);
  const find = summarize({ ...series, label: `${label} (find)`, latenciesMs: findMs });
  log(`    ${label} [${where}]`);
  log(`      rows in the list per team: ${Object.entries(rowsPerTeam).map(([k, n]) => `${k} ${int(n)}`).join(', ')}`);
  log(`      plan: ${plan.join(' / ')}`);
  log(`      request (Simulator.run + find): p50 ${ms(request.p50Ms)}, p95 ${ms(request.p95Ms)}, p99 ${ms(request.p99Ms)} (${rate(request.perSecond)}/s; other CPU ${pct(request.othersCpuPct)})`);
  log(`      Session.find alone:             p50 ${ms(find.p50Ms)}, p95 ${ms(find.p95Ms)}, p99 ${ms(find.p99Ms)}`);
  return { label, where, request, find, rowsPerTeam, plan };
}

async function createCandidateIndexes(sim: Simulator, companyId: string): Promise<void> {
  await sim.run(companyId, { userId: SETUP_USER }, async (s) => {
    for (const c of CANDIDATE_INDEXES) {
      const indexes: { name: string }[] = await s.manager.query(`PRAGMA index_list("${c.table}")`);
      let existing: string | null = null;
      for (const ix of indexes) {
        const cols: { name: string }[] = await s.manager.query(`PRAGMA index_info("${ix.name}")`);
        if (c.columns.every((col, i) => cols[i]?.name === col)) existing = ix.name;
      }
      const label = `${c.table} (${c.columns.join(', ')})`;
      if (existing) {
        log(`    candidate index ${label}: already in the schema as ${existing}`);
        continue;
      }
      const t = performance.now();
      await s.manager.query(`CREATE INDEX "BENCH_${c.table}_${c.columns.join('_')}" ON "${c.table}" (${c.columns.map((x) => `"${x}"`).join(', ')})`);
      log(`    candidate index ${label} created (NOT in the schema; ${c.why}) in ${ms(performance.now() - t)}`);
    }
  });
}

/** SQLite's plan for the exact SQL TypeORM generates for this find. */
async function explain(s: Session, where: FindOptionsWhere<Todo>, order: FindOptionsOrder<Todo>, take: number): Promise<string[]> {
  const [sql, params] = s.manager.getRepository(Todo).createQueryBuilder().setFindOptions({ where, order, take }).getQueryAndParameters();
  const rows: { detail: string }[] = await s.manager.query(`EXPLAIN QUERY PLAN ${sql}`, params);
  return rows.map((r) => r.detail);
}

function checkPage(rows: Todo[], team: string, expected: number): void {
  if (rows.length !== expected) throw new Error(`bench: team ${team} list returned ${rows.length} rows, expected ${expected}`);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.teamCode !== team || r.systemToDoType !== TaskSystemType.Team) throw new Error(`bench: task ${r.no} is not a team task of ${team}`);
    if (i > 0 && (rows[i - 1].date ?? '') > (r.date ?? '')) throw new Error('bench: list not ordered by Date');
  }
}

function fileSize(file: string): number {
  let total = 0;
  for (const f of [file, `${file}-wal`]) if (fs.existsSync(f)) total += fs.statSync(f).size;
  return total;
}

function printFacts(f: MachineFacts, size: Sizes, dataDir: string, pragmas: { journal: string; synchronous: string }): void {
  log('empire-sim benchmark — embedded SQLite (better-sqlite3), file-backed company');
  log(`date        ${f.date}`);
  log(`load avg    ${f.loadAverage} (1, 5, 15 min, at start)`);
  log(`cpu         ${f.cpuModel} × ${f.cores} cores`);
  log(`memory      ${f.memory}`);
  log(`os          ${f.os}`);
  log(`node        ${f.node}`);
  log(`sqlite      ${f.sqlite} (better-sqlite3 ${f.betterSqlite3}, TypeORM ${f.typeorm}); journal_mode=${pragmas.journal}, synchronous=${pragmas.synchronous}`);
  log(`data dir    ${dataDir}`);
  log(`size        ${size.name}`);
}

function printRate(r: Summary, unit: string): void {
  log(
    `    ${r.label}: ${rate(r.perSecond)} ${unit} (${int(r.count)} in ${seconds(r.wallMs)}; ` +
      `per operation p50 ${ms(r.p50Ms)}, p95 ${ms(r.p95Ms)}, p99 ${ms(r.p99Ms)}, max ${ms(r.maxMs)}; other CPU ${pct(r.othersCpuPct)})`,
  );
}

function printLoad(load: LoadResult, fileBytes: number): void {
  const rows = Object.entries(load.rows).map(([t, n]) => `${t} ${int(n)}`).join(', ');
  log(`    rows: ${rows}`);
  log(
    `    contacts ${seconds(load.phaseMs.contacts)}, entries + tasks + comments ${seconds(load.phaseMs.entries)}, total ${seconds(load.totalMs)}` +
      `; other CPU ${pct(load.othersCpuPct ?? NaN)}`,
  );
  log(`    open team tasks loaded: ${int(load.openTeamTasks)}; database file (+WAL): ${mib(fileBytes)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
