// [FEATURE] [Page sessions] every dialog of the process with Yes and No; validation round trips; expiry; ownership.
import { Contact, ContactRole, InteractionLogEntry, Todo } from '../../entities';
import { TaskStatus } from '../../entities/CRM/Task/TaskEnums';
import { closeSharedSimulator } from '../library/LibraryMarketing';
import { fieldOf, newPagesCompany, PagesTestCompany, shown } from './LibraryPages';

afterAll(closeSharedSimulator);

/** A household with a VRAAG contact moment: team KCC's task TD000001 (members TST and BOB). */
async function withTeamTask(): Promise<PagesTestCompany> {
  const tc = await newPagesCompany();
  const card = (await tc.tester.open('Contactkaart', { mode: 'new' })).view;
  await tc.tester.set(card.sessionId, 'Achternaam', 'Berg');
  const popup = (await tc.tester.invoke(card.sessionId, 'Interactie via sjabloon')).opened!;
  await tc.tester.set(popup.sessionId, 'Sjabloon standaardwaarden', 'VRAAG');
  await tc.tester.set(popup.sessionId, 'Notitie', 'Wil een extra sleutel.');
  const done = await tc.tester.invoke(popup.sessionId, 'Voltooien');
  expect(done.closed).toBe(true);
  return tc;
}

async function openTask(tc: PagesTestCompany, no = 'TD000001') {
  const id = await tc.run(async (s) => (await s.get(Todo, no)).systemId);
  return (await tc.bob.open('Taakkaart', { recordId: id })).view;
}

describe('validation round trips', () => {
  test('a refused value comes back as a field error with the typed value; the other input stays', async () => {
    const tc = await newPagesCompany();
    const card = (await tc.tester.open('Contactkaart', { mode: 'new' })).view;
    await tc.tester.set(card.sessionId, 'Achternaam', 'Wit');
    const bad = await tc.tester.set(card.sessionId, 'Telefoonnr.', '010-abc');
    expect(bad.status).toBe(200);
    expect(bad.error?.field).toBe('Phone No.');
    // The runtime's FieldError in Dutch, with the field's and the key's Dutch captions (docs/dutch.md).
    expect(bad.error?.message).toMatch(/^Telefoonnr\. mag geen letters bevatten in Contact Nr\.='CT\d{6}'\.$/);
    expect(fieldOf(bad.view, 'Telefoonnr.').error).toMatchObject({ value: '010-abc' });
    expect(shown(bad.view, 'Achternaam')).toBe('Wit');
    const street = await tc.tester.set(card.sessionId, 'Straat', '3011AB99');
    expect(street.error?.message).toMatch(/^De postcodetabel bevat geen adres met postcode 3011 ?AB en huisnummer 99\.$/);
    // The first error is still shown next to its field until it is corrected.
    expect(fieldOf(street.view, 'Telefoonnr.').error?.value).toBe('010-abc');
    const fixed = await tc.tester.set(card.sessionId, 'Telefoonnr.', '010-1234567');
    expect(fixed.error).toBeUndefined();
    expect(fieldOf(fixed.view, 'Telefoonnr.').error).toBeUndefined();
    await tc.run(async (s) => expect(await s.get(Contact, 'CT000001')).toMatchObject({ surname: 'Wit', phoneNo: '010-1234567' }));
  });

  test('errors are in the user\'s language: the same refusal in English', async () => {
    const tc = await newPagesCompany();
    const popup = await (async () => {
      const card = (await tc.tester.open('Contactkaart', { mode: 'new' })).view;
      await tc.tester.set(card.sessionId, 'Achternaam', 'Wit');
      return (await tc.tester.invoke(card.sessionId, 'Interactie via sjabloon')).opened!;
    })();
    await tc.tester.set(popup.sessionId, 'Sjabloon standaardwaarden', 'TEL-IN');
    const nl = await tc.tester.invoke(popup.sessionId, 'Voltooien');
    expect(nl.error?.message).toBe('U moet het veld Notitie invullen.');
    expect(nl.closed).toBeUndefined();
    const en = await tc.tester.get(popup.sessionId, 'en-US');
    expect(en.view.caption).toBe('Create Interaction');
    const again = await tc.tester.invoke(popup.sessionId, 'Finish');
    expect(again.error?.message).toBe('You must fill in the Note field.');
    await tc.run(async (s) => expect(await s.count(InteractionLogEntry)).toBe(0));
  });

  test('a read-only field and an unknown field are refused', async () => {
    const tc = await newPagesCompany();
    const card = (await tc.tester.open('Contactkaart', { mode: 'new' })).view;
    const ro = await tc.tester.set(card.sessionId, 'Naam', 'X');
    expect(ro.error?.message).toBe('Het veld Naam kan op deze pagina niet worden gewijzigd.');
    const unknown = await tc.tester.set(card.sessionId, 'Bestaat niet', 'X');
    expect(unknown.status).toBe(404);
  });
});

