import {
  Contact,
  InteractionLogEntry,
  InterLogEntryCommentLine,
  NoSeriesLine,
  RlshpMgtCommentLine,
  TeamSalesperson,
  Todo,
} from '../../entities';
import { TaskSystemType } from '../../entities/CRM/Task/TaskEnums';
import { EmpireInteraction } from '../../codeunits/process/EmpireInteraction.Codeunit';
import { PreAnsweredDialogs } from '../../src/runtime/Dialogs';
import { Session } from '../../src/runtime/Session';
import { Simulator } from '../../src/host/Simulator';
import { createHousehold, createInteractionTemplate, createMarketingSetup, createSalesperson, createTeam } from '../library/LibraryMarketing';

/**
 * The contactmoment workload the database tests (concurrency, crash, fault
 * injection) and the database benchmark run: contacts, "log interaction
 * with team task" (Interactie via sjabloon, template VRAAG → a task for team
 * KCC with a copy per member), and members taking team tasks — plus the
 * invariants the data must keep whatever happens to the processes.
 */
/** A company of a running simulator: what a database test works in. */
export interface SimTarget {
  sim: Simulator;
  companyId: string;
}

/** One transaction in the target's company as `userId`. */
export function runIn<T>(t: SimTarget, userId: string, fn: (s: Session) => Promise<T>): Promise<T> {
  return t.sim.run(t.companyId, { userId }, fn);
}

export const TEAM = 'KCC';
export const TEMPLATE = 'VRAAG';
export const LOGGER = 'ANNE';

export function memberCodes(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `M${String(i + 1).padStart(2, '0')}`);
}

/** The company's setup: number series, Marketing Setup, the team with its members, the template. */
export async function arrangeScenario(sim: Simulator, companyId: string, members = 4): Promise<void> {
  await sim.run(companyId, { userId: 'ADMIN' }, async (s) => {
    await createMarketingSetup(s);
    await createSalesperson(s, LOGGER, 'Anne', LOGGER);
    for (const m of memberCodes(members)) await createSalesperson(s, m, `Member ${m}`, m);
    await createTeam(s, TEAM, memberCodes(members));
    await createInteractionTemplate(s, TEMPLATE, {
      description: 'Vraag met vervolgactie',
      createTask: true,
      teamCode: TEAM,
      taskDescription: 'Vraag beantwoorden',
      taskDateFormula: '<5D>',
    });
  });
}

export async function createContact(sim: Simulator, companyId: string, surname: string): Promise<string> {
  return sim.run(companyId, { userId: LOGGER }, async (s) => (await createHousehold(s, surname, 'J.')).no);
}

export interface LoggedInteraction {
  entryNo: number;
  taskNo: string;
  contactNo: string;
}

/** Interactie via sjabloon with Taak aanmaken, in the session given (one transaction). */
export async function logInteractionIn(s: Session, contactNo: string, note: string): Promise<LoggedInteraction> {
  const r = await new EmpireInteraction(s).fromContact(contactNo, { templateCode: TEMPLATE, note });
  return { entryNo: r.interactionLogEntry.entryNo, taskNo: r.task!.no, contactNo };
}

export async function logInteraction(sim: Simulator, companyId: string, contactNo: string, note: string): Promise<LoggedInteraction> {
  return sim.run(companyId, { userId: LOGGER }, (s) => logInteractionIn(s, contactNo, note));
}

/** "Taak in behandeling nemen" by a member (Text032 answered Yes, as the API action does). */
export async function takeTask(sim: Simulator, companyId: string, taskNo: string, member: string): Promise<void> {
  await sim.run(
    companyId,
    { userId: member, dialogs: new PreAnsweredDialogs(new Map([['To-do.Text032', true]])) },
    async (s) => (await s.get(Todo, taskNo)).takeTeamTask(member),
  );
}

/** The errors a member who lost the race may get: BC's concurrency error, or the task-already-taken error. */
export const LOST_RACE = /^(Another user has modified the record for this Task after you retrieved it from the database\.|Task TD\d+ is no longer a task of a team: it has been taken by M\d+\.)/;

export interface DataState {
  contacts: string[];
  entries: Array<{ entryNo: number; contactNo: string; toDoNo: string }>;
  tasks: Array<{ no: string; type: number; team: string; sp: string; organizer: string; entryNo: number }>;
  lastNos: Record<string, string>;
  entryComments: number;
  taskComments: Array<{ no: string; lineNo: number }>;
}

export async function readState(sim: Simulator, companyId: string): Promise<DataState> {
  return sim.run(companyId, { userId: 'CHECK' }, async (s) => ({
    contacts: (await s.find(Contact)).map((c) => c.no),
    entries: (await s.find(InteractionLogEntry)).map((e) => ({ entryNo: e.entryNo, contactNo: e.contactNo, toDoNo: e.toDoNo })),
    tasks: (await s.find(Todo)).map((t) => ({
      no: t.no,
      type: t.systemToDoType,
      team: t.teamCode,
      sp: t.salespersonCode,
      organizer: t.organizerToDoNo,
      entryNo: t.interactionLogEntryNo,
    })),
    lastNos: Object.fromEntries((await s.find(NoSeriesLine)).map((l) => [l.seriesCode, l.lastNoUsed])),
    entryComments: await s.count(InterLogEntryCommentLine),
    taskComments: (await s.find(RlshpMgtCommentLine)).map((c) => ({ no: c.no, lineNo: c.lineNo })),
  }));
}

