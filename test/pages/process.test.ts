// [FEATURE] [Page sessions] [Afhandelen contactmoment] — the process through pages, as a trainee clicks it.
import { Contact, ContactRole, InteractionLogEntry, Todo } from '../../entities';
import { TaskSystemType } from '../../entities/CRM/Task/TaskEnums';
import { closeSharedSimulator } from '../library/LibraryMarketing';
import { cells, newPagesCompany, shown } from './LibraryPages';

afterAll(closeSharedSimulator);

describe('Aanmaken contact on the Contactkaart', () => {
  test('Contacten → Nieuw, Tab gives a number, name parts make the Naam, Straat resolves the address', async () => {
    const tc = await newPagesCompany();
    const list = await tc.tester.open('Contacten');
    expect(list.status).toBe(200);
    expect(list.view.caption).toBe('Contactkaart'.replace('kaart', 'en'));
    const created = await tc.tester.invoke(list.view.sessionId, 'Nieuw');
    const card = created.opened!;
    expect(card.caption).toBe('Contactkaart');
    expect(card.mode).toBe('new');
    const id = card.sessionId;
    let r = await tc.tester.set(id, 'Nr.', '');
    expect(r.error).toBeUndefined();
    expect(shown(r.view, 'Nr.')).toBe('CT000001');
    r = await tc.tester.set(id, 'Initialen', 'K.');
    r = await tc.tester.set(id, 'Tussenvoegsels', 'de');
    r = await tc.tester.set(id, 'Achternaam', 'Wit');
    expect(shown(r.view, 'Naam')).toBe('K. de Wit');
    expect(shown(r.view, 'Soort')).toBe('Huishouden / Bedrijf');
    r = await tc.tester.set(id, 'Straat', '3011AB12A');
    expect(r.error).toBeUndefined();
    expect(shown(r.view, 'Straat')).toBe('Coolsingel');
    expect(shown(r.view, 'Adres')).toBe('Coolsingel 12A');
    expect(shown(r.view, 'Postcode')).toBe('3011 AB');
    r = await tc.tester.set(id, 'Telefoonnr.', '010-1234567');
    await tc.tester.close(id);
    await tc.run(async (s) => {
      const c = await s.get(Contact, 'CT000001');
      expect(c).toMatchObject({ name: 'K. de Wit', address: 'Coolsingel 12A', city: 'Rotterdam', phoneNo: '010-1234567' });
    });
  });

  test('Nieuw persoon voor huishouden/bedrijf: the Rollen dialog, then the person\'s card and Persoonlijke gegevens', async () => {
    const tc = await newPagesCompany();
    const card = (await tc.tester.open('Contactkaart', { mode: 'new' })).view;
    await tc.tester.set(card.sessionId, 'Achternaam', 'Wit');
    const asked = await tc.tester.invoke(card.sessionId, 'Nieuw persoon voor huishouden/bedrijf');
    expect(asked.view.dialog?.kind).toBe('modal');
    const dialog = asked.view.dialog as any;
    expect(dialog.text).toBe('Rollen');
    const roles = dialog.modal;
    expect(cells(roles).map((c) => c.Code)).toEqual(['CONTRACT', 'MEDECONTR']);
    // Nothing written while the dialog is open.
    await tc.run(async (s) => expect(await s.count(Contact)).toBe(1));
    await tc.tester.navigate(roles.sessionId, 'record', roles.rows[0].id);
    const done = await tc.tester.answer(card.sessionId, 'OK');
    expect(done.error).toBeUndefined();
    const person = done.opened!;
    expect(person.caption).toContain('Contactkaart');
    expect(shown(person, 'Soort')).toBe('Persoon');
    await tc.tester.set(person.sessionId, 'Initialen', 'A.');
    const named = await tc.tester.set(person.sessionId, 'Achternaam', 'Wit');
    expect(shown(named.view, 'Naam')).toBe('A. Wit');
    const details = (await tc.tester.invoke(person.sessionId, 'Persoonlijke gegevens')).opened!;
    await tc.tester.set(details.sessionId, 'Geboortedatum', '1968-04-12');
    const sal = await tc.tester.set(details.sessionId, 'Aanhefcode', 'DHR');
    expect(sal.error).toBeUndefined();
    await tc.run(async (s) => {
      const p = await s.get(Contact, 'CT000002');
      expect(p).toMatchObject({ type: 1, companyNo: 'CT000001', name: 'A. Wit', birthDate: '1968-04-12', salutationCode: 'DHR' });
      expect(await s.find(ContactRole)).toHaveLength(1);
    });
  });
});

