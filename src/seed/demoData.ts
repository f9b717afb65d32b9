/**
 * The demo company's data as plain tables: employees and teams, interaction
 * templates, salutations, roles, households and the contact moments already
 * logged. FICTIONAL: the corporation, the people, phone numbers and e-mail
 * addresses are made up (e-mail domains are the reserved `example.*` ones).
 * src/seed/demo.ts builds a company from these tables through the real
 * tables and codeunits.
 */
import { TaskPriority, TaskType } from '../../entities/CRM/Task/TaskEnums';
import { InformationFlow, InitiatedBy } from '../../entities/CRM/Interaction/InteractionEnums';

export const DEMO_COMPANY_NAME = 'Stichting Woonpark Lindeveld';
export const DEMO_COMPANY_DISPLAY_NAME = 'Stichting Woonpark Lindeveld (fictief)';
/** E-mail domain of the corporation's employees (reserved TLD: never a real mailbox). */
export const DEMO_EMAIL_DOMAIN = 'woonparklindeveld.example';

// ---- number series ----

export const DEMO_NO_SERIES = [
  { code: 'CONT', description: 'Contacten', startingNo: 'CT000001' },
  { code: 'TAAK', description: 'Taken', startingNo: 'TD000001' },
  { code: 'KLANT', description: 'Klanten', startingNo: 'K000001' },
] as const;

// ---- teams and employees ----

export const DEMO_TEAMS = [
  { code: 'KCC', name: 'Klantcontactcentrum' },
  { code: 'VERHUUR', name: 'Verhuur en woonruimtebemiddeling' },
  { code: 'ONDERHOUD', name: 'Reparatieverzoeken en onderhoud' },
  { code: 'INCASSO', name: 'Incasso en betalingsregelingen' },
  { code: 'LEEFBAAR', name: 'Leefbaarheid' },
  { code: 'KLACHTEN', name: 'Klachtenafhandeling' },
] as const;

export type DemoTeamCode = (typeof DEMO_TEAMS)[number]['code'];

export interface DemoEmployee {
  /** Salesperson/Purchaser Code (Medewerker). */
  code: string;
  /** BC user name; the HTTP Basic user. */
  userName: string;
  name: string;
  jobTitle: string;
  /** Local part of the e-mail address. */
  mail: string;
  /** Extension behind the corporation's number 0571-20 03 xx. */
  extension: string;
  teams: DemoTeamCode[];
}

