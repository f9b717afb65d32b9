// [FEATURE] [Task] — BC's To-do rules (bc-domain-spec §5.4–5.5) and the bad inputs of the process.
import { InteractionLogEntry, Todo } from '../../entities';
import { TaskStatus, TaskSystemType, TaskType } from '../../entities/CRM/Task/TaskEnums';
import { EmpireInteraction } from '../../codeunits/process/EmpireInteraction.Codeunit';
import { PreAnsweredDialogs, ScriptedDialogs } from '../../src/runtime/Dialogs';
import { Session } from '../../src/runtime/Session';
import {
  closeSharedSimulator,
  createHousehold,
  createInteractionTemplate,
  createSalesperson,
  createTeam,
  newTestCompany,
  TestCompany,
} from '../library/LibraryMarketing';
import { expectBcError } from '../library/LibraryAssert';

afterAll(closeSharedSimulator);

async function withTeamTask(): Promise<{ tc: TestCompany; contactNo: string }> {
  const tc = await newTestCompany();
  const contactNo = await tc.run(async (s) => {
    await createSalesperson(s, 'ANNE', 'Anne', 'ANNE');
    await createSalesperson(s, 'BOB', 'Bob', 'BOB');
    await createSalesperson(s, 'CARLA', 'Carla', 'CARLA');
    await createTeam(s, 'VERHUUR', ['BOB', 'CARLA']);
    await createTeam(s, 'ONDERHOUD', ['CARLA', 'DIRK']);
    await createTeam(s, 'LEEG', []);
    await createInteractionTemplate(s, 'VRAAG', { createTask: true, teamCode: 'VERHUUR', taskDescription: 'Terugbellen' });
    await createInteractionTemplate(s, 'TEL-UIT', { description: 'Terugkoppeling' });
    const h = await createHousehold(s, 'Jansen', 'P.');
    await new EmpireInteraction(s).fromContact(h.no, { templateCode: 'VRAAG', note: 'Vraag' });
    return h.no;
  }, { user: 'ANNE' });
  return { tc, contactNo };
}

async function taskRows(tc: TestCompany): Promise<Array<Record<string, unknown>>> {
  return tc.run(async (s) =>
    (await s.find(Todo, {}, { no: 'ASC' })).map((t) => ({
      no: t.no,
      type: t.systemToDoType,
      team: t.teamCode,
      sp: t.salespersonCode,
      status: t.status,
      closed: t.closed,
      completedBy: t.completedBy,
      rowVersion: t.rowVersion,
    })),
  );
}

const task = (s: Session, no = 'TD000001') => s.get(Todo, no);

