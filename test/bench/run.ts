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
 * For 1, 2 and 4 it prints the SQL statements per operation (the delta of
 * sqlStatements.count, src/db/statementCounter.ts) and the floor: the same
 * writes as raw prepared statements on the same database file in the same
 * run (test/bench/floor.ts), with the operation's time as a multiple of the
 * floor's. At the end, each figure next to its goal (GOALS) and whether it
 * is met.
 *
 * Flags: --quick (small sizes, a smoke run), --keep (keep the data dir),
 * --trace (print the SQL of one interaction with a team task, one contact
 * and the floor's, and what they are by verb and table; column lists
 * shortened), --trace-full (the same, every statement in full),
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
import type BetterSqlite3 from 'better-sqlite3';
import { FindOptionsOrder, FindOptionsWhere } from 'typeorm';
import { Contact, InteractionLogEntry, Todo } from '../../entities';
import { TaskSystemType } from '../../entities/CRM/Task/TaskEnums';
import { EmpireInteraction } from '../../codeunits/process/EmpireInteraction.Codeunit';
import { Simulator } from '../../src/host/Simulator';
import { seedEmptyCompany } from '../../src/seed/empty';
import { sqlStatements } from '../../src/db/statementCounter';
import { walCheckpointer } from '../../src/db/walCheckpointer';
import { bulkLoad, LoadResult, VolumeSize } from './bulk';
import { Floor, openCompanyDatabase } from './floor';
import { createHouseholdAsUser, KCC_USERS, MEASURED_TEAM, NOTES, randomName, setUpBenchCompany, SETUP_USER, TEAMS } from './setup';
import {
  cpuSnapshot,
  int,
  machineFacts,
  MachineFacts,
  measure,
  measureInTurns,
  mib,
  ms,
  othersCpuPct,
  pct,
  rate,
  Rng,
  seconds,
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
  trace: boolean;
  traceFull: boolean;
}

/**
 * The goals of the data-path issue, printed next to each figure. The rates
 * and the list latency are for the full size (100,000 contacts, 500,000 log
 * entries); a --quick run prints them too but does not judge them.
 */
const GOALS = {
  /** SQL statements of one interaction with a team task of 5, at most. */
  interactionStatements: 25,
  /** Interactions with a team task of 5 per second at volume, at least. */
  interactionsPerSecond: 1500,
  /** Contacts created per second at volume, at least. */
  contactsPerSecond: 2000,
  /** The team task list (first page of 50), request p50, at most (ms). */
  teamListP50Ms: 0.3,
};

/**
 * Indexes this benchmark suggests adding to the schema (docs/benchmarks.md);
 * `--candidate-indexes` creates them with raw SQL right after the bulk load,
 * to measure their effect. Skipped when the schema already has one on the
 * same leading columns.
 */
const CANDIDATE_INDEXES: { table: string; columns: string[]; why: string }[] = [
  { table: 'Contact', columns: ['Company_No_'], why: 'Contact.updatePersonsOfCompany on every Modify of a household' },
  { table: 'To-do', columns: ['Team_Code', 'System_To-do_Type', 'Closed', 'Date'], why: "the team's open task list" },
  { table: 'To-do', columns: ['Team_Code', 'System_To-do_Type', 'Date'], why: "the team's task list, open and closed, by Date" },
];

function parseArgs(argv: string[]): Args {
  const args: Args = { quick: false, keep: false, json: null, candidateIndexes: false, waitQuiet: false, trace: false, traceFull: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') args.quick = true;
    else if (a === '--keep') args.keep = true;
    else if (a === '--json') args.json = argv[++i] ?? null;
    else if (a === '--candidate-indexes') args.candidateIndexes = true;
    else if (a === '--wait-quiet') args.waitQuiet = true;
    else if (a === '--trace') args.trace = true;
    else if (a === '--trace-full') args.trace = args.traceFull = true;
    else if (a === '--help' || a === '-h') {
      console.log('usage: npm run bench -- [--quick] [--keep] [--json <file>] [--candidate-indexes] [--wait-quiet] [--trace | --trace-full]');
      process.exit(0);
    } else throw new Error(`unknown argument '${a}' (try --help)`);
  }
  return args;
}

