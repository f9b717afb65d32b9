import { Not } from 'typeorm';
import {
  BigInteger,
  BooleanField,
  Code,
  DateField,
  DateFormulaField,
  Exist,
  Field,
  FlowField,
  Integer,
  Lookup,
  OnValidate,
  Option,
  Table,
  Text,
  TimeField,
} from '../../../src/runtime/Metadata';
import { TableRecord } from '../../../src/runtime/Record';
import type { Session } from '../../../src/runtime/Session';
import { NotSupportedError } from '../../../src/runtime/BcError';
import { NoSeriesCodeunit } from '../../../codeunits/foundation/NoSeries.Codeunit';
import { Contact } from '../Contact/Contact.Table';
import { MarketingSetup } from '../Setup/MarketingSetup.Table';
import { SalespersonPurchaser } from '../Team/SalespersonPurchaser.Table';
import { Team } from '../Team/Team.Table';
import { CommentTableName, RlshpMgtCommentLine } from './RlshpMgtCommentLine.Table';
import {
  TASK_PRIORITY,
  TASK_STATUS,
  TASK_SYSTEM_TYPE,
  TASK_TYPE,
  TaskPriority,
  TaskStatus,
  TaskSystemType,
  TaskType,
} from './TaskEnums';
import { addTaskComment, setTaskNotes, taskComments, taskNotes } from './TaskComments';
import { createOrganizerTasks, createSubTask, salespersonCodeChanged, teamCodeChanged, updateAttendeeTasks } from './TeamTasks';
import { EmpireTaskLabels, TodoLabels } from './TodoLabels';

/** What a task asks of process codeunits, as process events (payload `task`), bound in codeunits/process/subscriptions.ts. */
export const TodoProcessEvents = {
  /** Todo.CreateInteraction: the Create Interaction wizard from the task (CreateInteractionFromTask). */
  createInteraction: 'To-do.CreateInteraction',
} as const;

/**
 * Table 5080 "To-do", caption Task (Empire: Taak). A team task is one row of
 * System To-do Type Team plus one Organizer row per team member, all sharing
 * the Organizer To-do No. of the team row (bc-domain-spec §5.3). Every change
 * to the team/organizer row is mirrored onto its sub-tasks (UpdateAttendeeTasks).
 */
@Table(5080, 'To-do', {
  caption: 'Task',
  nl: 'Taak',
  keys: [
    ['contactCompanyNo', 'contactNo', 'closed', 'date'],
    ['salespersonCode', 'date', 'closed'],
    ['teamCode', 'date', 'closed'],
    ['organizerToDoNo', 'systemToDoType'],
    // Not a BC key (the simulator's own index): a team's open tasks by date without walking the members'
    // copies and the closed history (docs/benchmarks.md, "the team task list").
    ['teamCode', 'systemToDoType', 'closed', 'date'],
    // Also the simulator's own: a team's tasks in one status in primary-key order, the API's default
    // order (`teams(…)/tasks?$filter=status eq …`) read as the first rows of the index, with no sort.
    ['teamCode', 'systemToDoType', 'status', 'no'],
  ],
})
export class Todo extends TableRecord {
  @Field(1, 'No.', Code(20), { primaryKey: true, nl: 'Nr.' })
  no!: string;

  @Field(2, 'Team Code', Code(10), { relation: () => Team, nl: 'Teamcode' })
  teamCode!: string;

  /** Empire: Medewerker. */
  @Field(3, 'Salesperson Code', Code(20), {
    relation: { table: () => SalespersonPurchaser, where: { blocked: false } },
    nl: 'Medewerker',
  })
  salespersonCode!: string;

  @Field(4, 'Campaign No.', Code(20), { nl: 'Campagnenr.' })
  campaignNo!: string;

  @Field(5, 'Contact No.', Code(20), { relation: () => Contact, nl: 'Contactnr.' })
  contactNo!: string;

  @Field(6, 'Opportunity No.', Code(20))
  opportunityNo!: string;

  @Field(7, 'Segment No.', Code(20))
  segmentNo!: string;

  @Field(8, 'Type', TASK_TYPE, { nl: 'Soort' })
  type!: number;

  @Field(9, 'Date', DateField, { notBlank: true, nl: 'Datum' })
  date!: string | null;

