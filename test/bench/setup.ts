import { Contact } from '../../entities';
import { InformationFlow, InitiatedBy } from '../../entities/CRM/Interaction/InteractionEnums';
import { TaskPriority, TaskType } from '../../entities/CRM/Task/TaskEnums';
import { Session } from '../../src/runtime/Session';
import { Simulator } from '../../src/host/Simulator';
import { createInteractionTemplate, createMarketingSetup, createSalesperson, createTeam } from '../library/LibraryMarketing';
import { Rng } from './stats';

/**
 * The benchmark company: what a housing corporation's KCC (customer contact
 * centre) has set up before the first call. Six teams of five, one Create Task
 * template per team, three templates without a task, and KCC employees who
 * are users with a salesperson (so a logged interaction carries their code).
 */

export const SETUP_USER = 'BENCH';

/** KCC employees: users with a salesperson code, who log the contact moments. */
export const KCC_USERS = ['ANNE', 'BRAM', 'CLAUDIA', 'DAAN', 'EMMA'];

/** Six teams of five members (30 salespeople), in the order the bulk load spreads tasks over them. */
export const TEAMS: { code: string; template: string; taskDescription: string; members: string[] }[] = [
  { code: 'VERHUUR', template: 'VRAAG', taskDescription: 'Vraag beantwoorden', members: [] },
  { code: 'KLACHTEN', template: 'KLACHT', taskDescription: 'Klacht beoordelen', members: [] },
  { code: 'REPARATIE', template: 'REPARATIE', taskDescription: 'Reparatieverzoek inplannen', members: [] },
  { code: 'INCASSO', template: 'BETALING', taskDescription: 'Betalingsregeling beoordelen', members: [] },
  { code: 'WOONFRAUDE', template: 'MELDING', taskDescription: 'Melding onderzoeken', members: [] },
  { code: 'LEEFBAAR', template: 'OVERLAST', taskDescription: 'Overlastmelding oppakken', members: [] },
];
TEAMS.forEach((t, i) => {
  for (let m = 1; m <= 5; m++) t.members.push(`MW${String(i * 5 + m).padStart(2, '0')}`);
});

/** The team of five the measured interactions go to (brief: "a team task (team of 5)"). */
export const MEASURED_TEAM = TEAMS[0];

/** Templates without a task (most contact moments are answered at once). */
export const PLAIN_TEMPLATES = ['TEL-IN', 'TEL-UIT', 'EMAIL-IN'];

export async function setUpBenchCompany(sim: Simulator, companyId: string): Promise<void> {
  await sim.run(companyId, { userId: SETUP_USER }, async (s) => {
    await createMarketingSetup(s);

    for (const user of KCC_USERS) await createSalesperson(s, user, `KCC ${user}`, user);
    for (const team of TEAMS) await createTeam(s, team.code, team.members);

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
    await createInteractionTemplate(s, 'EMAIL-IN', {
      description: 'E-mail inkomend',
      group: 'EMAIL',
      informationFlow: InformationFlow.Inbound,
      initiatedBy: InitiatedBy.Them,
      unitDurationMin: 3,
    });
    for (const team of TEAMS) {
      await createInteractionTemplate(s, team.template, {
        description: `${team.taskDescription} (${team.code.toLowerCase()})`.slice(0, 50),
        createTask: true,
        teamCode: team.code,
        taskDescription: team.taskDescription,
        taskType: TaskType.PhoneCall,
        taskPriority: TaskPriority.Normal,
        taskDateFormula: '<5D>',
        informationFlow: InformationFlow.Inbound,
        initiatedBy: InitiatedBy.Them,
        unitDurationMin: 8,
      });
    }
  });
}

// ---- Dutch names and addresses, for the measured contacts and the bulk load ----

export const INITIALS = ['J.', 'P.', 'A.', 'M.', 'H.', 'K.', 'S.', 'J.P.', 'A.M.', 'W.', 'R.', 'E.', 'C.', 'L.', 'T.J.'];
export const MIDDLE_NAMES = ['', '', '', '', '', 'van', 'de', 'van der', 'van den', 'van de', 'den', 'ter', "in 't"];
export const SURNAMES = [
  'Jansen', 'Vries', 'Bakker', 'Visser', 'Smit', 'Meijer', 'Mulder', 'Bos', 'Vos', 'Peters',
  'Hendriks', 'Dekker', 'Brouwer', 'Dijkstra', 'Berg', 'Wal', 'Kok', 'Jacobs', 'Vermeulen', 'Willems',
  'Yilmaz', 'El Amrani', 'Kaya', 'Nguyen', 'Boer', 'Linden', 'Leeuwen', 'Dam', 'Graaf', 'Wijk',
];
export const STREETS = ['Dorpsstraat', 'Kerkstraat', 'Schoolstraat', 'Molenweg', 'Stationsweg', 'Julianastraat', 'Beatrixlaan', 'Lindelaan'];
export const CITIES = ['Utrecht', 'Amersfoort', 'Zwolle', 'Deventer', 'Apeldoorn', 'Arnhem', 'Nijmegen', 'Ede'];
export const NOTES = [
  'Vraagt wanneer de huur wordt verhoogd. Antwoord: per 1 juli, brief volgt.',
  'Wil een extra sleutel voor de berging.',
  'Lekkage in de badkamer, water loopt bij de buren naar binnen.',
  'Klaagt over geluidsoverlast van de bovenburen in het weekend.',
  'Vraagt om een betalingsregeling voor de achterstand van twee maanden.',
  'Meldt dat de intercom van de portiek niet werkt.',
  'Wil weten of zij in aanmerking komt voor huurtoeslag.',
  'Vermoedt onderhuur in het appartement op nummer 12.',
];

export interface NameParts {
  initials: string;
  middleName: string;
  surname: string;
}

export function randomName(rng: Rng): NameParts {
  return { initials: rng.pick(INITIALS), middleName: rng.pick(MIDDLE_NAMES), surname: rng.pick(SURNAMES) };
}

/**
 * What a user does on Aanmaken contact (a household): a new card (Insert with
 * trigger, the No. from the series), Initialen, Tussenvoegsels and Achternaam
 * typed on the page (validated), then the card is left (Modify with trigger).
 */
export async function createHouseholdAsUser(s: Session, name: NameParts): Promise<Contact> {
  const c = s.create(Contact);
  await c.insert(true);
  await c.validate('initials', name.initials, { fromPage: true });
  if (name.middleName) await c.validate('middleName', name.middleName, { fromPage: true });
  await c.validate('surname', name.surname, { fromPage: true });
  await c.modify(true);
  return c;
}
