import { randomUUID } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import {
  Contact,
  InteractionLogEntry,
  InteractionTemplate,
  InterLogEntryCommentLine,
  RlshpMgtCommentLine,
  TeamSalesperson,
  Todo,
} from '../../entities';
import { ContactType } from '../../entities/CRM/Contact/ContactEnums';
import { CommentTableName } from '../../entities/CRM/Task/RlshpMgtCommentLine.Table';
import { TaskStatus, TaskSystemType } from '../../entities/CRM/Task/TaskEnums';
import { composeContactName, composeSearchName } from '../../codeunits/foundation/DutchName';
import { addDays } from '../../src/runtime/Clock';
import { calcDate } from '../../src/runtime/DateFormula';
import { TableClass } from '../../src/runtime/Metadata';
import type { TableRecord } from '../../src/runtime/Record';
import { Session } from '../../src/runtime/Session';
import { Simulator } from '../../src/host/Simulator';
import { CITIES, KCC_USERS, NOTES, PLAIN_TEMPLATES, SETUP_USER, STREETS, TEAMS, randomName } from './setup';
import { Rng } from './stats';

/**
 * The bulk load: the volume of a housing corporation's CRM after a few years,
 * written with raw parameterized INSERTs (better-sqlite3 prepared statements on
 * the company's own connection, inside Simulator.run transactions of at most
 * CHUNK rows). No triggers run: every row is a copy of a row the real
 * record/trigger/codeunit layer wrote in the measured phases (the "template"),
 * with its key and the varying fields replaced, so the rows look like the
 * ones the simulator writes (system fields, defaults, booleans as 0/1, dates
 * as text). Numbers use their own prefixes (CB…, TB…) so they never collide
 * with the company's number series.
 */

export interface VolumeSize {
  contacts: number;
  entries: number;
  teamTasks: number;
}

export interface LoadResult {
  rows: Record<string, number>;
  phaseMs: Record<string, number>;
  totalMs: number;
  openTeamTasks: number;
  /** CPU other processes used during the load, % of the machine (set by the caller). */
  othersCpuPct?: number;
  /** Household contact numbers of the bulk load (for interactions at volume). */
  households: string[];
}

/** Rows per transaction. */
const CHUNK = 100_000;
/** Contact moments spread over this many days before today. */
const HISTORY_DAYS = 3 * 365;
/** Team tasks dated less than this many days ago are still open; older ones were completed by the team. */
const OPEN_WINDOW_DAYS = 45;
const PERSON_SHARE = 0.25;

type Inserter = (values: unknown[]) => void;

