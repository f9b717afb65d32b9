// [FEATURE] [Page sessions] [Training] the screens the work instructions describe: caption sets, the list's search and
// filter pane, Navigeren submenus, the task's details from the salesperson, Notities, and what a new card leaves behind.
import { Contact, RlshpMgtCommentLine, Todo } from '../../entities';
import { TaskSystemType } from '../../entities/CRM/Task/TaskEnums';
import { closeSharedSimulator } from '../library/LibraryMarketing';
import { cells, fieldOf, newPagesCompany, PagesTestCompany, shown } from './LibraryPages';

afterAll(closeSharedSimulator);

async function household(tc: PagesTestCompany, values: Record<string, string>): Promise<string> {
  const card = (await tc.tester.open('Contactkaart', { mode: 'new' })).view;
  let r;
  for (const [field, value] of Object.entries(values)) r = await tc.tester.set(card.sessionId, field, value);
  await tc.tester.close(card.sessionId);
  return shown(r!.view, 'Nr.');
}

/** A VRAAG contact moment: team KCC's task (members TST and BOB); BOB takes it with Ja. */
async function takenTask(tc: PagesTestCompany): Promise<string> {
  const card = (await tc.tester.open('Contactkaart', { mode: 'new' })).view;
  await tc.tester.set(card.sessionId, 'Achternaam', 'Berg');
  const popup = (await tc.tester.invoke(card.sessionId, 'Interactie via sjabloon')).opened!;
  await tc.tester.set(popup.sessionId, 'Sjabloon standaardwaarden', 'VRAAG');
  await tc.tester.set(popup.sessionId, 'Notitie', 'Wil een extra sleutel.');
  await tc.tester.invoke(popup.sessionId, 'Voltooien');
  const id = await tc.run(async (s) => (await s.get(Todo, 'TD000001')).systemId);
  const task = (await tc.bob.open('Taakkaart', { recordId: id })).view;
  const asked = await tc.bob.set(task.sessionId, 'Medewerker', 'BOB');
  // While Text032 is open the field shows what was typed, though nothing is written yet.
  expect(asked.view.dialog?.key).toBe('To-do.Text032');
  expect(fieldOf(asked.view, 'Medewerker')).toMatchObject({ value: 'BOB', display: 'BOB' });
  await tc.run(async (s) => expect((await s.get(Todo, 'TD000001')).salespersonCode).toBe(''));
  await tc.bob.answer(task.sessionId, 'Ja');
  return 'TD000001';
}

describe('caption sets: the words of the Empire version a class is trained on', () => {
  test("'003' shows Voorletters and Bedrijf,Persoon (Type) with Huishouden/bedrijf; '000' Initialen and Soort; an open page follows a switch", async () => {
    const tc = await newPagesCompany();
    await tc.sim.setCaptionSet(tc.companyId, 1);
    try {
      const card = (await tc.tester.open('Contactkaart', { mode: 'new' })).view;
      const captions = (v: typeof card) => (v.groups ?? []).flatMap((g) => g.fields).map((f) => f.caption);
      expect(captions(card)).toEqual(expect.arrayContaining(['Voorletters', 'Bedrijf,Persoon (Type)']));
      expect(captions(card)).not.toContain('Initialen');
      expect(fieldOf(card, 'Bedrijf,Persoon (Type)').options?.map((o) => o.text)).toEqual(['Huishouden/bedrijf', 'Persoon']);
      // Controls are found by the set's words, so a scenario written from seed 003 runs.
      const r = await tc.tester.set(card.sessionId, 'Voorletters', 'M.');
      expect(r.error).toBeUndefined();
      expect(shown(r.view, 'Bedrijf,Persoon (Type)')).toBe('Huishouden/bedrijf');
      const list = (await tc.tester.open('Contacten')).view;
      expect(list.columns!.map((c) => c.caption)).toContain('Bedrijf,Persoon (Type)');
      expect(cells(list)[0]['Type']).toBe('Huishouden/bedrijf');
      // English is the same in both sets.
      expect(captions((await tc.tester.get(card.sessionId, 'en-US')).view)).toEqual(expect.arrayContaining(['Initials', 'Type']));
      await tc.sim.setCaptionSet(tc.companyId, 0);
      const back = (await tc.tester.get(card.sessionId, 'nl-NL')).view;
      expect(captions(back)).toEqual(expect.arrayContaining(['Initialen', 'Soort']));
      expect(shown(back, 'Soort')).toBe('Huishouden / Bedrijf');
    } finally {
      await tc.sim.setCaptionSet(tc.companyId, 0);
    }
  });
});