function seq(prefix: string, width: number, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(width, '0')}`);
}

/**
 * What must hold in the data after any mix of operations, crashes and
 * failures: numbers unique and gapless per No. Series (a rolled-back operation
 * gives its numbers back); Interaction Log Entry Nos. unique only (BC takes
 * them from a NumberSequence, outside the transaction: a rolled-back
 * operation keeps its number, codeunit 9500 "Sequence No. Mgt."); every interaction with its task and every task
 * with its interaction (nothing half-written), a team task with one copy
 * per member until it is taken, a taken task with one owner and no copies.
 * Returns the anomalies found (empty: none).
 */
export async function checkInvariants(sim: Simulator, companyId: string, members: number): Promise<string[]> {
  const st = await readState(sim, companyId);
  const bad: string[] = [];
  const gapless = (what: string, actual: string[], expected: string[]) => {
    const a = [...actual].sort();
    if (JSON.stringify(a) !== JSON.stringify(expected)) bad.push(`${what}: not unique and gapless (${a.length} numbers, ${new Set(a).size} distinct)`);
  };
  gapless('contact numbers', st.contacts, seq('CT', 6, st.contacts.length));
  const entryNos = st.entries.map((e) => e.entryNo);
  if (new Set(entryNos).size !== entryNos.length || entryNos.some((n) => !(n > 0))) bad.push(`interaction entry numbers not unique and positive`);
  if (st.contacts.length && st.lastNos.CONT !== st.contacts[st.contacts.length - 1]) {
    bad.push(`CONT Last No. Used ${st.lastNos.CONT} is not the last contact ${st.contacts[st.contacts.length - 1]}`);
  }

  const tasks = new Map(st.tasks.map((t) => [t.no, t]));
  const mains = st.tasks.filter((t) => t.no === t.organizer);
  // A team task takes one number and its member copies the next ones (taking the task deletes the
  // copies, not their numbers): the main tasks and their copies' slots must cover the series gaplessly.
  const slots = mains.flatMap((m) => Array.from({ length: members + 1 }, (_, i) => `TD${String(Number(m.no.slice(2)) + i).padStart(6, '0')}`));
  const lastTask = st.lastNos.TAAK ?? '';
  gapless('task numbers', slots, seq('TD', 6, lastTask ? Number(lastTask.slice(2)) : 0));
  for (const t of st.tasks) {
    if (t.no !== t.organizer && !slots.includes(t.no)) bad.push(`member copy ${t.no} outside its team task's numbers`);
  }
  for (const e of st.entries) {
    const t = tasks.get(e.toDoNo);
    if (!t) bad.push(`interaction ${e.entryNo} without its task (${e.toDoNo || 'none'})`);
    else if (t.entryNo !== e.entryNo) bad.push(`task ${t.no} points at interaction ${t.entryNo}, not ${e.entryNo}`);
  }
  const entriesByNo = new Map(st.entries.map((e) => [e.entryNo, e]));
  for (const m of mains) {
    if (!entriesByNo.has(m.entryNo)) bad.push(`task ${m.no} without its interaction ${m.entryNo}`);
    const copies = st.tasks.filter((t) => t.organizer === m.no && t.no !== m.no);
    if (m.type === TaskSystemType.Team) {
      if (m.sp !== '') bad.push(`team task ${m.no} has a salesperson ${m.sp}`);
      if (copies.length !== members) bad.push(`team task ${m.no} has ${copies.length} member copies, not ${members}`);
    } else {
      if (!/^M\d+$/.test(m.sp)) bad.push(`taken task ${m.no} has owner '${m.sp}'`);
      if (copies.length !== 0) bad.push(`taken task ${m.no} still has ${copies.length} member copies`);
    }
  }
  for (const t of st.tasks) if (!tasks.has(t.organizer)) bad.push(`task ${t.no}: organizer task ${t.organizer} missing`);
  if (st.entryComments !== st.entries.length) bad.push(`${st.entryComments} interaction comment lines for ${st.entries.length} interactions`);
  const commentKeys = new Set(st.taskComments.map((c) => `${c.no}/${c.lineNo}`));
  if (commentKeys.size !== st.taskComments.length) bad.push('duplicate task comment lines');
  for (const m of mains) if (!st.taskComments.some((c) => c.no === m.no)) bad.push(`task ${m.no} without its note`);
  for (const c of st.taskComments) if (!tasks.has(c.no)) bad.push(`comment line of missing task ${c.no}`);
  return bad;
}

/** Team members of the scenario's team, as stored (to check the arrangement). */
export async function teamMembers(sim: Simulator, companyId: string): Promise<string[]> {
  return sim.run(companyId, { userId: 'CHECK' }, async (s) => (await s.find(TeamSalesperson, { teamCode: TEAM })).map((m) => m.salespersonCode));
}
