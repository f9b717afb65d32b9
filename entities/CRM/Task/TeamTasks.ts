import { In, Not } from 'typeorm';
import { TeamSalesperson } from '../Team/TeamSalesperson.Table';
import { NotSupportedError } from '../../../src/runtime/BcError';
import { TaskSystemType, TaskType } from './TaskEnums';
import { Todo } from './Todo.Table';
import { TodoLabels } from './TodoLabels';

/**
 * Table 5080's team-task procedures (bc-domain-spec §5.3): a team task is one
 * row of System To-do Type Team plus one Organizer copy per member, all
 * sharing the team row's Organizer To-do No.; these make, update and move the
 * copies when the task is inserted, changed, given to a salesperson or to
 * another team. Kept beside the table, called by its triggers.
 */

/** CreateOrganizerTask: one Organizer sub-task for each member of the team, in key order. */
export async function createOrganizerTasks(task: Todo): Promise<void> {
  const members = await task.session.find(TeamSalesperson, { teamCode: task.teamCode });
  for (const m of members) await createSubTask(task, { kind: 'organizer', no: m.salespersonCode });
}

/** CreateSubTask(Attendee, Parent): a copy of this task for one member or attendee. */
export async function createSubTask(task: Todo, attendee: { kind: 'organizer' | 'salesperson' | 'contact'; no: string }): Promise<string> {
  const sub = task.session.create(Todo);
  sub.transferFields(task, false);
  sub.no = '';
  if (attendee.kind === 'salesperson') {
    sub.salespersonCode = attendee.no;
    sub.organizerToDoNo = task.no;
    sub.systemToDoType = TaskSystemType.SalespersonAttendee;
  } else if (attendee.kind === 'contact') {
    sub.salespersonCode = task.salespersonCode;
    sub.teamCode = task.teamCode;
    await sub.validate('contactNo', attendee.no);
    sub.organizerToDoNo = task.no;
    sub.systemToDoType = TaskSystemType.ContactAttendee;
  } else {
    if (task.teamCode === '') return '';
    sub.systemToDoType = TaskSystemType.Organizer;
    await sub.validate('salespersonCode', attendee.no);
  }
  await sub.insert(true);
  return sub.no;
}

/** UpdateAttendeeTasks: a change to this task is copied onto its sub-tasks. */
export async function updateAttendeeTasks(task: Todo): Promise<void> {
  const types =
    task.teamCode === ''
      ? [TaskSystemType.SalespersonAttendee, TaskSystemType.ContactAttendee]
      : [TaskSystemType.Organizer, TaskSystemType.SalespersonAttendee, TaskSystemType.ContactAttendee];
  const subs = await task.session.find(Todo, { organizerToDoNo: task.no, systemToDoType: In(types), no: Not(task.no) });
  for (const sub of subs) {
    const ownType = sub.systemToDoType;
    const ownContact = sub.contactNo;
    const ownSalesperson = sub.salespersonCode;
    sub.transferFields(task, false);
    sub.systemToDoType = ownType;
    if (ownType === TaskSystemType.ContactAttendee) await sub.validate('contactNo', ownContact);
    else sub.salespersonCode = ownSalesperson;
    await sub.modify(true);
  }
}

/** ReassignTeamTaskToSalesperson (non-meeting): the members' copies go, the task leaves the team. */
export async function reassignTeamTaskToSalesperson(task: Todo): Promise<void> {
  const s = task.session;
  const previousTeam = task.teamCode;
  await task.modify();
  await s.deleteAll(Todo, { organizerToDoNo: task.no, systemToDoType: TaskSystemType.Organizer, no: Not(task.no) }, true);
  if (task.contactNo !== '') {
    for (const attendee of await s.find(Todo, {
      organizerToDoNo: task.no,
      systemToDoType: TaskSystemType.ContactAttendee,
    })) {
      attendee.salespersonCode = task.salespersonCode;
      await attendee.modify();
    }
  }
  task.systemToDoType = TaskSystemType.Organizer;
  task.teamCode = '';
  await task.modify(true);
  await s.events.publish('To-do.OnAfterReassignTeamTaskToSalesperson', s, {
    task,
    teamCode: previousTeam,
    salespersonCode: task.salespersonCode,
  });
}

