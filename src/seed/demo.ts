import { BusinessRelation } from '../../entities/CRM/Contact/BusinessRelation.Table';
import { Contact } from '../../entities/CRM/Contact/Contact.Table';
import { ContactBusinessRelation } from '../../entities/CRM/Contact/ContactBusinessRelation.Table';
import { CorrespondenceType, LinkToTable } from '../../entities/CRM/Contact/ContactEnums';
import { InteractionGroup } from '../../entities/CRM/Interaction/InteractionGroup.Table';
import { InteractionTemplate } from '../../entities/CRM/Interaction/InteractionTemplate.Table';
import { MarketingSetup } from '../../entities/CRM/Setup/MarketingSetup.Table';
import { Salutation } from '../../entities/CRM/Setup/Salutation.Table';
import { SalutationFormula, SalutationNamePart, SalutationType } from '../../entities/CRM/Setup/SalutationFormula.Table';
import { TaskStatus } from '../../entities/CRM/Task/TaskEnums';
import { Todo } from '../../entities/CRM/Task/Todo.Table';
import { SalespersonPurchaser } from '../../entities/CRM/Team/SalespersonPurchaser.Table';
import { Team } from '../../entities/CRM/Team/Team.Table';
import { TeamSalesperson } from '../../entities/CRM/Team/TeamSalesperson.Table';
import { DutchAddress } from '../../entities/Empire/DutchAddress.Table';
import { Role } from '../../entities/Empire/Role.Table';
import { NoSeries } from '../../entities/Foundation/NoSeries.Table';
import { NoSeriesLine } from '../../entities/Foundation/NoSeriesLine.Table';
import { Customer } from '../../entities/Sales/Customer.Table';
import { SalesReceivablesSetup } from '../../entities/Sales/SalesReceivablesSetup.Table';
import { UserSetup } from '../../entities/System/UserSetup.Table';
import { CustContUpdate } from '../../codeunits/process/CustContUpdate.Codeunit';
import { DutchAddressLookup } from '../../codeunits/foundation/DutchAddressLookup.Codeunit';
import { EmpireContact } from '../../codeunits/process/EmpireContact.Codeunit';
import { EmpireInteraction } from '../../codeunits/process/EmpireInteraction.Codeunit';
import { Clock, localParts } from '../runtime/Clock';
import { DialogPort, ScriptedDialogs } from '../runtime/Dialogs';
import { Session } from '../runtime/Session';
import type { UserSpec } from '../host/Simulator';
import { BUSINESS_USER_SET, SUPER } from '../host/Permissions';
import { demoAddresses } from './demoAddresses';
import {
  DEMO_BUSINESS_RELATIONS,
  DEMO_CONTACT_MOMENTS,
  DEMO_CUSTOMER_HOUSEHOLDS,
  DEMO_EMAIL_DOMAIN,
  DEMO_EMPLOYEES,
  DEMO_INTERACTION_GROUPS,
  DEMO_LANGUAGE_CODE,
  DEMO_NO_SERIES,
  DEMO_OTHER_CONTACTS,
  DEMO_ROLES,
  DEMO_SALUTATIONS,
  DEMO_TEAMS,
  DEMO_TEMPLATES,
  DemoHousehold,
  DemoPerson,
  Gender,
  demoAccessKey,
  DEMO_COMPANY_NAME,
} from './demoData';
import { mulberry32 } from '../runtime/SeededRandom';

export { DEMO_COMPANY_DISPLAY_NAME, DEMO_COMPANY_NAME, demoAccessKey } from './demoData';

/** The demo user who administers the simulator: the corporation's application manager (SUPER in all companies). */
export const DEMO_ADMIN = 'TRAINER';

/**
 * The demo users: one per employee plus the trainer. Password (web-service
 * access key) = `demo-` + the user name in lower case, e.g. ANNE / demo-anne.
 * The employees work in the demo company (D365 BUS FULL ACCESS there); the
 * trainer is SUPER in every company.
 */
