import { MoreThan, Not } from 'typeorm';
import { Contact } from '../../entities/CRM/Contact/Contact.Table';
import { ContactType } from '../../entities/CRM/Contact/ContactEnums';
import { InformationFlow } from '../../entities/CRM/Interaction/InteractionEnums';
import { InteractionLogEntry } from '../../entities/CRM/Interaction/InteractionLogEntry.Table';
import { InterLogEntryCommentLine } from '../../entities/CRM/Interaction/InterLogEntryCommentLine.Table';
import { InteractionTemplate } from '../../entities/CRM/Interaction/InteractionTemplate.Table';
import { taskComments } from '../../entities/CRM/Task/TaskComments';
import { TaskStatus, TaskSystemType } from '../../entities/CRM/Task/TaskEnums';
import { Todo } from '../../entities/CRM/Task/Todo.Table';
import { formatDate } from '../runtime/Format';
import type { Session } from '../runtime/Session';
import { ExerciseSettings, STEPS, StepId, StepStatus } from './exercise';

/**
 * A trainee's progress through the work instruction, DERIVED from their company's data — never from clicks:
 * the contacts numbered after the baseline, the contact moments their user logged (Interaction Log Entry's
 * User ID), the tasks those moments made, the tasks' Notities and sub-tasks. docs/training.md lists what each
 * step reads and which mistakes it recognises.
 */

export interface StepResult {
  step: StepId;
  status: StepStatus;
  /** Dutch: what the data shows (the record, or what went wrong). */
  detail: string;
}

export interface TraineeWork {
  /** The trainee's user name (Interaction Log Entry's User ID) and their salesperson (Medewerker). */
  userName: string;
  salespersonCode: string;
  baselineContactNo: string;
}

interface Moment {
  entry: InteractionLogEntry;
  note: string;
  task: Todo | null;
}

const open = (step: StepId, detail = ''): StepResult => ({ step, status: 'open', detail });
const done = (step: StepId, detail: string): StepResult => ({ step, status: 'done', detail });
const wrong = (step: StepId, detail: string): StepResult => ({ step, status: 'wrong', detail });

/** Reads the trainee's work in their company (one read-only session) and returns every step of STEPS, in order. */
export async function deriveProgress(s: Session, who: TraineeWork, settings: ExerciseSettings): Promise<StepResult[]> {
  const moments = await readMoments(s, who);
  const complaint = (m: Moment) => settings.complaintTemplates.includes(m.entry.interactionTemplateCode);
  // A moment that made its task is a question or a complaint; one logged on a task (5077 from Afgerond) or an
  // outbound one is feedback.
  const made = (m: Moment) => m.task !== null && m.task.interactionLogEntryNo === m.entry.entryNo;
  const feedback = moments.filter((m) => !complaint(m) && !made(m) && (m.entry.toDoNo !== '' || m.entry.informationFlow === InformationFlow.Outbound));
  const complaints = moments.filter(complaint);
  const followUps = moments.filter((m) => !complaint(m) && made(m));
  const direct = moments.filter((m) => !complaint(m) && !made(m) && !feedback.includes(m));

  const results = [
    await contactStep(s, who),
    directStep(direct.at(-1)),
    ...(await followUpSteps(s, who, settings, followUps.at(-1), feedback, direct)),
    ...(await complaintSteps(s, who, complaints.at(-1))),
  ];
  const order = STEPS.map((d) => d.id);
  return results.sort((a, b) => order.indexOf(a.step) - order.indexOf(b.step));
}

async function readMoments(s: Session, who: TraineeWork): Promise<Moment[]> {
  const entries = await s.find(InteractionLogEntry, { userId: who.userName, canceled: false }, { entryNo: 'ASC' });
  const notes = await InterLogEntryCommentLine.linesOf(s, entries.map((e) => e.entryNo));
  const tasks = new Map<string, Todo | null>();
  for (const e of entries) if (e.toDoNo !== '' && !tasks.has(e.toDoNo)) tasks.set(e.toDoNo, await s.tryGet(Todo, e.toDoNo));
  return entries.map((entry) => ({ entry, note: notes.get(entry.entryNo)!.join(' '), task: tasks.get(entry.toDoNo) ?? null }));
}