  @Field(10, 'Status', TASK_STATUS, { nl: 'Status' })
  status!: number;

  @Field(11, 'Priority', TASK_PRIORITY, { initValue: TaskPriority.Normal, nl: 'Prioriteit' })
  priority!: number;

  @Field(12, 'Description', Text(100), { nl: 'Omschrijving' })
  description!: string;

  @Field(13, 'Closed', BooleanField, { nl: 'Gesloten' })
  closed!: boolean;

  @Field(14, 'Date Closed', DateField, { editable: false, nl: 'Afsluitdatum' })
  dateClosed!: string | null;

  @Field(15, 'No. Series', Code(20), { editable: false })
  noSeries!: string;

  /**
   * CalcFormula = exist("Rlshp. Mgt. Comment Line" where("Table Name" = const("To-do"),
   * "No." = field("Organizer To-do No."), "Sub No." = const(0))): the notes are the organizer's.
   */
  @FlowField(
    16,
    'Comment',
    BooleanField,
    Exist(() => RlshpMgtCommentLine, {
      tableName: { const: CommentTableName.ToDo },
      no: { field: 'organizerToDoNo' },
      subNo: { const: 0 },
    }),
  )
  comment!: boolean;

  @Field(17, 'Canceled', BooleanField, { nl: 'Geannuleerd' })
  canceled!: boolean;

  /** CalcFormula = lookup(Contact.Name where("No." = field("Contact No."))). */
  @FlowField(18, 'Contact Name', Text(100), Lookup(() => Contact, 'name', { no: { field: 'contactNo' } }), { nl: 'Contactnaam' })
  contactName!: string;

  @Field(22, 'Contact Company No.', Code(20), { nl: 'Bedrijfscontactnr.' })
  contactCompanyNo!: string;

  /** CalcFormula = lookup(Contact.Name where("No." = field("Contact Company No."))). */
  @FlowField(23, 'Contact Company Name', Text(100), Lookup(() => Contact, 'name', { no: { field: 'contactCompanyNo' } }))
  contactCompanyName!: string;

  @Field(24, 'Recurring', BooleanField, { nl: 'Terugkerend' })
  recurring!: boolean;

  @Field(25, 'Recurring Date Interval', DateFormulaField)
  recurringDateInterval!: string;

  @Field(26, 'Calc. Due Date From', Option(' ,Due Date,Closing Date'))
  calcDueDateFrom!: number;

  @Field(28, 'Start Time', TimeField, { nl: 'Begintijd' })
  startTime!: string | null;

  /** Duration in milliseconds (AL Duration). */
  @Field(29, 'Duration', BigInteger, { nl: 'Duur' })
  duration!: number;

  @Field(32, 'Last Date Modified', DateField, { editable: false })
  lastDateModified!: string | null;

  @Field(33, 'Last Time Modified', TimeField, { editable: false })
  lastTimeModified!: string | null;

  @Field(34, 'All Day Event', BooleanField)
  allDayEvent!: boolean;

  @Field(35, 'Location', Text(100))
  location!: string;

  @Field(36, 'Organizer To-do No.', Code(20), { caption: 'Organizer Task No.', editable: false })
  organizerToDoNo!: string;

  @Field(37, 'Interaction Template Code', Code(10))
  interactionTemplateCode!: string;

  @Field(45, 'System To-do Type', TASK_SYSTEM_TYPE, { caption: 'System Task Type', nl: 'Systeemtaaksoort', editable: false })
  systemToDoType!: number;

  @Field(46, 'Completed By', Code(20), { relation: () => SalespersonPurchaser, nl: 'Afgerond door' })
  completedBy!: string;

  @Field(47, 'Ending Date', DateField)
  endingDate!: string | null;

  @Field(48, 'Ending Time', TimeField)
  endingTime!: string | null;

  /** Empire: the contact moment (Interaction Log Entry) that created this task. */
  @Field(7000001, 'Interaction Log Entry No.', Integer, { nl: 'Interactielogpostnr.', empire: true, editable: false })
  interactionLogEntryNo!: number;

  // ---- field triggers ----