/** 16 employees (2–4 per team, DVI and GSM in two teams) and the trainer, who is in no team. */
export const DEMO_EMPLOYEES: DemoEmployee[] = [
  { code: 'AVD', userName: 'ANNE', name: 'Anne van Dijk', jobTitle: 'Klantadviseur', mail: 'anne.vandijk', extension: '11', teams: ['KCC'] },
  { code: 'BJA', userName: 'BRAM', name: 'Bram Jansen', jobTitle: 'Klantadviseur', mail: 'bram.jansen', extension: '12', teams: ['KCC'] },
  { code: 'CDB', userName: 'CHANTAL', name: 'Chantal de Boer', jobTitle: 'Klantadviseur', mail: 'chantal.deboer', extension: '13', teams: ['KCC'] },
  { code: 'DVI', userName: 'DAAN', name: 'Daan Visser', jobTitle: 'Teamleider KCC', mail: 'daan.visser', extension: '10', teams: ['KCC', 'KLACHTEN'] },
  { code: 'EMU', userName: 'ESTHER', name: 'Esther Mulder', jobTitle: 'Verhuurconsulent', mail: 'esther.mulder', extension: '21', teams: ['VERHUUR'] },
  { code: 'FVH', userName: 'FLORIS', name: 'Floris van den Heuvel', jobTitle: 'Verhuurconsulent', mail: 'floris.vandenheuvel', extension: '22', teams: ['VERHUUR'] },
  { code: 'GSM', userName: 'GERDA', name: 'Gerda Smit', jobTitle: 'Woonconsulent', mail: 'gerda.smit', extension: '23', teams: ['VERHUUR', 'LEEFBAAR'] },
  { code: 'HEA', userName: 'HAMZA', name: 'Hamza El Amrani', jobTitle: 'Opzichter', mail: 'hamza.elamrani', extension: '31', teams: ['ONDERHOUD'] },
  { code: 'IBA', userName: 'INGRID', name: 'Ingrid Bakker', jobTitle: 'Coördinator reparatieverzoeken', mail: 'ingrid.bakker', extension: '30', teams: ['ONDERHOUD'] },
  { code: 'JKO', userName: 'JEROEN', name: 'Jeroen Kok', jobTitle: 'Opzichter', mail: 'jeroen.kok', extension: '32', teams: ['ONDERHOUD'] },
  { code: 'KHE', userName: 'KARIN', name: 'Karin Hendriks', jobTitle: 'Incassomedewerker', mail: 'karin.hendriks', extension: '41', teams: ['INCASSO'] },
  { code: 'LME', userName: 'LARS', name: 'Lars Meijer', jobTitle: 'Medewerker debiteuren', mail: 'lars.meijer', extension: '42', teams: ['INCASSO'] },
  { code: 'MYI', userName: 'MILA', name: 'Mila Yıldız', jobTitle: 'Buurtconsulent', mail: 'mila.yildiz', extension: '51', teams: ['LEEFBAAR'] },
  { code: 'NDG', userName: 'NIELS', name: 'Niels de Groot', jobTitle: 'Wijkbeheerder', mail: 'niels.degroot', extension: '52', teams: ['LEEFBAAR'] },
  { code: 'OVE', userName: 'OLGA', name: 'Olga Vermeulen', jobTitle: 'Klachtenfunctionaris', mail: 'olga.vermeulen', extension: '61', teams: ['KLACHTEN'] },
  { code: 'PDE', userName: 'PETER', name: 'Peter Dekker', jobTitle: 'Manager Wonen', mail: 'peter.dekker', extension: '60', teams: ['KLACHTEN'] },
  { code: 'TRN', userName: 'TRAINER', name: 'Tessa Rijnders', jobTitle: 'Trainer / applicatiebeheerder', mail: 'trainer', extension: '99', teams: [] },
];

/** The documented demo password (web-service access key) of a user: `demo-` + user name in lower case. */
export function demoAccessKey(userName: string): string {
  return `demo-${userName.toLowerCase()}`;
}

// ---- salutations (Aanhefcodes) ----

export const DEMO_LANGUAGE_CODE = 'NLD';

/** Name parts of a formula, in %1..%5 order (SalutationNamePart names). */
type Part = 'Initials' | 'MiddleName' | 'Surname';

export interface DemoSalutation {
  code: string;
  description: string;
  formal: [text: string, parts: Part[]];
  informal: [text: string, parts: Part[]];
}

export const DEMO_SALUTATIONS: DemoSalutation[] = [
  {
    code: 'DHR',
    description: 'De heer',
    formal: ['Geachte heer %1 %2,', ['MiddleName', 'Surname']],
    informal: ['Beste meneer %1 %2,', ['MiddleName', 'Surname']],
  },
  {
    code: 'MEVR',
    description: 'Mevrouw',
    formal: ['Geachte mevrouw %1 %2,', ['MiddleName', 'Surname']],
    informal: ['Beste mevrouw %1 %2,', ['MiddleName', 'Surname']],
  },
  {
    code: 'DHRMEVR',
    description: 'De heer/mevrouw',
    formal: ['Geachte heer/mevrouw %1 %2,', ['MiddleName', 'Surname']],
    informal: ['Beste heer/mevrouw %1 %2,', ['MiddleName', 'Surname']],
  },
  {
    code: 'BLANCO',
    description: 'Blanco (bedrijf of onbekende lezer, zonder naam)',
    formal: ['Geachte heer/mevrouw,', []],
    informal: ['Beste heer/mevrouw,', []],
  },
  {
    code: 'ERVEN',
    description: 'De erven van (overleden contractant)',
    formal: ['De erven van %1 %2 %3', ['Initials', 'MiddleName', 'Surname']],
    informal: ['De erven van %1 %2 %3', ['Initials', 'MiddleName', 'Surname']],
  },
];

// ---- roles ----

