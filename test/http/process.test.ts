// [FEATURE] [Afhandelen contactmoment] [HTTP] — the seed process end to end, only through the API.
import request from 'supertest';
import { closeSharedSimulator } from '../library/LibraryMarketing';
import { arrangeContactmomentSetup, basic, createBusinessUser, errorText, HttpTestCompany, MY_SALESPERSON, newHttpCompany } from '../library/LibraryHttp';

afterAll(closeSharedSimulator);

type Json = Record<string, any>;

async function arrange(): Promise<HttpTestCompany> {
  const tc = await newHttpCompany();
  await arrangeContactmomentSetup(tc);
  return tc;
}

/** GET a collection's `value`. */
async function list(tc: HttpTestCompany, path: string): Promise<Json[]> {
  const res = await tc.get(path);
  expect(res.status).toBe(200);
  return res.body.value;
}

async function byCode(tc: HttpTestCompany, set: string, code: string): Promise<Json> {
  const found = (await list(tc, `${tc.crm}/${set}`)).find((r) => r.code === code);
  expect(found).toBeDefined();
  return found!;
}

/** Aanmaken contact: a household (Huishouden/Bedrijf) with the address from the Straat lookup, and a person with a role. */
async function createHouseholdWithPerson(tc: HttpTestCompany): Promise<{ household: Json; person: Json }> {
  const hh = await tc.post(`${tc.crm}/contacts`, {
    type: 'Company',
    initials: 'J.',
    middleName: 'van',
    surname: 'Dijk',
    street: '3011AB12A',
    phoneNumber: '010-1234567',
    mobilePhoneNumber: '06-12345678',
    email: 'j.vandijk@example.nl',
  });
  expect(hh.status).toBe(201);
  const household = hh.body;
  expect(household).toMatchObject({
    number: 'CT000001',
    type: 'Company',
    displayName: 'J. van Dijk',
    street: 'Coolsingel',
    houseNumber: 12,
    houseLetter: 'A',
    houseNumberAddition: '',
    addressLine1: 'Coolsingel 12A',
    postalCode: '3011 AB',
    city: 'Rotterdam',
    municipality: 'Rotterdam',
    state: 'Zuid-Holland',
    country: 'NL',
  });

  // Nieuw persoon voor huishouden/bedrijf → Rollen: CONTRACT.
  const p = await tc.post(`${tc.crm}/contacts(${household.id})/Microsoft.NAV.newPersonForHousehold`, { roleCode: 'CONTRACT', showFirst: true });
  // As BC's bound actions: 204, no body; the person is read afterwards.
  expect(p.status).toBe(204);
  expect(p.text).toBe('');
  const people = await list(tc, `${tc.crm}/contacts?$filter=companyNumber eq '${household.number}' and type eq 'Person'`);
  expect(people).toHaveLength(1);
  const created = people[0];
  // The person inherits the household's address and communication details.
  expect(created).toMatchObject({ type: 'Person', companyNumber: household.number, addressLine1: 'Coolsingel 12A', phoneNumber: '010-1234567' });

  // On the person's card: Initialen, Tussenvoegsels, Achternaam; then Persoonlijke gegevens: Geboortedatum and Aanhefcode.
  const person = await tc.patch(
    `${tc.crm}/contacts(${created.id})`,
    { initials: 'J.', middleName: 'van', surname: 'Dijk', birthDate: '1970-05-01', salutationCode: 'dhr' },
    created['@odata.etag'],
  );
  expect(person.status).toBe(200);
  expect(person.body).toMatchObject({ displayName: 'J. van Dijk', companyName: 'J. van Dijk', birthDate: '1970-05-01', salutationCode: 'DHR' });

  const roles = await list(tc, `${tc.crm}/contacts(${household.id})/contactRoles`);
  expect(roles).toEqual([
    expect.objectContaining({ householdContactNumber: household.number, personContactNumber: person.body.number, roleCode: 'CONTRACT', showFirst: true }),
  ]);
  return { household, person: person.body };
}

