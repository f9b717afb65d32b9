import { EmpireInteraction, empireInteractionWizard, InteractionFromTemplateInput } from '../../codeunits/process/EmpireInteraction.Codeunit';
import { apiNameOf, WizardDefinition } from '../../codeunits/process/InteractionWizard';
import { SegmentLine } from '../../entities/CRM/Segment/SegmentLine.Table';
import { tableMeta } from '../../src/runtime/Metadata';
import type { TableRecord } from '../../src/runtime/Record';
import type { Session } from '../../src/runtime/Session';
import { BoundActionDef, ParameterDef } from './ApiPage';

/**
 * "+ Nieuw → Interactie via sjabloon" on a Contactkaart or Klantkaart, as a
 * bound action: the popup's fields (empireInteractionWizard) are the
 * parameters, the call fills them in and runs Voltooien (runWizard).
 * Answers 204 as BC's actions do; the log entry and task are then the newest
 * of the record's interactionLogEntries and tasks.
 */
export function interactionFromTemplateAction<T extends TableRecord>(
  start: (codeunit: EmpireInteraction, rec: T, input: InteractionFromTemplateInput) => ReturnType<EmpireInteraction['fromContact']>,
): BoundActionDef<T> {
  return {
    description:
      'Interactie via sjabloon: log a contact moment from a template and, with createTask, a task for the team (204; the entry and the task are then among the record\'s interactionLogEntries and tasks).',
    parameters: wizardParameters(empireInteractionWizard),
    async run({ session, rec }: { session: Session; rec: T }, params) {
      // A missing Notitie is the popup's own error at Voltooien (FieldNotFilledErr), not a request error.
      const input: InteractionFromTemplateInput = params;
      await start(new EmpireInteraction(session), rec, input);
    },
  };
}

/** A wizard's fields as an API action's parameters, by their API names, in page order. */
export function wizardParameters(wizard: WizardDefinition<unknown>): Record<string, ParameterDef> {
  return Object.fromEntries(
    wizard.fields.map((f) => [apiNameOf(f), { type: parameterType(f.property), ...(f.api?.required && { required: true }) }]),
  );
}

/** Members of an object parameter that answers a wizard (the task's Create Interaction), with their types. */
export function wizardMembers(wizard: WizardDefinition<unknown>): Required<Pick<ParameterDef, 'members' | 'memberTypes'>> {
  const members = wizard.fields.map(apiNameOf);
  const memberTypes = Object.fromEntries(
    wizard.fields.filter((f) => parameterType(f.property) !== 'string').map((f) => [apiNameOf(f), parameterType(f.property)]),
  );
  return { members, memberTypes };
}

/** Options travel by name, so only Boolean fields are not strings. */
function parameterType(property: string): 'string' | 'boolean' {
  return tableMeta(SegmentLine).field(property).type.kind === 'Boolean' ? 'boolean' : 'string';
}