export const DEMO_ROLES = [
  { code: 'CONTRACT', description: 'Contractant' },
  { code: 'MEDECONTR', description: 'Mede-contractant' },
  { code: 'INWONER', description: 'Inwoner' },
  { code: 'CONTACTP', description: 'Contactpersoon' },
  { code: 'KIND', description: 'Inwonend kind' },
] as const;

export type DemoRoleCode = (typeof DEMO_ROLES)[number]['code'];

export const DEMO_BUSINESS_RELATIONS = [
  { code: 'KLANT', description: 'Klant (huurder)' },
  { code: 'LEV', description: 'Leverancier' },
  { code: 'WZ', description: 'Woningzoekende' },
  { code: 'ZORG', description: 'Zorg- en welzijnspartner' },
] as const;

// ---- interaction groups and templates ----

export const DEMO_INTERACTION_GROUPS = [
  { code: 'TELEFOON', description: 'Telefonisch contact' },
  { code: 'EMAIL', description: 'E-mail' },
  { code: 'BALIE', description: 'Bezoek aan de balie' },
  { code: 'BRIEF', description: 'Brief en post' },
  { code: 'PORTAAL', description: 'Klantportaal' },
  { code: 'WHATSAPP', description: 'WhatsApp' },
  { code: 'KLACHT', description: 'Klachten' },
  { code: 'MELDING', description: 'Meldingen (reparatie, overlast)' },
  { code: 'VERZOEK', description: 'Verzoeken (betalingsregeling, huuropzegging)' },
  { code: 'INTERN', description: 'Interne notities' },
] as const;

export interface DemoTemplate {
  code: string;
  group: (typeof DEMO_INTERACTION_GROUPS)[number]['code'];
  description: string;
  flow: InformationFlow;
  initiatedBy: InitiatedBy;
  unitCost: number;
  unitDuration: number;
  portal: boolean;
  task?: {
    team: DemoTeamCode;
    description: string;
    type?: TaskType;
    priority: TaskPriority;
    /** Due date from the interaction's date. */
    dateFormula: string;
  };
}

const IN = InformationFlow.Inbound;
const OUT = InformationFlow.Outbound;
const THEM = InitiatedBy.Them;
const US = InitiatedBy.Us;

/**
 * Interaction templates (Interactiesjablonen). Empire's own list is not
 * public (empire-nl.md §5.2): these are illustrative. Correspondence Type
 * (Default) is blank for all: an Email default would make BC demand an
 * attachment when the interaction is logged.
 */
