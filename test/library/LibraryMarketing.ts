import { randomUUID } from 'node:crypto';
import {
  BusinessRelation,
  Contact,
  InteractionGroup,
  InteractionTemplate,
  MarketingSetup,
  NoSeries,
  NoSeriesLine,
  SalesReceivablesSetup,
  SalespersonPurchaser,
  SimulatorSetup,
  Team,
  TeamSalesperson,
  UserSetup,
} from '../../entities';
import { CorrespondenceType } from '../../entities/CRM/Contact/ContactEnums';
import { InformationFlow, InitiatedBy } from '../../entities/CRM/Interaction/InteractionEnums';
import { DialogPort, ScriptedDialogs } from '../../src/runtime/Dialogs';
import { Session } from '../../src/runtime/Session';
import { Simulator } from '../../src/host/Simulator';
import { seedEmptyCompany } from '../../src/seed/empty';
import { testDatabase } from '../db/testDatabase';

/**
 * Test library, named after BC's "Library - Marketing": each test builds its
 * own data in its own empty company through the real tables and codeunits.
 */
export interface TestCompany {
  sim: Simulator;
  companyId: string;
  /** Runs one operation (one transaction) as a user, with scripted dialog answers. */
  run<T>(fn: (s: Session) => Promise<T>, options?: { user?: string; dialogs?: DialogPort }): Promise<T>;
}

let shared: Simulator | null = null;

/**
 * One simulator per test file (in memory; with EMPIRE_SIM_TEST_DB=postgres in
 * schemas of the file's own, dropped on close); every call makes a fresh empty company.
 */
export async function newTestCompany(): Promise<TestCompany> {
  shared ??= await Simulator.start({ dataDir: null, seeds: { empty: seedEmptyCompany }, database: testDatabase() });
  const sim = shared;
  const company = await sim.createCompany(`T${randomUUID().slice(0, 8)}`, { seed: 'empty' });
  const tc: TestCompany = {
    sim,
    companyId: company.systemId,
    run: (fn, options = {}) =>
      sim.run(company.systemId, { userId: options.user ?? 'TESTER', dialogs: options.dialogs ?? new ScriptedDialogs() }, fn),
  };
  await tc.run(async (s) => {
    await freezeClock(s, '2026-03-02T09:15:30Z');
    await createMarketingSetup(s);
  });
  return tc;
}

export async function closeSharedSimulator(): Promise<void> {
  await shared?.close();
  shared = null;
}

/** Number series CONT/TAAK/KLANT, Marketing Setup and Sales Setup pointing at them, business relation KLANT. */
export async function createMarketingSetup(s: Session): Promise<void> {
  await createNoSeries(s, 'CONT', 'CT000001');
  await createNoSeries(s, 'TAAK', 'TD000001');
  await createNoSeries(s, 'KLANT', 'K000001');
  const setup = await s.get(MarketingSetup, '');
  setup.contactNos = 'CONT';
  setup.toDoNos = 'TAAK';
  setup.busRelCodeForCustomers = 'KLANT';
  await setup.modify();
  const rel = s.create(BusinessRelation);
  rel.code = 'KLANT';
  rel.description = 'Klant';
  await rel.insert();
  const sales = await s.get(SalesReceivablesSetup, '');
  sales.customerNos = 'KLANT';
  await sales.modify();
}

export async function freezeClock(s: Session, iso: string): Promise<void> {
  const setup = await s.get(SimulatorSetup, '');
  setup.frozenAt = new Date(iso);
  await setup.modify();
}

export interface NoSeriesLineOptions {
  incrementBy?: number;
  endingNo?: string;
  lastNoUsed?: string;
  /** NoSeriesImplementation; BC's default (Normal) when not given. */
  implementation?: number;
}

/**
 * LibraryNoSeries.CreateNoSeries + CreateNoSeriesLine: a series with Default Nos. and one line (10000), its
 * fields validated in BC's order with the Implementation last (on a Sequence line the validations make the
 * NumberSequence, codeunit 307).
 */
