import {
  Contact,
  ContactBusinessRelation,
  ContactRole,
  Customer,
  DutchAddress,
  InteractionGroup,
  InteractionLogEntry,
  InteractionTemplate,
  InterLogEntryCommentLine,
  MarketingSetup,
  NoSeriesLine,
  Role,
  SalesReceivablesSetup,
  SalespersonPurchaser,
  Salutation,
  SalutationFormula,
  SimulatorSetup,
  Team,
  TeamSalesperson,
  Todo,
  UserSetup,
} from '../../entities';
import { ContactType, CorrespondenceType, LinkToTable } from '../../entities/CRM/Contact/ContactEnums';
import { SalutationType } from '../../entities/CRM/Setup/SalutationFormula.Table';
import { TaskPriority, TaskStatus, TaskSystemType } from '../../entities/CRM/Task/TaskEnums';
import { EmpireInteraction } from '../../codeunits/process/EmpireInteraction.Codeunit';
import { DialogError } from '../../src/runtime/BcError';
import { ScriptedDialogs } from '../../src/runtime/Dialogs';
import { Session } from '../../src/runtime/Session';
import { Simulator, Snapshot } from '../../src/host/Simulator';
import { DEMO_COMPANY_NAME, demoUsers, localToUtc, seedDemoCompany, workingDaysBefore } from '../../src/seed/demo';
import { demoAddresses } from '../../src/seed/demoAddresses';
import { DEMO_EMPLOYEES } from '../../src/seed/demoData';

const SEED_MOMENT = new Date('2026-01-05T08:00:00Z');

let sim: Simulator;
let companyA: string;
let companyB: string;
let firstBuildMs = 0;

beforeAll(async () => {
  sim = await Simulator.start({ dataDir: null, seeds: { demo: seedDemoCompany }, users: demoUsers, seedMoment: SEED_MOMENT });
  const started = Date.now();
  companyA = (await sim.createCompany(DEMO_COMPANY_NAME, { seed: 'demo' })).systemId;
  firstBuildMs = Date.now() - started;
  companyB = (await sim.createCompany('Demo B', { seed: 'demo' })).systemId;
});

afterAll(async () => {
  await sim.close();
});

function run<T>(company: string, fn: (s: Session) => Promise<T>, user = 'TRAINER', dialogs = new ScriptedDialogs()): Promise<T> {
  return sim.run(company, { userId: user, dialogs, language: 'nl-NL' }, fn);
}

/**
 * A company's rows per table as a sorted list: a snapshot reads tables
 * without ORDER BY, and the order of a table scan is not part of the data.
 */
function rows(snapshot: Snapshot, omit: string[] = []): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(snapshot.tables).map(([table, list]) => [
      table,
      list
        .map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).filter(([k]) => !omit.includes(k)))))
        .sort(),
    ]),
  );
}