const log = (line = '') => console.log(line);

/** A measured series of one operation, with the SQL statements it sent per operation. */
interface OpResult extends Summary {
  statementsPerOp: number;
}

interface ListResult {
  label: string;
  where: string;
  request: Summary;
  find: Summary;
  /** The floor: the SELECT the find sent, run on the bench's own connection and its rows parsed. */
  floor: Summary;
  statementsPerRequest: number;
  rowsPerTeam: Record<string, number>;
  plan: string[];
}

/** `measure` + `summarize`, counting the statements the simulator sent meanwhile (src/db/statementCounter.ts). */
async function measureOp(label: string, n: number, op: (i: number) => Promise<void>): Promise<OpResult> {
  const before = sqlStatements.count;
  const summary = summarize(await measure(label, n, op));
  return { ...summary, statementsPerOp: (sqlStatements.count - before) / n };
}

/** The floor's series: `warmup` unmeasured operations, then `n` measured ones, counting the floor's own statements. */
async function measureFloor(label: string, n: number, warmup: number, floor: Floor, op: (i: number) => void): Promise<OpResult> {
  for (let i = 0; i < warmup; i++) op(n + i);
  const before = floor.count;
  const summary = summarize(await measure(label, n, async (i) => op(i)));
  return { ...summary, statementsPerOp: (floor.count - before) / n };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const size = args.quick ? QUICK : FULL;
  const runStart = performance.now();
  const runCpu = cpuSnapshot();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'empire-sim-bench-'));
  const sim = await Simulator.start({ dataDir, seeds: { empty: seedEmptyCompany } });
  const rng = new Rng(20260105);
  /** The floor's own random names and contact picks, so the measured phases and the bulk load get the same data with or without it. */
  const floorRng = new Rng(20260106);
  let floor: Floor | null = null;
  try {
    const company = await sim.createCompany('BENCH', { seed: 'empty' });
    const id = company.systemId;
    const companyFile = path.join(dataDir, `company-${company.systemId}.sqlite`);
    if (!fs.existsSync(companyFile)) throw new Error(`bench: the company's database is not at ${companyFile}; the floor needs the file`);
    // The floor's own connection to the company file; the plans and candidate indexes use it too.
    const raw = openCompanyDatabase(companyFile);
    floor = new Floor(raw);
    const pragmas = await readPragmas(sim, id, raw);
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
    const floorContact = (i: number) => void floor!.contact(randomName(floorRng), KCC_USERS[i % KCC_USERS.length]);

    // ---- 1. contacts ----
    log(`\n[1] contacts: ${size.warmup} warm-up, then ${size.contacts}, one per transaction …`);
    const contactNos: string[] = [];
    const newContact = (i: number) =>
      sim.run(id, user(i), async (s) => {
        contactNos.push((await createHouseholdAsUser(s, randomName(rng))).no);
      });
    for (let i = 0; i < size.warmup; i++) await newContact(i);
    if (args.trace) printTrace('one contact (a household as a user creates it, one Simulator.run)', await traced(() => newContact(0)), args.traceFull);
    await gate();
    const contacts = await measureOp('Contacts created (empty company)', size.contacts, newContact);
    printRate(contacts, 'contacts/s');
    floor.captureContactTemplate();
    await gate();
    const floorContacts = await measureFloor('Floor: contact, raw SQL (empty company)', size.contacts, size.warmup, floor, floorContact);
    printFloor(floorContacts, contacts, 'contacts/s');
    if (args.trace) printTrace("the floor's contact", floorTraced(floor, () => floorContact(0)), args.traceFull);

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
    let made = 0;
    for (let i = 0; i < size.warmup; i++, made++) await logInteraction(phase1Contact)(i);
    if (args.trace) {
      printTrace('one interaction with a team task of 5 (EmpireInteraction.fromContact, one Simulator.run)', await traced(() => logInteraction(phase1Contact)(0)), args.traceFull);
      made++;
    }
    await gate();
    const interactions = await measureOp('Interactions + team task (empty company)', size.interactions, logInteraction(phase1Contact));
    made += size.interactions;
    printRate(interactions, 'interactions/s');
    await sim.run(id, { userId: SETUP_USER }, async (s) => {
      const rows = await s.count(Todo, { teamCode: MEASURED_TEAM.code });
      if (rows !== made * (1 + MEASURED_TEAM.members.length)) throw new Error(`bench: expected ${made * 6} task rows, found ${rows}`);
      log(`    check: ${int(made)} log entries made ${int(rows)} task rows (1 team row + 5 member rows each)`);
    });
    floor.captureInteractionTemplates();
    const floorInteraction = (contactNo: () => string) => (i: number) =>
      void floor!.interaction(contactNo(), MEASURED_TEAM.template, NOTES[i % NOTES.length], KCC_USERS[i % KCC_USERS.length]);
    await gate();
    const floorInteractions = await measureFloor(
      'Floor: interaction + team task, raw SQL (empty company)',
      size.interactions,
      size.warmup,
      floor,
      floorInteraction(() => floorRng.pick(contactNos)),
    );
    printFloor(floorInteractions, interactions, 'interactions/s');
    if (args.trace) printTrace("the floor's interaction with a team task of 5", floorTraced(floor, () => floorInteraction(() => floorRng.pick(contactNos))(0)), args.traceFull);

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
    if (args.candidateIndexes) createCandidateIndexes(raw);
    log(
      `    company now holds ${int(totals.contacts)} contacts, ${int(totals.entries)} log entries, ${int(totals.tasks)} task rows ` +
        `(${int(totals.teamTasks)} team tasks, ${int(totals.openTeamTasks)} of them open)`,
    );

    log(`\n[3] team task list, first page of ${size.pageSize}: ${size.listQueries} queries per variant, rotating over ${TEAMS.length} teams …`);
    const listA = await benchTeamList(
      sim,
      id,
      raw,
      size,
      gate,
      'Team task list (brief)',
      'Team Code = T, System Task Type = Team; order by Date',
      (team) => ({ teamCode: team, systemToDoType: TaskSystemType.Team }),
      (team) => [team, TaskSystemType.Team],
    );
    const listB = await benchTeamList(
      sim,
      id,
      raw,
      size,
      gate,
      'Team task list, open only',
      'as above + Closed = No',
      (team) => ({ teamCode: team, systemToDoType: TaskSystemType.Team, closed: false }),
      (team) => [team, TaskSystemType.Team, 0],
    );

    // ---- 4. 1 and 2 again at volume ----
    log(`\n[4] at volume: ${size.atVolumeContacts} contacts and ${size.atVolumeInteractions} interactions (on bulk-loaded households) …`);
    const floorWarmupAtVolume = Math.min(size.warmup, 20);
    await gate();
    const contactsAtVolume = await measureOp('Contacts created (at volume)', size.atVolumeContacts, newContact);
    printRate(contactsAtVolume, 'contacts/s');
    await gate();
    const floorContactsAtVolume = await measureFloor('Floor: contact, raw SQL (at volume)', size.atVolumeContacts, floorWarmupAtVolume, floor, floorContact);
    printFloor(floorContactsAtVolume, contactsAtVolume, 'contacts/s');
    const bulkContact = () => rng.pick(load.households);
    await gate();
    const interactionsAtVolume = await measureOp('Interactions + team task (at volume)', size.atVolumeInteractions, logInteraction(bulkContact));
    printRate(interactionsAtVolume, 'interactions/s');
    await gate();
    const floorInteractionsAtVolume = await measureFloor(
      'Floor: interaction + team task, raw SQL (at volume)',
      size.atVolumeInteractions,
      floorWarmupAtVolume,
      floor,
      floorInteraction(() => floorRng.pick(load.households)),
    );
    printFloor(floorInteractionsAtVolume, interactionsAtVolume, 'interactions/s');

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
            [`${l.label}: floor (its SQL, raw)`, int(l.floor.count), `${rate(l.floor.perSecond)}/s`, ms(l.floor.p50Ms), ms(l.floor.p95Ms), ms(l.floor.p99Ms), pct(l.floor.othersCpuPct)],
          ]),
        ],
      ),
    );
    log(
      `Bulk load: ${int(load.rows['Contact'])} contacts in ${seconds(load.phaseMs.contacts)}; ` +
        `${int(load.rows['Interaction Log Entry'])} log entries + ${int(load.rows['To-do'])} task rows + comment lines in ${seconds(load.phaseMs.entries)}; ` +
        `total ${seconds(load.totalMs)}; database file ${mib(fileBytes)}`,
    );

    const ops: [OpResult, OpResult][] = [
      [contacts, floorContacts],
      [interactions, floorInteractions],
      [contactsAtVolume, floorContactsAtVolume],
      [interactionsAtVolume, floorInteractionsAtVolume],
    ];
    log(
      '\nPer operation: SQL statements, and the floor (the same writes as raw prepared statements on the same database, same run; ' +
        'for a list, the SELECT the find sent, run raw and its rows parsed)',
    );
    log(
      table(
        ['Operation', 'Throughput', 'p50', 'SQL statements / op', 'Floor throughput', 'Floor p50', 'Floor statements / op', 'Time ÷ floor (mean)', 'p50 ÷ floor p50'],
        [
          ...ops.map(([op, fl]) => [
            op.label,
            `${rate(op.perSecond)}/s`,
            ms(op.p50Ms),
            statements(op.statementsPerOp),
            `${rate(fl.perSecond)}/s`,
            ms(fl.p50Ms),
            statements(fl.statementsPerOp),
            times(fl.perSecond / op.perSecond),
            times(op.p50Ms / fl.p50Ms),
          ]),
          ...[listA, listB].map((l) => [
            `${l.label}: request`,
            `${rate(l.request.perSecond)}/s`,
            ms(l.request.p50Ms),
            statements(l.statementsPerRequest),
            `${rate(l.floor.perSecond)}/s`,
            ms(l.floor.p50Ms),
            '1',
            times(l.floor.perSecond / l.request.perSecond),
            times(l.request.p50Ms / l.floor.p50Ms),
          ]),
        ],
      ),
    );

    const goals = goalRows(size, { interactions, interactionsAtVolume, floorInteractionsAtVolume, contactsAtVolume, floorContactsAtVolume, listA, listB });
    log(`\nGoals (issue: the data path)${size.name === 'quick' ? ' — a --quick run: the volume is not the goals\' 100,000 contacts / 500,000 entries, so the rates and the list are not judged' : ''}`);
    log(table(['Goal', 'Measured', 'Goal', 'Met'], goals.map((g) => [g.figure, g.measured, g.goal, g.met])));

    const wal = await walCheckpointer.stats();
    // The simulator's and the floor's commits on the company file, checkpointed alike (src/db/walCheckpointer.ts).
    log(`WAL checkpoints on the checkpoint thread: ${int(wal.checkpoints)}, ${int(wal.framesCopied)} frames copied; largest WAL ${int(wal.largestWal)} frames`);
    const others = othersCpuPct(runCpu);
    log(`Whole run: ${seconds(totalMs)}; other processes used ${pct(others)} of the machine's CPU meanwhile`);
    const disturbed = [
      ...ops.flat(),
      listA.request,
      listB.request,
    ]
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
          {
            facts,
            size,
            pragmas,
            contacts,
            interactions,
            contactsAtVolume,
            interactionsAtVolume,
            floor: { contacts: floorContacts, interactions: floorInteractions, contactsAtVolume: floorContactsAtVolume, interactionsAtVolume: floorInteractionsAtVolume },
            goals,
            load: { ...load, households: undefined, fileBytes },
            totals,
            listA,
            listB,
            totalMs,
            othersCpuPct: others,
          },
          null,
          2,
        ),
      );
      log(`JSON written to ${args.json}`);
    }
  } finally {
    floor?.close();
    await sim.close();
    if (args.keep) log(`data dir kept: ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

interface GoalRow {
  figure: string;
  measured: string;
  goal: string;
  met: string;
  value: number;
  target: number;
}

function goalRows(
  size: Sizes,
  r: {
    interactions: OpResult;
    interactionsAtVolume: OpResult;
    floorInteractionsAtVolume: OpResult;
    contactsAtVolume: OpResult;
    floorContactsAtVolume: OpResult;
    listA: ListResult;
    listB: ListResult;
  },
): GoalRow[] {
  const judged = size.name === 'full';
  const verdict = (ok: boolean, alwaysJudged = false) => (judged || alwaysJudged ? (ok ? 'yes' : 'no') : `(${ok ? 'yes' : 'no'}: quick)`);
  const rows: GoalRow[] = [];
  for (const [label, op] of [
    ['empty company', r.interactions],
    ['at volume', r.interactionsAtVolume],
  ] as const) {
    rows.push({
      figure: `Interaction + team task of 5: SQL statements per operation (${label})`,
      measured: statements(op.statementsPerOp),
      goal: `≤ ${GOALS.interactionStatements}`,
      met: verdict(op.statementsPerOp <= GOALS.interactionStatements, true),
      value: op.statementsPerOp,
      target: GOALS.interactionStatements,
    });
  }
  const rateRow = (figure: string, op: OpResult, fl: OpResult, target: number, unit: string): GoalRow => ({
    figure,
    measured: `${rate(op.perSecond)}/s (floor ${rate(fl.perSecond)}/s: ${times(fl.perSecond / op.perSecond)} its time)`,
    goal: `≥ ${int(target)}/s (${(target / fl.perSecond).toFixed(2)}× the floor's rate)`,
    met: verdict(op.perSecond >= target),
    value: op.perSecond,
    target,
  });
  rows.push(rateRow('Interactions + team task of 5 per second, at volume', r.interactionsAtVolume, r.floorInteractionsAtVolume, GOALS.interactionsPerSecond, 'interactions'));
  rows.push(rateRow('Contacts created per second, at volume', r.contactsAtVolume, r.floorContactsAtVolume, GOALS.contactsPerSecond, 'contacts'));
  for (const l of [r.listA, r.listB]) {
    rows.push({
      figure: `${l.label}, first page of 50: request p50 (Simulator.run + find)`,
      measured: `${ms(l.request.p50Ms)} (Session.find alone ${ms(l.find.p50Ms)}; floor ${ms(l.floor.p50Ms)}: ${times(l.request.p50Ms / l.floor.p50Ms)})`,
      goal: `≤ ${GOALS.teamListP50Ms} ms`,
      met: verdict(l.request.p50Ms <= GOALS.teamListP50Ms),
      value: l.request.p50Ms,
      target: GOALS.teamListP50Ms,
    });
  }
  return rows;
}