describe('Text032: taking a team task', () => {
  test('Ja reassigns it and deletes the members\' copies', async () => {
    const tc = await withTeamTask();
    const card = await openTask(tc);
    const asked = await tc.bob.set(card.sessionId, 'Medewerker', 'BOB');
    expect(asked.view.dialog).toMatchObject({ kind: 'confirm', key: 'To-do.Text032', defaultAnswer: true });
    // While the question is open nothing is written and nothing else may happen on the page.
    await tc.run(async (s) => expect(await s.count(Todo)).toBe(3));
    expect((await tc.bob.set(card.sessionId, 'Omschrijving', 'x')).status).toBe(400);
    const yes = await tc.bob.answer(card.sessionId, true);
    expect(yes.view.dialog).toBeNull();
    await tc.run(async (s) => {
      expect(await s.count(Todo)).toBe(1);
      expect(await s.get(Todo, 'TD000001')).toMatchObject({ salespersonCode: 'BOB', teamCode: '' });
    });
  });

  test('Nee keeps the team task, its members and an empty Medewerker', async () => {
    const tc = await withTeamTask();
    const card = await openTask(tc);
    await tc.bob.set(card.sessionId, 'Medewerker', 'BOB');
    const no = await tc.bob.answer(card.sessionId, 'Nee');
    expect(no.error).toBeUndefined();
    expect(shown(no.view, 'Medewerker')).toBe('');
    await tc.run(async (s) => {
      expect(await s.count(Todo)).toBe(3);
      expect((await s.get(Todo, 'TD000001')).teamCode).toBe('KCC');
    });
  });
});

describe('Text034 and Text029: closing a team task with Afgerond door', () => {
  test('Afgerond door → "Wilt u de taak sluiten?" Ja → Text004 Nee: closed, no new interaction', async () => {
    const tc = await withTeamTask();
    const card = await openTask(tc);
    const asked = await tc.bob.set(card.sessionId, 'Afgerond door', 'BOB');
    expect(asked.view.dialog).toMatchObject({ key: 'To-do.Text034', text: 'Wilt u de taak sluiten?' });
    const next = await tc.bob.answer(card.sessionId, 'Ja');
    expect(next.view.dialog).toMatchObject({ key: 'To-do.Text004' });
    const done = await tc.bob.answer(card.sessionId, 'Nee');
    expect(done.view.dialog).toBeNull();
    await tc.run(async (s) => {
      expect(await s.get(Todo, 'TD000001')).toMatchObject({ closed: true, completedBy: 'BOB', status: TaskStatus.Completed });
      expect(await s.count(InteractionLogEntry)).toBe(1);
    });
  });

  test('Text034 Nee clears Afgerond door and leaves the task open', async () => {
    const tc = await withTeamTask();
    const card = await openTask(tc);
    await tc.bob.set(card.sessionId, 'Afgerond door', 'BOB');
    const no = await tc.bob.answer(card.sessionId, false);
    expect(shown(no.view, 'Afgerond door')).toBe('');
    await tc.run(async (s) => expect(await s.get(Todo, 'TD000001')).toMatchObject({ closed: false, completedBy: '' }));
  });

  test('Status Afgerond on a team task without Afgerond door: Text029 as a field error', async () => {
    const tc = await withTeamTask();
    const card = await openTask(tc);
    const r = await tc.bob.set(card.sessionId, 'Status', 'Afgerond');
    expect(r.error?.message).toBe('Het veld Afgerond door moet zijn ingevuld voor taken die aan een team zijn toegewezen.');
    expect(fieldOf(r.view, 'Status').error?.value).toBe('Afgerond');
    await tc.run(async (s) => expect((await s.get(Todo, 'TD000001')).status).toBe(TaskStatus.NotStarted));
  });
});

