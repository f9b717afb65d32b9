// [FEATURE] [Web client] [Afhandelen contactmoment] a trainee does the three paths by clicking, in headless Chromium.
import { Contact, ContactRole, InteractionLogEntry, Todo } from '../../entities';
import { ContactType } from '../../entities/CRM/Contact/ContactEnums';
import { TaskStatus, TaskSystemType } from '../../entities/CRM/Task/TaskEnums';
import type { Page } from 'playwright-core';
import { chromiumSuite, describeBrowser } from './ChromiumSuite';
import { Trainee } from './LibraryBrowser';

describeBrowser('the web client in Chromium', () => {
  let page: Page;
  let trainee: Trainee;
  const suite = chromiumSuite({
    viewport: { width: 1366, height: 860 },
    timeoutMs: 10_000,
    beforeEach: (running) => running.reset(),
    onPage: (p, running) => {
      page = p;
      trainee = new Trainee(p, running.url);
    },
  });

  const data = <T>(fn: (s: import('../../src/runtime/Session').Session) => Promise<T>) =>
    suite.running.sim.run(suite.running.companyId, { userId: 'TEST' }, fn);

  test('path 2: household + person with a role, the question with a task for KCC, BRAM takes it (Ja), completes it and logs the feedback', async () => {
    // Aanmaken contact
    await trainee.login('ANNE');
    await trainee.screenshot('rolcentrum.png');
    await trainee.tellMe('Contacten', 'Contacten');
    expect(await trainee.title()).toBe('Contacten');
    await trainee.action('Nieuw');
    expect(await trainee.title()).toBe('Contactkaart');
    await trainee.field('Nr.', '');
    await trainee.field('Initialen', 'K.');
    await trainee.field('Tussenvoegsels', 'de');
    await trainee.field('Achternaam', 'Wit');
    expect(await trainee.shown('Naam')).toBe('K. de Wit');
    await trainee.field('Straat', '7391AG12A');
    expect(await trainee.shown('Adres')).toBe('Molenweg 12A');
    await trainee.field('Telefoonnr.', '0571-123456');
    const householdNo = await trainee.shown('Nr.');
    await trainee.screenshot('contactkaart.png');
    await data(async (s) => {
      const c = await s.get(Contact, householdNo);
      expect(c).toMatchObject({ name: 'K. de Wit', address: 'Molenweg 12A', type: ContactType.Company, phoneNo: '0571-123456' });
    });

    await trainee.action('Nieuw persoon voor huishouden/bedrijf');
    expect(await page.locator('.overlay .dialog-title').textContent()).toBe('Rollen');
    await trainee.row('CONTRACT');
    await trainee.answer('OK');
    expect(await trainee.shown('Soort')).toBe('Persoon');
    await trainee.field('Initialen', 'K.');
    await trainee.field('Tussenvoegsels', 'de');
    await trainee.field('Achternaam', 'Wit');
    const personNo = await trainee.shown('Nr.');
    await trainee.action('Persoonlijke gegevens');
    await trainee.field('Geboortedatum', '12-04-1968');
    await trainee.field('Aanhefcode', 'DHR');
    await trainee.close();
    await trainee.close();
    await data(async (s) => {
      expect(await s.get(Contact, personNo)).toMatchObject({ type: ContactType.Person, companyNo: householdNo, birthDate: '1968-04-12', salutationCode: 'DHR' });
      expect(await s.find(ContactRole, { householdContactNo: householdNo })).toMatchObject([{ personContactNo: personNo, roleCode: 'CONTRACT' }]);
    });

    // Vastleggen contactmoment
    expect(await trainee.shown('Nr.')).toBe(householdNo);
    await trainee.action('Interactie via sjabloon');
    expect(await trainee.title()).toBe('Interactie aanmaken');
    await trainee.field('Sjabloon standaardwaarden', 'TERUGBEL');
    expect(await trainee.shown('Teamcode')).toBe('KCC');
    await trainee.field('Notitie', 'Vraagt of de tuinschutting vervangen wordt.');
    await trainee.screenshot('interactie-aanmaken.png');
    await trainee.action('Voltooien');
    const taskNo = await data(async (s) => {
      const entry = (await s.find(InteractionLogEntry, { contactNo: householdNo }))[0];
      expect(entry).toMatchObject({ interactionTemplateCode: 'TERUGBEL', userId: 'ANNE' });
      const team = await s.get(Todo, entry.toDoNo);
      expect(team).toMatchObject({ teamCode: 'KCC', systemToDoType: TaskSystemType.Team });
      return team.no;
    });
    await trainee.action('Interactielogposten');
    expect((await trainee.rows()).join()).toContain(taskNo);

    // Afhandelen taak: BRAM takes it from the team's Taken
    await trainee.login('BRAM');
    await trainee.tellMe('Teams', 'Teams');
    await trainee.row('KCC');
    await trainee.action('Taken');
    expect((await trainee.rows()).join()).toContain(taskNo);
    await trainee.screenshot('team-taken.png');
    await trainee.row(taskNo);
    await trainee.action('Bewerken');
    expect(await trainee.title()).toContain('Taakkaart');
    await trainee.field('Status', 'In uitvoering');
    await trainee.field('Medewerker', 'BJA');
    expect(await trainee.dialogText()).toBe(
      `Taak ${taskNo} wordt opnieuw toegewezen aan BJA en de bijbehorende taken van de teamleden worden verwijderd. Wilt u doorgaan?`,
    );
    await trainee.screenshot('bevestiging.png');
    await data(async (s) => expect((await s.get(Todo, taskNo)).salespersonCode).toBe(''));
    await trainee.answer('Ja');
    expect(await trainee.shown('Medewerker')).toBe('BJA');
    await data(async (s) => {
      expect(await s.get(Todo, taskNo)).toMatchObject({ salespersonCode: 'BJA', teamCode: '', status: TaskStatus.InProgress });
      expect(await s.count(Todo, { organizerToDoNo: taskNo })).toBe(1);
    });
    await trainee.close();
    expect((await trainee.rows()).join()).not.toContain(taskNo);

    // ... and completes it from Verkopers/inkopers → Taken, logging the feedback
    await trainee.tellMe('Verkopers', 'Verkopers/inkopers');
    await trainee.row('BJA');
    await trainee.action('Taken');
    expect(await trainee.shown('Nr.')).toBe(taskNo);
    await trainee.field('Notities', 'Schutting staat voor april op de planning.');
    expect(await trainee.shown('Notities')).toContain('Schutting staat voor april');
    await trainee.field('Status', 'Afgerond');
    expect(await trainee.dialogText()).toBe('Wilt u een interactielogpost registreren?');
    await trainee.answer('Ja');
    await trainee.field('Interactiesjabloon', 'TEL-UIT');
    await trainee.field('Notitie', 'Klant gebeld: schutting in april.');
    await trainee.answer('OK');
    expect(await trainee.shown('Status')).toBe('Afgerond');
    await data(async (s) => {
      expect(await s.get(Todo, taskNo)).toMatchObject({ closed: true, status: TaskStatus.Completed });
      const feedback = await s.find(InteractionLogEntry, { toDoNo: taskNo, interactionTemplateCode: 'TEL-UIT' });
      expect(feedback).toHaveLength(1);
      expect(feedback[0]).toMatchObject({ contactNo: householdNo, userId: 'BRAM', salespersonCode: 'BJA' });
    });
  }, 120_000);

  test('path 1: a question answered at once is one contact moment on the klant; an error keeps the input; English on request', async () => {
    await trainee.login('ANNE');
    await trainee.link('Klanten');
    await trainee.drill('K000001');
    expect(await trainee.title()).toContain('Klantkaart');
    await trainee.action('Interactie via sjabloon');
    await trainee.field('Sjabloon standaardwaarden', 'TEL-IN');
    expect(await trainee.shown('Taak aanmaken')).toBe('Nee');
    await trainee.action('Voltooien');
    // Voltooien without a Notitie: the error in Dutch, the popup and its template stay.
    expect(await trainee.dialogText()).toBe('U moet het veld Notitie invullen.');
    await page.locator('.overlay .dialog-error .dialog-actions button').click();
    expect(await trainee.shown('Sjabloon standaardwaarden')).toBe('TEL-IN');
    await trainee.field('Notitie', 'Vraagt wanneer de huurverhoging ingaat. Antwoord: per 1 juli.');
    await trainee.action('Voltooien');
    const entries = await data((s) => s.find(InteractionLogEntry, { interactionTemplateCode: 'TEL-IN', userId: 'ANNE' }, { entryNo: 'DESC' }));
    expect(entries[0]).toMatchObject({ toDoNo: '', showInCustomerPortal: true });
    await trainee.action('Interactielogposten');
    expect((await trainee.rows())[0]).toContain('TEL-IN');
    await page.locator('[data-toggle-lang]').click();
    await trainee.idle();
    expect(await trainee.title()).toBe('Interaction Log Entries');
  }, 60_000);

  test('path 3: a complaint gets a task for team KLACHTEN; a member who answers Nee leaves it with the team', async () => {
    await trainee.login('ANNE');
    await trainee.link('Klanten');
    await trainee.drill('K000002');
    await trainee.action('Interactie via sjabloon');
    await trainee.field('Sjabloon standaardwaarden', 'KLACHT');
    expect(await trainee.shown('Teamcode')).toBe('KLACHTEN');
    await trainee.field('Notitie', 'Klaagt dat de lekkage na drie weken nog niet verholpen is.');
    await trainee.action('Voltooien');
    const taskNo = await data(async (s) => {
      const entry = (await s.find(InteractionLogEntry, { interactionTemplateCode: 'KLACHT' }, { entryNo: 'DESC' }))[0];
      expect(await s.get(Todo, entry.toDoNo)).toMatchObject({ teamCode: 'KLACHTEN', systemToDoType: TaskSystemType.Team });
      return entry.toDoNo;
    });
    await trainee.login('OLGA');
    // OLGA is in KLACHTEN: the task is on her Rolcentrum under Teamtaken.
    expect(await page.locator('[data-part-name="TeamTasks"]').textContent()).toContain(taskNo);
    await page.locator('[data-part-name="TeamTasks"] tr', { hasText: taskNo }).click();
    await trainee.idle();
    await trainee.field('Medewerker', 'OVE');
    await trainee.answer('Nee');
    expect(await trainee.shown('Medewerker')).toBe('');
    await data(async (s) => expect((await s.get(Todo, taskNo)).teamCode).toBe('KLACHTEN'));
  }, 60_000);
});