/**
 * The list page: one request = one Simulator.run (as an API or page request
 * is) with Session.find(Todo, filters, { date: 'ASC' }, pageSize). Times the
 * whole request and, inside it, the find alone.
 */
async function benchTeamList(
  sim: Simulator,
  companyId: string,
  raw: BetterSqlite3.Database,
  size: Sizes,
  gate: () => Promise<void>,
  label: string,
  where: string,
  filter: (team: string) => FindOptionsWhere<Todo>,
  /** The find's parameter values as the database holds them, in the filter's order: the floor binds them to the find's own SQL. */
  floorParams: (team: string) => unknown[],
): Promise<ListResult> {
  const order: FindOptionsOrder<Todo> = { date: 'ASC' };
  const actor = { userId: MEASURED_TEAM.members[0] };
  const rowsPerTeam: Record<string, number> = {};
  await sim.run(companyId, actor, async (s) => {
    for (const t of TEAMS) rowsPerTeam[t.code] = await s.count(Todo, filter(t.code));
  });
  // The plan of the exact SQL the find sends (whichever layer builds it), taken from the statement trace.
  const sent = await traced(() => sim.run(companyId, actor, async (s) => void (await s.find(Todo, filter(TEAMS[0].code), order, size.pageSize))));
  const findSql = [...sent].reverse().find((q) => /^\s*SELECT\b/i.test(q) && /\bFROM\s+"To-do"/i.test(q));
  const plan = findSql ? explain(raw, findSql) : ['(no SELECT from "To-do" in the trace of the find)'];
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
  // The floor: the SQL the find sent, run on the bench's own connection to the same file and its rows
  // parsed, nothing else — the request's overhead over the database as a ratio that cancels the machine's
  // speed of the moment (this VM's list figures move 2× between runs of the same code). Measured in turns
  // with the requests, so both see the same moment of the machine.
  if (!findSql) throw new Error('bench: no SELECT from "To-do" in the trace of the find, so no floor for the list');
  const packed = /^SELECT json_array\((.*?)\) FROM /.exec(findSql);
  const columns = (packed ? packed[1] : findSql.slice(7, findSql.indexOf(' FROM '))).split(', ').map((c) => c.replace(/^"|"$/g, ''));
  const floorStatement = raw.prepare(findSql).raw(true);
  const floorPage = (i: number): unknown[][] => {
    // Numbered parameters (?1, ?2, …), in the filter's order.
    const params = Object.fromEntries(floorParams(TEAMS[i % TEAMS.length].code).map((v, k) => [k + 1, v]));
    const rows = floorStatement.all(params) as unknown[][];
    return packed ? rows.map((r) => JSON.parse(r[0] as string) as unknown[]) : rows;
  };
  // Checked while warming up, as the request's pages are (not while measured: the check is not the reader's work).
  const at = (name: string) => columns.indexOf(name);
  for (let i = 0; i < Math.min(20, size.listQueries); i++) {
    const team = TEAMS[i % TEAMS.length].code;
    const rows = floorPage(i).map((r) => ({ no: r[at('No_')], teamCode: r[at('Team_Code')], systemToDoType: r[at('System_To-do_Type')], date: r[at('Date')] }));
    checkPage(rows as unknown as Todo[], team, Math.min(size.pageSize, rowsPerTeam[team]));
  }
  await gate();
  findMs.length = 0;
  const before = sqlStatements.count;
  const [series, floorSeries] = await measureInTurns([label, `${label} (floor)`], size.listQueries, [query, async (i) => void floorPage(i)]);
  // The floor's statements go to its own connection, which the statement counter does not see.
  const statementsPerRequest = (sqlStatements.count - before) / size.listQueries;
  const request = summarize(series);
  const find = summarize({ ...series, label: `${label} (find)`, latenciesMs: findMs });
  const floor = summarize(floorSeries);
  log(`    ${label} [${where}]`);
  log(`      rows in the list per team: ${Object.entries(rowsPerTeam).map(([k, n]) => `${k} ${int(n)}`).join(', ')}`);
  log(`      plan: ${plan.join(' / ')}`);
  log(
    `      request (Simulator.run + find): p50 ${ms(request.p50Ms)}, p95 ${ms(request.p95Ms)}, p99 ${ms(request.p99Ms)} ` +
      `(${rate(request.perSecond)}/s; ${statements(statementsPerRequest)} SQL statements per request; other CPU ${pct(request.othersCpuPct)})`,
  );
  log(`      Session.find alone:             p50 ${ms(find.p50Ms)}, p95 ${ms(find.p95Ms)}, p99 ${ms(find.p99Ms)}`);
  log(`      floor (its SQL, raw + parse):   p50 ${ms(floor.p50Ms)}, p95 ${ms(floor.p95Ms)}, p99 ${ms(floor.p99Ms)} → request p50 ${times(request.p50Ms / floor.p50Ms)} the floor's`);
  return { label, where, request, find, floor, statementsPerRequest, rowsPerTeam, plan };
}