export const DEMO_TEMPLATES: DemoTemplate[] = [
  { code: 'TEL-IN', group: 'TELEFOON', description: 'Telefoon inkomend', flow: IN, initiatedBy: THEM, unitCost: 3.5, unitDuration: 6, portal: true },
  { code: 'TEL-UIT', group: 'TELEFOON', description: 'Telefoon uitgaand (terugkoppeling)', flow: OUT, initiatedBy: US, unitCost: 3.5, unitDuration: 5, portal: true },
  {
    code: 'TERUGBEL',
    group: 'TELEFOON',
    description: 'Terugbelverzoek',
    flow: IN,
    initiatedBy: THEM,
    unitCost: 2,
    unitDuration: 3,
    portal: false,
    task: { team: 'KCC', description: 'Klant terugbellen', type: TaskType.PhoneCall, priority: TaskPriority.High, dateFormula: '<1D>' },
  },
  { code: 'EMAIL-IN', group: 'EMAIL', description: 'E-mail ontvangen', flow: IN, initiatedBy: THEM, unitCost: 2, unitDuration: 8, portal: true },
  { code: 'EMAIL-UIT', group: 'EMAIL', description: 'E-mail verzonden', flow: OUT, initiatedBy: US, unitCost: 2, unitDuration: 8, portal: true },
  { code: 'BALIE', group: 'BALIE', description: 'Baliebezoek', flow: IN, initiatedBy: THEM, unitCost: 6, unitDuration: 15, portal: true },
  { code: 'BRIEF-IN', group: 'BRIEF', description: 'Brief ontvangen', flow: IN, initiatedBy: THEM, unitCost: 3, unitDuration: 10, portal: true },
  { code: 'BRIEF-UIT', group: 'BRIEF', description: 'Brief verzonden', flow: OUT, initiatedBy: US, unitCost: 4.5, unitDuration: 15, portal: true },
  { code: 'PORTAAL', group: 'PORTAAL', description: 'Bericht via klantportaal', flow: IN, initiatedBy: THEM, unitCost: 1, unitDuration: 5, portal: true },
  { code: 'WHATSAPP', group: 'WHATSAPP', description: 'WhatsApp-bericht', flow: IN, initiatedBy: THEM, unitCost: 1.5, unitDuration: 4, portal: true },
  {
    code: 'KLACHT',
    group: 'KLACHT',
    description: 'Klacht registreren',
    flow: IN,
    initiatedBy: THEM,
    unitCost: 5,
    unitDuration: 10,
    portal: true,
    // About 10 working days (empire-nl.md §5.3); CalcDate has no weekday terms, so 14 calendar days.
    task: { team: 'KLACHTEN', description: 'Klacht beoordelen en afhandelen', priority: TaskPriority.High, dateFormula: '<14D>' },
  },
  {
    code: 'OVERLAST',
    group: 'MELDING',
    description: 'Melding overlast',
    flow: IN,
    initiatedBy: THEM,
    unitCost: 4,
    unitDuration: 10,
    // Reports about neighbours stay off the portal.
    portal: false,
    task: { team: 'LEEFBAAR', description: 'Overlastmelding beoordelen', priority: TaskPriority.Normal, dateFormula: '<5D>' },
  },
  {
    code: 'REPARATIE',
    group: 'MELDING',
    description: 'Reparatieverzoek',
    flow: IN,
    initiatedBy: THEM,
    unitCost: 3.5,
    unitDuration: 8,
    portal: true,
    task: { team: 'ONDERHOUD', description: 'Reparatieverzoek inplannen', priority: TaskPriority.Normal, dateFormula: '<3D>' },
  },
  {
    code: 'BETREGEL',
    group: 'VERZOEK',
    description: 'Verzoek betalingsregeling',
    flow: IN,
    initiatedBy: THEM,
    unitCost: 4,
    unitDuration: 10,
    portal: false,
    task: { team: 'INCASSO', description: 'Betalingsregeling beoordelen', priority: TaskPriority.High, dateFormula: '<5D>' },
  },
  {
    code: 'HUUROPZ',
    group: 'VERZOEK',
    description: 'Huuropzegging',
    flow: IN,
    initiatedBy: THEM,
    unitCost: 4,
    unitDuration: 10,
    portal: true,
    task: { team: 'VERHUUR', description: 'Huuropzegging verwerken', priority: TaskPriority.Normal, dateFormula: '<7D>' },
  },
  { code: 'NOTITIE', group: 'INTERN', description: 'Interne notitie', flow: InformationFlow.Blank, initiatedBy: US, unitCost: 0, unitDuration: 0, portal: false },
];

// ---- households ----

/** M = man (DHR), V = vrouw (MEVR), X = unknown/other (DHRMEVR). */
export type Gender = 'M' | 'V' | 'X';

export interface DemoPerson {
  initials: string;
  firstName: string;
  middleName: string;
  surname: string;
  gender: Gender;
  birthDate: string;
  role: DemoRoleCode;
}

export interface DemoHousehold {
  /** Stable handle for the contact moments below. */
  key: string;
  /** What a user types in Straat: postcode + number (+ letter/addition), no spaces. */
  address: string;
  /** Customers (klanten) get a Customer; the others are contacts only. */
  kind: 'customer' | 'applicant' | 'supplier' | 'partner';
  /** Company name for a household without persons, or a company with a contact person. */
  companyName?: string;
  persons: DemoPerson[];
  /** Aanhefcode of the household when it is not the first contractant's. */
  salutation?: string;
  /** A household without a landline / without e-mail (phone and mail are made up, see demo.ts). */
  landline?: boolean;
  noEmail?: boolean;
}

function p(
  initials: string,
  firstName: string,
  middleName: string,
  surname: string,
  gender: Gender,
  birthDate: string,
  role: DemoRoleCode = 'CONTRACT',
): DemoPerson {
  return { initials, firstName, middleName, surname, gender, birthDate, role };
}