export async function createNoSeries(s: Session, code: string, startingNo: string, options: NoSeriesLineOptions = {}): Promise<NoSeries> {
  const series = s.create(NoSeries);
  series.code = code;
  series.description = code;
  series.defaultNos = true;
  await series.insert(true);
  const line = s.create(NoSeriesLine);
  line.seriesCode = code;
  line.lineNo = 10000;
  await line.validate('incrementByNo', options.incrementBy ?? 1);
  await line.validate('startingNo', startingNo);
  await line.validate('endingNo', options.endingNo ?? '');
  if (options.lastNoUsed) await line.validate('lastNoUsed', options.lastNoUsed);
  if (options.implementation !== undefined) await line.validate('implementation', options.implementation);
  await line.insert(true);
  return series;
}

export async function createSalesperson(s: Session, code: string, name = code, user?: string): Promise<SalespersonPurchaser> {
  const sp = s.create(SalespersonPurchaser);
  sp.code = code;
  sp.name = name;
  await sp.insert(true);
  if (user) {
    const us = s.create(UserSetup);
    us.userId = user.toUpperCase();
    await us.validate('salespersPurchCode', code);
    await us.insert(true);
  }
  return sp;
}

/** A team with its members (creating the salespeople that do not exist yet). */
export async function createTeam(s: Session, code: string, members: string[]): Promise<Team> {
  const team = s.create(Team);
  team.code = code;
  team.name = `Team ${code}`;
  await team.insert(true);
  for (const m of members) {
    if (!(await s.tryGet(SalespersonPurchaser, m))) await createSalesperson(s, m);
    const ts = s.create(TeamSalesperson);
    await ts.validate('teamCode', code);
    await ts.validate('salespersonCode', m);
    await ts.insert(true);
  }
  return team;
}

export async function createInteractionTemplate(
  s: Session,
  code: string,
  options: Partial<
    Pick<
      InteractionTemplate,
      | 'description'
      | 'createTask'
      | 'teamCode'
      | 'showInCustomerPortal'
      | 'taskDescription'
      | 'taskType'
      | 'taskPriority'
      | 'taskDateFormula'
      | 'unitCostLcy'
      | 'unitDurationMin'
      | 'informationFlow'
      | 'initiatedBy'
      | 'correspondenceTypeDefault'
    >
  > & { group?: string } = {},
): Promise<InteractionTemplate> {
  const groupCode = options.group ?? 'TELEFOON';
  if (!(await s.tryGet(InteractionGroup, groupCode))) {
    const g = s.create(InteractionGroup);
    g.code = groupCode;
    g.description = `Groep ${groupCode}`;
    await g.insert(true);
  }
  const t = s.create(InteractionTemplate);
  t.code = code;
  await t.validate('interactionGroupCode', groupCode);
  t.description = options.description ?? `Sjabloon ${code}`;
  t.informationFlow = options.informationFlow ?? InformationFlow.Inbound;
  t.initiatedBy = options.initiatedBy ?? InitiatedBy.Them;
  t.unitCostLcy = options.unitCostLcy ?? 0;
  t.unitDurationMin = options.unitDurationMin ?? 5;
  t.correspondenceTypeDefault = options.correspondenceTypeDefault ?? CorrespondenceType.Blank;
  t.showInCustomerPortal = options.showInCustomerPortal ?? false;
  t.createTask = options.createTask ?? false;
  if (options.teamCode) await t.validate('teamCode', options.teamCode);
  t.taskDescription = options.taskDescription ?? '';
  t.taskType = options.taskType ?? 0;
  if (options.taskPriority !== undefined) t.taskPriority = options.taskPriority;
  t.taskDateFormula = options.taskDateFormula ?? '';
  await t.insert(true);
  return t;
}

/** A household (Company contact) with Dutch name parts, as Aanmaken contact does. */
export async function createHousehold(s: Session, surname: string, initials = '', middleName = ''): Promise<Contact> {
  const c = s.create(Contact);
  await c.insert(true);
  if (initials) await c.validate('initials', initials, { fromPage: true });
  if (middleName) await c.validate('middleName', middleName, { fromPage: true });
  await c.validate('surname', surname, { fromPage: true });
  await c.modify(true);
  return c;
}

export function dialogs(): ScriptedDialogs {
  return new ScriptedDialogs();
}