/** Candidate indexes, created on the floor's connection to the company file (the simulator's statements re-prepare on the schema change). */
function createCandidateIndexes(raw: BetterSqlite3.Database): void {
  for (const c of CANDIDATE_INDEXES) {
    const indexes = raw.prepare(`PRAGMA index_list("${c.table}")`).all() as { name: string }[];
    let existing: string | null = null;
    for (const ix of indexes) {
      const cols = raw.prepare(`PRAGMA index_info("${ix.name}")`).all() as { name: string }[];
      if (c.columns.every((col, i) => cols[i]?.name === col)) existing = ix.name;
    }
    const label = `${c.table} (${c.columns.join(', ')})`;
    if (existing) {
      log(`    candidate index ${label}: already in the schema as ${existing}`);
      continue;
    }
    const t = performance.now();
    raw.exec(`CREATE INDEX "BENCH_${c.table}_${c.columns.join('_')}" ON "${c.table}" (${c.columns.map((x) => `"${x}"`).join(', ')})`);
    log(`    candidate index ${label} created (NOT in the schema; ${c.why}) in ${ms(performance.now() - t)}`);
  }
}

/** SQLite's plan for a statement the simulator sent, its parameters bound to NULL (no ANALYZE statistics: the plan does not depend on them). */
function explain(raw: BetterSqlite3.Database, sql: string): string[] {
  try {
    const stmt = raw.prepare(`EXPLAIN QUERY PLAN ${sql}`);
    const { positional, named } = sqlParameters(sql);
    const rows = (named.length ? stmt.all(Object.fromEntries(named.map((n) => [n, null]))) : stmt.all(...new Array(positional).fill(null))) as { detail: string }[];
    return rows.map((r) => r.detail);
  } catch (e) {
    return [`(plan unavailable: ${(e as Error).message})`];
  }
}