describe('demo seed: setup', () => {
  it('builds a company in well under the server-start budget', () => {
    // Target < 2 s (about 1.2–1.5 s on an idle machine); the bound leaves room for busy CI machines.
    expect(firstBuildMs).toBeLessThan(10000);
  });

  it('sets up the number series, Marketing Setup and Sales & Receivables Setup', async () => {
    await run(companyA, async (s) => {
      const setup = await s.get(MarketingSetup, '');
      expect(setup).toMatchObject({
        contactNos: 'CONT',
        toDoNos: 'TAAK',
        busRelCodeForCustomers: 'KLANT',
        defaultPersonSalutationCode: 'DHRMEVR',
        defCompanySalutationCode: 'DHRMEVR',
        defaultLanguageCode: 'NLD',
      });
      expect((await s.get(SalesReceivablesSetup, '')).customerNos).toBe('KLANT');
      const lines = await s.find(NoSeriesLine, {});
      expect(lines.map((l) => [l.seriesCode, l.startingNo])).toEqual([
        ['CONT', 'CT000001'],
        ['KLANT', 'K000001'],
        ['TAAK', 'TD000001'],
      ]);
    });
  });

  it('runs the seeded company on the real clock', async () => {
    await run(companyA, async (s) => {
      expect((await s.get(SimulatorSetup, '')).frozenAt).toBeNull();
    });
  });

  it('has six teams of 2–4 employees, every employee a user mapped through User Setup', async () => {
    await run(companyA, async (s) => {
      const teams = await s.find(Team, {});
      expect(teams.map((t) => t.code).sort()).toEqual(['INCASSO', 'KCC', 'KLACHTEN', 'LEEFBAAR', 'ONDERHOUD', 'VERHUUR']);
      expect((await s.get(Team, 'LEEFBAAR')).name).toBe('Leefbaarheid');
      for (const t of teams) {
        const members = await s.count(TeamSalesperson, { teamCode: t.code });
        expect(members).toBeGreaterThanOrEqual(2);
        expect(members).toBeLessThanOrEqual(4);
      }
      const salespeople = await s.find(SalespersonPurchaser, {});
      expect(salespeople.length).toBeGreaterThanOrEqual(15);
      for (const sp of salespeople) {
        expect(sp.eMail).toMatch(/@woonparklindeveld\.example$/);
        expect(sp.jobTitle).not.toBe('');
      }
      const inTwoTeams = salespeople.filter((sp) => DEMO_EMPLOYEES.find((e) => e.code === sp.code)!.teams.length === 2);
      expect(inTwoTeams.length).toBeGreaterThanOrEqual(1);
      for (const u of demoUsers) {
        const us = await s.get(UserSetup, u.userName);
        expect(await s.tryGet(SalespersonPurchaser, us.salespersPurchCode)).not.toBeNull();
      }
      expect(await s.tryGet(UserSetup, 'SEED')).toBeNull();
    });
  });

  it('creates the demo users with their documented keys in the system database', async () => {
    const anne = await sim.findUser('ANNE');
    expect(anne).toMatchObject({ userName: 'ANNE', fullName: 'Anne van Dijk', webServiceAccessKey: 'demo-anne', language: 'nl-NL' });
    const trainer = await sim.findUser('TRAINER');
    expect(trainer?.webServiceAccessKey).toBe('demo-trainer');
    for (const u of demoUsers) expect(u.webServiceAccessKey).toMatch(/^[\x21-\x7e]+$/);
    expect(new Set(demoUsers.map((u) => u.userName)).size).toBe(demoUsers.length);
  });

  it('has interaction groups and templates with blank correspondence type and Empire task defaults', async () => {
    await run(companyA, async (s) => {
      expect(await s.count(InteractionGroup, {})).toBeGreaterThanOrEqual(6);
      const templates = await s.find(InteractionTemplate, {});
      expect(templates.map((t) => t.code)).toEqual(
        expect.arrayContaining(['TEL-IN', 'TEL-UIT', 'EMAIL-IN', 'EMAIL-UIT', 'BALIE', 'BRIEF-IN', 'BRIEF-UIT', 'WHATSAPP', 'KLACHT', 'OVERLAST']),
      );
      for (const t of templates) expect(t.correspondenceTypeDefault).toBe(CorrespondenceType.Blank);
      expect(await s.get(InteractionTemplate, 'KLACHT')).toMatchObject({
        createTask: true,
        teamCode: 'KLACHTEN',
        taskPriority: TaskPriority.High,
        showInCustomerPortal: true,
      });
      expect(await s.get(InteractionTemplate, 'OVERLAST')).toMatchObject({ createTask: true, teamCode: 'LEEFBAAR' });
      expect(await s.get(InteractionTemplate, 'TEL-IN')).toMatchObject({ createTask: false, teamCode: '' });
      for (const t of templates.filter((x) => x.createTask)) {
        expect(t.teamCode).not.toBe('');
        expect(t.taskDateFormula).toMatch(/^<\d+D>$/);
      }
    });
  });

  it('has Dutch salutation formulas, formal and informal, and the five roles', async () => {
    await run(companyA, async (s) => {
      expect((await s.find(Salutation, {})).map((x) => x.code).sort()).toEqual(['BLANCO', 'DHR', 'DHRMEVR', 'ERVEN', 'MEVR']);
      const formulas = await s.find(SalutationFormula, {});
      expect(formulas).toHaveLength(20);
      expect(formulas.filter((f) => f.languageCode === 'NLD')).toHaveLength(10);
      expect(formulas.filter((f) => f.languageCode === '')).toHaveLength(10);
      expect(await s.get(SalutationFormula, 'DHR', 'NLD', 0)).toMatchObject({ salutation: 'Geachte heer %1 %2,', name1: 3, name2: 4 });
      expect(await s.get(SalutationFormula, 'BLANCO', 'NLD', 0)).toMatchObject({ salutation: 'Geachte heer/mevrouw,', name1: 0 });
      expect((await s.find(Role, {})).map((r) => r.code).sort()).toEqual(['CONTACTP', 'CONTRACT', 'INWONER', 'KIND', 'MEDECONTR']);
    });
  });
});