describe('completing a team task', () => {
  test('Status Afgerond on a task still assigned to the team needs Completed By (Text029) and writes nothing', async () => {
    const { tc } = await withTeamTask();
    const before = await taskRows(tc);
    const err = await expectBcError(
      tc.run(async (s) => {
        const t = await task(s);
        await t.validate('status', TaskStatus.Completed, { fromPage: true });
      }),
    );
    expect(err.code).toBe('Application_DialogException');
    expect(err.message).toBe('The Completed By field must be filled in for Tasks assigned to a team.');
    expect(await taskRows(tc)).toEqual(before);
  });

  test('Completed By asks Text034, closes the task and every member copy, then asks Text004', async () => {
    const { tc } = await withTeamTask();
    const d = new ScriptedDialogs().expectConfirm('To-do.Text034', true).expectConfirm('To-do.Text004', false);
    await tc.run(async (s) => {
      const t = await task(s);
      await t.validate('completedBy', 'BOB', { fromPage: true });
      await t.modify(true);
    }, { dialogs: d });
    d.assertAllUsed();
    expect(d.trace.map((x) => x.text)).toEqual(['Do you want to close the Task?', 'Do you want to register an Interaction Log Entry?']);
    const rows = await taskRows(tc);
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r).toMatchObject({ status: TaskStatus.Completed, closed: true, completedBy: 'BOB' });
  });

  test('Text034 answered No clears Completed By again', async () => {
    const { tc } = await withTeamTask();
    await tc.run(async (s) => {
      const t = await task(s);
      await t.validate('completedBy', 'BOB', { fromPage: true });
      expect(t.completedBy).toBe('');
      expect(t.closed).toBe(false);
    }, { dialogs: new ScriptedDialogs().expectConfirm('Text034', false) });
  });

  test('reopening (Status In uitvoering) clears Date Closed and Completed By', async () => {
    const { tc } = await withTeamTask();
    await tc.run(async (s) => {
      const t = await task(s);
      await t.validate('completedBy', 'BOB', { fromPage: true });
      await t.validate('status', TaskStatus.InProgress, { fromPage: true });
      await t.modify(true);
    }, { dialogs: new ScriptedDialogs().expectConfirm('Text034', true).expectConfirm('Text004', false) });
    await tc.run(async (s) => {
      expect(await task(s)).toMatchObject({ closed: false, status: TaskStatus.InProgress, dateClosed: null, completedBy: '' });
    });
  });

  test('Canceled closes without Completed By and without asking for an interaction', async () => {
    const { tc } = await withTeamTask();
    await tc.run(async (s) => {
      const t = await task(s);
      await t.validate('canceled', true, { fromPage: true });
      await t.modify(true);
    }, { dialogs: new ScriptedDialogs() });
    await tc.run(async (s) => expect(await task(s)).toMatchObject({ closed: true, canceled: true, status: TaskStatus.Completed }));
  });

  test('closing from code (not a page) does not ask Text004', async () => {
    const { tc } = await withTeamTask();
    await tc.run(async (s) => {
      const t = await task(s);
      t.completedBy = 'BOB';
      await t.validate('closed', true);
      await t.modify(true);
    }, { dialogs: new ScriptedDialogs() });
    await tc.run(async (s) => expect((await task(s)).closed).toBe(true));
  });
});