/** 31 tenant households (klanten), in customer-number order K000001…K000031. */
export const DEMO_CUSTOMER_HOUSEHOLDS: DemoHousehold[] = [
  {
    key: 'VANDERBERG',
    address: '7391AB5',
    kind: 'customer',
    landline: true,
    persons: [
      p('J.P.', 'Jan Pieter', 'van der', 'Berg', 'M', '1956-04-12'),
      p('M.', 'Marianne', '', 'Smit', 'V', '1958-11-03', 'MEDECONTR'),
    ],
  },
  { key: 'DEVRIES', address: '7391BA2-3', kind: 'customer', landline: true, persons: [p('A.', 'Anneke', 'de', 'Vries', 'V', '1949-02-27')] },
  {
    key: 'YILMAZ',
    address: '7391BD14A',
    kind: 'customer',
    persons: [
      p('M.', 'Mehmet', '', 'Yilmaz', 'M', '1978-06-30'),
      p('A.', 'Ayşe', '', 'Kaya', 'V', '1981-01-19', 'MEDECONTR'),
      p('E.', 'Emre', '', 'Yilmaz', 'M', '2004-09-08', 'INWONER'),
    ],
  },
  { key: 'JANSEN', address: '7391BE20A2', kind: 'customer', persons: [p('S.', 'Sanne', '', 'Jansen', 'V', '1990-07-15')] },
  {
    key: 'BAKKER',
    address: '7391BE22B1',
    kind: 'customer',
    landline: true,
    noEmail: true,
    persons: [
      p('H.W.', 'Hendrik Willem', '', 'Bakker', 'M', '1944-10-02'),
      p('G.', 'Geertruida', 'de', 'Jong', 'V', '1946-03-21', 'MEDECONTR'),
    ],
  },
  {
    key: 'RAMDIN',
    address: '7391AG12A',
    kind: 'customer',
    persons: [
      p('R.', 'Ravi', '', 'Ramdin', 'M', '1983-12-05'),
      p('S.', 'Shanti', '', 'Sewtahal', 'V', '1986-05-28', 'MEDECONTR'),
    ],
  },
  {
    key: 'DEGROOT',
    address: '7391AG12',
    kind: 'customer',
    persons: [p('P.', 'Petra', 'de', 'Groot', 'V', '1971-08-09'), p('L.', 'Lotte', 'de', 'Groot', 'V', '2009-04-17', 'KIND')],
  },
  {
    key: 'ELIDRISSI',
    address: '7391BG7',
    kind: 'customer',
    persons: [
      p('K.', 'Karim', '', 'El Idrissi', 'M', '1975-03-11'),
      p('F.', 'Fatima', '', 'Benali', 'V', '1979-10-24', 'MEDECONTR'),
      p('Y.', 'Yasmina', '', 'El Idrissi', 'V', '2010-06-02', 'KIND'),
    ],
  },
  { key: 'VISSER', address: '7391BG12', kind: 'customer', persons: [p('T.', 'Thomas', '', 'Visser', 'M', '1995-01-30')] },
  {
    key: 'VANLEEUWEN',
    address: '7391BK3',
    kind: 'customer',
    landline: true,
    noEmail: true,
    // The sole contractant has died: the roles stay, the household is addressed to his heirs (WI-BK).
    salutation: 'ERVEN',
    persons: [p('W.J.M.', 'Wilhelmus Johannes Maria', 'van', 'Leeuwen', 'M', '1938-05-14')],
  },
  {
    key: 'HOEKSTRA',
    address: '7391CC14',
    kind: 'customer',
    persons: [
      p('E.', 'Eva', '', 'Hoekstra', 'V', '1988-02-08'),
      p('D.', 'Dirk', '', 'Postma', 'M', '1987-09-19', 'MEDECONTR'),
    ],
  },
  { key: 'MULDER', address: '7395AC10A', kind: 'customer', landline: true, persons: [p('G.', 'Gerrit', '', 'Mulder', 'M', '1952-12-01')] },
  {
    key: 'VANTHOF',
    address: '7395AB21',
    kind: 'customer',
    landline: true,
    persons: [
      p('B.', 'Bart', "van 't", 'Hof', 'M', '1969-07-07'),
      p('I.', 'Ingrid', '', 'Brouwer', 'V', '1970-11-13', 'MEDECONTR'),
    ],
  },
  {
    key: 'CELIK',
    address: '7395AH4',
    kind: 'customer',
    persons: [p('N.', 'Nur', '', 'Çelik', 'V', '1992-04-25'), p('A.', 'Ali', '', 'Çelik', 'M', '1990-08-14', 'MEDECONTR')],
  },
  {
    key: 'DEKKER',
    address: '7395AG9',
    kind: 'customer',
    landline: true,
    persons: [
      p('C.A.', 'Cornelis Adrianus', '', 'Dekker', 'M', '1961-06-18'),
      p('J.', 'Johanna', '', 'Vos', 'V', '1963-02-02', 'MEDECONTR'),
    ],
  },
  {
    key: 'PETERS',
    address: '7391BH9A',
    kind: 'customer',
    persons: [
      p('L.', 'Linda', '', 'Peters', 'V', '1984-10-10'),
      p('M.', 'Milan', '', 'Peters', 'M', '2008-12-22', 'KIND'),
      p('S.', 'Sophie', '', 'Peters', 'V', '2012-03-05', 'KIND'),
    ],
  },
  { key: 'TERHORST', address: '7391BJ6', kind: 'customer', persons: [p('F.', 'Frank', 'ter', 'Horst', 'M', '1966-01-26')] },
  {
    key: 'WOUTERS',
    address: '7395AE4',
    kind: 'customer',
    landline: true,
    persons: [
      p('A.M.', 'Astrid Marleen', '', 'Wouters', 'V', '1959-09-09'),
      p('R.', 'Rob', '', 'Wouters', 'M', '1957-04-04', 'MEDECONTR'),
    ],
  },
  { key: 'HADDOU', address: '7391CA3-1', kind: 'customer', persons: [p('D.', 'Driss', '', 'Haddou', 'M', '1972-11-29')] },
  {
    key: 'VANDAM',
    address: '7391CA3-2',
    kind: 'customer',
    persons: [p('S.', 'Sven', 'van', 'Dam', 'M', '1998-05-03'), p('N.', 'Noa', '', 'Koster', 'V', '1999-08-27', 'MEDECONTR')],
  },
  {
    key: 'SCHOUTEN',
    address: '7395AJ2',
    kind: 'customer',
    landline: true,
    noEmail: true,
    persons: [p('M.C.', 'Margaretha Cornelia', '', 'Schouten', 'V', '1941-01-16')],
  },
  {
    key: 'BOATENG',
    address: '7391CC8',
    kind: 'customer',
    persons: [
      p('R.', 'Richard', '', 'Boateng', 'M', '1980-03-14'),
      p('A.', 'Abena', '', 'Boateng', 'V', '1982-07-21', 'MEDECONTR'),
      p('K.', 'Kwame', '', 'Boateng', 'M', '2005-10-30', 'INWONER'),
    ],
  },
  {
    key: 'VANDERMEER',
    address: '7391CB33',
    kind: 'customer',
    persons: [
      p('E.', 'Erik', 'van der', 'Meer', 'M', '1976-02-12'),
      p('B.', 'Bianca', '', 'Prins', 'V', '1977-06-06', 'MEDECONTR'),
    ],
  },
  { key: 'SMITS', address: '7391BB8-5', kind: 'customer', persons: [p('H.', 'Hanneke', '', 'Smits', 'V', '1993-09-01')] },
  {
    key: 'TIMMERMANS',
    address: '7391BC21',
    kind: 'customer',
    landline: true,
    persons: [
      p('P.J.', 'Pieter Jan', '', 'Timmermans', 'M', '1950-08-08'),
      p('W.', 'Wilma', '', 'Kuipers', 'V', '1952-05-19', 'MEDECONTR'),
    ],
  },
  { key: 'KOWALSKI', address: '7391BB10-2', kind: 'customer', persons: [p('O.', 'Oskar', '', 'Kowalski', 'M', '1987-03-27')] },
  {
    key: 'DEWIT',
    address: '7391BK11',
    kind: 'customer',
    persons: [p('D.', 'Demi', 'de', 'Wit', 'V', '2000-01-08'), p('J.', 'Joost', '', 'Bos', 'M', '1999-11-11', 'INWONER')],
  },
  {
    key: 'VERBEEK',
    address: '7391AC18',
    kind: 'customer',
    landline: true,
    persons: [
      p('A.', 'Arjen', '', 'Verbeek', 'M', '1968-10-15'),
      p('M.', 'Monique', '', 'Verbeek', 'V', '1970-12-24', 'MEDECONTR'),
      p('T.', 'Tim', '', 'Verbeek', 'M', '2009-07-31', 'KIND'),
    ],
  },
  { key: 'HUISMAN', address: '7391BE20B3', kind: 'customer', persons: [p('L.', 'Lieke', '', 'Huisman', 'V', '1997-06-20')] },
  {
    key: 'VEENSTRA',
    address: '7395AC4',
    kind: 'customer',
    landline: true,
    persons: [
      p('G.H.', 'Gerard Hendrik', '', 'Veenstra', 'M', '1947-03-03'),
      p('T.', 'Trijntje', '', 'Dijkstra', 'V', '1949-09-29', 'MEDECONTR'),
    ],
  },
  // Gender unknown / not registered: De heer/mevrouw.
  { key: 'BAARS', address: '7395AG15', kind: 'customer', persons: [p('R.', 'Robin', '', 'Baars', 'X', '1994-02-14')] },
];