describe('demo seed: postcode table', () => {
  it('holds a few hundred valid, unique addresses', async () => {
    const all = demoAddresses();
    expect(all.length).toBeGreaterThanOrEqual(300);
    const keys = new Set(all.map((a) => `${a.postCode}|${a.houseNo}|${a.houseLetter}|${a.houseNoAddition}`));
    expect(keys.size).toBe(all.length);
    for (const a of all) {
      expect(a.postCode).toMatch(/^[1-9]\d{3}[A-Z]{2}$/);
      expect(['SA', 'SD', 'SS']).not.toContain(a.postCode.slice(4));
      expect(a.houseLetter).toMatch(/^[A-Z]?$/);
      expect(a.houseNoAddition).toMatch(/^[A-Z0-9]{0,4}$/);
      expect(a.municipality).toBe('Lindeveld');
      expect(a.province).toBe('Gelderland');
    }
    await run(companyA, async (s) => expect(await s.count(DutchAddress, {})).toBe(all.length));
  });

  it('has lettered addresses, toevoegingen, both, and a number with a plain and lettered addresses', () => {
    const all = demoAddresses();
    expect(all.some((a) => a.houseLetter !== '' && a.houseNoAddition === '')).toBe(true);
    expect(all.some((a) => a.houseLetter === '' && a.houseNoAddition !== '')).toBe(true);
    expect(all.some((a) => a.houseLetter !== '' && a.houseNoAddition !== '')).toBe(true);
    const molenweg12 = all.filter((a) => a.postCode === '7391AG' && a.houseNo === 12).map((a) => a.houseLetter);
    expect(molenweg12).toEqual(['', 'A', 'B']);
  });

  it.each([
    ['7391AG12', 'Molenweg 12', '7391 AG', 'Lindeveld'],
    ['7391AG12A', 'Molenweg 12A', '7391 AG', 'Lindeveld'],
    ['7391 be 20a2', 'Populierenplein 20A-2', '7391 BE', 'Lindeveld'],
    ['7391BA4-6', 'Kastanjehof 4-6', '7391 BA', 'Lindeveld'],
    ['7391CB27BIS', 'Stationsweg 27-BIS', '7391 CB', 'Lindeveld'],
    ['7395AC10A', 'Dorpsstraat 10A', '7395 AC', 'Eikhorst'],
  ])('resolves %s typed in a contact’s Straat', async (typed, address, postCode, city) => {
    await run(companyA, async (s) => {
      const c = s.create(Contact);
      await c.insert(true);
      await c.validate('street', typed, { fromPage: true });
      expect(c).toMatchObject({ address, postCode, city, municipality: 'Lindeveld', county: 'Gelderland', countryRegionCode: 'NL' });
      throw new RollBack();
    }).catch(ignoreRollBack);
  });

  it('asks for a letter where a number has only lettered addresses', async () => {
    await run(companyA, async (s) => {
      const c = s.create(Contact);
      await expect(c.validate('street', '7391BD14', { fromPage: true })).rejects.toThrow(DialogError);
      await expect(c.validate('street', '7391BD14', { fromPage: true })).rejects.toThrow(/14A, 14B/);
    });
  });
});

