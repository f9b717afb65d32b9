// [FEATURE] [Afhandelen contactmoment] [Interaction] [Task] — the three paths of the seed process.
import { In } from 'typeorm';
import { Contact, InteractionLogEntry, InterLogEntryCommentLine, Todo } from '../../entities';
import { TaskPriority, TaskStatus, TaskSystemType, TaskType } from '../../entities/CRM/Task/TaskEnums';
import { InformationFlow, InitiatedBy } from '../../entities/CRM/Interaction/InteractionEnums';
import { EmpireInteraction } from '../../codeunits/process/EmpireInteraction.Codeunit';
import { ScriptedDialogs } from '../../src/runtime/Dialogs';
import {
  closeSharedSimulator,
  createHousehold,
  createInteractionTemplate,
  createSalesperson,
  createTeam,
  newTestCompany,
  TestCompany,
} from '../library/LibraryMarketing';

afterAll(closeSharedSimulator);

/** KCC employee ANNE logs; team VERHUUR = BOB, CARLA, DIRK, EVA, FRANK (5 members). */
async function arrange(): Promise<{ tc: TestCompany; household: Contact }> {
  const tc = await newTestCompany();
  const household = await tc.run(async (s) => {
    await createSalesperson(s, 'ANNE', 'Anne de Vries', 'ANNE');
    await createSalesperson(s, 'BOB', 'Bob Jansen', 'BOB');
    await createSalesperson(s, 'CARLA', 'Carla Smit', 'CARLA');
    await createTeam(s, 'VERHUUR', ['BOB', 'CARLA', 'DIRK', 'EVA', 'FRANK']);
    await createTeam(s, 'KLACHTEN', ['CARLA', 'GERDA']);
    await createInteractionTemplate(s, 'TEL-IN', {
      description: 'Telefoon inkomend',
      informationFlow: InformationFlow.Inbound,
      initiatedBy: InitiatedBy.Them,
      unitCostLcy: 2.5,
      unitDurationMin: 6,
      showInCustomerPortal: true,
    });
    await createInteractionTemplate(s, 'TEL-UIT', {
      description: 'Telefoon uitgaand (terugkoppeling)',
      informationFlow: InformationFlow.Outbound,
      initiatedBy: InitiatedBy.Us,
      unitDurationMin: 4,
    });
    await createInteractionTemplate(s, 'VRAAG', {
      description: 'Vraag met vervolgactie',
      createTask: true,
      teamCode: 'VERHUUR',
      taskDescription: 'Vraag beantwoorden',
      taskType: TaskType.PhoneCall,
      taskPriority: TaskPriority.High,
      taskDateFormula: '<5D>',
    });
    await createInteractionTemplate(s, 'KLACHT', {
      description: 'Klacht registreren',
      group: 'KLACHT',
      createTask: true,
      teamCode: 'KLACHTEN',
      taskDescription: 'Klacht beoordelen',
      taskDateFormula: '<10D>',
    });
    return createHousehold(s, 'Berg', 'J.P.', 'van der');
  });
  return { tc, household };
}

describe('Vastleggen contactmoment — a question answered at once', () => {
  test('one interaction log entry with the template properties, the note, the user and the clock', async () => {
    const { tc, household } = await arrange();
    const result = await tc.run(
      (s) =>
        new EmpireInteraction(s).fromContact(household.no, {
          templateCode: 'TEL-IN',
          note: 'Vraagt wanneer de huur wordt verhoogd. Antwoord: per 1 juli, brief volgt.',
        }),
      { user: 'ANNE' },
    );
    expect(result.task).toBeNull();
    await tc.run(async (s) => {
      const entries = await s.find(InteractionLogEntry);
      expect(entries).toHaveLength(1);
      const e = entries[0];
      expect(e).toMatchObject({
        entryNo: 1,
        contactNo: household.no,
        contactCompanyNo: household.no,
        interactionTemplateCode: 'TEL-IN',
        interactionGroupCode: 'TELEFOON',
        description: 'Telefoon inkomend',
        subject: 'Telefoon inkomend',
        informationFlow: InformationFlow.Inbound,
        initiatedBy: InitiatedBy.Them,
        costLcy: 2.5,
        durationMin: 6,
        userId: 'ANNE',
        salespersonCode: 'ANNE',
        date: '2026-03-02',
        timeOfInteraction: '10:16:00',
        showInCustomerPortal: true,
        attemptFailed: false,
        postponed: false,
        toDoNo: '',
      });
      const note = await s.find(InterLogEntryCommentLine, { entryNo: 1 });
      expect(note.map((l) => l.comment).join(' ')).toBe(
        'Vraagt wanneer de huur wordt verhoogd. Antwoord: per 1 juli, brief volgt.',
      );
      expect(await s.count(Todo)).toBe(0);
    });
  });

  test('Toon in klantportaal from the popup overrides the template default', async () => {
    const { tc, household } = await arrange();
    await tc.run(
      (s) => new EmpireInteraction(s).fromContact(household.no, { templateCode: 'TEL-IN', note: 'x', showInCustomerPortal: false }),
      { user: 'ANNE' },
    );
    await tc.run(async (s) => expect((await s.get(InteractionLogEntry, 1)).showInCustomerPortal).toBe(false));
  });
});