/** Contacts that are not klanten: a woningzoekende, a supplier without persons, a care partner with a contact person. */
export const DEMO_OTHER_CONTACTS: DemoHousehold[] = [
  { key: 'JACOBS', address: '7391CB27BIS', kind: 'applicant', persons: [p('M.', 'Mark', '', 'Jacobs', 'M', '1991-09-23')] },
  { key: 'VANOMMEN', address: '7392HK8', kind: 'supplier', companyName: 'Installatiebedrijf Van Ommen', landline: true, persons: [] },
  {
    key: 'WIJKTEAM',
    address: '7391CA1',
    kind: 'partner',
    companyName: 'Wijkteam Lindeveld',
    landline: true,
    persons: [p('I.', 'Iris', '', 'Kramer', 'V', '1985-05-05', 'CONTACTP')],
  },
];

// ---- contact moments already logged ----

export interface DemoContactMoment {
  /** Working days before the seed moment, and the local time. */
  daysAgo: number;
  time: string;
  /** Who logged it (user name of a DEMO_EMPLOYEES row). */
  user: string;
  /** Household key; a klant is logged on the customer, another contact on the contact. */
  household: string;
  template: string;
  note: string;
  /** What happened to the task afterwards (path 2 of the work process). */
  taken?: { daysAgo: number; time: string; user: string; note: string; complete?: { feedbackTemplate: string; feedbackNote: string } };
}