export const demoUsers: UserSpec[] = DEMO_EMPLOYEES.map((e) => ({
  userName: e.userName,
  fullName: e.name,
  webServiceAccessKey: demoAccessKey(e.userName),
  language: 'nl-NL',
  permissions: [e.userName === DEMO_ADMIN ? { roleId: SUPER } : { roleId: BUSINESS_USER_SET, company: DEMO_COMPANY_NAME }],
}));

/**
 * The demo company: "Stichting Woonpark Lindeveld", a FICTIONAL Dutch housing
 * corporation with ~30 tenant households, its teams and employees, Empire's
 * interaction templates, a postcode table and two weeks of contact moments.
 *
 * Everything is made through the real tables and codeunits (Insert(true),
 * Validate, Customer → household via CustCont-Update, persons via "Nieuw
 * persoon voor huishouden/bedrijf", contact moments via "Interactie via
 * sjabloon"), so the business rules run as they would for a user.
 *
 * Deterministic: no randomness but a fixed-seed generator, and every moment
 * is derived from the session's (frozen) clock, which the host sets to the
 * company's work date (src/host/SeedImages.ts): master data is "converted"
 * 20 working days before the seed moment, and each contact moment is logged
 * by a named employee at its own moment in the two weeks before it, so its
 * open tasks fall due in the days around the work date.
 */
export async function seedDemoCompany(session: Session): Promise<void> {
  const seed = new DemoSeeder(session);
  await seed.run();
}
seedDemoCompany.datedByWorkDate = true;

/** The data migration of the demo company runs this many working days before the seed moment. */
const CONVERSION_DAYS_AGO = 20;

class DemoSeeder {
  private readonly random = mulberry32(20260105);
  private readonly households = new Map<string, { contactNo: string; customerNo: string | null }>();

  constructor(private readonly session: Session) {}

  async run(): Promise<void> {
    const s = this.actAs('SEED', this.moment(CONVERSION_DAYS_AGO, '07:30'));
    await this.setup(s);
    await this.postcodeTable(s);
    await this.employees(s);
    await this.interactionTemplates(s);
    for (const h of DEMO_CUSTOMER_HOUSEHOLDS) await this.household(s, h);
    for (const h of DEMO_OTHER_CONTACTS) await this.household(s, h);
    await this.contactMoments();
  }

  // ---- setup ----

  private async setup(s: Session): Promise<void> {
    for (const ns of DEMO_NO_SERIES) {
      const series = s.create(NoSeries);
      series.code = ns.code;
      series.description = ns.description;
      series.defaultNos = true;
      await series.insert(true);
      const line = s.create(NoSeriesLine);
      line.seriesCode = ns.code;
      line.lineNo = 10000;
      await line.validate('startingNo', ns.startingNo);
      await line.insert(true);
    }

    for (const sal of DEMO_SALUTATIONS) {
      const rec = s.create(Salutation);
      rec.code = sal.code;
      rec.description = sal.description;
      await rec.insert(true);
      // Dutch under NLD, and under the blank language code: blank is the company's own language (Dutch),
      // used for contacts without a Language Code.
      for (const [languageCode, type, [text, parts]] of [DEMO_LANGUAGE_CODE, ''].flatMap(
        (language) =>
          [
            [language, SalutationType.Formal, sal.formal],
            [language, SalutationType.Informal, sal.informal],
          ] as const,
      )) {
        const f = s.create(SalutationFormula);
        await f.validate('salutationCode', sal.code);
        f.languageCode = languageCode;
        f.salutationType = type;
        await f.validate('salutation', text);
        const names = parts.map((part) => SalutationNamePart[part]);
        [f.name1, f.name2, f.name3, f.name4, f.name5] = [0, 1, 2, 3, 4].map((i) => names[i] ?? SalutationNamePart.Blank);
        await f.insert(true);
      }
    }

    for (const br of DEMO_BUSINESS_RELATIONS) {
      const rec = s.create(BusinessRelation);
      rec.code = br.code;
      rec.description = br.description;
      await rec.insert(true);
    }

    const marketing = s.create(MarketingSetup);
    await marketing.insert(true);
    await marketing.validate('contactNos', 'CONT');
    await marketing.validate('toDoNos', 'TAAK');
    await marketing.validate('busRelCodeForCustomers', 'KLANT');
    // DHRMEVR for both: a company without persons gets BLANCO by hand (werkinstructie, Aanmaken contact).
    await marketing.validate('defaultPersonSalutationCode', 'DHRMEVR');
    await marketing.validate('defCompanySalutationCode', 'DHRMEVR');
    await marketing.validate('defaultLanguageCode', DEMO_LANGUAGE_CODE);
    await marketing.validate('defaultCountryRegionCode', 'NL');
    await marketing.modify(true);

    const sales = s.create(SalesReceivablesSetup);
    await sales.insert(true);
    await sales.validate('customerNos', 'KLANT');
    await sales.modify(true);

    for (const r of DEMO_ROLES) {
      const role = s.create(Role);
      role.code = r.code;
      role.description = r.description;
      await role.insert(true);
    }
  }