/** Aanmaken contact: a household contact of their own with a name and the address the postcode table filled in. */
async function contactStep(s: Session, who: TraineeWork): Promise<StepResult> {
  const mine = await s.find(Contact, who.baselineContactNo ? { no: MoreThan(who.baselineContactNo) } : {}, { no: 'ASC' });
  if (mine.length === 0) return open('contact');
  const households = mine.filter((c) => c.type === ContactType.Company);
  const complete = households.filter((c) => c.name.trim() !== '' && c.address !== '' && c.postCode !== '' && c.city !== '');
  const best = complete.at(-1);
  if (best) {
    const persons = mine.filter((c) => c.type === ContactType.Person && c.companyNo === best.no).length;
    const with_ = persons ? `, ${persons === 1 ? '1 persoon' : `${persons} personen`}` : '';
    return done('contact', `${best.no} ${best.name}, ${best.address}, ${best.postCode} ${best.city}${with_}`);
  }
  const loose = mine.find((c) => c.type === ContactType.Person && c.companyNo === '');
  if (loose) return wrong('contact', `${loose.no} is een persoon zonder huishouden: maak eerst het huishouden aan (Soort Huishouden / Bedrijf)`);
  const last = households.at(-1) ?? mine.at(-1)!;
  const missing = [
    last.name.trim() === '' ? 'geen naam (Initialen, Tussenvoegsels, Achternaam)' : '',
    last.address === '' || last.postCode === '' || last.city === '' ? 'geen adres (typ in Straat postcode en huisnummer en verlaat het veld)' : '',
  ].filter((x) => x !== '');
  return wrong('contact', `${last.no}: ${missing.join('; ')}`);
}

/** Pad 1: a contact moment without a task, with the question and the answer in its Notitie. */
function directStep(m: Moment | undefined): StepResult {
  if (!m) return open('direct.moment');
  if (m.note.trim() === '') return wrong('direct.moment', `${entryText(m)}: geen notitie met de vraag en het antwoord`);
  return done('direct.moment', `${entryText(m)}: "${short(m.note)}"`);
}

async function followUpSteps(
  s: Session,
  who: TraineeWork,
  settings: ExerciseSettings,
  m: Moment | undefined,
  feedback: Moment[],
  direct: Moment[],
): Promise<StepResult[]> {
  if (!m) return [open('followUp.moment'), open('followUp.taken'), open('followUp.outcome'), open('followUp.completed'), open('followUp.feedback')];
  const task = m.task!;
  const withTeam = task.systemToDoType === TaskSystemType.Team;
  const out: StepResult[] = [];

  // The team is known while the task is with it; taking it (Ja) clears Teamcode, as BC's ReassignTeamTaskToSalesperson does.
  if (withTeam && task.teamCode !== settings.followUpTeam) {
    out.push(wrong('followUp.moment', `${entryText(m)}: taak ${task.no} ging naar team ${task.teamCode}, de vervolgactie hoort bij uw team ${settings.followUpTeam}`));
  } else out.push(done('followUp.moment', `${entryText(m)}, taak ${task.no}${withTeam ? ` voor team ${task.teamCode}` : ''}`));

  const copies = await s.count(Todo, { organizerToDoNo: task.no, systemToDoType: TaskSystemType.Organizer, no: Not(task.no) });
  if (withTeam) {
    if (task.closed) out.push(wrong('followUp.taken', `taak ${task.no} is afgerond zonder hem eerst in behandeling te nemen (Medewerker = uzelf)`));
    else if (task.status === TaskStatus.InProgress) {
      out.push(wrong('followUp.taken', `Status is In uitvoering, maar Medewerker is niet ingevuld: de taak staat nog bij het team (${copies} collega's zien hem)`));
    } else out.push(open('followUp.taken', `taak ${task.no} staat bij team ${task.teamCode}`));
  } else if (task.salespersonCode !== who.salespersonCode) {
    out.push(wrong('followUp.taken', `taak ${task.no} is toegewezen aan ${task.salespersonCode || '(niemand)'}, niet aan uzelf (${who.salespersonCode})`));
  } else if (copies > 0) {
    out.push(wrong('followUp.taken', `taak ${task.no}: ${copies} collega's hebben nog een kopie`));
  } else if (task.status === TaskStatus.NotStarted) {
    out.push(wrong('followUp.taken', `Medewerker is ${task.salespersonCode}, maar Status staat nog op Niet gestart (wijzig hem in In uitvoering)`));
  } else out.push(done('followUp.taken', `Medewerker ${task.salespersonCode}, taak alleen nog bij u`));

  // The task's Notities start with the contact moment's Notitie (EmpireInteraction copies it): the outcome is what follows.
  const lines = await taskComments(task);
  const copied = (await InterLogEntryCommentLine.linesOf(s, [m.entry.entryNo])).get(m.entry.entryNo)!.length;
  const outcome = lines.slice(copied).map((l) => l.comment).join(' ');
  if (outcome.trim() !== '') out.push(done('followUp.outcome', `"${short(outcome)}"`));
  else if (task.closed) out.push(wrong('followUp.outcome', `taak ${task.no} is afgerond zonder de uitkomst in de notities`));
  else out.push(open('followUp.outcome'));

  out.push(task.closed ? done('followUp.completed', `taak ${task.no} afgerond op ${task.dateClosed ? formatDate(task.dateClosed, 'nl-NL') : ''}`) : open('followUp.completed'));

  const answer = feedback.filter((f) => f.entry.toDoNo === task.no || (f.entry.contactCompanyNo === m.entry.contactCompanyNo && f.entry.entryNo > m.entry.entryNo)).at(-1);
  // An inbound moment on the same contact after the task was closed: the feedback, logged with the wrong kind of template.
  const inbound = task.closed ? direct.find((d) => d.entry.contactCompanyNo === m.entry.contactCompanyNo && d.entry.entryNo > m.entry.entryNo && d.entry.date! >= task.dateClosed!) : undefined;
  if (answer) out.push(done('followUp.feedback', `${entryText(answer)}${answer.entry.toDoNo === task.no ? ` bij taak ${task.no}` : ''}`));
  else if (inbound) out.push(wrong('followUp.feedback', `${entryText(inbound)} is inkomend: de terugkoppeling aan de klant is een uitgaand contactmoment (bv. TEL-UIT)`));
  else if (task.closed) out.push({ step: 'followUp.feedback', status: 'skipped', detail: 'geen terugkoppeling als contactmoment vastgelegd' });
  else out.push(open('followUp.feedback'));
  return out;
}

