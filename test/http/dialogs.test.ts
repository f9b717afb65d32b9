// [FEATURE] [HTTP] [Dialogs] [Task] — Confirm and modal pages over web services: CallbackNotAllowed, or answered in advance.
import { Todo } from '../../entities';
import { closeSharedSimulator } from '../library/LibraryMarketing';
import { arrangeContactmomentSetup, errorText, HttpTestCompany, MY_SALESPERSON, newHttpCompany } from '../library/LibraryHttp';

afterAll(closeSharedSimulator);

interface TaskJson {
  id: string;
  number: string;
  systemTaskType: string;
  teamCode: string;
  salespersonCode: string;
  status: string;
  closed: boolean;
  '@odata.etag': string;
}

/** A household with a VRAAG contact moment: team task for KCC (TST, BOB) + the two members' copies. */
async function arrangeTeamTask(): Promise<{ tc: HttpTestCompany; task: TaskJson; household: { id: string; number: string } }> {
  const tc = await newHttpCompany();
  await arrangeContactmomentSetup(tc);
  const household = (await tc.post(`${tc.crm}/contacts`, { surname: 'Jansen', initials: 'P.' })).body;
  const created = await tc.post(`${tc.crm}/contacts(${household.id})/Microsoft.NAV.createInteractionFromTemplate`, {
    templateCode: 'VRAAG',
    note: 'Wanneer komt de monteur?',
  });
  expect(created.status).toBe(204);
  const task = (await tc.get(`${tc.crm}/tasks`)).body.value.find((t: TaskJson) => t.systemTaskType === 'Team') as TaskJson;
  return { tc, task, household };
}

function trace(res: { headers: Record<string, string> }): Array<{ kind: string; key: string; text: string; answer?: unknown }> {
  return JSON.parse(res.headers['x-sim-dialogs']);
}

describe('a Confirm nobody answered', () => {
  test('PATCH Salesperson Code of a team task without answers → 400 Application_CallbackNotAllowed naming the question; nothing changed', async () => {
    const { tc, task } = await arrangeTeamTask();
    const res = await tc.patch(`${tc.crm}/tasks(${task.id})`, { salespersonCode: MY_SALESPERSON }, task['@odata.etag']);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('Application_CallbackNotAllowed');
    expect(errorText(res.body)).toBe(
      'Microsoft Dynamics 365 Business Central Data Services attempted to issue a client callback to show a confirmation dialog box: ' +
        `Task No. ${task.number} will be reassigned to ${MY_SALESPERSON} and the corresponding salesperson Tasks for team members will be deleted. Do you want to continue? ` +
        '(Table 5080 To-do). Client callbacks are not supported on Microsoft Dynamics 365 Business Central Data Services.',
    );
    // What to answer: the label's key.
    expect(res.headers['x-sim-dialog-unanswered']).toBe('To-do.Text032');
    const after = await tc.get(`${tc.crm}/tasks(${task.id})`);
    expect(after.body).toMatchObject({ teamCode: 'KCC', salespersonCode: '', systemTaskType: 'Team', '@odata.etag': task['@odata.etag'] });
    await tc.run(async (s) => expect(await s.count(Todo)).toBe(3));
  });
});