  /**
   * The postcode table is imported, not typed (as Empire loads it from a
   * postcode file): complete rows inserted without triggers (one statement each).
   */
  private async postcodeTable(s: Session): Promise<void> {
    for (const a of demoAddresses()) {
      const rec = s.create(DutchAddress);
      Object.assign(rec, a);
      await rec.insert();
    }
  }

  private async employees(s: Session): Promise<void> {
    for (const t of DEMO_TEAMS) {
      const team = s.create(Team);
      team.code = t.code;
      team.name = t.name;
      await team.insert(true);
    }
    for (const e of DEMO_EMPLOYEES) {
      const sp = s.create(SalespersonPurchaser);
      sp.code = e.code;
      await sp.validate('name', e.name);
      await sp.validate('jobTitle', e.jobTitle);
      await sp.validate('eMail', `${e.mail}@${DEMO_EMAIL_DOMAIN}`);
      await sp.validate('phoneNo', `0571-20 03 ${e.extension}`);
      await sp.insert(true);

      const us = s.create(UserSetup);
      us.userId = e.userName;
      await us.validate('salespersPurchCode', e.code);
      await us.insert(true);

      for (const teamCode of e.teams) {
        const member = s.create(TeamSalesperson);
        await member.validate('teamCode', teamCode);
        await member.validate('salespersonCode', e.code);
        await member.insert(true);
      }
    }
  }

  private async interactionTemplates(s: Session): Promise<void> {
    for (const g of DEMO_INTERACTION_GROUPS) {
      const group = s.create(InteractionGroup);
      group.code = g.code;
      group.description = g.description;
      await group.insert(true);
    }
    for (const t of DEMO_TEMPLATES) {
      const rec = s.create(InteractionTemplate);
      rec.code = t.code;
      await rec.validate('interactionGroupCode', t.group);
      await rec.validate('description', t.description);
      await rec.validate('informationFlow', t.flow);
      await rec.validate('initiatedBy', t.initiatedBy);
      await rec.validate('unitCostLcy', t.unitCost);
      await rec.validate('unitDurationMin', t.unitDuration);
      await rec.validate('correspondenceTypeDefault', CorrespondenceType.Blank);
      await rec.validate('showInCustomerPortal', t.portal);
      await rec.validate('createTask', t.task !== undefined);
      if (t.task) {
        await rec.validate('teamCode', t.task.team);
        await rec.validate('taskDescription', t.task.description);
        await rec.validate('taskType', t.task.type ?? 0);
        await rec.validate('taskPriority', t.task.priority);
        await rec.validate('taskDateFormula', t.task.dateFormula);
      }
      await rec.insert(true);
    }
  }

  // ---- contacts ----

