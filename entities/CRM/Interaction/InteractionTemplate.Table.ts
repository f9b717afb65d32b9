import { BooleanField, Code, DateFormulaField, Decimal, Field, Table, Text } from '../../../src/runtime/Metadata';
import { TableRecord } from '../../../src/runtime/Record';
import { CORRESPONDENCE_TYPE } from '../Contact/ContactEnums';
import { CorrespondenceType } from '../Contact/ContactEnums';
import { TASK_PRIORITY, TASK_TYPE, TaskPriority } from '../Task/TaskEnums';
import { Team } from '../Team/Team.Table';
import { INFORMATION_FLOW, INITIATED_BY, WIZARD_ACTION } from './InteractionEnums';
import { InteractionGroup } from './InteractionGroup.Table';

/**
 * Table 5064 "Interaction Template" with Empire's defaults for the
 * "Interactie via sjabloon" popup (Toon in klantportaal, Taak aanmaken,
 * Teamcode) and the properties the template gives a task it creates.
 */
@Table(5064, 'Interaction Template', { nl: 'Interactiesjabloon', setup: true })
export class InteractionTemplate extends TableRecord {
  @Field(1, 'Code', Code(10), { primaryKey: true, notBlank: true, nl: 'Code' })
  code!: string;

  @Field(2, 'Interaction Group Code', Code(10), {
    notBlank: true,
    relation: () => InteractionGroup,
    nl: 'Interactiegroepcode',
  })
  interactionGroupCode!: string;

  @Field(3, 'Description', Text(100), { nl: 'Omschrijving' })
  description!: string;

  @Field(4, 'Unit Cost (LCY)', Decimal, { nl: 'Kostprijs (LV)' })
  unitCostLcy!: number;

  @Field(5, 'Unit Duration (Min.)', Decimal, { nl: 'Duur per eenheid (min.)' })
  unitDurationMin!: number;

  @Field(6, 'Information Flow', INFORMATION_FLOW, { nl: 'Informatiestroom' })
  informationFlow!: number;

  @Field(7, 'Initiated By', INITIATED_BY, { nl: 'Geïnitieerd door' })
  initiatedBy!: number;

  @Field(9, 'Campaign No.', Code(20), { nl: 'Campagnenr.' })
  campaignNo!: string;

  @Field(10, 'Campaign Target', BooleanField, { nl: 'Campagnedoel' })
  campaignTarget!: boolean;

  @Field(11, 'Campaign Response', BooleanField, { nl: 'Campagnereactie' })
  campaignResponse!: boolean;

  @Field(12, 'Correspondence Type (Default)', CORRESPONDENCE_TYPE, { initValue: CorrespondenceType.Email })
  correspondenceTypeDefault!: number;

  @Field(17, 'Language Code (Default)', Code(10))
  languageCodeDefault!: string;

  @Field(18, 'Wizard Action', WIZARD_ACTION)
  wizardAction!: number;

  @Field(19, 'Ignore Contact Corres. Type', BooleanField)
  ignoreContactCorresType!: boolean;

  // ---- Empire: defaults of the Interactie aanmaken popup and the task it creates ----

  @Field(7000001, 'Show in Customer Portal', BooleanField, { nl: 'Toon in klantportaal', empire: true })
  showInCustomerPortal!: boolean;

  @Field(7000002, 'Create Task', BooleanField, { nl: 'Taak aanmaken', empire: true })
  createTask!: boolean;

  @Field(7000003, 'Team Code', Code(10), { relation: () => Team, nl: 'Teamcode', empire: true })
  teamCode!: string;

  /** The task's Description; blank = the template's Description. */
  @Field(7000004, 'Task Description', Text(100), { nl: 'Taakomschrijving', empire: true })
  taskDescription!: string;

  @Field(7000005, 'Task Type', TASK_TYPE, { nl: 'Taaksoort', empire: true })
  taskType!: number;

  @Field(7000006, 'Task Priority', TASK_PRIORITY, { initValue: TaskPriority.Normal, nl: 'Taakprioriteit', empire: true })
  taskPriority!: number;

  /** Due date of the task from the interaction's date, e.g. `<10D>`; blank = the same day. */
  @Field(7000007, 'Task Date Formula', DateFormulaField, { nl: 'Vervaldatumformule taak', empire: true })
  taskDateFormula!: string;
}