async function complaintSteps(s: Session, who: TraineeWork, m: Moment | undefined): Promise<StepResult[]> {
  if (!m) return [open('complaint.moment'), open('complaint.handover')];
  const template = m.entry.interactionTemplateCode;
  const task = m.task;
  if (!task || task.interactionLogEntryNo !== m.entry.entryNo) {
    return [wrong('complaint.moment', `${entryText(m)}: Taak aanmaken stond uit, het klachtenteam kreeg geen taak`), open('complaint.handover')];
  }
  const expected = await expectedTeam(s, template);
  const withTeam = task.systemToDoType === TaskSystemType.Team;
  const out: StepResult[] = [];
  if (withTeam && expected && task.teamCode !== expected) {
    out.push(wrong('complaint.moment', `${entryText(m)}: taak ${task.no} ging naar team ${task.teamCode} in plaats van ${expected}`));
  } else out.push(done('complaint.moment', `${entryText(m)}, taak ${task.no}${withTeam ? ` voor team ${task.teamCode}` : ''}`));
  if (withTeam && !task.closed) out.push(done('complaint.handover', `taak ${task.no} staat bij team ${task.teamCode} (Afhandelen klacht)`));
  else {
    const what = task.closed ? 'afgerond' : `in behandeling genomen door ${task.salespersonCode === who.salespersonCode ? 'uzelf' : task.salespersonCode}`;
    out.push(wrong('complaint.handover', `taak ${task.no} is ${what}: de klacht wordt afgehandeld in het werkproces Afhandelen klacht`));
  }
  return out;
}

/** The team a template's task goes to (Interaction Template's Team Code): where a complaint belongs. */
async function expectedTeam(s: Session, templateCode: string): Promise<string> {
  return (await s.tryGet(InteractionTemplate, templateCode))?.teamCode ?? '';
}

function entryText(m: Moment): string {
  return `contactmoment ${m.entry.entryNo} (${m.entry.interactionTemplateCode || 'zonder sjabloon'}, contact ${m.entry.contactNo})`;
}

function short(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 77)}…` : flat;
}