/**
 * The parameters of an SQLite statement: how many anonymous (`?`), and the
 * keys of the others — numbered `?NNN` (better-sqlite3 binds them from an
 * object keyed by the number) and named `:x`, `@x`, `$x`.
 */
function sqlParameters(sql: string): { positional: number; named: string[] } {
  let positional = 0;
  const named = new Set<string>();
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    if (quote) {
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '[') quote = ']';
    else if (ch === '?') {
      const m = /^\?(\d+)/.exec(sql.slice(i));
      if (m) {
        named.add(m[1]);
        i += m[0].length - 1;
      } else positional++;
    } else if ((ch === ':' || ch === '@' || ch === '$') && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      const m = /^[:@$]([A-Za-z_]\w*)/.exec(sql.slice(i))!;
      named.add(m[1]);
      i += m[0].length - 1;
    }
  }
  return { positional, named: [...named] };
}

/** The SQL statements the simulator sends while `fn` runs (sqlStatements.trace). */
async function traced(fn: () => Promise<unknown>): Promise<string[]> {
  const previous = sqlStatements.trace;
  const sent: string[] = [];
  sqlStatements.trace = sent;
  try {
    await fn();
  } finally {
    sqlStatements.trace = previous;
  }
  return sent;
}

/** The floor's statements while `fn` runs. */
function floorTraced(floor: Floor, fn: () => void): string[] {
  const sent: string[] = [];
  floor.trace = sent;
  try {
    fn();
  } finally {
    floor.trace = null;
  }
  return sent;
}

