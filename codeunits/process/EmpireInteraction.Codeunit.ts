import { Contact } from '../../entities/CRM/Contact/Contact.Table';
import { InteractionLogEntry } from '../../entities/CRM/Interaction/InteractionLogEntry.Table';
import { InteractionTemplate } from '../../entities/CRM/Interaction/InteractionTemplate.Table';
import { SegmentLine, SegmentLineLabels } from '../../entities/CRM/Segment/SegmentLine.Table';
import { Todo } from '../../entities/CRM/Task/Todo.Table';
import { TeamSalesperson } from '../../entities/CRM/Team/TeamSalesperson.Table';
import { Team } from '../../entities/CRM/Team/Team.Table';
import { Customer } from '../../entities/Sales/Customer.Table';
import { calcDate } from '../../src/runtime/DateFormula';
import { defineLabels } from '../../src/runtime/Labels';
import { Session } from '../../src/runtime/Session';
import { createInteractionWizard, CreateInteractionWizard } from './CreateInteraction.Codeunit';
import { CustContUpdate } from './CustContUpdate.Codeunit';
import { extendWizard, runWizard, valuesFromApi } from './InteractionWizard';

/** Empire's own texts: not public, so written for the simulator (en-US and nl-NL). */
export const EmpireInteractionLabels = defineLabels('Empire Interaction', {
  TeamWithoutMembersErr: {
    text: 'Team %1 has no members. A task for this team would not be assigned to anyone.',
    nl: 'Team %1 heeft geen medewerkers. Een taak voor dit team zou aan niemand worden toegewezen.',
    comment: '%1 = Team Code',
    simulatorAuthored: true,
  },
  CustomerWithoutHouseholdErr: {
    text: 'Customer %1 is not linked to a household contact.',
    nl: 'Klant %1 is niet gekoppeld aan een huishouden.',
    comment: '%1 = Customer No.',
    simulatorAuthored: true,
  },
});

/**
 * The Interactie aanmaken popup's values by their API names (the fields of
 * empireInteractionWizard: templateCode, description, showInCustomerPortal,
 * createTask, teamCode, note); a value left out keeps the template's default.
 */
export type InteractionFromTemplateInput = Readonly<Record<string, unknown>>;

export interface InteractionFromTemplateResult {
  interactionLogEntry: InteractionLogEntry;
  task: Todo | null;
}

/**
 * Empire's "Interactie via sjabloon" (Vastleggen contactmoment): from a contact
 * or a customer card, + Nieuw → Interactie via sjabloon → the popup → Voltooien.
 * One Interaction Log Entry with the template's properties and the Notitie;
 * with Taak aanmaken, a team task with the template's task properties, assigned
 * to every member of the team (BC's team-task model). The entry's Task No. and
 * the task's Interaction Log Entry No. point at each other.
 */
export class EmpireInteraction {
  constructor(private readonly session: Session) {}

  /** From a Klantkaart: the interaction lands on the customer's household contact. */
  async fromCustomer(customerNo: string, input: InteractionFromTemplateInput): Promise<InteractionFromTemplateResult> {
    const customer = await this.session.get(Customer, customerNo);
    const household = await new CustContUpdate(this.session).linkedContact(customer.no);
    if (!household) return this.session.error(EmpireInteractionLabels.CustomerWithoutHouseholdErr, customer.no);
    return this.fromContact(household.no, input);
  }

  /** From a Contactkaart: the popup filled in with the values, then Voltooien. */
  async fromContact(contactNo: string, input: InteractionFromTemplateInput): Promise<InteractionFromTemplateResult> {
    const contact = await this.session.get(Contact, contactNo);
    const segLine = await new CreateInteractionWizard(this.session).startFromContact(contact);
    return runWizard(this.session, empireInteractionWizard, segLine, valuesFromApi(empireInteractionWizard, input));
  }

  /** Voltooien on the popup's validated record: its own checks, then BC's FinishWizard, then the team task. */
  async finish(segLine: SegmentLine): Promise<InteractionFromTemplateResult> {
    const s = this.session;
    const template = await s.get(InteractionTemplate, segLine.interactionTemplateCode);
    await this.checkPopup(segLine);
    const entry = await new CreateInteractionWizard(s).finish(segLine);
    const task = segLine.createTask ? await this.createTeamTask(segLine, template, entry) : null;
    await s.events.publish('EmpireInteraction.OnAfterCreateInteractionFromTemplate', s, {
      interactionLogEntry: entry,
      task,
    });
    return { interactionLogEntry: entry, task };
  }

  /** Voltooien: the popup's own checks, before BC's CheckStatus. */
  private async checkPopup(segLine: SegmentLine): Promise<void> {
    const s = this.session;
    if (segLine.note.trim() === '') s.error(SegmentLineLabels.FieldNotFilledErr, segLine.fieldCaption('note'));
    if (!segLine.createTask) return;
    if (segLine.teamCode === '') s.error(SegmentLineLabels.FieldNotFilledErr, segLine.fieldCaption('teamCode'));
    if (!(await s.exists(TeamSalesperson, { teamCode: segLine.teamCode }))) {
      s.error(EmpireInteractionLabels.TeamWithoutMembersErr, segLine.teamCode);
    }
  }

  /** The task with the template's properties, for the team (InsertTaskAndRelatedData). */
  private async createTeamTask(segLine: SegmentLine, template: InteractionTemplate, entry: InteractionLogEntry): Promise<Todo> {
    const s = this.session;
    const task = s.create(Todo);
    await task.validate('type', template.taskType);
    await task.validate('description', template.taskDescription || template.description);
    await task.validate('priority', template.taskPriority);
    await task.validate('date', calcDate(template.taskDateFormula, segLine.date ?? s.workDate()));
    await task.validate('contactNo', segLine.contactNo);
    await task.validate('teamCode', segLine.teamCode);
    await task.validate('interactionTemplateCode', template.code);
    task.interactionLogEntryNo = entry.entryNo;
    await task.insertTaskAndRelatedData();
    await task.addComment(segLine.note);
    entry.toDoNo = task.no;
    await entry.modify();
    return task;
  }
}

/**
 * Empire's popup "Interactie aanmaken" (+ Nieuw → Interactie via sjabloon):
 * page 5077 with the template as "Sjabloon standaardwaarden", Taak aanmaken and
 * Teamcode after Toon in klantportaal, Medewerker and Datum left as StartWizard
 * set them, BC's later steps not there. Voltooien is EmpireInteraction.finish.
 * Empire's page number is not public: 7000010 is the simulator's.
 */
export const empireInteractionWizard = extendWizard(createInteractionWizard, {
  pageId: 7000010,
  pageName: 'Empire Create Interaction',
  caption: createInteractionWizard.caption,
  without: ['salespersonCode', 'date', 'timeOfInteraction', 'correspondenceType', 'evaluation', 'interactionSuccessful'],
  change: {
    interactionTemplateCode: { caption: { en: 'Template Defaults', nl: 'Sjabloon standaardwaarden' }, api: { name: 'templateCode', required: true } },
  },
  add: {
    after: 'showInCustomerPortal',
    fields: [
      { property: 'createTask', name: 'Create Task', caption: { en: 'Create Task', nl: 'Taak aanmaken' }, empire: true },
      {
        property: 'teamCode',
        name: 'Team Code',
        caption: { en: 'Team Code', nl: 'Teamcode' },
        empire: true,
        editableWhen: (segLine) => segLine.createTask === true,
        lookup: { table: Team, valueField: 'code', textField: 'name' },
      },
    ],
  },
  finish: (session, segLine) => new EmpireInteraction(session).finish(segLine),
});