/**
 * Twelve contact moments over the last two weeks (plus the feedback call that
 * finishes the payment-arrangement task): questions answered at once
 * (path 1), questions with a task for a team (path 2, one of them finished
 * with feedback, one taken by an employee), and a complaint for KLACHTEN
 * (path 3). Open team tasks: KCC, ONDERHOUD, KLACHTEN, LEEFBAAR.
 */
export const DEMO_CONTACT_MOMENTS: DemoContactMoment[] = [
  {
    daysAgo: 9,
    time: '09:12',
    user: 'ANNE',
    household: 'VANDERBERG',
    template: 'TEL-IN',
    note: 'Vraagt wanneer de jaarlijkse huurverhoging ingaat. Uitgelegd: per 1 juli; de brief met het nieuwe huurbedrag volgt uiterlijk eind april.',
  },
  {
    daysAgo: 8,
    time: '10:41',
    user: 'ANNE',
    household: 'JANSEN',
    template: 'BETREGEL',
    note: 'Heeft een huurachterstand van twee maanden na baanverlies en vraagt om een betalingsregeling. Kan ongeveer 150 euro per maand extra betalen.',
    taken: {
      daysAgo: 7,
      time: '11:05',
      user: 'KARIN',
      note: 'Regeling afgesproken: 6 maandelijkse termijnen van 140 euro naast de huur, eerste termijn per 1 februari. Bevestiging per brief verstuurd.',
      complete: {
        feedbackTemplate: 'TEL-UIT',
        feedbackNote: 'Klant gebeld: betalingsregeling van 6 termijnen van 140 euro bevestigd. Klant akkoord, bevestigingsbrief is onderweg.',
      },
    },
  },
  {
    daysAgo: 6,
    time: '14:20',
    user: 'CHANTAL',
    household: 'DEVRIES',
    template: 'EMAIL-IN',
    note: 'Vraagt of zij haar scootmobiel in de gemeenschappelijke berging mag stallen. Beantwoord: ja, in de scootmobielruimte met laadpunt; sleutel af te halen bij de balie.',
  },
  {
    daysAgo: 5,
    time: '08:47',
    user: 'BRAM',
    household: 'YILMAZ',
    template: 'REPARATIE',
    note: 'Keukenkraan lekt, druppelt continu ook als hij dicht staat. Huurder is bereikbaar na 15.00 uur.',
  },
  {
    daysAgo: 4,
    time: '13:33',
    user: 'ANNE',
    household: 'KOWALSKI',
    template: 'HUUROPZ',
    note: 'Zegt de huur op per 1 maart i.v.m. verhuizing voor werk. Wil een schriftelijke bevestiging en een afspraak voor de voorinspectie.',
    taken: {
      daysAgo: 3,
      time: '09:02',
      user: 'ESTHER',
      note: 'Opzegging ontvangen en gecontroleerd. Voorinspectie wordt ingepland in week 6.',
    },
  },
  {
    daysAgo: 3,
    time: '10:15',
    user: 'CHANTAL',
    household: 'RAMDIN',
    template: 'KLACHT',
    note: 'Klaagt dat de reparatie van de mechanische ventilatie al twee keer is uitgesteld zonder bericht vooraf. Heeft twee keer vrij genomen. Wil dat dit nu wordt opgelost en een reactie van de corporatie.',
  },
  {
    daysAgo: 2,
    time: '11:48',
    user: 'DAAN',
    household: 'JACOBS',
    template: 'TEL-IN',
    note: 'Woningzoekende vraagt naar de wachttijd voor een eengezinswoning in Lindeveld. Uitgelegd: gemiddeld ruim 4 jaar; verwezen naar de inschrijving bij de regionale woonruimteverdeling.',
  },
  {
    daysAgo: 2,
    time: '15:26',
    user: 'BRAM',
    household: 'VANDAM',
    template: 'OVERLAST',
    note: "Meldt geluidsoverlast van de bovenburen, vooral 's nachts in het weekend. Heeft er zelf al twee keer met hen over gesproken, zonder resultaat.",
  },
  {
    daysAgo: 1,
    time: '09:30',
    user: 'HAMZA',
    household: 'VANOMMEN',
    template: 'EMAIL-UIT',
    note: 'Werkopdracht verstuurd: vervangen keukenkraan Beukenstraat 14A. Graag contact opnemen met de huurder voor een afspraak na 15.00 uur.',
  },
  {
    daysAgo: 1,
    time: '10:05',
    user: 'ANNE',
    household: 'VANDERMEER',
    template: 'TERUGBEL',
    note: "Wil teruggebeld worden over de afrekening servicekosten: begrijpt de post 'schoonmaak trappenhuis' niet. Liefst tussen 12.00 en 13.00 uur.",
  },
  {
    daysAgo: 1,
    time: '14:52',
    user: 'BRAM',
    household: 'HUISMAN',
    template: 'WHATSAPP',
    note: 'Vraagt wanneer het groenonderhoud rond het Populierenplein is. Beantwoord: de hovenier komt in maart; snoeiafval wordt dezelfde dag afgevoerd.',
  },
  {
    daysAgo: 1,
    time: '16:10',
    user: 'CHANTAL',
    household: 'SCHOUTEN',
    template: 'BALIE',
    note: 'Mevrouw kwam langs met haar dochter om te vragen of er een extra trapleuning kan komen. Uitgelegd dat dit via de Wmo bij de gemeente loopt; folder meegegeven.',
  },
];