/** --trace: the statements, one a line (column lists shortened unless --trace-full), then a count by verb and by table. */
function printTrace(what: string, sent: string[], full: boolean): void {
  log(`    --trace: the SQL of ${what}: ${sent.length} statements`);
  sent.forEach((q, i) => log(`      ${String(i + 1).padStart(3)}  ${full ? q.replace(/\s+/g, ' ').trim() : compactSql(q)}`));
  const verbs = new Map<string, number>();
  const tables = new Map<string, Map<string, number>>();
  for (const q of sent) {
    const verb = (/^\s*(\w+)/.exec(q)?.[1] ?? '?').toUpperCase();
    verbs.set(verb, (verbs.get(verb) ?? 0) + 1);
    const table = /^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"([^"]+)"/i.exec(q)?.[1] ?? /\bFROM\s+"([^"]+)"/i.exec(q)?.[1];
    if (!table) continue;
    const perVerb = tables.get(table) ?? new Map<string, number>();
    perVerb.set(verb, (perVerb.get(verb) ?? 0) + 1);
    tables.set(table, perVerb);
  }
  log(`      by verb: ${[...verbs].map(([v, n]) => `${n} ${v}`).join(', ')}`);
  log(
    `      by table: ${[...tables]
      .map(([t, m]) => `"${t}" ${[...m].map(([v, n]) => `${n} ${v}`).join(' + ')}`)
      .join('; ')}`,
  );
}

