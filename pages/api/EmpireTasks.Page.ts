import { createInteractionWizard } from '../../codeunits/process/CreateInteraction.Codeunit';
import { Todo } from '../../entities/CRM/Task/Todo.Table';
import { TaskStatus } from '../../entities/CRM/Task/TaskEnums';
import { UserSetup } from '../../entities/System/UserSetup.Table';
import { decodeEdmName } from '../../src/http/api/edm';
import type { ModalResult } from '../../src/runtime/Dialogs';
import { caption, definePage } from '../Page';
import { ActionDialogAnswers, field, idField, lastModifiedField, readOnly } from './ApiPage';
import { wizardMembers } from './InteractionFromTemplateAction';

/**
 * The Task Card (page 5098) / Task List (5096) as an API page. Editable are
 * the fields the Empire process changes; each is validated as the card does
 * (CurrFieldNo <> 0), so the table's confirms (Text032, Text004, Text034,
 * TasksWillBeDeletedQst, ...) are raised and must be answered over the API.
 *
 * Page order puts Status before Salesperson Code, as the instruction does
 * (Status := In uitvoering, then Medewerker := yourself).
 */
export const EmpireTasks = definePage<Todo>({
  name: 'Empire CRM - Tasks',
  type: 'API',
  entityName: 'task',
  entitySetName: 'tasks',
  table: Todo,
  // Tasks are created by the Create Task wizard (here: createInteractionFromTemplate), not by a bare insert.
  insertAllowed: false,
  modifyAllowed: true,
  // As the Taakkaart: a team member's copy of a team task is read-only; the team task itself is edited.
  editable: (task) => task.isOrganizerTask(),
  deleteAllowed: true,
  fields: [
    idField,
    readOnly('number', 'no'),
    readOnly('systemTaskType', 'systemToDoType'),
    readOnly('organizerTaskNumber', 'organizerToDoNo'),
    field('description', 'description'),
    readOnly('type', 'type'),
    field('date', 'date'),
    field('priority', 'priority'),
    field('status', 'status'),
    field('teamCode', 'teamCode'),
    field('salespersonCode', 'salespersonCode'),
    field('completedBy', 'completedBy'),
    field('canceled', 'canceled'),
    readOnly('closed', 'closed'),
    readOnly('dateClosed', 'dateClosed'),
    readOnly('contactNumber', 'contactNo'),
    readOnly('contactName', 'contactName'),
    readOnly('contactCompanyNumber', 'contactCompanyNo'),
    readOnly('interactionTemplateCode', 'interactionTemplateCode'),
    readOnly('interactionLogEntryNumber', 'interactionLogEntryNo'),
    {
      name: 'note',
      type: 'string',
      caption: caption('Notes', 'Notities'),
      computeRows: {
        reads: ['no', 'organizerToDoNo'],
        compute: (tasks, session) => Todo.notesOf(session, tasks as { no: string; organizerToDoNo: string }[]),
      },
    },
    lastModifiedField,
  ],
  actions: {
    /**
     * "Taak in behandeling nemen": Status := In Progress, then Salesperson
     * Code := the caller's salesperson (User Setup), both as page validations.
     * Calling the action is the user's Yes to Text032 (reassign and delete the
     * members' copies); any other dialog still needs X-Sim-Dialog-Answers.
     */
    assignToMe: {
      description:
        "Take the team task (Todo.takeTeamTask): Status := In Progress, then Salesperson Code := the caller's salesperson (User Setup), both validated as on the card; calling it is the Yes to Text032. A task a colleague already took, or a member's copy, is refused.",
      parameters: {},
      dialogAnswers: () => ({ confirms: { 'To-do.Text032': true } }),
      async run({ session, rec }) {
        await rec.takeTeamTask(await UserSetup.requiredSalespersonOf(session));
      },
    },
    /** A line in the task's Notities (comment lines under the Organizer Task No.). */
    addNote: {
      description: "Add the text to the task's Notities.",
      parameters: { note: { type: 'string', required: true } },
      async run({ rec }, params) {
        await rec.addComment(params.note as string);
      },
    },
    /**
     * Status := Completed as a page validation. The answer to Text004 ("Do you
     * want to register an Interaction Log Entry?") is `registerInteraction`;
     * `interaction` fills in the Create Interaction wizard that Yes opens.
     */
    complete: {
      description:
        'Status := Completed, validated as on the card. registerInteraction answers Text004; interaction fills in the Create Interaction wizard (page 5077) that Yes opens.',
      parameters: {
        registerInteraction: { type: 'boolean', required: true },
        // The values of the Create Interaction wizard's fields (page 5077), by the one definition.
        interaction: { type: 'object', ...wizardMembers(createInteractionWizard) },
      },
      dialogAnswers(params): ActionDialogAnswers {
        const interaction = params.interaction as Record<string, unknown> | undefined;
        const modals: Record<string, ModalResult> = {};
        if (interaction) modals['Create Interaction'] = decodeEnumMembers(interaction);
        return { confirms: { 'To-do.Text004': params.registerInteraction as boolean }, modals };
      },
      async run({ rec }) {
        await rec.validate('status', TaskStatus.Completed, { fromPage: true });
        await rec.modify(true);
      },
    },
  },
});

/** Option values in the wizard input may be sent in their OData form (`Hard_x0020_Copy`). */
function decodeEnumMembers(values: Record<string, unknown>): Record<string, unknown> {
  const out = { ...values };
  for (const key of ['correspondenceType', 'evaluation']) {
    if (typeof out[key] === 'string') out[key] = decodeEdmName(out[key] as string);
  }
  return out;
}
