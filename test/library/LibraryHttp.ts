import type { Express } from 'express';
import request, { Test } from 'supertest';
import { DutchAddress, Role, Salutation } from '../../entities';
import { InformationFlow, InitiatedBy } from '../../entities/CRM/Interaction/InteractionEnums';
import { TaskPriority } from '../../entities/CRM/Task/TaskEnums';
import { createApp, AppOptions } from '../../src/http/app';
import { BUSINESS_USER_SET, SUPER } from '../../src/host/Permissions';
import type { Session } from '../../src/runtime/Session';
import { createInteractionTemplate, createSalesperson, createTeam, newTestCompany, TestCompany } from './LibraryMarketing';

/**
 * Test library for the HTTP façade: a fresh empty company in the file's
 * in-memory simulator (LibraryMarketing), a user who can authenticate, the
 * app over that simulator, and request helpers that send the Basic header.
 */
export interface HttpTestCompany extends TestCompany {
  app: Express;
  userName: string;
  accessKey: string;
  /** `Basic …` for userName / accessKey. */
  auth: string;
  /** `/api/v2.0/companies(<id>)`. */
  v2: string;
  /** `/api/empire/crm/v1.0/companies(<id>)`. */
  crm: string;
  get(path: string): Test;
  post(path: string, body?: unknown): Test;
  /** PATCH with If-Match (pass undefined to send none). */
  patch(path: string, body: unknown, etag: string | undefined): Test;
  delete(path: string, etag: string | undefined): Test;
  /** PUT (only the simulator controls use it; the API refuses PUT). */
  put(path: string, body: unknown): Test;
}

export const TEST_USER = 'TESTER';
export const TEST_KEY = 'test-key-123';
/** The salesperson "myself" is for TEST_USER (User Setup), once arrangeContactmomentSetup ran. */
export const MY_SALESPERSON = 'TST';

const apps = new WeakMap<object, Express>();

export async function newHttpCompany(options: AppOptions = {}): Promise<HttpTestCompany> {
  const tc = await newTestCompany();
  // The library's user administers the simulator (SUPER in all companies), as existing tests need; permission tests make their own users.
  await tc.sim.ensureUser({ userName: TEST_USER, fullName: 'Test User', webServiceAccessKey: TEST_KEY, language: 'en-US', permissions: [{ roleId: SUPER }] });
  let app = Object.keys(options).length ? undefined : apps.get(tc.sim);
  if (!app) {
    app = createApp(tc.sim, options);
    if (!Object.keys(options).length) apps.set(tc.sim, app);
  }
  const auth = basic(TEST_USER, TEST_KEY);
  const theApp = app;
  return {
    ...tc,
    app: theApp,
    userName: TEST_USER,
    accessKey: TEST_KEY,
    auth,
    v2: `/api/v2.0/companies(${tc.companyId})`,
    crm: `/api/empire/crm/v1.0/companies(${tc.companyId})`,
    get: (path) => request(theApp).get(path).set('Authorization', auth),
    post: (path, body) => {
      const t = request(theApp).post(path).set('Authorization', auth);
      return body === undefined ? t : t.send(body as object);
    },
    patch: (path, body, etag) => {
      const t = request(theApp).patch(path).set('Authorization', auth);
      if (etag !== undefined) t.set('If-Match', etag);
      return t.send(body as object);
    },
    put: (path, body) => request(theApp).put(path).set('Authorization', auth).send(body as object),
    delete: (path, etag) => {
      const t = request(theApp).delete(path).set('Authorization', auth);
      if (etag !== undefined) t.set('If-Match', etag);
      return t;
    },
  };
}

export function basic(user: string, key: string): string {
  return `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}`;
}

/** The BC error envelope's message without its `  CorrelationId:  <guid>.` tail. */
export function errorText(body: { error?: { message?: string } }): string {
  return (body.error?.message ?? '').replace(/ {2}CorrelationId: {2}[0-9a-f-]{36}\.$/, '');
}