describe('a question needing follow-up: interaction + team task + feedback interaction', () => {
  test('Voltooien with Taak aanmaken creates one Team row and one Organizer row per member', async () => {
    const { tc, household } = await arrange();
    const { task } = await tc.run(
      (s) => new EmpireInteraction(s).fromContact(household.no, { templateCode: 'VRAAG', note: 'Wil een extra sleutel.' }),
      { user: 'ANNE' },
    );
    expect(task?.no).toBe('TD000001');
    await tc.run(async (s) => {
      const rows = await s.find(Todo, {}, { no: 'ASC' });
      expect(rows.map((r) => [r.no, r.systemToDoType, r.teamCode, r.salespersonCode, r.organizerToDoNo])).toEqual([
        ['TD000001', TaskSystemType.Team, 'VERHUUR', '', 'TD000001'],
        ['TD000002', TaskSystemType.Organizer, 'VERHUUR', 'BOB', 'TD000001'],
        ['TD000003', TaskSystemType.Organizer, 'VERHUUR', 'CARLA', 'TD000001'],
        ['TD000004', TaskSystemType.Organizer, 'VERHUUR', 'DIRK', 'TD000001'],
        ['TD000005', TaskSystemType.Organizer, 'VERHUUR', 'EVA', 'TD000001'],
        ['TD000006', TaskSystemType.Organizer, 'VERHUUR', 'FRANK', 'TD000001'],
      ]);
      for (const r of rows) {
        expect(r).toMatchObject({
          description: 'Vraag beantwoorden',
          type: TaskType.PhoneCall,
          priority: TaskPriority.High,
          date: '2026-03-07',
          status: TaskStatus.NotStarted,
          contactNo: household.no,
          contactCompanyNo: household.no,
          interactionLogEntryNo: 1,
          closed: false,
        });
      }
      // The log entry and the task it created find each other.
      const entry = await s.get(InteractionLogEntry, 1);
      expect(entry.toDoNo).toBe('TD000001');
      const team = await s.get(Todo, 'TD000001');
      expect((await team.comments()).map((c) => c.comment)).toEqual(['Wil een extra sleutel.']);
    });
  });

  test('the full path: take the task (Text032 Yes), note the outcome, complete it (Text004 Yes) and log the feedback', async () => {
    const { tc, household } = await arrange();
    await tc.run((s) => new EmpireInteraction(s).fromContact(household.no, { templateCode: 'VRAAG', note: 'Wil een extra sleutel.' }), {
      user: 'ANNE',
    });

    // Afhandelen taak, stage 1: BOB opens the team's task, sets In uitvoering and Medewerker = himself.
    const take = new ScriptedDialogs().expectConfirm('To-do.Text032', true);
    await tc.run(
      async (s) => {
        const task = await s.get(Todo, 'TD000001');
        await task.validate('status', TaskStatus.InProgress, { fromPage: true });
        await task.validate('salespersonCode', 'BOB', { fromPage: true });
        await task.modify(true);
      },
      { user: 'BOB', dialogs: take },
    );
    take.assertAllUsed();
    expect(take.trace[0].text).toBe(
      'Task No. TD000001 will be reassigned to BOB and the corresponding salesperson Tasks for team members will be deleted. Do you want to continue?',
    );
    await tc.run(async (s) => {
      const rows = await s.find(Todo);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        no: 'TD000001',
        teamCode: '',
        salespersonCode: 'BOB',
        systemToDoType: TaskSystemType.Organizer,
        status: TaskStatus.InProgress,
        organizerToDoNo: 'TD000001',
      });
      // It left the team's list (Team Code = VERHUUR, System Type = Team) and is in BOB's list.
      expect(await s.count(Todo, { teamCode: 'VERHUUR', systemToDoType: TaskSystemType.Team })).toBe(0);
      expect(
        await s.count(Todo, {
          salespersonCode: 'BOB',
          systemToDoType: In([TaskSystemType.Organizer, TaskSystemType.SalespersonAttendee]),
        }),
      ).toBe(1);
    });

    // Stage 2: the outcome in the Notities, then Status Afgerond → Text004 → Yes → the feedback interaction.
    const complete = new ScriptedDialogs()
      .expectConfirm('To-do.Text004', true)
      .expectModal('Create Interaction', { interactionTemplateCode: 'TEL-UIT', note: 'Sleutel kan worden opgehaald.' });
    await tc.run(
      async (s) => {
        const task = await s.get(Todo, 'TD000001');
        await task.addComment('Sleutel besteld, klant gebeld.');
        await task.validate('status', TaskStatus.Completed, { fromPage: true });
        await task.modify(true);
      },
      { user: 'BOB', dialogs: complete },
    );
    complete.assertAllUsed();
    await tc.run(async (s) => {
      const task = await s.get(Todo, 'TD000001');
      expect(task).toMatchObject({ status: TaskStatus.Completed, closed: true, dateClosed: '2026-03-02', completedBy: '' });
      expect((await task.comments()).map((c) => c.comment)).toEqual(['Wil een extra sleutel.', 'Sleutel besteld, klant gebeld.']);
      const feedback = await s.get(InteractionLogEntry, 2);
      expect(feedback).toMatchObject({
        contactNo: household.no,
        interactionTemplateCode: 'TEL-UIT',
        description: 'Telefoon uitgaand (terugkoppeling)',
        informationFlow: InformationFlow.Outbound,
        initiatedBy: InitiatedBy.Us,
        toDoNo: 'TD000001',
        salespersonCode: 'BOB',
        userId: 'BOB',
      });
      expect((await s.find(InterLogEntryCommentLine, { entryNo: 2 })).map((l) => l.comment)).toEqual([
        'Sleutel kan worden opgehaald.',
      ]);
    });
  });

  test('Text032 answered No restores the salesperson and keeps the team task and its members', async () => {
    const { tc, household } = await arrange();
    await tc.run((s) => new EmpireInteraction(s).fromContact(household.no, { templateCode: 'VRAAG', note: 'x' }), { user: 'ANNE' });
    await tc.run(
      async (s) => {
        const task = await s.get(Todo, 'TD000001');
        await task.validate('salespersonCode', 'BOB', { fromPage: true });
        expect(task.salespersonCode).toBe('');
        await task.modify(true);
      },
      { user: 'BOB', dialogs: new ScriptedDialogs().expectConfirm('Text032', false) },
    );
    await tc.run(async (s) => {
      expect(await s.count(Todo)).toBe(6);
      expect((await s.get(Todo, 'TD000001')).teamCode).toBe('VERHUUR');
    });
  });

  test('completing with Text004 No closes the task without a new interaction', async () => {
    const { tc, household } = await arrange();
    await tc.run((s) => new EmpireInteraction(s).fromContact(household.no, { templateCode: 'VRAAG', note: 'x' }), { user: 'ANNE' });
    await tc.run(
      async (s) => {
        const task = await s.get(Todo, 'TD000001');
        await task.validate('salespersonCode', 'BOB', { fromPage: true });
        await task.validate('status', TaskStatus.Completed, { fromPage: true });
      },
      { user: 'BOB', dialogs: new ScriptedDialogs().expectConfirm('Text032', true).expectConfirm('Text004', false) },
    );
    await tc.run(async (s) => {
      expect((await s.get(Todo, 'TD000001')).closed).toBe(true);
      expect(await s.count(InteractionLogEntry)).toBe(1);
    });
  });

  test('status changes on the team task are mirrored onto every member row (UpdateAttendeeTasks)', async () => {
    const { tc, household } = await arrange();
    await tc.run((s) => new EmpireInteraction(s).fromContact(household.no, { templateCode: 'VRAAG', note: 'x' }), { user: 'ANNE' });
    await tc.run(async (s) => {
      const task = await s.get(Todo, 'TD000001');
      await task.validate('status', TaskStatus.InProgress, { fromPage: true });
      await task.validate('description', 'Sleutel bestellen', { fromPage: true });
      await task.modify(true);
    });
    await tc.run(async (s) => {
      const members = await s.find(Todo, { organizerToDoNo: 'TD000001', systemToDoType: TaskSystemType.Organizer });
      expect(members).toHaveLength(5);
      for (const m of members) expect(m).toMatchObject({ status: TaskStatus.InProgress, description: 'Sleutel bestellen' });
      expect(members.map((m) => m.salespersonCode)).toEqual(['BOB', 'CARLA', 'DIRK', 'EVA', 'FRANK']);
    });
  });
});

describe('a complaint: interaction + task for the complaints team', () => {
  test('the KLACHT template gives the complaints team a task', async () => {
    const { tc, household } = await arrange();
    const { interactionLogEntry, task } = await tc.run(
      (s) => new EmpireInteraction(s).fromContact(household.no, { templateCode: 'KLACHT', note: 'Klaagt over de afhandeling van een reparatie.' }),
      { user: 'ANNE' },
    );
    expect(interactionLogEntry.interactionGroupCode).toBe('KLACHT');
    expect(task).not.toBeNull();
    await tc.run(async (s) => {
      const rows = await s.find(Todo, {}, { no: 'ASC' });
      expect(rows.map((r) => [r.systemToDoType, r.teamCode, r.salespersonCode])).toEqual([
        [TaskSystemType.Team, 'KLACHTEN', ''],
        [TaskSystemType.Organizer, 'KLACHTEN', 'CARLA'],
        [TaskSystemType.Organizer, 'KLACHTEN', 'GERDA'],
      ]);
      expect(rows[0]).toMatchObject({ description: 'Klacht beoordelen', date: '2026-03-12' });
    });
  });
});
