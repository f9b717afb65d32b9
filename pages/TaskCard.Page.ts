import { Todo } from '../entities/CRM/Task/Todo.Table';
import { SalespersonPurchaser } from '../entities/CRM/Team/SalespersonPurchaser.Table';
import { Team } from '../entities/CRM/Team/Team.Table';
import { caption, definePage } from './Page';
import { PageContext } from './UiPage';
import { InteractionLogEntries } from './InteractionLogEntries.Page';

/** A member's copy of a team task opens read-only (Task Card: PagePartsEditable := No. = Organizer To-do No.). */
const isOrganizerRow = (ctx: PageContext<Todo>) => ctx.rec !== null && ctx.rec.isOrganizerTask();

/**
 * Page 5098 "Task Card" (Taakkaart). Each field is validated as on the card
 * (CurrFieldNo <> 0), so the task's own questions appear as dialogs: Text032
 * when Medewerker takes a team task, Text004 when Status becomes Afgerond,
 * Text034 on Afgerond door, TasksWillBeDeletedQst on another Teamcode.
 */
export const TaskCard = definePage<Todo>({
  id: 5098,
  name: 'Task Card',
  caption: caption('Task Card', 'Taakkaart'),
  type: 'Card',
  table: Todo,
  insertAllowed: false,
  modifyAllowed: true,
  deleteAllowed: false,
  description: 'One task: take it (Status, Medewerker), write the outcome in the Notities, complete it.',
  groups: [
    {
      name: 'General',
      caption: caption('General', 'Algemeen'),
      fields: [
        { name: 'No.', source: 'no', editable: false, importance: 'Promoted' },
        { name: 'Description', source: 'description', editable: isOrganizerRow, importance: 'Promoted' },
        { name: 'Type', source: 'type', editable: false },
        { name: 'Contact No.', source: 'contactNo', editable: false },
        { name: 'Contact Name', source: 'contactName' },
        {
          name: 'Team Code',
          source: 'teamCode',
          caption: caption('Team Code', 'Teamcode'),
          editable: isOrganizerRow,
          lookup: { table: Team, valueField: 'code', textField: 'name' },
        },
        {
          name: 'Salesperson Code',
          source: 'salespersonCode',
          caption: caption('Salesperson Code', 'Medewerker'),
          editable: isOrganizerRow,
          lookup: { table: SalespersonPurchaser, valueField: 'code', textField: 'name', where: { blocked: false } },
          importance: 'Promoted',
        },
        { name: 'Date', source: 'date', editable: isOrganizerRow },
        { name: 'Status', source: 'status', editable: isOrganizerRow, importance: 'Promoted' },
        { name: 'Priority', source: 'priority', editable: isOrganizerRow },
        {
          name: 'Completed By',
          source: 'completedBy',
          caption: caption('Completed By', 'Afgerond door'),
          // Task Card: enabled only for a team task, editable while it is open.
          visible: (ctx) => ctx.rec !== null && ctx.rec.teamCode !== '',
          editable: (ctx) => isOrganizerRow(ctx) && !ctx.rec!.closed,
          lookup: { table: SalespersonPurchaser, valueField: 'code', textField: 'name' },
        },
        { name: 'Closed', source: 'closed', editable: false },
        { name: 'Date Closed', source: 'dateClosed', editable: false },
      ],
    },
    {
      name: 'Notes',
      caption: caption('Notes', 'Notities'),
      fields: [
        {
          // BC's comment sheet (page 5072 "Rlshp. Mgt. Comment Sheet") as one text box: its lines are the task's
          // Rlshp. Mgt. Comment Lines. Seed 000 l.49 / 003 step 11: the outcome is written "in de Notities van de taak".
          name: 'Notes',
          caption: caption('Notes', 'Notities'),
          multiLine: true,
          editable: isOrganizerRow,
          async compute(ctx) {
            return ctx.rec ? (await ctx.rec.comments()).map((c) => c.comment).join('\n') : '';
          },
          async onValidate(ctx, value) {
            await ctx.rec!.setNotes(String(value ?? ''));
          },
        },
      ],
    },
  ],
  actions: [
    {
      name: 'InteractionLogEntries',
      caption: caption('Interaction Log Entries', 'Interactielogposten'),
      group: 'Navigate',
      requiresRecord: true,
      async run(ctx) {
        // Task Card's link: To-do No. = Organizer To-do No.
        const filters = { toDoNo: ctx.rec!.organizerToDoNo || ctx.rec!.no };
        return { kind: 'open', open: { page: () => InteractionLogEntries, mode: 'view', filters } };
      },
    },
  ],
});