describe('team ↔ salesperson reassignment', () => {
  test('another team: TasksWillBeDeletedQst; members of both teams keep their copy, the others are replaced', async () => {
    const { tc } = await withTeamTask();
    const d = new ScriptedDialogs().expectConfirm('To-do.TasksWillBeDeletedQst', true);
    await tc.run(async (s) => {
      const t = await task(s);
      await t.validate('teamCode', 'ONDERHOUD', { fromPage: true });
      await t.modify(true);
    }, { dialogs: d });
    expect(d.trace[0].text).toBe(
      'Tasks of the VERHUUR team members who do not belong to the ONDERHOUD team will be deleted. Do you want to continue?',
    );
    const rows = await taskRows(tc);
    expect(rows.map((r) => [r.no, r.type, r.team, r.sp])).toEqual([
      ['TD000001', TaskSystemType.Team, 'ONDERHOUD', ''],
      ['TD000003', TaskSystemType.Organizer, 'ONDERHOUD', 'CARLA'],
      ['TD000004', TaskSystemType.Organizer, 'ONDERHOUD', 'DIRK'],
    ]);
  });

  test('a salesperson task given to a team gets a copy per member, without a question', async () => {
    const { tc } = await withTeamTask();
    await tc.run(async (s) => (await task(s)).takeTeamTask('BOB'), { dialogs: new ScriptedDialogs().expectConfirm('Text032', true) });
    await tc.run(async (s) => {
      const t = await task(s);
      await t.validate('teamCode', 'ONDERHOUD', { fromPage: true });
      await t.modify(true);
    }, { dialogs: new ScriptedDialogs() });
    const rows = await taskRows(tc);
    expect(rows.map((r) => [r.type, r.team, r.sp])).toEqual([
      [TaskSystemType.Team, 'ONDERHOUD', ''],
      [TaskSystemType.Organizer, 'ONDERHOUD', 'CARLA'],
      [TaskSystemType.Organizer, 'ONDERHOUD', 'DIRK'],
    ]);
  });

  test('a closed team task: taking it asks Text041 and reopens it', async () => {
    const { tc } = await withTeamTask();
    await tc.run(async (s) => {
      const t = await task(s);
      await t.validate('completedBy', 'BOB', { fromPage: true });
      await t.modify(true);
    }, { dialogs: new ScriptedDialogs().expectConfirm('Text034', true).expectConfirm('Text004', false) });
    const d = new ScriptedDialogs().expectConfirm('To-do.Text041', true);
    await tc.run(async (s) => {
      const t = await task(s);
      await t.validate('salespersonCode', 'CARLA', { fromPage: true });
    }, { dialogs: d });
    expect(d.trace[0].text).toBe('Task No. TD000001 is closed. It will be reopened and reassigned to CARLA. Do you want to continue?');
    const rows = await taskRows(tc);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ sp: 'CARLA', team: '', closed: false, status: TaskStatus.InProgress, completedBy: '' });
  });

  test('Team Code and Salesperson Code both blank: Text035', async () => {
    const { tc } = await withTeamTask();
    await tc.run(async (s) => (await task(s)).takeTeamTask('BOB'), { dialogs: new ScriptedDialogs().expectConfirm('Text032', true) });
    const err = await expectBcError(tc.run(async (s) => (await task(s)).validate('salespersonCode', '', { fromPage: true })));
    expect(err.message).toBe('You must fill in either the Salesperson Code field or the Team Code field.');
  });

  test('a blocked salesperson cannot be assigned (table relation where Blocked = false)', async () => {
    const { tc } = await withTeamTask();
    await tc.run(async (s) => {
      const sp = await createSalesperson(s, 'OUD', 'Oud');
      sp.blocked = true;
      await sp.modify();
    });
    const err = await expectBcError(
      tc.run(async (s) => (await task(s)).validate('salespersonCode', 'OUD', { fromPage: true }), { dialogs: new ScriptedDialogs() }),
    );
    expect(err.code).toBe('Internal_InvalidTableRelation');
    expect(err.message).toBe(
      'The field Salesperson Code of table Task contains a value (OUD) that cannot be found in the related table (Salesperson/Purchaser).',
    );
  });
});

describe('another user took the task', () => {
  test('taking a task a colleague already took fails with the taker named, and changes nothing', async () => {
    const { tc } = await withTeamTask();
    await tc.run(async (s) => (await task(s)).takeTeamTask('BOB'), { user: 'BOB', dialogs: new ScriptedDialogs().expectConfirm('Text032', true) });
    const before = await taskRows(tc);
    const err = await expectBcError(tc.run(async (s) => (await task(s)).takeTeamTask('CARLA'), { user: 'CARLA' }));
    expect(err.message).toBe('Task TD000001 is no longer a task of a team: it has been taken by BOB.');
    expect(await taskRows(tc)).toEqual(before);
  });

  test('a member copy cannot be taken: only the team task', async () => {
    const { tc } = await withTeamTask();
    const err = await expectBcError(tc.run(async (s) => (await task(s, 'TD000003')).takeTeamTask('CARLA')));
    expect(err.message).toBe('Task TD000003 is a copy of team task TD000001 for one team member. Open the team task to take it.');
  });

  test('two members racing: the one who read the task before the other took it gets BC\'s concurrency error', async () => {
    const { tc } = await withTeamTask();
    const seenByCarla = await tc.run((s) => task(s));
    await tc.run(async (s) => (await task(s)).takeTeamTask('BOB'), { dialogs: new ScriptedDialogs().expectConfirm('Text032', true) });
    const err = await expectBcError(
      tc.run(async (s) => {
        const t = await task(s);
        t.rowVersion = seenByCarla.rowVersion; // CARLA's page still shows the version she read
        t.salespersonCode = 'CARLA';
        await t.modify(true);
      }),
    );
    expect(err.code).toBe('Request_EntityChanged');
    expect(err.message).toBe(
      'Another user has modified the record for this Task after you retrieved it from the database.\nEnter your changes again in the updated window, or start the interrupted activity again.',
    );
    expect((await taskRows(tc))[0]).toMatchObject({ sp: 'BOB' });
  });
});

