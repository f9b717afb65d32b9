// [FEATURE] [Create Interaction wizard] one definition for the pages and the API; one runner; Voltooien validates nothing again.
import { createInteractionWizard } from '../../codeunits/process/CreateInteraction.Codeunit';
import { empireInteractionWizard } from '../../codeunits/process/EmpireInteraction.Codeunit';
import { apiNameOf } from '../../codeunits/process/InteractionWizard';
import { InteractionLogEntry } from '../../entities';
import { SegmentLine } from '../../entities/CRM/Segment/SegmentLine.Table';
import { EmpireContacts } from '../../pages/api/EmpireContacts.Page';
import { EmpireCustomers } from '../../pages/api/EmpireCustomers.Page';
import { EmpireTasks } from '../../pages/api/EmpireTasks.Page';
import { CreateInteraction } from '../../pages/CreateInteraction.Page';
import { EmpireCreateInteraction } from '../../pages/EmpireCreateInteraction.Page';
import { tableMeta } from '../../src/runtime/Metadata';
import type { UiPageDefinition } from '../../pages/UiPage';
import { closeSharedSimulator } from '../library/LibraryMarketing';
import { newInteractionPopup, newPagesCompany, PagesTestCompany } from './LibraryPages';

afterAll(closeSharedSimulator);

/** The page's controls a user can type into, as (control name, Segment Line property). */
function inputs(page: UiPageDefinition<any>): string[][] {
  return page.groups!.flatMap((g) => g.fields).filter((f) => f.editable !== false).map((f) => [f.name, f.source!]);
}

describe('the wizard is defined once', () => {
  test("Empire's popup and the createInteractionFromTemplate action show the same fields, in page order", () => {
    expect(inputs(EmpireCreateInteraction)).toEqual(empireInteractionWizard.fields.map((f) => [f.name, f.property]));
    expect(empireInteractionWizard.fields.map((f) => f.property)).toEqual([
      'interactionTemplateCode',
      'description',
      'showInCustomerPortal',
      'createTask',
      'teamCode',
      'note',
    ]);
    const apiNames = empireInteractionWizard.fields.map(apiNameOf);
    expect(apiNames).toEqual(['templateCode', 'description', 'showInCustomerPortal', 'createTask', 'teamCode', 'note']);
    for (const page of [EmpireContacts, EmpireCustomers]) {
      const parameters = page.actions!.createInteractionFromTemplate.parameters;
      expect(Object.keys(parameters)).toEqual(apiNames);
      expect(parameters.templateCode.required).toBe(true);
      expect(parameters.createTask.type).toBe('boolean');
    }
  });

  test("the task's Create Interaction modal and its API answer take page 5077's fields; Empire's are marked", () => {
    const shown = createInteractionWizard.fields.filter((f) => !f.hidden);
    expect(inputs(CreateInteraction)).toEqual(shown.map((f) => [f.name, f.property]));
    expect(Object.keys(CreateInteraction.modalResult!({}, null))).toEqual(shown.map((f) => f.property));
    const interaction = EmpireTasks.actions!.complete.parameters.interaction;
    expect(interaction.members).toEqual(createInteractionWizard.fields.map(apiNameOf));
    expect(interaction.memberTypes).toEqual({ interactionSuccessful: 'boolean', showInCustomerPortal: 'boolean' });
    expect(empireInteractionWizard.fields.filter((f) => f.empire).map((f) => f.property)).toEqual([
      'showInCustomerPortal',
      'createTask',
      'teamCode',
      'note',
    ]);
    // Empire's version is BC's page with its own caption for the template; the rest of the captions are the base's.
    expect(EmpireCreateInteraction.groups![0].fields[1].caption).toEqual({ en: 'Template Defaults', nl: 'Sjabloon standaardwaarden' });
    expect(CreateInteraction.groups![0].fields[1].caption).toEqual({ en: 'Interaction Template Code', nl: 'Interactiesjabloon' });
  });
});

/** Every Segment Line validation while `fn` runs, as (field name, CurrFieldNo). */
async function validations(tc: PagesTestCompany, fn: () => Promise<unknown>): Promise<Array<[string, number]>> {
  const seen: Array<[string, number]> = [];
  const prefix = `${tableMeta(SegmentLine).name}.OnAfterValidate.`;
  const off = tc.sim.events.subscribe('*', (e) => {
    if (e.name.startsWith(prefix)) seen.push([e.name.slice(prefix.length), (e.payload.rec as SegmentLine).currFieldNo]);
  });
  try {
    await fn();
  } finally {
    off();
  }
  return seen;
}

const fieldNo = (property: string) => tableMeta(SegmentLine).field(property).no;

describe('one runner, each field validated once', () => {
  test('on the popup each field is validated as it is typed, and Voltooien validates none of them again', async () => {
    const tc = await newPagesCompany();
    const popup = await newInteractionPopup(tc, 'Berg');
    const typed = await validations(tc, async () => {
      await tc.tester.set(popup.sessionId, 'Sjabloon standaardwaarden', 'VRAAG');
      await tc.tester.set(popup.sessionId, 'Toon in klantportaal', 'Ja');
      await tc.tester.set(popup.sessionId, 'Notitie', 'Wil een extra sleutel.');
    });
    expect(typed).toEqual([
      ['Interaction Template Code', fieldNo('interactionTemplateCode')],
      ['Show in Customer Portal', fieldNo('showInCustomerPortal')],
      ['Note', fieldNo('note')],
    ]);
    const finished = await validations(tc, async () => {
      const r = await tc.tester.invoke(popup.sessionId, 'Voltooien');
      expect(r.error).toBeUndefined();
      expect(r.closed).toBe(true);
    });
    expect(finished).toEqual([]);
    await tc.run(async (s) => {
      const entry = await s.get(InteractionLogEntry, 1);
      expect(entry).toMatchObject({ interactionTemplateCode: 'VRAAG', showInCustomerPortal: true });
      expect(entry.toDoNo).not.toBe('');
    });
  });

  test('the API action runs the same runner: each given field once, in page order, as the page validates it', async () => {
    const tc = await newPagesCompany();
    const hh = await tc.post(`${tc.crm}/contacts`, { type: 'Company', surname: 'Berg' });
    expect(hh.status).toBe(201);
    const seen = await validations(tc, async () => {
      const r = await tc.post(`${tc.crm}/contacts(${hh.body.id})/Microsoft.NAV.createInteractionFromTemplate`, {
        note: 'Vraag',
        description: 'Sleutel',
        templateCode: 'VRAAG',
      });
      expect(r.status).toBe(204);
    });
    // Before the runner: StartWizard's own validations (CurrFieldNo 0), as when the popup opens.
    expect(seen.filter(([, no]) => no !== 0)).toEqual([
      ['Interaction Template Code', fieldNo('interactionTemplateCode')],
      ['Description', fieldNo('description')],
      ['Note', fieldNo('note')],
    ]);
  });
});