describe('lists: the search box over every shown column, the filter pane on any field', () => {
  test('a name, a city or a type finds its rows; nothing found is an empty list; a field that is no column filters too', async () => {
    const tc = await newPagesCompany();
    await household(tc, { Initialen: 'K.', Achternaam: 'Wit', Straat: '3011AB12A' });
    await household(tc, { Initialen: 'J.', Achternaam: 'Zwart' });
    const list = (await tc.tester.open('Contacten')).view;
    const search = async (text: string) => cells((await tc.tester.filter(list.sessionId, { $search: text })).view).map((c) => c['Name']);
    expect(await search('wit')).toEqual(['K. Wit']);
    expect(await search('Rotterdam')).toEqual(['K. Wit']);
    expect(await search('Huishouden')).toEqual(['K. Wit', 'J. Zwart']);
    expect(await search('WIT')).toEqual(['K. Wit']);
    expect(await search('niemand')).toEqual([]);
    expect(await search('wit\u0000')).toEqual([]);
    expect(await search('')).toEqual(['K. Wit', 'J. Zwart']);
    // Initialen is not a column of Contacten: the filter pane offers it all the same.
    expect(list.filterFields!.map((f) => f.caption)).toEqual(expect.arrayContaining(['Naam', 'Initialen']));
    const byInitials = await tc.tester.filter(list.sessionId, { Initialen: 'J.' });
    expect(cells(byInitials.view).map((c) => c['Name'])).toEqual(['J. Zwart']);
    expect(byInitials.view.userFilters).toEqual({ initials: 'J.' });
    // A column's caption names its control, whatever table field shares the caption.
    expect((await tc.tester.filter(list.sessionId, { Initialen: '', Naam: 'Zwart' })).view.userFilters).toEqual({ Name: 'Zwart' });
    await tc.tester.filter(list.sessionId, { Naam: '' });
    // A date is filtered on as a date field takes it: the word for today, dd-mm-jjjj.
    const today = await tc.run(async (s) => s.today());
    const [y, m, d] = today.split('-');
    const byDate = async (text: string) => cells((await tc.tester.filter(list.sessionId, { 'Laatst gewijzigd op': text })).view).length;
    expect(await byDate('v')).toBe(2);
    expect(await byDate(`${d}-${m}-${y}`)).toBe(2);
    expect(await byDate('01-01-2001')).toBe(0);
  });
});

describe('cards', () => {
  test('a new card closed untouched inserts nothing; Tab in its empty Nr. inserts it with the next number', async () => {
    const tc = await newPagesCompany();
    const untouched = (await tc.tester.open('Contactkaart', { mode: 'new' })).view;
    expect((await tc.tester.close(untouched.sessionId)).closed).toBe(true);
    await tc.run(async (s) => expect(await s.count(Contact)).toBe(0));
    const card = (await tc.tester.open('Contactkaart', { mode: 'new' })).view;
    const r = await tc.tester.set(card.sessionId, 'Nr.', '');
    expect(shown(r.view, 'Nr.')).toBe('CT000001');
    await tc.run(async (s) => expect(await s.count(Contact)).toBe(1));
  });

  test('Navigeren | Contact | Persoon → Persoonlijke gegevens and | Bedrijf | Huishouden- / bedrijfsgegevens, by the contact\'s type', async () => {
    const tc = await newPagesCompany();
    const card = (await tc.tester.open('Contactkaart', { mode: 'new' })).view;
    const r = await tc.tester.set(card.sessionId, 'Achternaam', 'Wit');
    const nav = r.view.actions.filter((a) => a.group === 'Navigate');
    expect(nav.find((a) => a.caption === 'Huishouden- / bedrijfsgegevens')?.menu).toEqual(['Contact', 'Bedrijf']);
    expect(nav.find((a) => a.caption === 'Persoonlijke gegevens')).toBeUndefined();
    const details = await tc.tester.invoke(card.sessionId, 'Huishouden- / bedrijfsgegevens');
    expect(details.opened?.caption).toMatch(/^Huishouden- \/ bedrijfsgegevens/);
  });

  test('Verkopers/inkopers → Taken opens the task in hand on the Taakkaart; its Notities are its comment lines', async () => {
    const tc = await newPagesCompany();
    const taskNo = await takenTask(tc);
    const people = (await tc.bob.open('Verkopers/inkopers')).view;
    const bob = people.rows!.find((row) => row.cells['Code'] === 'BOB')!;
    await tc.bob.navigate(people.sessionId, 'record', bob.id);
    const opened = (await tc.bob.invoke(people.sessionId, 'Taken')).opened!;
    expect(opened.caption).toMatch(/^Taakkaart/);
    expect(shown(opened, 'Nr.')).toBe(taskNo);
    expect(opened.browse).toEqual({ position: 1, total: 1 });
    expect(shown(opened, 'Notities')).toBe('Wil een extra sleutel.');
    let r = await tc.bob.set(opened.sessionId, 'Notities', 'Wil een extra sleutel.\nSleutel besteld bij de smid.');
    expect(shown(r.view, 'Notities')).toBe('Wil een extra sleutel.\nSleutel besteld bij de smid.');
    await tc.run(async (s) => {
      const lines = await s.find(RlshpMgtCommentLine, { no: taskNo }, { lineNo: 'ASC' });
      expect(lines.map((l) => [l.lineNo, l.comment])).toEqual([[10000, 'Wil een extra sleutel.'], [20000, 'Sleutel besteld bij de smid.']]);
    });
    r = await tc.bob.set(opened.sessionId, 'Notities', 'Sleutel besteld.');
    expect(shown(r.view, 'Notities')).toBe('Sleutel besteld.');
    await tc.run(async (s) => {
      expect((await s.find(RlshpMgtCommentLine, { no: taskNo })).map((l) => l.comment)).toEqual(['Sleutel besteld.']);
      expect(await s.get(Todo, taskNo)).toMatchObject({ salespersonCode: 'BOB', systemToDoType: TaskSystemType.Organizer });
    });
    // An option typed while its question is open shows as the user chose it.
    const asked = await tc.bob.set(opened.sessionId, 'Status', 'Completed');
    expect(asked.view.dialog?.key).toBe('To-do.Text004');
    expect(fieldOf(asked.view, 'Status')).toMatchObject({ value: 'Completed', display: 'Afgerond' });
    await tc.bob.answer(opened.sessionId, 'Nee');
    await tc.run(async (s) => expect((await s.get(Todo, taskNo)).closed).toBe(true));
  });
});