/**
 * What the contactmoment process needs, built through the tables (as an
 * administrator would set it up): the tester's salesperson TST in team KCC
 * with BOB, team KLACHTEN (CARLA, DIRK), templates for a question with a
 * team task (VRAAG), the feedback (TERUGK), a question answered at once
 * (TEL-IN) and a complaint (KLACHT), roles, salutations and one street of
 * the postcode table (3011 AB Coolsingel 10, 12, 12A, 14-1/14-2).
 */
export async function arrangeContactmomentSetup(tc: TestCompany): Promise<void> {
  await tc.run(async (s) => {
    await createSalesperson(s, MY_SALESPERSON, 'Tess Tester', TEST_USER);
    await createSalesperson(s, 'BOB', 'Bob Jansen');
    await createTeam(s, 'KCC', [MY_SALESPERSON, 'BOB']);
    await createTeam(s, 'KLACHTEN', ['CARLA', 'DIRK']);
    await createInteractionTemplate(s, 'TEL-IN', {
      description: 'Telefoon inkomend',
      informationFlow: InformationFlow.Inbound,
      initiatedBy: InitiatedBy.Them,
      showInCustomerPortal: true,
    });
    await createInteractionTemplate(s, 'VRAAG', {
      description: 'Vraag met vervolgactie',
      createTask: true,
      teamCode: 'KCC',
      taskDescription: 'Vraag beantwoorden',
      taskPriority: TaskPriority.High,
      taskDateFormula: '<5D>',
    });
    await createInteractionTemplate(s, 'TERUGK', {
      description: 'Terugkoppeling',
      informationFlow: InformationFlow.Outbound,
      initiatedBy: InitiatedBy.Us,
    });
    await createInteractionTemplate(s, 'KLACHT', {
      description: 'Klacht registreren',
      group: 'KLACHT',
      createTask: true,
      teamCode: 'KLACHTEN',
      taskDescription: 'Klacht beoordelen',
      taskDateFormula: '<10D>',
    });
    for (const [code, description] of [
      ['CONTRACT', 'Contractant'],
      ['MEDECONTR', 'Medecontractant'],
    ]) {
      const r = s.create(Role);
      r.code = code;
      r.description = description;
      await r.insert(true);
    }
    for (const [code, description] of [
      ['DHR', 'De heer'],
      ['MEVR', 'Mevrouw'],
      ['BLANCO', 'Blanco'],
    ]) {
      const sal = s.create(Salutation);
      sal.code = code;
      sal.description = description;
      await sal.insert(true);
    }
    for (const [no, letter, addition] of [
      [10, '', ''],
      [12, '', ''],
      [12, 'A', ''],
      [14, '', '1'],
      [14, '', '2'],
    ] as const) {
      await addAddress(s, '3011AB', no, letter, addition, 'Coolsingel');
    }
  });
}

async function addAddress(s: Session, postCode: string, houseNo: number, letter: string, addition: string, street: string): Promise<void> {
  const a = s.create(DutchAddress);
  a.postCode = postCode;
  a.houseNo = houseNo;
  a.houseLetter = letter;
  a.houseNoAddition = addition;
  a.street = street;
  a.city = 'Rotterdam';
  a.municipality = 'Rotterdam';
  a.province = 'Zuid-Holland';
  await a.insert(true);
}


/** A user who works in the company only (D365 BUS FULL ACCESS there, no SUPER): what a trainee or an employee is. */
export async function createBusinessUser(tc: TestCompany, userName: string, key: string, language: 'en-US' | 'nl-NL' = 'en-US'): Promise<string> {
  const user = await tc.sim.ensureUser({ userName, fullName: userName, webServiceAccessKey: key, language });
  const company = tc.sim.company(tc.companyId).name;
  // The file's simulator is shared by its test companies: the user may exist already, with sets in other companies.
  if (!(await tc.sim.permissions.of(user)).canUse(company)) await tc.sim.permissions.assign(user, { roleId: BUSINESS_USER_SET, company });
  return basic(userName, key);
}