  /**
   * A klant: the Customer first (its household contact and business relation
   * come from CustCont-Update), then the household's name parts, address
   * (postcode + number typed in Straat) and communication details, then its
   * persons. Other contacts: the household/company contact itself.
   */
  private async household(s: Session, h: DemoHousehold): Promise<void> {
    const first = h.persons[0] as DemoPerson | undefined;
    const lookup = await new DutchAddressLookup(s).resolve(h.address);
    if (!lookup) throw new Error(`Demo address ${h.address} is not a postcode + house number`);
    const landline = h.landline ? this.landline() : '';
    const mobile = first && h.kind !== 'partner' && hasMobile(first) ? this.mobile() : '';
    const email = h.companyName ? `info@${slug(h.companyName)}.example` : first && !h.noEmail ? this.email(first) : '';

    let householdNo: string;
    let customerNo: string | null = null;
    if (h.kind === 'customer') {
      const customer = s.create(Customer);
      await customer.validate('name', first ? personName(first) : h.companyName!);
      await customer.validate('address', lookup.addressLine);
      await customer.validate('postCode', lookup.postCode);
      await customer.validate('city', lookup.city);
      await customer.validate('countryRegionCode', 'NL');
      await customer.validate('phoneNo', landline || mobile);
      await customer.validate('eMail', email);
      await customer.insert(true);
      customerNo = customer.no;
      const linked = await new CustContUpdate(s).linkedContact(customer.no);
      if (!linked) throw new Error(`Customer ${customer.no} got no household contact: is Bus. Rel. Code for Customers set?`);
      householdNo = linked.no;
    } else {
      // Contactkaart, Nieuw: Soort is Huishouden / Bedrijf by default.
      const created = s.create(Contact);
      await created.insert(true);
      householdNo = created.no;
    }

    // Every step reads the contact afresh: triggers of other records (business
    // relations, persons, the customer) may have modified it in between.
    const household = await s.get(Contact, householdNo);
    if (first && h.kind !== 'partner') {
      await household.validate('initials', first.initials, { fromPage: true });
      await household.validate('middleName', first.middleName, { fromPage: true });
      await household.validate('surname', first.surname, { fromPage: true });
    } else {
      await household.validate('surname', h.companyName!, { fromPage: true });
    }
    await household.validate('street', h.address, { fromPage: true });
    await household.validate('phoneNo', landline, { fromPage: true });
    await household.validate('mobilePhoneNo', mobile, { fromPage: true });
    await household.validate('eMail', email, { fromPage: true });
    // A household made from a customer skips the setup's defaults (SetSkipDefault): its language is set here.
    await household.validate('languageCode', DEMO_LANGUAGE_CODE, { fromPage: true });
    // Huishouden- / bedrijfsgegevens: the Aanhefcode is the first contractant's (BLANCO for a company).
    const salutationCode = h.salutation ?? (first && h.kind !== 'partner' ? salutationOf(first.gender) : 'BLANCO');
    await household.validate('salutationCode', salutationCode, { fromPage: true });
    await household.modify(true);

    const relation = { applicant: 'WZ', supplier: 'LEV', partner: 'ZORG', customer: null }[h.kind];
    if (relation) await this.addBusinessRelation(s, householdNo, relation);

    for (const [i, person] of h.persons.entries()) {
      await this.person(s, householdNo, h, person, i === 0 && person.role === 'CONTRACT');
    }
    this.households.set(h.key, { contactNo: householdNo, customerNo });
  }

