// [FEATURE] [Web client] [Afhandelen contactmoment] both work instructions, step by step, with only their own words as
// locators, each on the caption set of the Empire version it was written for: seed 000 on '000', seed 003 on '003'.
import { Contact, InteractionLogEntry, Todo } from '../../entities';
import { ContactType } from '../../entities/CRM/Contact/ContactEnums';
import { TaskStatus, TaskSystemType } from '../../entities/CRM/Task/TaskEnums';
import type { Session } from '../../src/runtime/Session';
import { chromiumSuite, describeBrowser } from './ChromiumSuite';
import { Trainee } from './LibraryBrowser';
import { Instruction } from './LibraryInstruction';

describeBrowser('the work instructions, word for word, in Chromium', () => {
  let trainee: Trainee;
  let wi: Instruction;
  const suite = chromiumSuite({
    viewport: { width: 1366, height: 900 },
    timeoutMs: 10_000,
    beforeEach: async (running) => {
      await running.sim.setCaptionSet(running.companyId, 0);
      await running.reset();
    },
    onPage: (page, running) => {
      trainee = new Trainee(page, running.url);
      wi = new Instruction(trainee, page);
    },
    afterEach: (running) => running.sim.setCaptionSet(running.companyId, 0),
  });

  const data = <T>(fn: (s: Session) => Promise<T>) => suite.running.sim.run(suite.running.companyId, { userId: 'TEST' }, fn);

  test('seed 000 on caption set 000: Aanmaken contact (household + person, and a company with BLANCO), Vastleggen contactmoment with a task for KCC, Afhandelen taak', async () => {
    await trainee.login('ANNE');

    // ---- Aanmaken contact ----
    // "Navigeer via de zoekfunctionaliteit naar Contacten. Klik op Nieuw | + Nieuw, waarna de contactkaart verschijnt."
    await wi.searchPage('Contacten');
    await wi.menu('Nieuw', '+ Nieuw');
    expect(await trainee.title()).toBe('Contactkaart');
    // "Druk op Tab, waarna het systeem een nieuw contactnummer aanmaakt."
    await wi.tabThrough('Nr.');
    const householdNo = await trainee.shown('Nr.');
    expect(householdNo).toMatch(/^CT\d{6}$/);
    await data(async (s) => expect(await s.get(Contact, householdNo)).toMatchObject({ name: '' }));
    // "Vul de Initialen, Tussenvoegsels en Achternaam ... Het systeem bepaalt ... de waarde van het veld Naam."
    await wi.type('Initialen', 'K.');
    await wi.type('Tussenvoegsels', 'de');
    await wi.type('Achternaam', 'Wit');
    expect(await trainee.shown('Naam')).toBe('K. de Wit');
    // "Selecteer in veld Soort de waarde 'Huishouden / Bedrijf'."
    await wi.choose('Soort', 'Huishouden / Bedrijf');
    // "Voer op tabblad Communicatie het adres ... in veld Straat de postcode en het huisnummer en ... het toevoegsel"
    expect(await wi.fastTab('Communicatie')).toBe(true);
    await wi.type('Straat', '7391AG12A');
    expect(await trainee.shown('Adres')).toBe('Molenweg 12A');
    expect(await trainee.shown('Plaats')).not.toBe('');
    // "Voer op hetzelfde tabblad de telefoonnummers en het e-mailadres van het contact in."
    await wi.type('Telefoonnr.', '0571-123456');
    await wi.type('E-mail', 'k.dewit@example.nl');
    await data(async (s) =>
      expect(await s.get(Contact, householdNo)).toMatchObject({
        name: 'K. de Wit', type: ContactType.Company, address: 'Molenweg 12A', phoneNo: '0571-123456', eMail: 'k.dewit@example.nl',
      }),
    );
    // "Kies hiervoor de actie Nieuw persoon voor huishouden/bedrijf in het menu. Selecteer in het scherm Rollen de juiste
    // rol (regel) en klik op OK. U komt dan op de contactkaart van die persoon"
    await wi.click('Nieuw persoon voor huishouden/bedrijf');
    expect(await wi.dialogTitle()).toBe('Rollen');
    await trainee.row('Contractant');
    await trainee.answer('OK');
    expect(await trainee.title()).toMatch(/^Contactkaart/);
    expect(await trainee.shown('Soort')).toBe('Persoon');
    await wi.type('Initialen', 'K.');
    await wi.type('Tussenvoegsels', 'de');
    await wi.type('Achternaam', 'Wit');
    expect(await trainee.shown('Naam')).toBe('K. de Wit');
    const personNo = await trainee.shown('Nr.');
    // "Ga via Navigeren | Contact | Persoon naar de Persoonlijke gegevens van de persoon en vul de Geboortedatum en Aanhefcode in."
    await wi.menu('Navigeren', 'Contact', 'Persoon', 'Persoonlijke gegevens');
    expect(await trainee.title()).toMatch(/^Persoonlijke gegevens/);
    await wi.type('Geboortedatum', '12-4-1968');
    expect(await wi.value('Geboortedatum')).toBe('12-04-1968');
    await wi.lookup('Aanhefcode', 'DHR');
    // "Sluit de pagina('s)." (Persoonlijke gegevens, the person's card, the household's card: back on Contacten)
    await trainee.close();
    await trainee.close();
    await trainee.close();
    expect(await trainee.title()).toBe('Contacten');
    await data(async (s) =>
      expect(await s.get(Contact, personNo)).toMatchObject({ type: ContactType.Person, companyNo: householdNo, birthDate: '1968-04-12', salutationCode: 'DHR' }),
    );

    // "Als u geen persoon aanmaakt, vul dan de bedrijfsnaam in het veld Achternaam van het huishouden in. Navigeer naar de
    // bedrijfsgegevens ... (via Navigeren | Contact | Bedrijf | Huishouden- / bedrijfsgegevens) en selecteer de Aanhefcode 'BLANCO'."
    await wi.menu('Nieuw', '+ Nieuw');
    await wi.tabThrough('Nr.');
    const companyNo = await trainee.shown('Nr.');
    await wi.type('Achternaam', 'Bakkerij Het Anker');
    await wi.menu('Navigeren', 'Contact', 'Bedrijf', 'Huishouden- / bedrijfsgegevens');
    await wi.lookup('Aanhefcode', 'BLANCO');
    await trainee.close();
    await trainee.close();
    await data(async (s) => expect(await s.get(Contact, companyNo)).toMatchObject({ name: 'Bakkerij Het Anker', salutationCode: 'BLANCO' }));
    // A new card closed untouched inserts nothing (BC: no record until a field is left).
    const before = await data((s) => s.count(Contact, {}));
    await wi.menu('Nieuw', '+ Nieuw');
    await trainee.close();
    expect(await data((s) => s.count(Contact, {}))).toBe(before);

    // ---- Vastleggen contactmoment ----
    // "Navigeer via de zoekfunctionaliteit naar Klanten ... Zoek en selecteer de klant ... Klik op het Nr. van de klant"
    await wi.searchPage('Klanten');
    await wi.search('Kowalski');
    expect(await trainee.rows()).toHaveLength(1);
    await wi.clickNo('Kowalski');
    expect(await trainee.title()).toMatch(/^Klantkaart/);
    // "Klik op + Nieuw en kies voor Interactie via sjabloon. Een popuppagina genaamd Interactie aanmaken verschijnt."
    await wi.menu('+ Nieuw', 'Interactie via sjabloon');
    expect(await trainee.title()).toBe('Interactie aanmaken');
    // "Selecteer het juiste sjabloon in veld Sjabloon standaardwaarden en klik op de Tab-toets."
    await wi.lookup('Sjabloon standaardwaarden', 'TEL-IN');
    await wi.field('Sjabloon standaardwaarden').press('Tab');
    await expect(wi.labelFits('Sjabloon standaardwaarden')).resolves.toBe(true);
    // "Geef in veld Toon in klantportaal aan ...", "Geef in veld Taak aanmaken aan ...", "Selecteer in veld Teamcode ..."
    await wi.check('Toon in klantportaal', false);
    await wi.check('Taak aanmaken', true);
    await wi.lookup('Teamcode', 'KCC');
    // "Leg bij Notitie de formulering van de vraag ... vast." "Klik op Voltooien."
    await wi.type('Notitie', 'Vraagt of de lekkende dakgoot deze maand gerepareerd wordt.');
    await wi.click('Voltooien');
    const { householdOfKowalski, taskNo } = await data(async (s) => {
      const entry = (await s.find(InteractionLogEntry, { interactionTemplateCode: 'TEL-IN', userId: 'ANNE' }, { entryNo: 'DESC' }))[0];
      expect(entry).toMatchObject({ showInCustomerPortal: false });
      expect(await s.get(Todo, entry.toDoNo)).toMatchObject({ teamCode: 'KCC', systemToDoType: TaskSystemType.Team });
      return { householdOfKowalski: entry.contactNo, taskNo: entry.toDoNo };
    });

    // ---- Afhandelen taak ----
    await trainee.login('BRAM');
    // "Navigeer via het zoekveld naar de lijst Teams." "Selecteer het team ..." "Navigeer naar de Taken."
    await wi.searchPage('Teams');
    await trainee.row('KCC');
    await wi.menu('Navigeren', 'Taken');
    expect(await trainee.title()).toBe('Taken');
    expect((await trainee.rows()).join()).toContain(taskNo);
    // "Selecteer een taak en kies voor Bewerken." "Wijzig de Status van de taak in 'In uitvoering'."
    await trainee.row(taskNo);
    await wi.click('Bewerken');
    expect(await trainee.title()).toMatch(/^Taakkaart/);
    await wi.choose('Status', 'In uitvoering');
    // "Wijs de taak aan uzelf toe in het veld Medewerker." "Het systeem toont een mededeling en vraagt of u wilt doorgaan."
    await wi.lookup('Medewerker', 'BJA');
    expect(await trainee.dialogText()).toContain('wordt opnieuw toegewezen aan BJA');
    expect(await wi.value('Medewerker')).toBe('BJA');
    await trainee.answer('Ja');
    await data(async (s) => expect(await s.get(Todo, taskNo)).toMatchObject({ salespersonCode: 'BJA', teamCode: '', status: TaskStatus.InProgress }));
    await trainee.close();
    expect((await trainee.rows()).join()).not.toContain(taskNo);
    // "Navigeer via het zoekveld naar de lijst Verkopers/inkopers." "Zoek en selecteer uzelf in de lijst." "Navigeer naar de Taken."
    await wi.searchPage('Verkopers/inkopers');
    await wi.search('Bram');
    await trainee.row('Bram Jansen');
    await wi.menu('Navigeren', 'Taken');
    // "Een pagina verschijnt met de details van de geselecteerde taak."
    expect(await trainee.title()).toMatch(/^Taakkaart/);
    expect(await trainee.shown('Nr.')).toBe(taskNo);
    // "formuleer de uitkomst van die acties in de Notities van de taak"
    await wi.type('Notities', 'Dakgoot op 12 december gerepareerd door de onderhoudsploeg.');
    // "past u de Status van de taak aan in 'Afgerond'." "Het systeem vraagt of u een interactie wilt aanmaken. Klik op Nee."
    await wi.choose('Status', 'Afgerond');
    expect(await trainee.dialogText()).toBe('Wilt u een interactielogpost registreren?');
    await trainee.answer('Nee');
    expect(await trainee.shown('Status')).toBe('Afgerond');
    await data(async (s) => {
      const task = await s.get(Todo, taskNo);
      expect(task).toMatchObject({ closed: true, status: TaskStatus.Completed });
      expect((await task.comments()).map((c) => c.comment)).toEqual(['Dakgoot op 12 december gerepareerd door de onderhoudsploeg.']);
      expect(await s.count(InteractionLogEntry, { contactNo: householdOfKowalski, toDoNo: taskNo })).toBe(1);
    });
  }, 180_000);

  test('seed 003 on caption set 003: + Contact on the Rolcentrum, Voorletters and Bedrijf,Persoon (Type), the contact moment with a task, Afhandelen taak with Ja and the feedback', async () => {
    await suite.running.sim.setCaptionSet(suite.running.companyId, 1);
    await trainee.login('ANNE');

    // ---- Aanmaken contact ----
    // 1. "Klik op + Contact op het Rolcentrum. Een pagina genaamd Contactkaart verschijnt."
    await wi.link('+ Contact');
    expect(await trainee.title()).toBe('Contactkaart');
    // 2. "Vul de Voorletters, Tussenvoegsels en Achternaam ... automatisch de waarde van het veld Naam."
    expect(await wi.has('Initialen')).toBe(false);
    await wi.type('Voorletters', 'M.');
    await wi.type('Tussenvoegsels', 'van');
    await wi.type('Achternaam', 'Dijk');
    expect(await trainee.shown('Naam')).toBe('M. van Dijk');
    const contactNo = await trainee.shown('Nr.');
    // 3. "Selecteer in veld Bedrijf,Persoon (Type) of het contact een Persoon of een Huishouden/bedrijf is."
    expect(await wi.has('Soort')).toBe(false);
    expect(await wi.options('Bedrijf,Persoon (Type)')).toEqual(['Huishouden/bedrijf', 'Persoon']);
    await wi.choose('Bedrijf,Persoon (Type)', 'Huishouden/bedrijf');
    // 4./5. "Voer in tabblad Communicatie het adres ... in veld Straat ..." and "de telefoonnummers en het e-mailadres"
    expect(await wi.fastTab('Communicatie')).toBe(true);
    await wi.type('Straat', '7391AG12A');
    expect(await trainee.shown('Adres')).toBe('Molenweg 12A');
    await wi.type('Telefoonnr.', '06-12345678');
    await wi.type('E-mail', 'm.vandijk@example.nl');
    // 6. "Sluit de pagina"
    await trainee.close();
    await data(async (s) =>
      expect(await s.get(Contact, contactNo)).toMatchObject({ name: 'M. van Dijk', initials: 'M.', type: ContactType.Company, address: 'Molenweg 12A', eMail: 'm.vandijk@example.nl' }),
    );

    // ---- Vastleggen contactmoment ----
    // 1. "Klik op Klanten of Contacten op het Rolcentrum." 2. "Zoek en selecteer ... het contact" 3. "Klik op het Nr."
    await wi.link('Contacten');
    expect(await trainee.title()).toBe('Contacten');
    await wi.search('van Dijk');
    await wi.clickNo('M. van Dijk');
    expect(await trainee.title()).toMatch(/^Contactkaart/);
    expect(await trainee.shown('Voorletters')).toBe('M.');
    // 4. "Klik op + Nieuw en kies voor Interactie via sjabloon."
    await wi.menu('+ Nieuw', 'Interactie via sjabloon');
    expect(await trainee.title()).toBe('Interactie aanmaken');
    // 5.–9. Sjabloon standaardwaarden, Notitie, Toon in klantportaal, Taak aanmaken, Teamcode
    await wi.lookup('Sjabloon standaardwaarden', 'TEL-IN');
    await wi.type('Notitie', 'Vraagt wanneer de cv-ketel wordt vervangen.');
    await wi.check('Toon in klantportaal', true);
    await wi.check('Taak aanmaken', true);
    await wi.lookup('Teamcode', 'KCC');
    // 10. "Klik op Voltooien."
    await wi.click('Voltooien');
    const taskNo = await data(async (s) => {
      const entry = (await s.find(InteractionLogEntry, { contactNo }))[0];
      expect(entry).toMatchObject({ interactionTemplateCode: 'TEL-IN', showInCustomerPortal: true });
      expect(await s.get(Todo, entry.toDoNo)).toMatchObject({ teamCode: 'KCC', systemToDoType: TaskSystemType.Team });
      return entry.toDoNo;
    });

    // ---- Afhandelen taak ----
    await trainee.login('BRAM');
    // 1.–3. "Navigeer via het zoekveld naar de lijst Teams." "Selecteer het team" "Klik op Navigeren en kies voor Taken."
    await wi.searchPage('Teams');
    await trainee.row('KCC');
    await wi.menu('Navigeren', 'Taken');
    // 4. "Selecteer een taak en klik op Bewerken." 5. Status In uitvoering 6./7. Medewerker, Ja
    await trainee.row(taskNo);
    await wi.click('Bewerken');
    await wi.choose('Status', 'In uitvoering');
    await wi.lookup('Medewerker', 'BJA');
    expect(await wi.value('Medewerker')).toBe('BJA');
    await trainee.answer('Ja');
    await trainee.close();
    // 8.–10. Verkopers/inkopers, "Zoek en selecteer uzelf", "Klik op Navigeren en kies voor Taken" → the task's details
    await wi.searchPage('Verkopers/inkopers');
    await wi.search('Bram');
    await trainee.row('Bram Jansen');
    await wi.menu('Navigeren', 'Taken');
    expect(await trainee.shown('Nr.')).toBe(taskNo);
    // 11. "formulier de uitkomst van die acties in de Notities van de taak" 12. Status Afgerond
    await wi.type('Notities', 'Ketel staat in maart op de planning.');
    await wi.choose('Status', 'Afgerond');
    // 13. "Het systeem vraagt of u een interactie wil aanmaken. Klik ... Ja" 14. "selecteer dan de eigenschappen ... en klik op OK."
    expect(await trainee.dialogText()).toBe('Wilt u een interactielogpost registreren?');
    await trainee.answer('Ja');
    await wi.lookup('Interactiesjabloon', 'TEL-UIT');
    await wi.type('Notitie', 'Klant gebeld: ketel in maart.');
    await trainee.answer('OK');
    expect(await trainee.shown('Status')).toBe('Afgerond');
    await data(async (s) => {
      expect(await s.get(Todo, taskNo)).toMatchObject({ closed: true, status: TaskStatus.Completed });
      expect(await s.find(InteractionLogEntry, { toDoNo: taskNo, interactionTemplateCode: 'TEL-UIT' })).toMatchObject([
        { contactNo, userId: 'BRAM', salespersonCode: 'BJA' },
      ]);
    });
  }, 180_000);
});