function rawDb(s: Session): BetterSqlite3.Database {
  return (s.manager.connection.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
}

/**
 * A prepared INSERT of every column of `cls`: the values of `template` (with
 * `fixed` applied), converted the way TypeORM converts them, and `varying`
 * properties supplied per row (in that order). Every row gets a new SystemId.
 */
function bulkInserter<T extends TableRecord>(
  s: Session,
  cls: TableClass<T>,
  template: T,
  fixed: Partial<T>,
  varying: (keyof T & string)[],
): Inserter {
  const meta = s.manager.connection.getMetadata(cls);
  const driver = s.manager.connection.driver;
  const base = Object.assign(template.copy(), fixed);
  const columns = meta.columns;
  const prepared = columns.map((c) => driver.preparePersistentValue(c.getEntityValue(base), c));
  const slots = varying.map((p) => {
    const i = columns.findIndex((c) => c.propertyName === p);
    if (i < 0) throw new Error(`${meta.tableName} has no column for '${p}'`);
    return { i, column: columns[i] };
  });
  const systemIdSlot = columns.findIndex((c) => c.propertyName === 'systemId');
  const sql = `INSERT INTO "${meta.tableName}" (${columns.map((c) => `"${c.databaseName}"`).join(', ')}) VALUES (${columns
    .map(() => '?')
    .join(', ')})`;
  const stmt = rawDb(s).prepare(sql);
  return (values: unknown[]) => {
    const row = prepared.slice();
    for (let k = 0; k < slots.length; k++) row[slots[k].i] = driver.preparePersistentValue(values[k], slots[k].column);
    row[systemIdSlot] = randomUUID();
    stmt.run(row);
  };
}

interface Templates {
  household: Contact;
  entry: InteractionLogEntry;
  entryComment: InterLogEntryCommentLine;
  teamTask: Todo;
  memberTask: Todo;
  taskComment: RlshpMgtCommentLine;
}

async function readTemplates(s: Session): Promise<Templates> {
  const must = <R>(r: R | null, what: string): R => {
    if (!r) throw new Error(`bulk load: no ${what} to copy; run the measured phases first`);
    return r;
  };
  const entry = must(await s.findFirst(InteractionLogEntry), 'interaction log entry');
  const teamTask = must(await s.findFirst(Todo, { systemToDoType: TaskSystemType.Team }), 'team task');
  return {
    household: must(await s.findFirst(Contact, { type: ContactType.Company }), 'household contact'),
    entry,
    entryComment: must(await s.findFirst(InterLogEntryCommentLine, { entryNo: entry.entryNo }), 'interaction comment line'),
    teamTask,
    memberTask: must(
      await s.findFirst(Todo, { organizerToDoNo: teamTask.no, systemToDoType: TaskSystemType.Organizer }),
      'member task',
    ),
    taskComment: must(
      await s.findFirst(RlshpMgtCommentLine, { tableName: CommentTableName.ToDo, no: teamTask.no }),
      'task comment line',
    ),
  };
}

export async function bulkLoad(sim: Simulator, companyId: string, size: VolumeSize, rng: Rng): Promise<LoadResult> {
  const actor = { userId: SETUP_USER };
  const phaseMs: Record<string, number> = {};
  const rows: Record<string, number> = {};
  const count = (table: string, n = 1) => (rows[table] = (rows[table] ?? 0) + n);
  const t0 = performance.now();

  const { templates, today, firstEntryNo, templateSpecs, members } = await sim.run(companyId, actor, async (s) => {
    const last = await s.findFirst(InteractionLogEntry, {}, { entryNo: 'DESC' });
    const specs = new Map((await s.find(InteractionTemplate)).map((t) => [t.code, t]));
    const teamMembers = new Map<string, string[]>();
    for (const ts of await s.find(TeamSalesperson)) {
      teamMembers.set(ts.teamCode, [...(teamMembers.get(ts.teamCode) ?? []), ts.salespersonCode]);
    }
    return {
      templates: await readTemplates(s),
      today: s.today(),
      firstEntryNo: (last?.entryNo ?? 0) + 1,
      templateSpecs: specs,
      members: teamMembers,
    };
  });

  // ---- contacts: households (Type Company, Huishouden) and persons in them ----
  let t = performance.now();
  const households: { no: string; name: string }[] = [];
  const persons: { no: string; household: number }[] = [];
  for (let start = 0; start < size.contacts; start += CHUNK) {
    const end = Math.min(size.contacts, start + CHUNK);
    await sim.run(companyId, actor, async (s) => {
      const insert = bulkInserter(s, Contact, templates.household, { noSeries: '' }, [
        'no', 'type', 'name', 'searchName', 'companyNo', 'companyName', 'lookupContactNo',
        'initials', 'middleName', 'surname', 'street', 'houseNo', 'address', 'postCode', 'city',
        'phoneNo', 'eMail', 'searchEMail',
      ]);
      for (let i = start; i < end; i++) {
        const no = `CB${String(i + 1).padStart(7, '0')}`;
        const n = randomName(rng);
        const name = composeContactName(n.initials, n.middleName, n.surname);
        const searchName = composeSearchName(n.initials, n.middleName, n.surname, name).toUpperCase().slice(0, 100);
        const street = rng.pick(STREETS);
        const houseNo = 1 + rng.int(180);
        const postCode = `${1000 + rng.int(8999)} ${String.fromCharCode(65 + rng.int(26), 65 + rng.int(26))}`;
        const phone = `06${String(rng.int(1e8)).padStart(8, '0')}`;
        const email = `${n.surname.toLowerCase().replace(/[^a-z]/g, '')}${i}@example.nl`;
        const isPerson = households.length > 0 && rng.next() < PERSON_SHARE;
        if (isPerson) {
          const h = rng.int(households.length);
          persons.push({ no, household: h });
          insert([no, ContactType.Person, name, searchName, households[h].no, households[h].name, no,
            n.initials, n.middleName, n.surname, '', 0, '', '', '', phone, email, email.toUpperCase()]);
        } else {
          households.push({ no, name });
          insert([no, ContactType.Company, name, searchName, no, name, '',
            n.initials, n.middleName, n.surname, street, houseNo, `${street} ${houseNo}`, postCode, rng.pick(CITIES),
            phone, email, email.toUpperCase()]);
        }
        count('Contact');
      }
    });
  }
  phaseMs.contacts = performance.now() - t;

  // ---- interaction log entries (+ their Notitie), every k-th one with a team task ----
  t = performance.now();
  const taskEvery = size.teamTasks > 0 ? Math.max(1, Math.floor(size.entries / size.teamTasks)) : Infinity;
  let tasksMade = 0;
  let openTeamTasks = 0;
  let taskSeq = 0;
  for (let start = 0; start < size.entries; start += CHUNK) {
    const end = Math.min(size.entries, start + CHUNK);
    await sim.run(companyId, actor, async (s) => {
      const insertEntry = bulkInserter(s, InteractionLogEntry, templates.entry, {}, [
        'entryNo', 'contactNo', 'contactCompanyNo', 'date', 'description', 'subject', 'informationFlow', 'initiatedBy',
        'costLcy', 'durationMin', 'userId', 'salespersonCode', 'interactionGroupCode', 'interactionTemplateCode',
        'timeOfInteraction', 'toDoNo', 'showInCustomerPortal',
      ]);
      const insertEntryComment = bulkInserter(s, InterLogEntryCommentLine, templates.entryComment, {}, ['entryNo', 'date', 'comment']);
      const taskFields: (keyof Todo & string)[] = [
        'no', 'teamCode', 'salespersonCode', 'contactNo', 'contactCompanyNo', 'date', 'status', 'description', 'closed',
        'dateClosed', 'completedBy', 'organizerToDoNo', 'interactionTemplateCode', 'systemToDoType',
        'lastDateModified', 'interactionLogEntryNo',
      ];
      const insertTeamTask = bulkInserter(s, Todo, templates.teamTask, { noSeries: '' }, taskFields);
      const insertMemberTask = bulkInserter(s, Todo, templates.memberTask, { noSeries: '' }, taskFields);
      const insertTaskComment = bulkInserter(s, RlshpMgtCommentLine, templates.taskComment, {}, ['no', 'date', 'comment']);

      for (let i = start; i < end; i++) {
        const entryNo = firstEntryNo + i;
        const date = addDays(today, -HISTORY_DAYS + Math.floor((i * HISTORY_DAYS) / size.entries));
        const withTask = tasksMade < size.teamTasks && i % taskEvery === 0;
        const team = withTask ? TEAMS[tasksMade % TEAMS.length] : null;
        const spec = templateSpecs.get(team ? team.template : rng.pick(PLAIN_TEMPLATES))!;
        let contactNo: string;
        let companyNo: string;
        if (persons.length > 0 && rng.next() < 0.15) {
          const p = rng.pick(persons);
          contactNo = p.no;
          companyNo = households[p.household].no;
        } else {
          contactNo = companyNo = rng.pick(households).no;
        }
        const user = rng.pick(KCC_USERS);
        const time = `${String(8 + rng.int(9)).padStart(2, '0')}:${String(rng.int(60)).padStart(2, '0')}:00`;
        const note = rng.pick(NOTES);
        const taskNo = team ? `TB${String(taskSeq + 1).padStart(7, '0')}` : '';

        insertEntry([entryNo, contactNo, companyNo, date, spec.description, spec.description, spec.informationFlow,
          spec.initiatedBy, spec.unitCostLcy, spec.unitDurationMin, user, user, spec.interactionGroupCode, spec.code,
          time, taskNo, spec.showInCustomerPortal]);
        insertEntryComment([entryNo, date, note]);
        count('Interaction Log Entry');
        count('Inter. Log Entry Comment Line');

        if (team) {
          const taskDate = calcDate(spec.taskDateFormula || '<5D>', date);
          const open = taskDate >= addDays(today, -OPEN_WINDOW_DAYS);
          const teamMembers = members.get(team.code) ?? [];
          const status = open ? (rng.next() < 0.2 ? TaskStatus.InProgress : TaskStatus.NotStarted) : TaskStatus.Completed;
          const closedOn = open ? null : minDate(addDays(taskDate, rng.int(10)), today);
          const completedBy = open ? '' : rng.pick(teamMembers);
          const common = (no: string, salesperson: string, type: TaskSystemType) => [
            no, team.code, salesperson, contactNo, companyNo, taskDate, status, spec.taskDescription, !open,
            closedOn, completedBy, taskNo, spec.code, type, closedOn ?? date, entryNo,
          ];
          insertTeamTask(common(taskNo, '', TaskSystemType.Team));
          taskSeq++;
          for (const m of teamMembers) {
            insertMemberTask(common(`TB${String(taskSeq + 1).padStart(7, '0')}`, m, TaskSystemType.Organizer));
            taskSeq++;
          }
          insertTaskComment([taskNo, date, note]);
          count('To-do', 1 + teamMembers.length);
          count('Rlshp. Mgt. Comment Line');
          tasksMade++;
          if (open) openTeamTasks++;
        }
      }
    });
  }
  phaseMs.entries = performance.now() - t;

  return {
    rows,
    phaseMs,
    totalMs: performance.now() - t0,
    openTeamTasks,
    households: households.map((h) => h.no),
  };
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