  /** Nieuw persoon voor huishouden/bedrijf, then the person's name, own phone/e-mail and Persoonlijke gegevens. */
  private async person(s: Session, householdNo: string, h: DemoHousehold, p: DemoPerson, showFirst: boolean): Promise<void> {
    const created = await new EmpireContact(s).newPersonForHousehold(householdNo, p.role, showFirst);
    const contact = await s.get(Contact, created.no);
    await contact.validate('initials', p.initials, { fromPage: true });
    await contact.validate('firstName', p.firstName, { fromPage: true });
    if (contact.middleName !== p.middleName) await contact.validate('middleName', p.middleName, { fromPage: true });
    if (contact.surname !== p.surname) await contact.validate('surname', p.surname, { fromPage: true });
    if (p.role === 'KIND') {
      // Children keep the household's address and landline, not a parent's mobile or e-mail.
      await contact.validate('mobilePhoneNo', '', { fromPage: true });
      await contact.validate('eMail', '', { fromPage: true });
    } else if (!showFirst) {
      // Everyone but the first contractant (whose details are the household's) has a mobile and e-mail of their own.
      await contact.validate('mobilePhoneNo', hasMobile(p) ? this.mobile() : '', { fromPage: true });
      const email = h.companyName
        ? `${slug(p.firstName)}.${slug(p.middleName + p.surname)}@${slug(h.companyName)}.example`
        : h.noEmail
          ? ''
          : this.email(p);
      await contact.validate('eMail', email, { fromPage: true });
    }
    // Persoonlijke gegevens: Geboortedatum and Aanhefcode.
    await contact.validate('birthDate', p.birthDate, { fromPage: true });
    await contact.validate('salutationCode', salutationOf(p.gender), { fromPage: true });
    await contact.modify(true);
  }

  private async addBusinessRelation(s: Session, contactNo: string, code: string): Promise<void> {
    const rel = s.create(ContactBusinessRelation);
    await rel.validate('contactNo', contactNo);
    await rel.validate('businessRelationCode', code);
    rel.linkToTable = LinkToTable.Blank;
    await rel.insert(true);
    // Field 5086 follows the relations (BC does this in the relation's event subscribers).
    const contact = await s.get(Contact, contactNo);
    if (await contact.updateBusinessRelation()) await contact.modify(true);
  }

  // ---- contact moments ----

  /**
   * The contact moments of DEMO_CONTACT_MOMENTS in time order, each logged by
   * its employee at its moment through "Interactie via sjabloon"; tasks are
   * taken (Status In uitvoering, Medewerker = me, Ja) and finished (Status
   * Afgerond, no interaction from the prompt, then a feedback contact moment)
   * as the werkinstructie's "Afhandelen taak" describes.
   */
  private async contactMoments(): Promise<void> {
    type Step = { daysAgo: number; time: string; run: () => Promise<void> };
    const steps: Step[] = [];
    for (const cm of DEMO_CONTACT_MOMENTS) {
      const ref = { taskNo: '' };
      steps.push({
        daysAgo: cm.daysAgo,
        time: cm.time,
        run: async () => {
          const s = this.actAs(cm.user, this.moment(cm.daysAgo, cm.time));
          const { task } = await this.logContactMoment(s, cm.household, cm.template, cm.note);
          ref.taskNo = task?.no ?? '';
        },
      });
      const taken = cm.taken;
      if (!taken) continue;
      steps.push({
        daysAgo: taken.daysAgo,
        time: taken.time,
        run: async () => {
          if (ref.taskNo === '') throw new Error(`Demo contact moment ${cm.template} for ${cm.household} made no task`);
          await this.takeTask(cm.household, ref.taskNo, taken.daysAgo, taken.time, taken.user, taken.note, taken.complete);
        },
      });
    }
    steps.sort((a, b) => b.daysAgo - a.daysAgo || a.time.localeCompare(b.time));
    for (const step of steps) await step.run();
  }

  private async logContactMoment(s: Session, householdKey: string, templateCode: string, note: string) {
    const h = this.households.get(householdKey);
    if (!h) throw new Error(`Unknown demo household ${householdKey}`);
    const interaction = new EmpireInteraction(s);
    return h.customerNo
      ? interaction.fromCustomer(h.customerNo, { templateCode, note })
      : interaction.fromContact(h.contactNo, { templateCode, note });
  }