/** One line; the column lists of SELECT and INSERT shortened to their count. */
function compactSql(sql: string): string {
  let q = sql.replace(/\s+/g, ' ').trim();
  q = q.replace(/^SELECT (.+?) FROM "/i, (_m, cols: string) => `SELECT ‹${cols.split(',').length} columns› FROM "`);
  q = q.replace(/^(INSERT INTO "[^"]+") ?\((.*?)\) VALUES \((.*)\)$/i, (_m, head: string, cols: string) => `${head} (‹${cols.split(',').length} columns›) VALUES (…)`);
  q = q.replace(/^(UPDATE "[^"]+" SET )(.+?)( WHERE .*)$/i, (_m, head: string, set: string, tail: string) => `${head}‹${set.split(',').length} columns›${tail}`);
  return q.length > 400 ? `${q.slice(0, 399)}…` : q;
}

function statements(n: number): string {
  return Number.isFinite(n) ? (Number.isInteger(n) ? String(n) : n.toFixed(1)) : '–';
}

function times(n: number): string {
  return Number.isFinite(n) ? `${n >= 10 ? n.toFixed(0) : n.toFixed(1)}×` : '–';
}

/** The pragmas of the company database: the version and journal mode from the file, `synchronous` from the simulator's own connection when the session exposes it. */
async function readPragmas(sim: Simulator, companyId: string, raw: BetterSqlite3.Database): Promise<{ version: string; journal: string; synchronous: string }> {
  const version = String((raw.prepare('select sqlite_version() as v').get() as { v: string }).v);
  const journal = String(raw.pragma('journal_mode', { simple: true }));
  const synchronous = await sim.run(companyId, { userId: SETUP_USER }, async (s) => {
    const manager = (s as unknown as { manager?: { query?: (sql: string) => Promise<Record<string, unknown>[]> } }).manager;
    if (typeof manager?.query !== 'function') return 'n/a';
    try {
      const rows = await manager.query('pragma synchronous');
      return ['OFF', 'NORMAL', 'FULL', 'EXTRA'][Number(rows[0]?.synchronous)] ?? 'n/a';
    } catch {
      return 'n/a';
    }
  });
  return { version, journal, synchronous };
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
  log(`sqlite      ${f.sqlite} (better-sqlite3 ${f.betterSqlite3}, TypeORM ${f.typeorm}); journal_mode=${pragmas.journal}, synchronous=${pragmas.synchronous} (the simulator's connection)`);
  log(`data dir    ${dataDir}`);
  log(`size        ${size.name}`);
}

function printRate(r: OpResult, unit: string): void {
  log(
    `    ${r.label}: ${rate(r.perSecond)} ${unit} (${int(r.count)} in ${seconds(r.wallMs)}; ` +
      `per operation p50 ${ms(r.p50Ms)}, p95 ${ms(r.p95Ms)}, p99 ${ms(r.p99Ms)}, max ${ms(r.maxMs)}; ` +
      `${statements(r.statementsPerOp)} SQL statements per operation; other CPU ${pct(r.othersCpuPct)})`,
  );
}

function printFloor(fl: OpResult, op: OpResult, unit: string): void {
  log(
    `    ${fl.label}: ${rate(fl.perSecond)} ${unit} (p50 ${ms(fl.p50Ms)}, p95 ${ms(fl.p95Ms)}; ${statements(fl.statementsPerOp)} statements per operation; other CPU ${pct(fl.othersCpuPct)})`,
  );
  log(
    `    → the operation: ${statements(op.statementsPerOp)} SQL statements, ${times(fl.perSecond / op.perSecond)} the floor's time ` +
      `(mean; p50 ${times(op.p50Ms / fl.p50Ms)})`,
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