describe('Afhandelen contactmoment — a question that needs a follow-up action', () => {
  test('contact, contact moment with a team task, take the task, note, complete with feedback', async () => {
    const tc = await arrange();
    const { household } = await createHouseholdWithPerson(tc);

    // Vastleggen contactmoment: Interactie via sjabloon VRAAG, task for team KCC.
    const cm = await tc.post(`${tc.crm}/contacts(${household.id})/Microsoft.NAV.createInteractionFromTemplate`, {
      templateCode: 'VRAAG',
      note: 'Wanneer wordt mijn keuken vervangen?',
      showInCustomerPortal: true,
      createTask: true,
      teamCode: 'KCC',
    });
    expect(cm.status).toBe(204);
    expect(cm.text).toBe('');
    const [question] = await list(tc, `${tc.crm}/contacts(${household.id})/interactionLogEntries`);
    expect(question).toMatchObject({
      entryNumber: 1,
      contactNumber: household.number,
      contactCompanyNumber: household.number,
      date: '2026-03-02',
      description: 'Vraag met vervolgactie',
      interactionTemplateCode: 'VRAAG',
      informationFlow: 'Inbound',
      initiatedBy: 'Them',
      salespersonCode: MY_SALESPERSON,
      userId: 'TESTER',
      toDoNumber: 'TD000001',
      showInCustomerPortal: true,
      note: 'Wanneer wordt mijn keuken vervangen?',
    });

    // Aanmaken en toewijzen taak: the team's Taken show it; every member has a copy.
    const kcc = await byCode(tc, 'teams', 'KCC');
    const teamTasks = await list(tc, `${tc.crm}/teams(${kcc.id})/tasks`);
    expect(teamTasks).toHaveLength(1);
    const task = teamTasks[0];
    expect(task).toMatchObject({
      number: 'TD000001',
      systemTaskType: 'Team',
      teamCode: 'KCC',
      salespersonCode: '',
      description: 'Vraag beantwoorden',
      status: 'Not_x0020_Started',
      priority: 'High',
      date: '2026-03-07',
      contactNumber: household.number,
      interactionLogEntryNumber: 1,
      note: 'Wanneer wordt mijn keuken vervangen?',
    });
    const bob = await byCode(tc, 'salespeoplePurchasers', 'BOB');
    const me = await byCode(tc, 'salespeoplePurchasers', MY_SALESPERSON);
    expect(await list(tc, `${tc.crm}/salespeoplePurchasers(${bob.id})/tasks`)).toEqual([
      expect.objectContaining({ systemTaskType: 'Organizer', organizerTaskNumber: 'TD000001', description: 'Vraag beantwoorden' }),
    ]);
    expect(await list(tc, `${tc.crm}/salespeoplePurchasers(${me.id})/tasks`)).toHaveLength(1);

    // Afhandelen taak, step 1: Status In uitvoering and Medewerker = me; the action is my Yes to Text032.
    const taken = await tc.post(`${tc.crm}/teams(${kcc.id})/tasks(${task.id})/Microsoft.NAV.assignToMe`);
    expect(taken.status).toBe(204);
    expect((await tc.get(`${tc.crm}/tasks(${task.id})`)).body).toMatchObject({
      number: 'TD000001',
      status: 'In_x0020_Progress',
      salespersonCode: MY_SALESPERSON,
      teamCode: '',
      systemTaskType: 'Organizer',
    });
    expect(JSON.parse(taken.headers['x-sim-dialogs'])).toEqual([expect.objectContaining({ kind: 'confirm', key: 'To-do.Text032', answer: true })]);
    // Gone from the team's list and from the colleague's; the members' copies are deleted; mine is the task itself.
    expect(await list(tc, `${tc.crm}/teams(${kcc.id})/tasks`)).toEqual([]);
    expect(await list(tc, `${tc.crm}/salespeoplePurchasers(${bob.id})/tasks`)).toEqual([]);
    const myTasks = await list(tc, `${tc.crm}/salespeoplePurchasers(${me.id})/tasks`);
    expect(myTasks.map((t) => t.id)).toEqual([task.id]);
    expect((await list(tc, `${tc.crm}/tasks`)).map((t) => t.number)).toEqual(['TD000001']);

    // Step 2: the outcome in the Notities.
    const noted = await tc.post(`${tc.crm}/salespeoplePurchasers(${me.id})/tasks(${task.id})/Microsoft.NAV.addNote`, {
      note: 'Keuken staat gepland voor week 20.',
    });
    expect(noted.status).toBe(204);
    expect((await tc.get(`${tc.crm}/tasks(${task.id})`)).body.note).toBe('Wanneer wordt mijn keuken vervangen?\nKeuken staat gepland voor week 20.');

    // Status Afgerond; "Do you want to register an Interaction Log Entry?" Yes → the feedback.
    const done = await tc.post(`${tc.crm}/tasks(${task.id})/Microsoft.NAV.complete`, {
      registerInteraction: true,
      interaction: { interactionTemplateCode: 'TERUGK', description: 'Terugkoppeling keuken', note: 'Klant gebeld: keuken in week 20.' },
    });
    expect(done.status).toBe(204);
    expect((await tc.get(`${tc.crm}/tasks(${task.id})`)).body).toMatchObject({ status: 'Completed', closed: true, dateClosed: '2026-03-02' });
    expect(JSON.parse(done.headers['x-sim-dialogs']).map((d: Json) => [d.kind, d.key])).toEqual([
      ['confirm', 'To-do.Text004'],
      ['modal', 'Page.Create Interaction'],
    ]);

    const entries = await list(tc, `${tc.crm}/contacts(${household.id})/interactionLogEntries`);
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({
      entryNumber: 2,
      contactNumber: household.number,
      interactionTemplateCode: 'TERUGK',
      description: 'Terugkoppeling keuken',
      informationFlow: 'Outbound',
      initiatedBy: 'Us',
      salespersonCode: MY_SALESPERSON,
      toDoNumber: 'TD000001',
      note: 'Klant gebeld: keuken in week 20.',
    });
  });

  test('completing without registering an interaction ("Klik Nee") logs nothing', async () => {
    const tc = await arrange();
    const { household } = await createHouseholdWithPerson(tc);
    const cm = await tc.post(`${tc.crm}/contacts(${household.id})/Microsoft.NAV.createInteractionFromTemplate`, {
      templateCode: 'VRAAG',
      note: 'Is mijn opzegging ontvangen?',
    });
    expect(cm.status).toBe(204);
    const task = (await list(tc, `${tc.crm}/tasks`)).find((t) => t.systemTaskType === 'Team')!;
    await tc.post(`${tc.crm}/tasks(${task.id})/Microsoft.NAV.assignToMe`);
    const done = await tc.post(`${tc.crm}/tasks(${task.id})/Microsoft.NAV.complete`, { registerInteraction: false });
    expect(done.status).toBe(204);
    expect((await tc.get(`${tc.crm}/tasks(${task.id})`)).body).toMatchObject({ status: 'Completed', closed: true });
    expect(JSON.parse(done.headers['x-sim-dialogs'])).toEqual([expect.objectContaining({ key: 'To-do.Text004', answer: false })]);
    expect(await list(tc, `${tc.crm}/interactionLogEntries`)).toHaveLength(1);
  });

  test('assignToMe for a user without a salesperson in User Setup → TestField error, task untouched', async () => {
    const tc = await arrange();
    await createBusinessUser(tc, 'NOSP', 'k');
    const { household } = await createHouseholdWithPerson(tc);
    const cm = await tc.post(`${tc.crm}/contacts(${household.id})/Microsoft.NAV.createInteractionFromTemplate`, { templateCode: 'VRAAG', note: 'x' });
    expect(cm.status).toBe(204);
    const task = (await list(tc, `${tc.crm}/tasks`)).find((t) => t.systemTaskType === 'Team')!;
    const res = await request(tc.app)
      .post(`${tc.crm}/tasks(${task.id})/Microsoft.NAV.assignToMe`)
      .set('Authorization', basic('NOSP', 'k'));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('Application_FieldValidationException');
    expect(errorText(res.body)).toBe('Salespers./Purch. Code must have a value in User Setup: User ID=NOSP. It cannot be zero or empty.');
    expect((await tc.get(`${tc.crm}/tasks(${task.id})`)).body).toMatchObject({ status: 'Not_x0020_Started', teamCode: 'KCC' });
  });

  test('action parameters are checked: unknown, missing, wrong type', async () => {
    const tc = await arrange();
    const hh = (await tc.post(`${tc.crm}/contacts`, { surname: 'Param' })).body;
    const url = `${tc.crm}/contacts(${hh.id})/Microsoft.NAV.createInteractionFromTemplate`;
    expect((await tc.post(url, { templateCode: 'TEL-IN', note: 'x', colour: 'red' })).body.error.code).toBe('BadRequest');
    expect((await tc.post(url, { note: 'x' })).body.error.code).toBe('BadRequest_RequiredParamNotProvided');
    expect((await tc.post(url, { templateCode: 'TEL-IN', note: 'x', createTask: 'yes' })).body.error.code).toBe('BadRequest');
    // A missing Notitie is the popup's own error.
    const noNote = await tc.post(url, { templateCode: 'TEL-IN' });
    expect(noNote.status).toBe(400);
    expect(errorText(noNote.body)).toBe('You must fill in the Note field.');
    expect(await list(tc, `${tc.crm}/interactionLogEntries`)).toEqual([]);
  });
});