  @OnValidate('no')
  protected async noOnValidate(xRec: Todo): Promise<void> {
    if (this.no !== xRec.no) {
      const setup = await this.session.get(MarketingSetup, '');
      await new NoSeriesCodeunit(this.session).testManual(setup.toDoNos);
      this.noSeries = '';
    }
  }

  @OnValidate('contactNo')
  protected async contactNoOnValidate(xRec: Todo): Promise<void> {
    const contact = this.contactNo ? await this.session.tryGet(Contact, this.contactNo) : null;
    this.contactCompanyNo = contact ? contact.companyNo : '';
    if (
      this.no !== '' &&
      this.currFieldNo !== 0 &&
      this.contactNo !== xRec.contactNo &&
      this.no === this.organizerToDoNo &&
      this.type !== TaskType.Meeting
    ) {
      await this.session.deleteAll(Todo, {
        organizerToDoNo: this.no,
        systemToDoType: TaskSystemType.ContactAttendee,
      });
      if (this.contactNo !== '') await createSubTask(this, { kind: 'contact', no: this.contactNo });
    }
  }

  @OnValidate('type')
  protected async typeOnValidate(xRec: Todo): Promise<void> {
    if (this.type === TaskType.Meeting) this.error(TodoLabels.MeetingSaaSNotSupportedErr);
    if (this.no !== '' && xRec.type === TaskType.Meeting && this.type !== TaskType.Meeting) this.error(TodoLabels.Text012);
  }

  @OnValidate('date')
  protected async dateOnValidate(): Promise<void> {
    if (this.date && (this.date < '1900-01-01' || this.date > '2999-12-31')) {
      this.error(TodoLabels.Text006, '01-01-1900', '31-12-2999');
    }
  }

  @OnValidate('status')
  protected async statusOnValidate(): Promise<void> {
    await this.validate('closed', this.status === TaskStatus.Completed);
  }

  /** Closed.OnValidate, exactly as the base app (bc-domain-spec §5.4). */
  @OnValidate('closed')
  protected async closedOnValidate(): Promise<void> {
    if (this.closed) {
      this.dateClosed = this.session.today();
      this.status = TaskStatus.Completed;
      if (!this.canceled) {
        if (this.teamCode !== '' && this.completedBy === '') this.error(TodoLabels.Text029, this.fieldCaption('completedBy'));
        if (this.currFieldNo !== 0 && (await this.confirm(TodoLabels.Text004, true))) await this.createInteraction();
      }
      if (this.recurring) throw new NotSupportedError('Recurring tasks (To-do.CreateRecurringTask)');
    } else {
      this.canceled = false;
      this.dateClosed = null;
      if (this.status === TaskStatus.Completed) this.status = TaskStatus.InProgress;
      if (this.completedBy !== '') this.completedBy = '';
    }
    if (this.currFieldNo !== 0) await this.modify(true);
  }

  @OnValidate('canceled')
  protected async canceledOnValidate(): Promise<void> {
    if (this.canceled && !this.closed) await this.validate('closed', true);
    if (!this.canceled && this.closed) await this.validate('closed', false);
  }

  @OnValidate('completedBy')
  protected async completedByOnValidate(xRec: Todo): Promise<void> {
    if (xRec.completedBy === '' && this.completedBy !== '') {
      if (await this.confirm(TodoLabels.Text034, false)) await this.validate('closed', true);
      else this.completedBy = '';
    }
  }

  /** Team Code.OnValidate (§5.5): a salesperson task goes to a team, or a team task to another team. */
  @OnValidate('teamCode')
  protected async teamCodeOnValidate(xRec: Todo): Promise<void> {
    await teamCodeChanged(this, xRec);
  }

  /** Salesperson Code.OnValidate (§5.5): taking a team task (Empire: Medewerker = yourself). */
  @OnValidate('salespersonCode')
  protected async salespersonCodeOnValidate(xRec: Todo): Promise<void> {
    await salespersonCodeChanged(this, xRec);
  }

  // ---- table triggers ----

  protected async onInsert(): Promise<void> {
    const s = this.session;
    if (this.no === '') {
      const setup = await s.get(MarketingSetup, '');
      setup.testField('toDoNos');
      const noSeries = new NoSeriesCodeunit(s);
      this.noSeries = (await noSeries.areRelated(setup.toDoNos, this.noSeries)) ? this.noSeries : setup.toDoNos;
      this.no = await noSeries.getNextNo(this.noSeries);
    }
    if (
      (this.systemToDoType === TaskSystemType.Organizer && this.teamCode === '') ||
      this.systemToDoType === TaskSystemType.Team
    ) {
      this.organizerToDoNo = this.no;
    }
    this.setLastDateTimeModified();
  }