/** ReassignSalespersonTaskToTeam (non-meeting): every member of the new team gets a copy. */
export async function reassignSalespersonTaskToTeam(task: Todo): Promise<void> {
  const previousSalesperson = task.salespersonCode;
  task.salespersonCode = '';
  task.systemToDoType = TaskSystemType.Team;
  await task.modify();
  await createOrganizerTasks(task);
  await task.modify(true);
  await task.session.events.publish('To-do.OnAfterReassignSalespersonTaskToTeam', task.session, {
    task,
    salespersonCode: previousSalesperson,
    teamCode: task.teamCode,
  });
}

/** ChangeTeam (non-meeting): keep the copies of members who are in the new team, add the others. */
export async function changeTeam(task: Todo): Promise<void> {
  const s = task.session;
  await task.modify();
  const subs = await s.find(Todo, {
    organizerToDoNo: task.no,
    systemToDoType: In([TaskSystemType.Organizer, TaskSystemType.SalespersonAttendee]),
    no: Not(task.no),
  });
  const kept = new Set<string>();
  for (const sub of subs) {
    if (await s.exists(TeamSalesperson, { teamCode: task.teamCode, salespersonCode: sub.salespersonCode })) {
      kept.add(sub.salespersonCode);
    } else {
      await sub.delete(true);
    }
  }
  for (const m of await s.find(TeamSalesperson, { teamCode: task.teamCode })) {
    if (!kept.has(m.salespersonCode)) await createSubTask(task, { kind: 'organizer', no: m.salespersonCode });
  }
  await task.modify(true);
}

/** `Get; Validate(Closed, false)` after reassigning a closed task. */
export async function reopen(task: Todo): Promise<void> {
  await task.reload();
  await task.validate('closed', false);
  await task.modify(true);
}

/** Team Code.OnValidate (§5.5), from a page: a salesperson task goes to a team, or a team task to another team. */
export async function teamCodeChanged(task: Todo, xRec: Todo): Promise<void> {
  if (task.teamCode === xRec.teamCode || task.no === '' || task.currFieldNo === 0) return;
  task.checkTeamOrSalesperson();
  if (task.type === TaskType.Meeting) throw new NotSupportedError('Reassigning a meeting task');
  let confirmed: boolean;
  if (xRec.teamCode !== '') {
    confirmed = task.closed
      ? await task.confirm(TodoLabels.Text039, true, task.no, xRec.teamCode, task.teamCode)
      : await task.confirm(TodoLabels.TasksWillBeDeletedQst, true, xRec.teamCode, task.teamCode);
    if (confirmed) {
      await changeTeam(task);
      if (task.closed) await reopen(task);
    }
  } else {
    confirmed = task.closed ? await task.confirm(TodoLabels.Text042, true, task.no, task.teamCode) : true;
    if (confirmed) {
      await reassignSalespersonTaskToTeam(task);
      if (task.closed) await reopen(task);
    }
  }
  if (!confirmed) task.teamCode = xRec.teamCode;
}

/** Salesperson Code.OnValidate (§5.5), from a page: taking a team task (Empire: Medewerker = yourself). */
export async function salespersonCodeChanged(task: Todo, xRec: Todo): Promise<void> {
  if (task.salespersonCode === xRec.salespersonCode || task.no === '' || task.currFieldNo === 0) return;
  task.checkTeamOrSalesperson();
  if (task.type === TaskType.Meeting) {
    if (task.teamCode === '') task.error(TodoLabels.Text009, task.fieldCaption('salespersonCode'));
    throw new NotSupportedError('Reassigning a meeting task');
  }
  if (task.teamCode === '') return;
  const confirmed = task.closed
    ? await task.confirm(TodoLabels.Text041, true, task.no, task.salespersonCode)
    : await task.confirm(TodoLabels.Text032, true, task.no, task.salespersonCode);
  if (!confirmed) {
    task.salespersonCode = xRec.salespersonCode;
    return;
  }
  await reassignTeamTaskToSalesperson(task);
  if (task.closed) await reopen(task);
}