describe('X-Sim-Dialog-Answers', () => {
  test('Text032=yes: the task is reassigned to me, the members’ copies are deleted, and X-Sim-Dialogs reports the question', async () => {
    const { tc, task } = await arrangeTeamTask();
    const res = await tc
      .patch(`${tc.crm}/tasks(${task.id})`, { salespersonCode: MY_SALESPERSON }, task['@odata.etag'])
      .set('X-Sim-Dialog-Answers', 'To-do.Text032=yes');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ salespersonCode: MY_SALESPERSON, teamCode: '', systemTaskType: 'Organizer' });
    expect(trace(res)).toEqual([
      {
        kind: 'confirm',
        key: 'To-do.Text032',
        text: `Task No. ${task.number} will be reassigned to ${MY_SALESPERSON} and the corresponding salesperson Tasks for team members will be deleted. Do you want to continue?`,
        answer: true,
      },
    ]);
    const all = (await tc.get(`${tc.crm}/tasks`)).body.value as TaskJson[];
    expect(all.map((t) => t.number)).toEqual([task.number]);
  });

  test('Text032=no: BC restores the old Salesperson Code; the task stays with the team', async () => {
    const { tc, task } = await arrangeTeamTask();
    const res = await tc
      .patch(`${tc.crm}/tasks(${task.id})`, { salespersonCode: MY_SALESPERSON }, task['@odata.etag'])
      .set('X-Sim-Dialog-Answers', 'Text032=no');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ salespersonCode: '', teamCode: 'KCC', systemTaskType: 'Team' });
    expect(trace(res)[0]).toMatchObject({ key: 'To-do.Text032', answer: false });
    expect((await tc.get(`${tc.crm}/tasks`)).body.value).toHaveLength(3);
  });

  test('Completed By on a team task asks Text034 (close?) and then Text004 (log?): both answered in one header', async () => {
    const { tc, task } = await arrangeTeamTask();
    const res = await tc
      .patch(`${tc.crm}/tasks(${task.id})`, { completedBy: 'BOB' }, task['@odata.etag'])
      .set('X-Sim-Dialog-Answers', 'To-do.Text034=yes, To-do.Text004=no');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ completedBy: 'BOB', closed: true, status: 'Completed', dateClosed: '2026-03-02' });
    expect(trace(res).map((d) => [d.key, d.answer])).toEqual([
      ['To-do.Text034', true],
      ['To-do.Text004', false],
    ]);
    // The members' copies are closed with it (UpdateAttendeeTasks); no interaction was logged.
    const all = (await tc.get(`${tc.crm}/tasks`)).body.value as TaskJson[];
    expect(all.every((t) => t.closed && t.status === 'Completed')).toBe(true);
    expect((await tc.get(`${tc.crm}/interactionLogEntries`)).body.value).toHaveLength(1);
  });

  test('Status := Completed on a team task without Completed By → the table’s error Text029, no dialog', async () => {
    const { tc, task } = await arrangeTeamTask();
    const res = await tc.patch(`${tc.crm}/tasks(${task.id})`, { status: 'Completed' }, task['@odata.etag']).set('X-Sim-Dialog-Answers', '*=yes');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('Application_DialogException');
    expect(errorText(res.body)).toBe('The Completed By field must be filled in for Tasks assigned to a team.');
  });

  test('Text004=yes opens the Create Interaction modal: unanswered → CallbackNotAllowed; X-Sim-Modal-Answers fills it in', async () => {
    const { tc, task, household } = await arrangeTeamTask();
    const mine = (
      await tc.patch(`${tc.crm}/tasks(${task.id})`, { salespersonCode: MY_SALESPERSON }, '*').set('X-Sim-Dialog-Answers', 'Text032=yes')
    ).body as TaskJson;

    const noModal = await tc.patch(`${tc.crm}/tasks(${mine.id})`, { status: 'Completed' }, '*').set('X-Sim-Dialog-Answers', 'Text004=yes');
    expect(noModal.status).toBe(400);
    expect(noModal.body.error.code).toBe('Application_CallbackNotAllowed');
    expect(errorText(noModal.body)).toMatch(/to run page 5077 Create Interaction as modal/);
    expect(noModal.headers['x-sim-dialog-unanswered']).toBe('Page.Create Interaction');
    expect((await tc.get(`${tc.crm}/tasks(${mine.id})`)).body.closed).toBe(false);

    const res = await tc
      .patch(`${tc.crm}/tasks(${mine.id})`, { status: 'Completed' }, '*')
      .set('X-Sim-Dialog-Answers', 'Text004=yes')
      .set('X-Sim-Modal-Answers', JSON.stringify({ 'Create Interaction': { interactionTemplateCode: 'TERUGK', note: 'Monteur komt dinsdag.' } }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'Completed', closed: true });
    const entries = (await tc.get(`${tc.crm}/contacts(${household.id})/interactionLogEntries`)).body.value;
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({ interactionTemplateCode: 'TERUGK', toDoNumber: mine.number, note: 'Monteur komt dinsdag.' });
  });

  test('a malformed X-Sim-Modal-Answers header is a request error', async () => {
    const { tc, task } = await arrangeTeamTask();
    const res = await tc.patch(`${tc.crm}/tasks(${task.id})`, { description: 'x' }, '*').set('X-Sim-Modal-Answers', '{nope');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BadRequest');
  });
});

describe('a malformed X-Sim-Dialog-Answers', () => {
  test('is refused with 400 before anything runs, instead of surfacing later as CallbackNotAllowed', async () => {
    const { tc, task } = await arrangeTeamTask();
    const res = await tc
      .patch(`${tc.crm}/tasks(${task.id})`, { salespersonCode: MY_SALESPERSON }, task['@odata.etag'])
      .set('X-Sim-Dialog-Answers', 'To-do.Text032=maybe');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BadRequest');
    expect(errorText(res.body)).toBe(
      "The dialog answer 'To-do.Text032=maybe' is not valid. Use <label>=yes or <label>=no, for example To-do.Text032=yes.",
    );
    await tc.run(async (s) => expect(await s.count(Todo)).toBe(3));
  });
});