  protected async onModify(): Promise<void> {
    if (this.no !== '') {
      this.setLastDateTimeModified();
      await updateAttendeeTasks(this);
    }
  }

  protected async onDelete(): Promise<void> {
    const s = this.session;
    await s.deleteAll(RlshpMgtCommentLine, { tableName: CommentTableName.ToDo, no: this.no });
    await s.deleteAll(Todo, { organizerToDoNo: this.no, no: Not(this.no) });
  }

  // ---- procedures ----

  /**
   * InsertTaskAndRelatedData (non-meeting, no segment): inserts this task
   * and, for a team task, one Organizer sub-task per team member.
   */
  async insertTaskAndRelatedData(): Promise<void> {
    if (this.type === TaskType.Meeting) this.error(TodoLabels.MeetingSaaSNotSupportedErr);
    if (this.segmentNo !== '') throw new NotSupportedError('Tasks for segment contacts');
    this.systemToDoType = this.teamCode === '' ? TaskSystemType.Organizer : TaskSystemType.Team;
    this.no = '';
    await this.insert(true);
    if (this.systemToDoType === TaskSystemType.Team) await createOrganizerTasks(this);
    await this.session.events.publish('To-do.OnAfterInsertTask', this.session, { task: this });
  }

  /**
   * Empire's Afhandelen taak, stage 1, as one step: Status In uitvoering and
   * Medewerker = the salesperson, both as page validations (so Text032 is
   * asked). Only the team task itself can be taken; once a colleague took it
   * the task is theirs.
   */
  async takeTeamTask(salespersonCode: string): Promise<void> {
    if (this.systemToDoType !== TaskSystemType.Team) {
      if (this.no !== this.organizerToDoNo) this.error(EmpireTaskLabels.NotATeamTaskErr, this.no, this.organizerToDoNo);
      this.error(EmpireTaskLabels.TaskAlreadyTakenErr, this.no, this.salespersonCode);
    }
    await this.validate('status', TaskStatus.InProgress, { fromPage: true });
    await this.validate('salespersonCode', salespersonCode, { fromPage: true });
    await this.modify(true);
  }

  /** Adds a line to the task's Notities / sets them from one text (comment lines under the Organizer To-do No.). */
  addComment(text: string): Promise<void> {
    return addTaskComment(this, text);
  }
  setNotes(text: string): Promise<void> { return setTaskNotes(this, text); }

  /**
   * The task's own row: a team task's row or a salesperson's task, not a team member's copy of a team task.
   * Only it is edited on pages (Task Card: `PagePartsEditable := "No." = "Organizer To-do No."`); the copies follow it.
   */
  isOrganizerTask(): boolean {
    return this.no === this.organizerToDoNo;
  }

  /** The task's Notities: comment lines kept under the Organizer To-do No., so a team task and its copies share them. */
  comments(): Promise<RlshpMgtCommentLine[]> {
    return taskComments(this);
  }

  /** The Notities of many tasks at once, one text per task: one read for a list's page. */
  static notesOf(session: Session, tasks: readonly { no: string; organizerToDoNo: string }[]): Promise<string[]> {
    return taskNotes(session, tasks);
  }

  /** CheckTeamOrSalesperson: a task belongs to a team or a salesperson. */
  checkTeamOrSalesperson(): void {
    if (this.teamCode === '' && this.salespersonCode === '') {
      this.error(TodoLabels.Text035, this.fieldCaption('salespersonCode'), this.fieldCaption('teamCode'));
    }
  }

  /** CreateInteraction(): the Create Interaction wizard, prefilled from this task (§4.1), a process codeunit's. */
  private async createInteraction(): Promise<void> {
    await this.session.events.raiseForProcess(TodoProcessEvents.createInteraction, this.session, { task: this });
  }

  private setLastDateTimeModified(): void {
    this.lastDateModified = this.session.today();
    this.lastTimeModified = this.session.time();
  }
}