describe('demo seed: klanten, households and persons', () => {
  it('has about 30 customers, each with a household holding 1–3 persons and one contractant shown first', async () => {
    await run(companyA, async (s) => {
      const customers = await s.find(Customer, {});
      expect(customers.length).toBeGreaterThanOrEqual(28);
      expect(customers.length).toBeLessThanOrEqual(35);
      expect(customers[0].no).toBe('K000001');
      for (const cust of customers) {
        const rel = await s.findFirst(ContactBusinessRelation, { linkToTable: LinkToTable.Customer, no: cust.no });
        expect(rel?.businessRelationCode).toBe('KLANT');
        const household = await s.get(Contact, rel!.contactNo);
        expect(household.type).toBe(ContactType.Company);
        expect(household.name).toBe(cust.name);
        expect(household.street).not.toBe('');
        expect(household.houseNo).toBeGreaterThan(0);
        expect(household.postCode).toMatch(/^[1-9]\d{3} [A-Z]{2}$/);
        const persons = await s.find(Contact, { companyNo: household.no, type: ContactType.Person });
        expect(persons.length).toBeGreaterThanOrEqual(1);
        expect(persons.length).toBeLessThanOrEqual(3);
        const roles = await s.find(ContactRole, { householdContactNo: household.no });
        expect(roles).toHaveLength(persons.length);
        const first = roles.filter((r) => r.showFirst);
        expect(first).toHaveLength(1);
        expect(first[0].roleCode).toBe('CONTRACT');
        for (const person of persons) {
          expect(person.address).toBe(household.address);
          expect(person.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(['DHR', 'MEVR', 'DHRMEVR']).toContain(person.salutationCode);
          expect(person.initials).toMatch(/^([A-Z]\.)+$/);
        }
      }
    });
  });

  it('composes names from Initialen, Tussenvoegsels and Achternaam', async () => {
    await run(companyA, async (s) => {
      const household = await s.findFirst(Contact, { name: 'J.P. van der Berg', type: ContactType.Company });
      expect(household).toMatchObject({
        initials: 'J.P.',
        middleName: 'van der',
        surname: 'Berg',
        searchName: 'BERG, J.P. VAN DER',
        address: 'Lindelaan 5',
        postCode: '7391 AB',
        city: 'Lindeveld',
        salutationCode: 'DHR',
        languageCode: 'NLD',
      });
      expect(household!.phoneNo).toMatch(/^0571-\d{2} \d{2} \d{2}$/);
      expect(household!.mobilePhoneNo).toMatch(/^06-[1-5]\d \d{2} \d{2} \d{2}$/);
      const persons = await s.find(Contact, { companyNo: household!.no, type: ContactType.Person });
      expect(persons.map((x) => x.name).sort()).toEqual(['J.P. van der Berg', 'M. Smit']);
      const partner = persons.find((x) => x.surname === 'Smit')!;
      expect(partner).toMatchObject({ firstName: 'Marianne', salutationCode: 'MEVR', birthDate: '1958-11-03' });
      expect(await s.get(ContactRole, household!.no, partner.no, 'MEDECONTR')).toMatchObject({ showFirst: false });
    });
  });

  it('gives each contact a salutation that its formula can fill in', async () => {
    await run(companyA, async (s) => {
      const heirs = (await s.findFirst(Contact, { name: 'W.J.M. van Leeuwen', type: ContactType.Company }))!;
      expect(await heirs.getSalutation(SalutationType.Formal, 'NLD')).toBe('De erven van W.J.M. van Leeuwen');
      const supplier = (await s.findFirst(Contact, { name: 'Installatiebedrijf Van Ommen' }))!;
      expect(await supplier.getSalutation(SalutationType.Formal, '')).toBe('Geachte heer/mevrouw,');
      const yilmaz = (await s.findFirst(Contact, { name: 'M. Yilmaz', type: ContactType.Person }))!;
      expect(await yilmaz.getSalutation(SalutationType.Formal, yilmaz.languageCode)).toBe('Geachte heer Yilmaz,');
      const kaya = (await s.findFirst(Contact, { name: 'A. Kaya', type: ContactType.Person }))!;
      expect(await kaya.getSalutation(SalutationType.Informal, 'NLD')).toBe('Beste mevrouw Kaya,');
      for (const c of await s.find(Contact, {})) {
        expect(c.languageCode).toBe('NLD');
        await expect(c.getSalutation(SalutationType.Formal, c.languageCode)).resolves.not.toBe('');
      }
    });
  });

  it('uses every role and the ERVEN and BLANCO salutations', async () => {
    await run(companyA, async (s) => {
      for (const role of ['CONTRACT', 'MEDECONTR', 'INWONER', 'CONTACTP', 'KIND']) {
        expect(await s.count(ContactRole, { roleCode: role })).toBeGreaterThan(0);
      }
      const heirs = await s.find(Contact, { salutationCode: 'ERVEN' });
      expect(heirs.map((c) => c.name)).toEqual(['W.J.M. van Leeuwen']);
      const supplier = await s.findFirst(Contact, { name: 'Installatiebedrijf Van Ommen' });
      expect(supplier).toMatchObject({ type: ContactType.Company, salutationCode: 'BLANCO', address: 'Industrieweg 8' });
      expect(await s.count(Contact, { companyNo: supplier!.no, type: ContactType.Person })).toBe(0);
    });
  });

  it('has contacts that are not klanten: a woningzoekende and a supplier', async () => {
    await run(companyA, async (s) => {
      const applicant = await s.findFirst(Contact, { name: 'M. Jacobs', type: ContactType.Company });
      expect(applicant).not.toBeNull();
      expect(await s.exists(ContactBusinessRelation, { contactNo: applicant!.no, linkToTable: LinkToTable.Customer })).toBe(false);
      expect(await s.get(ContactBusinessRelation, applicant!.no, 'WZ')).toBeTruthy();
      expect(applicant!.address).toBe('Stationsweg 27-BIS');
    });
  });
});

describe('demo seed: contact moments', () => {
  it('has contact moments logged by named employees before the seed moment', async () => {
    await run(companyA, async (s) => {
      const entries = await s.find(InteractionLogEntry, {});
      expect(entries.length).toBeGreaterThanOrEqual(10);
      const users = new Set(demoUsers.map((u) => u.userName));
      const seedDate = '2026-01-05';
      for (const e of entries) {
        expect(users.has(e.userId)).toBe(true);
        expect(e.date! < seedDate).toBe(true);
        expect(e.salespersonCode).toBe(DEMO_EMPLOYEES.find((x) => x.userName === e.userId)!.code);
        expect(await s.count(InterLogEntryCommentLine, { entryNo: e.entryNo })).toBeGreaterThan(0);
      }
      // Entry numbers follow time.
      const stamps = entries.map((e) => `${e.date} ${e.timeOfInteraction}`);
      expect([...stamps].sort()).toEqual(stamps);
    });
  });

  it('has an open team task for KCC and a complaint with an open task for KLACHTEN', async () => {
    await run(companyA, async (s) => {
      const kcc = await s.find(Todo, { teamCode: 'KCC', systemToDoType: TaskSystemType.Team, closed: false });
      expect(kcc).toHaveLength(1);
      expect(await s.count(Todo, { organizerToDoNo: kcc[0].no, systemToDoType: TaskSystemType.Organizer })).toBe(4);
      const complaint = await s.findFirst(InteractionLogEntry, { interactionTemplateCode: 'KLACHT' });
      expect(complaint!.toDoNo).not.toBe('');
      const task = await s.get(Todo, complaint!.toDoNo);
      expect(task).toMatchObject({ teamCode: 'KLACHTEN', closed: false, interactionLogEntryNo: complaint!.entryNo });
    });
  });

  it('has a task handled to the end and one taken by an employee', async () => {
    await run(companyA, async (s) => {
      const request = await s.findFirst(InteractionLogEntry, { interactionTemplateCode: 'BETREGEL' });
      const done = await s.get(Todo, request!.toDoNo);
      expect(done).toMatchObject({ closed: true, status: TaskStatus.Completed, salespersonCode: 'KHE', teamCode: '' });
      expect(await s.count(Todo, { organizerToDoNo: done.no })).toBe(1);
      const feedback = await s.findFirst(InteractionLogEntry, { interactionTemplateCode: 'TEL-UIT' });
      expect(feedback).toMatchObject({ contactNo: request!.contactNo, userId: 'KARIN' });

      const notice = await s.findFirst(InteractionLogEntry, { interactionTemplateCode: 'HUUROPZ' });
      expect(await s.get(Todo, notice!.toDoNo)).toMatchObject({
        status: TaskStatus.InProgress,
        salespersonCode: 'EMU',
        systemToDoType: TaskSystemType.Organizer,
      });
    });
  });

  it('lets a KCC employee log a complaint that creates a task for every KLACHTEN member', async () => {
    await run(
      companyA,
      async (s) => {
        const { interactionLogEntry, task } = await new EmpireInteraction(s).fromCustomer('K000001', {
          templateCode: 'KLACHT',
          note: 'Klaagt over de schoonmaak van het trappenhuis.',
        });
        expect(interactionLogEntry).toMatchObject({ salespersonCode: 'AVD', userId: 'ANNE', showInCustomerPortal: true });
        expect(task).toMatchObject({ teamCode: 'KLACHTEN', systemToDoType: TaskSystemType.Team, priority: TaskPriority.High });
        const members = await s.find(Todo, { organizerToDoNo: task!.no, systemToDoType: TaskSystemType.Organizer });
        expect(members.map((m) => m.salespersonCode).sort()).toEqual(['DVI', 'OVE', 'PDE']);
        throw new RollBack();
      },
      'ANNE',
    ).catch(ignoreRollBack);
  });
});

describe('demo seed: companies from the seed', () => {
  it('makes identical companies', async () => {
    expect(rows(await sim.snapshot(companyA))).toEqual(rows(await sim.snapshot(companyB)));
  });

  it('keeps them independent, and reset brings the seed back', async () => {
    await run(companyA, async (s) => {
      const c = (await s.findFirst(Contact, { name: 'A. de Vries', type: ContactType.Company }))!;
      await c.validate('phoneNo', '0571-99 99 99', { fromPage: true });
      await c.modify(true);
    });
    await run(companyA, async (s) => {
      const teamTask = await s.findFirst(Todo, { teamCode: 'KCC', systemToDoType: TaskSystemType.Team });
      await teamTask!.delete(true);
      expect(await s.count(Todo, { teamCode: 'KCC' })).toBe(0);
    });
    const a = rows(await sim.snapshot(companyA));
    const b = rows(await sim.snapshot(companyB));
    expect(a).not.toEqual(b);
    await run(companyB, async (s) => {
      expect(await s.count(Todo, { teamCode: 'KCC' })).toBe(5);
      const c = await s.findFirst(Contact, { name: 'A. de Vries', type: ContactType.Company });
      expect(c!.phoneNo).not.toBe('0571-99 99 99');
    });

    await sim.resetCompany(companyA);
    expect(rows(await sim.snapshot(companyA))).toEqual(b);
  });

  it('builds the same data on every start (deterministic apart from SystemIds)', async () => {
    const other = await Simulator.start({ dataDir: null, seeds: { demo: seedDemoCompany }, seedMoment: SEED_MOMENT });
    try {
      const c = await other.createCompany('Demo C', { seed: 'demo' });
      expect(rows(await other.snapshot(c.systemId), ['systemId'])).toEqual(rows(await sim.snapshot(companyB), ['systemId']));
    } finally {
      await other.close();
    }
  });
});

describe('demo seed: moments', () => {
  it('counts working days back over weekends and fixed holidays', () => {
    expect(workingDaysBefore('2026-01-05', 1)).toBe('2026-01-02');
    expect(workingDaysBefore('2026-01-05', 2)).toBe('2025-12-31');
    expect(workingDaysBefore('2026-01-05', 3)).toBe('2025-12-30');
  });

  it('converts local Amsterdam time to UTC in winter and summer', () => {
    expect(localToUtc('2026-01-02', '09:30', 'Europe/Amsterdam').toISOString()).toBe('2026-01-02T08:30:00.000Z');
    expect(localToUtc('2026-07-01', '09:30', 'Europe/Amsterdam').toISOString()).toBe('2026-07-01T07:30:00.000Z');
  });
});

/** Thrown to roll a probing transaction back. */
class RollBack extends Error {}

function ignoreRollBack(e: unknown): void {
  if (!(e instanceof RollBack)) throw e;
}