describe('Text004 and the Create Interaction modal', () => {
  async function taken(tc: PagesTestCompany) {
    const card = await openTask(tc);
    await tc.bob.set(card.sessionId, 'Medewerker', 'BOB');
    await tc.bob.answer(card.sessionId, true);
    return card;
  }

  test('Nee: the task closes without a feedback interaction', async () => {
    const tc = await withTeamTask();
    const card = await taken(tc);
    await tc.bob.set(card.sessionId, 'Status', 'Afgerond');
    const r = await tc.bob.answer(card.sessionId, 'Nee');
    expect(shown(r.view, 'Gesloten')).toBe('Ja');
    await tc.run(async (s) => expect(await s.count(InteractionLogEntry)).toBe(1));
  });

  test('Ja then Annuleren in the modal: closed, no interaction (the wizard was cancelled)', async () => {
    const tc = await withTeamTask();
    const card = await taken(tc);
    await tc.bob.set(card.sessionId, 'Status', 'Afgerond');
    const modal = await tc.bob.answer(card.sessionId, true);
    expect(modal.view.dialog?.kind).toBe('modal');
    await tc.run(async (s) => expect((await s.get(Todo, 'TD000001')).closed).toBe(false));
    const cancelled = await tc.bob.answer(card.sessionId, 'Cancel');
    expect(cancelled.view.dialog).toBeNull();
    await tc.run(async (s) => {
      expect((await s.get(Todo, 'TD000001')).closed).toBe(true);
      expect(await s.count(InteractionLogEntry)).toBe(1);
    });
  });

  test('an error in the modal\'s values fails the whole operation: nothing is written', async () => {
    const tc = await withTeamTask();
    const card = await taken(tc);
    await tc.bob.set(card.sessionId, 'Status', 'Afgerond');
    const modal = await tc.bob.answer(card.sessionId, true);
    // OK without a template: the wizard's CheckStatus refuses, the task stays open.
    const r = await tc.bob.answer(card.sessionId, 'OK');
    expect(r.error?.message).toBe('U moet het veld Sjabloon standaardwaarden invullen.');
    expect((modal.view.dialog as any).modal.caption).toBe('Interactie aanmaken');
    await tc.run(async (s) => expect((await s.get(Todo, 'TD000001')).closed).toBe(false));
  });
});

describe('the Rollen dialog', () => {
  test('Annuleren creates no person', async () => {
    const tc = await newPagesCompany();
    const card = (await tc.tester.open('Contactkaart', { mode: 'new' })).view;
    await tc.tester.set(card.sessionId, 'Achternaam', 'Wit');
    await tc.tester.invoke(card.sessionId, 'Nieuw persoon voor huishouden/bedrijf');
    const r = await tc.tester.answer(card.sessionId, 'Annuleren');
    expect(r.opened).toBeUndefined();
    await tc.run(async (s) => {
      expect(await s.count(Contact)).toBe(1);
      expect(await s.count(ContactRole)).toBe(0);
    });
  });
});

describe('TasksWillBeDeletedQst: another team for a team task', () => {
  test('Ja moves it to KLACHTEN; Nee keeps KCC', async () => {
    const tc = await withTeamTask();
    const card = await openTask(tc);
    const asked = await tc.bob.set(card.sessionId, 'Teamcode', 'KLACHTEN');
    expect(asked.view.dialog).toMatchObject({ key: 'To-do.TasksWillBeDeletedQst' });
    expect(asked.view.dialog!.text).toBe('Taken van de teamleden van KCC die niet tot team KLACHTEN behoren, worden verwijderd. Wilt u doorgaan?');
    const no = await tc.bob.answer(card.sessionId, 'Nee');
    expect(shown(no.view, 'Teamcode')).toBe('KCC');
    await tc.bob.set(card.sessionId, 'Teamcode', 'KLACHTEN');
    await tc.bob.answer(card.sessionId, 'Ja');
    await tc.run(async (s) => {
      expect((await s.get(Todo, 'TD000001')).teamCode).toBe('KLACHTEN');
      expect((await s.find(Todo, { organizerToDoNo: 'TD000001' })).map((t) => t.salespersonCode).sort()).toEqual(['', 'CARLA', 'DIRK']);
    });
  });
});