describe('bad input in Interactie via sjabloon changes nothing', () => {
  async function expectNothingLogged(tc: TestCompany): Promise<void> {
    await tc.run(async (s) => {
      expect(await s.count(InteractionLogEntry)).toBe(1); // the one from the arrangement
      expect(await s.count(Todo)).toBe(3);
    });
  }

  test('unknown template: table relation error', async () => {
    const { tc, contactNo } = await withTeamTask();
    const err = await expectBcError(
      tc.run((s) => new EmpireInteraction(s).fromContact(contactNo, { templateCode: 'ONBEKEND', note: 'x' }), { user: 'ANNE' }),
    );
    expect(err.message).toBe(
      'The field Interaction Template Code of table Segment Line contains a value (ONBEKEND) that cannot be found in the related table (Interaction Template).',
    );
    await expectNothingLogged(tc);
  });

  test('team without members', async () => {
    const { tc, contactNo } = await withTeamTask();
    const err = await expectBcError(
      tc.run((s) => new EmpireInteraction(s).fromContact(contactNo, { templateCode: 'VRAAG', note: 'x', teamCode: 'LEEG' }), { user: 'ANNE' }),
    );
    expect(err.message).toBe('Team LEEG has no members. A task for this team would not be assigned to anyone.');
    await expectNothingLogged(tc);
  });

  test('Dutch user gets the Empire text in Dutch', async () => {
    const { tc, contactNo } = await withTeamTask();
    const err = await expectBcError(
      tc.sim.run(tc.companyId, { userId: 'ANNE', language: 'nl-NL' }, (s) =>
        new EmpireInteraction(s).fromContact(contactNo, { templateCode: 'VRAAG', note: 'x', teamCode: 'LEEG' }),
      ),
    );
    expect(err.message).toBe('Team LEEG heeft geen medewerkers. Een taak voor dit team zou aan niemand worden toegewezen.');
  });

  test('blank note', async () => {
    const { tc, contactNo } = await withTeamTask();
    const err = await expectBcError(
      tc.run((s) => new EmpireInteraction(s).fromContact(contactNo, { templateCode: 'TEL-UIT', note: '   ' }), { user: 'ANNE' }),
    );
    expect(err.message).toBe('You must fill in the Note field.');
    await expectNothingLogged(tc);
  });

  test('Taak aanmaken without a team', async () => {
    const { tc, contactNo } = await withTeamTask();
    const err = await expectBcError(
      tc.run((s) => new EmpireInteraction(s).fromContact(contactNo, { templateCode: 'TEL-UIT', note: 'x', createTask: true }), { user: 'ANNE' }),
    );
    expect(err.message).toBe('You must fill in the Team Code field.');
    await expectNothingLogged(tc);
  });

  test('a user without a salesperson, on a contact without one: BC asks for the Salesperson Code', async () => {
    const { tc } = await withTeamTask();
    // The wizard falls back to the contact's salesperson; this contact was made by a user without one.
    const orphan = await tc.run((s) => createHousehold(s, 'Zonder'), { user: 'STAGIAIR' });
    expect(orphan.salespersonCode).toBe('');
    const err = await expectBcError(
      tc.run((s) => new EmpireInteraction(s).fromContact(orphan.no, { templateCode: 'TEL-UIT', note: 'x' }), { user: 'STAGIAIR' }),
    );
    expect(err.message).toBe('You must fill in the Salesperson Code field.');
    await expectNothingLogged(tc);
  });

  test('a user without a salesperson logs under the contact\'s salesperson', async () => {
    const { tc, contactNo } = await withTeamTask();
    const { interactionLogEntry } = await tc.run(
      (s) => new EmpireInteraction(s).fromContact(contactNo, { templateCode: 'TEL-UIT', note: 'x' }),
      { user: 'STAGIAIR' },
    );
    expect(interactionLogEntry).toMatchObject({ salespersonCode: 'ANNE', userId: 'STAGIAIR' });
  });

  test('too-long description: StringExceededLength', async () => {
    const { tc, contactNo } = await withTeamTask();
    const err = await expectBcError(
      tc.run((s) => new EmpireInteraction(s).fromContact(contactNo, { templateCode: 'TEL-UIT', note: 'x', description: 'x'.repeat(101) }), {
        user: 'ANNE',
      }),
    );
    expect(err.code).toBe('Application_StringExceededLength');
    expect(err.message).toBe(`The length of the string is 101, but it must be less than or equal to 100 characters. Value: ${'x'.repeat(101)}`);
    await expectNothingLogged(tc);
  });

  test('an Email template without attachment: BC\'s AttachmentRequiredErr', async () => {
    const { tc, contactNo } = await withTeamTask();
    await tc.run((s) => createInteractionTemplate(s, 'MAIL', { correspondenceTypeDefault: 2 }));
    const err = await expectBcError(
      tc.run((s) => new EmpireInteraction(s).fromContact(contactNo, { templateCode: 'MAIL', note: 'x' }), { user: 'ANNE' }),
    );
    expect(err.message).toMatch(/^The correspondence type for this interaction is Email, which requires an interaction template/);
    await expectNothingLogged(tc);
  });

  test('an unknown contact: record not found', async () => {
    const { tc } = await withTeamTask();
    const err = await expectBcError(
      tc.run((s) => new EmpireInteraction(s).fromContact('CT999999', { templateCode: 'TEL-UIT', note: 'x' }), { user: 'ANNE' }),
    );
    expect(err.code).toBe('Internal_RecordNotFound');
    expect(err.message).toBe("The Contact does not exist. Identification fields and values: No.='CT999999'");
  });
});