  private async takeTask(
    householdKey: string,
    taskNo: string,
    daysAgo: number,
    time: string,
    user: string,
    note: string,
    complete?: { feedbackTemplate: string; feedbackNote: string },
  ): Promise<void> {
    const employee = DEMO_EMPLOYEES.find((e) => e.userName === user);
    if (!employee) throw new Error(`Unknown demo user ${user}`);
    const dialogs = new ScriptedDialogs().expectConfirm('To-do.Text032', true);
    if (complete) dialogs.expectConfirm('To-do.Text004', false);
    const s = this.actAs(user, this.moment(daysAgo, time), dialogs);
    const task = await s.get(Todo, taskNo);
    await task.validate('status', TaskStatus.InProgress, { fromPage: true });
    await task.validate('salespersonCode', employee.code, { fromPage: true });
    await task.addComment(note);
    if (complete) {
      await task.validate('status', TaskStatus.Completed, { fromPage: true });
      await this.logContactMoment(s, householdKey, complete.feedbackTemplate, complete.feedbackNote);
    }
    dialogs.assertAllUsed();
  }

  // ---- moments, users and made-up details ----

  /** A session of the same transaction as another user at another (frozen) moment. */
  private actAs(userId: string, moment: Date, dialogs: DialogPort = new ScriptedDialogs()): Session {
    const base = this.session;
    const clock = new Clock({ frozenAt: moment, workDate: null, timeZone: base.clock.timeZone });
    return base.withUser(userId, dialogs, { clock });
  }

  /** `time` (local) on the working day `workingDaysAgo` before the seed moment's date. */
  private moment(workingDaysAgo: number, time: string): Date {
    const tz = this.session.clock.timeZone;
    const date = workingDaysBefore(localParts(this.session.clock.now(), tz).date, workingDaysAgo);
    return localToUtc(date, time, tz);
  }

  private landline(): string {
    return `0571-${this.digit(2, 8)}${this.digit()} ${this.digits(2)} ${this.digits(2)}`;
  }

  private mobile(): string {
    return `06-${this.digit(1, 5)}${this.digit()} ${this.digits(2)} ${this.digits(2)} ${this.digits(2)}`;
  }

  private email(p: DemoPerson): string {
    const domains = ['example.com', 'example.net', 'example.org'];
    const domain = domains[Math.floor(this.random() * domains.length)];
    return `${slug(p.firstName.split(' ')[0])}.${slug(p.middleName + p.surname)}@${domain}`;
  }

  private digit(min = 0, max = 9): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  private digits(n: number): string {
    return Array.from({ length: n }, () => this.digit()).join('');
  }
}

// ---- helpers ----

function salutationOf(gender: Gender): string {
  return gender === 'M' ? 'DHR' : gender === 'V' ? 'MEVR' : 'DHRMEVR';
}

function personName(p: DemoPerson): string {
  return [p.initials, p.middleName, p.surname].filter((x) => x !== '').join(' ');
}

/** Adults born after 1944 have a mobile phone (the demo's reference date is January 2026). */
function hasMobile(p: DemoPerson): boolean {
  return p.birthDate >= '1945-01-01' && p.birthDate <= '2008-01-01';
}

/** Lower-case letters and digits only, accents dropped: "van 't Hof" → "vanthof", "Çelik" → "celik". */
function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Fixed-date Dutch public holidays (month-day); the demo's contact moments skip them and weekends. */
const FIXED_HOLIDAYS = new Set(['01-01', '04-27', '12-25', '12-26']);

export function workingDaysBefore(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() - 1);
    const dow = d.getUTCDay();
    if (dow === 0 || dow === 6 || FIXED_HOLIDAYS.has(d.toISOString().slice(5, 10))) continue;
    left--;
  }
  return d.toISOString().slice(0, 10);
}

/** The UTC moment of a local date and time (`HH:MM`) in a time zone. */
export function localToUtc(date: string, time: string, timeZone: string): Date {
  const wanted = Date.parse(`${date}T${time}:00Z`);
  let guess = wanted;
  for (let i = 0; i < 2; i++) {
    const local = localParts(new Date(guess), timeZone);
    const shownAsUtc = Date.parse(`${local.date}T${local.time}Z`);
    guess += wanted - shownAsUtc;
  }
  return new Date(guess);
}