describe('sessions belong to their user and expire', () => {
  test('another user cannot read or change a page session', async () => {
    const tc = await withTeamTask();
    const card = await openTask(tc);
    expect((await tc.tester.get(card.sessionId)).status).toBe(403);
    const r = await tc.tester.set(card.sessionId, 'Medewerker', 'TST');
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('Authorization_InsufficientPermissions');
    expect((await tc.bob.get(card.sessionId)).status).toBe(200);
  });

  test('without credentials: 401', async () => {
    const tc = await newPagesCompany();
    const r = await tc.client('TESTER', 'wrong').open('Contacten');
    expect(r.status).toBe(401);
  });

  test('an idle session expires', async () => {
    const { PageSessionManager } = await import('../../src/pageSession/PageSessionManager');
    const tc = await newPagesCompany();
    let now = 1_000_000;
    const manager = new PageSessionManager(tc.sim, { ttlMs: 60_000, now: () => now });
    const user = { userName: 'TESTER', language: 'nl-NL' as const };
    const opened = await manager.open(user, tc.companyId, { pageId: 5052 });
    now += 59_000;
    await manager.get(user, opened.view.sessionId);
    now += 59_000; // touched above, so still alive
    await expect(manager.get(user, opened.view.sessionId)).resolves.toBeDefined();
    now += 61_000;
    await expect(manager.get(user, opened.view.sessionId)).rejects.toThrow('does not exist or has expired');
    expect(manager.sessionCount()).toBe(0);
  });

  test('a call is one transaction, its view included; a refused value needs a second one to read the view', async () => {
    const { PageSessionManager } = await import('../../src/pageSession/PageSessionManager');
    const tc = await newPagesCompany();
    const manager = new PageSessionManager(tc.sim);
    const user = { userName: 'TESTER', language: 'nl-NL' as const };
    const runs = jest.spyOn(tc.sim, 'run');
    try {
      const transactions = async (call: () => Promise<unknown>) => {
        runs.mockClear();
        await call();
        return runs.mock.calls.length;
      };
      let id = '';
      const open = async () => (id = (await manager.open(user, tc.companyId, { pageId: 5050, mode: 'new' })).view.sessionId);
      expect(await transactions(open)).toBe(1);
      expect(await transactions(() => manager.setField(user, id, 'Achternaam', 'Wit'))).toBe(1);
      expect(await transactions(() => manager.setField(user, id, 'Telefoonnr.', '010-abc'))).toBe(2);
      expect(await transactions(() => manager.get(user, id))).toBe(1);
      expect(await transactions(() => manager.close(user, id))).toBe(1);
      const list = await manager.open(user, tc.companyId, { pageId: 5052 });
      expect(await transactions(() => manager.navigate(user, list.view.sessionId, 'last'))).toBe(1);
    } finally {
      runs.mockRestore();
    }
  });
});

describe('lists', () => {
  test('filters, moving through the list, and Vertel me', async () => {
    const tc = await newPagesCompany();
    for (const name of ['Alfa', 'Beta', 'Gamma']) {
      const c = (await tc.tester.open('Contactkaart', { mode: 'new' })).view;
      await tc.tester.set(c.sessionId, 'Achternaam', name);
    }
    const list = (await tc.tester.open('Contacten')).view;
    expect(list.total).toBe(3);
    const next = await tc.tester.navigate(list.sessionId, 'next');
    expect(next.view.position).toBe(list.rows![1].id);
    const last = await tc.tester.navigate(list.sessionId, 'last');
    expect(last.view.position).toBe(list.rows![2].id);
    const filtered = await tc.tester.filter(list.sessionId, { Naam: 'amm' });
    expect(filtered.view.rows!.map((r) => r.cells.Name)).toEqual(['Gamma']);
    const res = await (await import('supertest')).default(tc.app).get('/pages/tell-me?q=taken&lang=nl-NL').set('Authorization', tc.tester.auth);
    expect(res.body.value.map((p: { caption: string }) => p.caption)).toContain('Taken');
  });

  test('a browser asking for / gets the web client; an API client still gets JSON', async () => {
    const tc = await newPagesCompany();
    const request = (await import('supertest')).default;
    const html = await request(tc.app).get('/').set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
    expect(html.status).toBe(200);
    expect(html.text).toContain('/web/app.js');
    const json = await request(tc.app).get('/');
    expect(json.body.name).toBe('empire-sim');
    expect((await request(tc.app).get('/web/render.js')).status).toBe(200);
  });
});