describe('Vastleggen contactmoment and Afhandelen taak', () => {
  test('Interactie aanmaken with a team task; BOB takes it (Text032 Ja), completes it (Text004 Ja) and logs the feedback', async () => {
    const tc = await newPagesCompany();
    const card = (await tc.tester.open('Contactkaart', { mode: 'new' })).view;
    await tc.tester.set(card.sessionId, 'Achternaam', 'Berg');
    const popup = (await tc.tester.invoke(card.sessionId, 'Interactie via sjabloon')).opened!;
    expect(popup.caption).toBe('Interactie aanmaken');
    let r = await tc.tester.set(popup.sessionId, 'Sjabloon standaardwaarden', 'VRAAG');
    expect(r.error).toBeUndefined();
    expect(shown(r.view, 'Taak aanmaken')).toBe('Ja');
    expect(shown(r.view, 'Teamcode')).toBe('KCC');
    r = await tc.tester.set(popup.sessionId, 'Notitie', 'Wil een extra sleutel.');
    r = await tc.tester.invoke(popup.sessionId, 'Voltooien');
    expect(r.error).toBeUndefined();
    expect(r.closed).toBe(true);

    // BOB: Teams → KCC → Taken → Bewerken.
    const teams = (await tc.bob.open('Teams')).view;
    const kcc = teams.rows!.find((x) => x.cells.Code === 'KCC')!;
    await tc.bob.navigate(teams.sessionId, 'record', kcc.id);
    const tasks = (await tc.bob.invoke(teams.sessionId, 'Taken')).opened!;
    expect(cells(tasks).map((c) => c['No.'])).toEqual(['TD000001']);
    const taskCard = (await tc.bob.invoke(tasks.sessionId, 'Bewerken')).opened!;
    r = await tc.bob.set(taskCard.sessionId, 'Status', 'In uitvoering');
    expect(r.error).toBeUndefined();
    r = await tc.bob.set(taskCard.sessionId, 'Medewerker', 'BOB');
    expect(r.view.dialog).toMatchObject({ kind: 'confirm', key: 'To-do.Text032' });
    expect(r.view.dialog!.text).toBe(
      'Taak TD000001 wordt opnieuw toegewezen aan BOB en de bijbehorende taken van de teamleden worden verwijderd. Wilt u doorgaan?',
    );
    await tc.run(async (s) => expect((await s.get(Todo, 'TD000001')).salespersonCode).toBe(''));
    r = await tc.bob.answer(taskCard.sessionId, true);
    expect(r.error).toBeUndefined();
    expect(shown(r.view, 'Medewerker')).toBe('BOB');
    await tc.run(async (s) => {
      expect(await s.count(Todo)).toBe(1);
      expect(await s.get(Todo, 'TD000001')).toMatchObject({ salespersonCode: 'BOB', teamCode: '', systemToDoType: TaskSystemType.Organizer });
    });
    const teamTasks = await tc.bob.get(tasks.sessionId);
    expect(teamTasks.view.rows).toHaveLength(0);

    r = await tc.bob.set(taskCard.sessionId, 'Notities', 'Wil een extra sleutel.\nSleutel besteld.');
    expect(shown(r.view, 'Notities')).toBe('Wil een extra sleutel.\nSleutel besteld.');
    r = await tc.bob.set(taskCard.sessionId, 'Status', 'Afgerond');
    expect(r.view.dialog).toMatchObject({ kind: 'confirm', key: 'To-do.Text004', text: 'Wilt u een interactielogpost registreren?' });
    r = await tc.bob.answer(taskCard.sessionId, 'Ja');
    expect(r.view.dialog?.kind).toBe('modal');
    const wizard = (r.view.dialog as any).modal;
    await tc.bob.set(wizard.sessionId, 'Interactiesjabloon', 'TERUGK');
    await tc.bob.set(wizard.sessionId, 'Notitie', 'Klant gebeld: sleutel ligt klaar.');
    r = await tc.bob.answer(taskCard.sessionId, 'OK');
    expect(r.error).toBeUndefined();
    expect(shown(r.view, 'Status')).toBe('Afgerond');
    await tc.run(async (s) => {
      expect((await s.get(Todo, 'TD000001')).closed).toBe(true);
      const feedback = await s.get(InteractionLogEntry, 2);
      expect(feedback).toMatchObject({ interactionTemplateCode: 'TERUGK', toDoNo: 'TD000001', userId: 'BOB' });
    });
  });
});
