import { EmpireInteraction, InteractionFromTemplateInput } from '../../codeunits/process/EmpireInteraction.Codeunit';
import type { TableRecord } from '../../src/runtime/Record';
import type { Session } from '../../src/runtime/Session';
import { BoundActionDef } from './ApiPage';
import { EmpireInteractionLogEntries } from './EmpireInteractionLogEntries.Page';

/**
 * "+ Nieuw → Interactie via sjabloon" on a Contactkaart or Klantkaart, as a
 * bound action: the popup's fields are the parameters, Voltooien is the call.
 * Answers 201 with the numbers and ids of the log entry and the task, and a
 * Location of the log entry.
 */
export function interactionFromTemplateAction<T extends TableRecord>(
  start: (codeunit: EmpireInteraction, rec: T, input: InteractionFromTemplateInput) => ReturnType<EmpireInteraction['fromContact']>,
): BoundActionDef<T> {
  return {
    description:
      'Interactie via sjabloon: log a contact moment from a template and, with createTask, a task for the team. 201 with the numbers and ids of the log entry and the task.',
    parameters: {
      templateCode: { type: 'string', required: true },
      note: { type: 'string' },
      showInCustomerPortal: { type: 'boolean' },
      createTask: { type: 'boolean' },
      teamCode: { type: 'string' },
      description: { type: 'string' },
    },
    async run({ session, rec }: { session: Session; rec: T }, params) {
      const input: InteractionFromTemplateInput = {
        templateCode: params.templateCode as string,
        // A missing Notitie is the popup's own error (FieldNotFilledErr), not a request error.
        note: (params.note as string | undefined) ?? '',
        showInCustomerPortal: params.showInCustomerPortal as boolean | undefined,
        createTask: params.createTask as boolean | undefined,
        teamCode: params.teamCode as string | undefined,
        description: params.description as string | undefined,
      };
      const { interactionLogEntry, task } = await start(new EmpireInteraction(session), rec, input);
      return {
        kind: 'created',
        page: EmpireInteractionLogEntries,
        record: interactionLogEntry,
        body: {
          interactionLogEntryId: interactionLogEntry.systemId,
          interactionLogEntryNumber: interactionLogEntry.entryNo,
          taskId: task?.systemId ?? null,
          taskNumber: task?.no ?? '',
        },
      };
    },
  };
}