describe('Afhandelen contactmoment — a question answered at once', () => {
  test('one contact moment with question and answer, no task', async () => {
    const tc = await arrange();
    const { household } = await createHouseholdWithPerson(tc);
    const cm = await tc.post(`${tc.crm}/contacts(${household.id})/Microsoft.NAV.createInteractionFromTemplate`, {
      templateCode: 'TEL-IN',
      note: 'Vraag: wanneer wordt de huur verhoogd? Antwoord: per 1 juli, brief volgt.',
    });
    expect(cm.status).toBe(204);
    expect(await list(tc, `${tc.crm}/tasks`)).toEqual([]);
    const [entry] = await list(tc, `${tc.crm}/contacts(${household.id})/interactionLogEntries`);
    expect(entry).toMatchObject({
      interactionTemplateCode: 'TEL-IN',
      description: 'Telefoon inkomend',
      showInCustomerPortal: true,
      toDoNumber: '',
      note: 'Vraag: wanneer wordt de huur verhoogd? Antwoord: per 1 juli, brief volgt.',
    });
  });
});

describe('Afhandelen contactmoment — a complaint from a customer', () => {
  test('logged at the customer, lands on its household, and a task for the complaints team', async () => {
    const tc = await arrange();
    const cust = await tc.post(`${tc.crm}/customers`, { displayName: 'A. de Vries', phoneNumber: '010-7654321' });
    expect(cust.status).toBe(201);
    expect(cust.body.number).toBe('K000001');
    // CustCont-Update made the household.
    const household = (await list(tc, `${tc.crm}/contacts`)).find((c) => c.displayName === 'A. de Vries');
    expect(household).toMatchObject({ type: 'Company', contactBusinessRelation: 'Customer' });

    const cm = await tc.post(`${tc.crm}/customers(${cust.body.id})/Microsoft.NAV.createInteractionFromTemplate`, {
      templateCode: 'KLACHT',
      note: 'Klacht: de reparatie van de cv-ketel is drie keer uitgesteld.',
    });
    expect(cm.status).toBe(204);

    const entries = await list(tc, `${tc.crm}/customers(${cust.body.id})/interactionLogEntries`);
    expect(entries).toEqual([
      expect.objectContaining({ contactNumber: household!.number, interactionTemplateCode: 'KLACHT', toDoNumber: 'TD000001' }),
    ]);
    const klachten = await byCode(tc, 'teams', 'KLACHTEN');
    const tasks = await list(tc, `${tc.crm}/teams(${klachten.id})/tasks`);
    expect(tasks).toEqual([
      expect.objectContaining({
        number: 'TD000001',
        description: 'Klacht beoordelen',
        contactNumber: household!.number,
        date: '2026-03-12',
        status: 'Not_x0020_Started',
      }),
    ]);
    // The members of KLACHTEN each have their copy; the complaint itself is handled in "Afhandelen klacht".
    const members = await list(tc, `${tc.crm}/teams(${klachten.id})/teamMembers`);
    expect(members.map((m) => m.salespersonCode)).toEqual(['CARLA', 'DIRK']);
    expect((await list(tc, `${tc.crm}/tasks`)).filter((t) => t.systemTaskType === 'Organizer').map((t) => t.salespersonCode)).toEqual([
      'CARLA',
      'DIRK',
    ]);
  });
});