describe('dialogs over web services', () => {
  test('an unanswered confirm fails as BC does (Application_CallbackNotAllowed) and rolls back', async () => {
    const { tc } = await withTeamTask();
    const before = await taskRows(tc);
    const err = await expectBcError(
      tc.sim.run(tc.companyId, { userId: 'BOB', dialogs: new PreAnsweredDialogs() }, async (s) => (await task(s)).takeTeamTask('BOB')),
    );
    expect(err.code).toBe('Application_CallbackNotAllowed');
    expect(err.message).toBe(
      'Microsoft Dynamics 365 Business Central Data Services attempted to issue a client callback to show a confirmation dialog box: Task No. TD000001 will be reassigned to BOB and the corresponding salesperson Tasks for team members will be deleted. Do you want to continue? (Table 5080 To-do). Client callbacks are not supported on Microsoft Dynamics 365 Business Central Data Services.',
    );
    // The status change that came before the question is rolled back too.
    expect(await taskRows(tc)).toEqual(before);
  });

  test('answered in advance by label name', async () => {
    const { tc } = await withTeamTask();
    await tc.sim.run(
      tc.companyId,
      { userId: 'BOB', dialogs: new PreAnsweredDialogs(new Map([['To-do.Text032', true]])) },
      async (s) => (await task(s)).takeTeamTask('BOB'),
    );
    expect(await taskRows(tc)).toHaveLength(1);
  });

  test('a meeting is refused as on BC online', async () => {
    const { tc } = await withTeamTask();
    const err = await expectBcError(tc.run(async (s) => (await task(s)).validate('type', TaskType.Meeting, { fromPage: true })));
    expect(err.message).toBe("You cannot create a task of type Meeting because you're not using an on-premises deployment.");
  });
});
