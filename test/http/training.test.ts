// [FEATURE] [HTTP] [Training] — the trainer's console's endpoints: a class in one action, progress derived from each
// trainee's company data (mistakes too), reset of one trainee or the class, the CSV, the live stream, a restart.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { trainingRoutes } from '../../src/http/trainingRoutes';
import { RunningSimulator, startSimulator } from '../../src/index';
import { basic } from '../library/LibraryHttp';
import { call, createClass, CreatedTrainee, progressOf, stepOf, TraineeAtWork, TRAINER } from '../library/LibraryTraining';

let running: RunningSimulator;

beforeAll(async () => {
  running = await startSimulator();
}, 120_000);

afterAll(async () => {
  await running?.stop();
});

/** Trainee A does all three paths by the book; the feedback through Ja at Afgerond (seed 003). */
async function byTheBook(a: TraineeAtWork): Promise<void> {
  const contact = await a.createContact('Wit', '7391AG12A');
  const { taskNumber } = await a.logMoment(contact.id, { templateCode: 'TERUGBEL', note: 'Vraagt of de tuinschutting vervangen wordt.' });
  await a.takeTask(taskNumber);
  await a.addNote(taskNumber, 'Schutting staat voor april op de planning.');
  await a.complete(taskNumber, { interactionTemplateCode: 'TEL-UIT', note: 'Klant gebeld: schutting in april.' });
  await a.logMomentForCustomer('K000001', { templateCode: 'TEL-IN', note: 'Vraagt wanneer de huurverhoging ingaat. Antwoord: per 1 juli.' });
  await a.logMomentForCustomer('K000001', { templateCode: 'KLACHT', note: 'Klaagt over de lekkage.' });
}

describe('a class of trainees', () => {
  let trainees: CreatedTrainee[];
  const code = 'API1';

  beforeAll(async () => {
    const created = await createClass(running.url, { code, description: 'Klas API', trainees: 3, captionSet: '003' });
    trainees = created.trainees;
  }, 120_000);

  test('is made in one action: a user with a key, an own company (seed, caption set), a set there only, and the set-up to work', async () => {
    expect(trainees.map((t) => t.userName)).toEqual(['API1-01', 'API1-02', 'API1-03']);
    expect(new Set(trainees.map((t) => t.accessKey)).size).toBe(3);
    const company = await call(running.url, 'GET', `/_sim/companies/${trainees[0].companyId}`, TRAINER);
    expect(company.body).toMatchObject({ name: 'API1-01', seed: 'demo', captionSet: '003' });
    const user = await call(running.url, 'GET', '/_sim/users/API1-01', TRAINER);
    expect(user.body.permissions).toEqual([expect.objectContaining({ id: 'D365 BUS FULL ACCESS', company: 'API1-01' })]);
    // The key is shown once: the class read back has none.
    const cls = await call(running.url, 'GET', `/_sim/training/classes/${code}`, TRAINER);
    expect(JSON.stringify(cls.body)).not.toContain(trainees[0].accessKey);
    // Their salesperson is "myself" and a member of KCC, in their company.
    const me = new TraineeAtWork(running.url, trainees[0]);
    const members = await call(running.url, 'GET', `/api/empire/crm/v1.0/companies(${trainees[0].companyId})/teamMembers?$filter=salespersonCode eq 'API1-01'`, me.auth);
    expect(members.body.value.map((m: { teamCode: string }) => m.teamCode)).toEqual(['KCC']);
  });

  test("a trainee cannot see or touch another trainee's company; the console is the trainer's only", async () => {
    const [a, b] = trainees;
    const auth = basic(a.userName, a.accessKey);
    const own = await call(running.url, 'GET', '/_sim/companies', auth);
    expect(own.body.value.map((c: { name: string }) => c.name)).toEqual([a.company]);
    const read = await call(running.url, 'GET', `/api/empire/crm/v1.0/companies(${b.companyId})/contacts`, auth);
    expect(read.status).toBe(403);
    const write = await call(running.url, 'POST', `/api/empire/crm/v1.0/companies(${b.companyId})/contacts`, auth, { surname: 'Indringer' });
    expect(write.status).toBe(403);
    const page = await call(running.url, 'POST', '/pages/sessions', auth, { page: 'Contacten', company: b.companyId });
    expect(page.status).toBe(403);
    expect((await call(running.url, 'POST', `/_sim/companies/${b.companyId}/reset`, auth)).status).toBe(403);
    expect((await call(running.url, 'GET', `/_sim/training/classes/${code}/progress`, auth)).status).toBe(403);
    expect((await call(running.url, 'POST', `/_sim/training/classes/${code}/trainees/${b.userName}/reset`, auth)).status).toBe(403);
    const contacts = await call(running.url, 'GET', `/api/empire/crm/v1.0/companies(${b.companyId})/contacts?$filter=surname eq 'Indringer'`, TRAINER);
    expect(contacts.body.value).toEqual([]);
  });

  test('progress is derived from the data: one trainee by the book, one with mistakes, one who did nothing', async () => {
    const [a, b] = trainees.map((t) => new TraineeAtWork(running.url, t));
    await byTheBook(a);

    // B: a contact without an address, the question's task to the wrong team, then KCC's task completed without taking it.
    await b.createContact('Zonderadres');
    await b.logMomentForCustomer('K000002', { templateCode: 'TERUGBEL', teamCode: 'ONDERHOUD', note: 'Vraagt naar de planning.' });
    let p = await progressOf(running.url, code);
    expect(stepOf(p, 'API1-02', 'followUp.moment')).toMatchObject({ status: 'wrong', detail: expect.stringContaining('team ONDERHOUD') });
    const { taskNumber } = await b.logMomentForCustomer('K000002', { templateCode: 'TERUGBEL', note: 'Vraagt naar de planning.' });
    await b.completeAsTeam(taskNumber);
    await b.logMomentForCustomer('K000002', { templateCode: 'KLACHT', createTask: false, note: 'Klaagt over de buren.' });

    p = await progressOf(running.url, code);
    expect(p).toMatchObject({ code, captionSet: '003', teams: ['KCC'] });
    const pa = p.trainees.find((t: { userName: string }) => t.userName === 'API1-01');
    expect(pa.steps.map((s: { status: string }) => s.status)).toEqual(['done', 'done', 'done', 'done', 'done', 'done', 'done', 'done', 'done']);
    expect(pa).toMatchObject({ done: 9, total: 9, mistakes: 0 });
    expect(stepOf(p, 'API1-01', 'contact').detail).toMatch(/Molenweg 12A, 7391 AG/);
    expect(stepOf(p, 'API1-01', 'followUp.taken').detail).toContain('Medewerker API1-01');
    expect(stepOf(p, 'API1-01', 'followUp.outcome').detail).toContain('Schutting staat voor april');
    expect(stepOf(p, 'API1-01', 'followUp.feedback').detail).toContain('TEL-UIT');
    expect(stepOf(p, 'API1-01', 'complaint.handover').detail).toContain('team KLACHTEN');

    expect(stepOf(p, 'API1-02', 'contact')).toMatchObject({ status: 'wrong', detail: expect.stringContaining('geen adres') });
    expect(stepOf(p, 'API1-02', 'direct.moment').status).toBe('open');
    expect(stepOf(p, 'API1-02', 'followUp.moment').status).toBe('done');
    expect(stepOf(p, 'API1-02', 'followUp.taken')).toMatchObject({ status: 'wrong', detail: expect.stringContaining('zonder hem eerst in behandeling te nemen') });
    expect(stepOf(p, 'API1-02', 'followUp.outcome')).toMatchObject({ status: 'wrong', detail: expect.stringContaining('zonder de uitkomst') });
    expect(stepOf(p, 'API1-02', 'followUp.completed').status).toBe('done');
    expect(stepOf(p, 'API1-02', 'followUp.feedback').status).toBe('skipped');
    expect(stepOf(p, 'API1-02', 'complaint.moment')).toMatchObject({ status: 'wrong', detail: expect.stringContaining('Taak aanmaken stond uit') });
    expect(p.trainees[1]).toMatchObject({ mistakes: 4 });

    expect(p.trainees[2].steps.every((s: { status: string }) => s.status === 'open')).toBe(true);
  }, 60_000);

  test('the results as CSV: a row per trainee, a status and a detail per step', async () => {
    const res = await call(running.url, 'GET', `/_sim/training/classes/${code}/results.csv`, TRAINER);
    expect(res.status).toBe(200);
    const lines = res.text.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('Cursusgroep;Gebruiker;Naam;Bedrijf;Gedaan;Stappen;Fouten;Aanmaken contact – Contact aangemaakt met adres');
    expect(lines[1]).toMatch(/^API1;API1-01;Cursist 01;API1-01;9;9;0;gedaan;/);
    expect(lines[2]).toMatch(/^API1;API1-02;Cursist 02;API1-02;\d;9;4;fout;/);
  });

  test("reset of one trainee: their company back to the seed and set up again; the others' untouched", async () => {
    const before = await progressOf(running.url, code);
    const res = await call(running.url, 'POST', `/_sim/training/classes/${code}/trainees/API1-02/reset`, TRAINER);
    expect(res.status).toBe(204);
    const after = await progressOf(running.url, code);
    expect(after.trainees[1].steps.every((s: { status: string }) => s.status === 'open')).toBe(true);
    expect(after.trainees[0].steps).toEqual(before.trainees[0].steps);
    expect(after.trainees[2].steps).toEqual(before.trainees[2].steps);
    // B can work again at once: their salesperson, User Setup and team are back.
    const b = new TraineeAtWork(running.url, trainees[1]);
    const contact = await b.createContact('Opnieuw', '7391AB5');
    expect(stepOf(await progressOf(running.url, code), 'API1-02', 'contact').status).toBe('done');
    expect(contact.number).toBeTruthy();
  }, 60_000);

  test('the live stream sends the progress at once and again when a trainee changes something', async () => {
    const controller = new AbortController();
    const res = await fetch(`${running.url}/_sim/training/classes/${code}/progress/stream`, { headers: { authorization: TRAINER }, signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const events: any[] = [];
    let buffer = '';
    const next = async () => {
      for (;;) {
        const block = buffer.indexOf('\n\n');
        if (block >= 0) {
          const text = buffer.slice(0, block);
          buffer = buffer.slice(block + 2);
          const data = text.split('\n').find((l) => l.startsWith('data: '));
          if (data && text.includes('event: progress')) return JSON.parse(data.slice(6));
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += Buffer.from(value).toString('utf8');
      }
    };
    events.push(await next());
    expect(stepOf(events[0], 'API1-03', 'contact').status).toBe('open');
    await new TraineeAtWork(running.url, trainees[2]).createContact('Live', '7391AB5');
    events.push(await next());
    expect(stepOf(events[1], 'API1-03', 'contact').status).toBe('done');
    controller.abort();
  }, 30_000);

  test('reset of the whole class: every trainee back to the seed, each set up again', async () => {
    const before = await progressOf(running.url, code);
    expect(before.trainees.some((t: { steps: Array<{ status: string }> }) => t.steps.some((x) => x.status !== 'open'))).toBe(true);
    expect((await call(running.url, 'POST', `/_sim/training/classes/${code}/reset`, TRAINER)).status).toBe(204);
    const after = await progressOf(running.url, code);
    for (const t of after.trainees) expect(t.steps.every((x: { status: string }) => x.status === 'open')).toBe(true);
    for (const t of trainees) {
      const me = new TraineeAtWork(running.url, t);
      const members = await call(running.url, 'GET', `/api/empire/crm/v1.0/companies(${t.companyId})/teamMembers?$filter=salespersonCode eq '${t.userName}'`, me.auth);
      expect(members.body.value).toHaveLength(1);
    }
  }, 60_000);

  test('more mistakes: In uitvoering without Medewerker, a complaint taken instead of left with the team', async () => {
    const c = new TraineeAtWork(running.url, trainees[2]);
    const question = await c.logMomentForCustomer('K000004', { templateCode: 'TERUGBEL', note: 'Vraagt naar de sleutels.' });
    await c.patchTask(question.taskNumber, { status: 'In_x0020_Progress' });
    const complaint = await c.logMomentForCustomer('K000003', { templateCode: 'KLACHT', note: 'Klaagt over de lift.' });
    let p = await progressOf(running.url, code);
    expect(stepOf(p, 'API1-03', 'followUp.taken')).toMatchObject({ status: 'wrong', detail: expect.stringContaining('Medewerker is niet ingevuld') });
    expect(stepOf(p, 'API1-03', 'followUp.outcome').status).toBe('open');
    expect(stepOf(p, 'API1-03', 'complaint.handover')).toMatchObject({ status: 'done', detail: expect.stringContaining('team KLACHTEN') });
    await c.takeTask(complaint.taskNumber);
    p = await progressOf(running.url, code);
    expect(stepOf(p, 'API1-03', 'complaint.moment').status).toBe('done');
    expect(stepOf(p, 'API1-03', 'complaint.handover')).toMatchObject({ status: 'wrong', detail: expect.stringContaining('in behandeling genomen door uzelf') });
    // Taking the question's task afterwards puts that step right.
    await c.takeTask(question.taskNumber);
    expect(stepOf(await progressOf(running.url, code), 'API1-03', 'followUp.taken').status).toBe('done');
    // The feedback logged with an inbound template after completing it: not a feedback moment.
    await c.addNote(question.taskNumber, 'Sleutels liggen bij de balie.');
    await c.complete(question.taskNumber);
    await c.logMomentForCustomer('K000004', { templateCode: 'TEL-IN', note: 'Klant gebeld: sleutels liggen klaar.' });
    p = await progressOf(running.url, code);
    expect(stepOf(p, 'API1-03', 'followUp.feedback')).toMatchObject({ status: 'wrong', detail: expect.stringContaining('is inkomend') });
    await c.logMomentForCustomer('K000004', { templateCode: 'TEL-UIT', note: 'Klant teruggebeld.' });
    expect(stepOf(await progressOf(running.url, code), 'API1-03', 'followUp.feedback').status).toBe('done');
  }, 60_000);

  test('bad input is refused with BC envelopes and makes nothing', async () => {
    const users = (await call(running.url, 'GET', '/_sim/users', TRAINER)).body.value.length;
    expect((await call(running.url, 'POST', '/_sim/training/classes', TRAINER, { code: 'BAD CODE!', trainees: 2 })).status).toBe(400);
    expect((await call(running.url, 'POST', '/_sim/training/classes', TRAINER, { code: 'BAD', trainees: 0 })).status).toBe(400);
    expect((await call(running.url, 'POST', '/_sim/training/classes', TRAINER, { code: 'BAD', trainees: 2, colour: 'red' })).status).toBe(400);
    expect((await call(running.url, 'POST', '/_sim/training/classes', TRAINER, { code: 'BAD', trainees: 2, description: 'x'.repeat(101) })).status).toBe(400);
    expect((await call(running.url, 'POST', '/_sim/training/classes', TRAINER, { code: 'BAD', trainees: 1, names: ['n'.repeat(200)] })).status).toBe(400);
    expect((await call(running.url, 'POST', '/_sim/training/classes', TRAINER, { code: 'BAD', trainees: 1, seed: 'nope' })).status).toBe(400);
    expect((await call(running.url, 'POST', '/_sim/training/classes', TRAINER, { code: 'BAD', trainees: 1, teams: ['T'.repeat(300)] })).status).toBe(400);
    expect((await call(running.url, 'POST', '/_sim/training/classes', TRAINER, { code: 'BAD', trainees: 1.5 })).status).toBe(400);
    // An unknown team: the Team Code's table relation refuses it in the second step, and the whole class goes.
    const team = await call(running.url, 'POST', '/_sim/training/classes', TRAINER, { code: 'BAD', trainees: 2, teams: ['NOPE'] });
    expect(team.status).toBe(400);
    expect(team.body.error.message).toContain('NOPE');
    expect((await call(running.url, 'POST', '/_sim/training/classes', TRAINER, { code, trainees: 1 })).status).toBe(400);
    expect((await call(running.url, 'GET', '/_sim/training/classes/BAD', TRAINER)).status).toBe(404);
    expect((await call(running.url, 'GET', '/_sim/companies/BAD-01', TRAINER)).status).toBe(404);
    expect((await call(running.url, 'GET', '/_sim/users', TRAINER)).body.value.length).toBe(users);
  });
});

test('a class survives a restart (system tables), and deleting it removes its users and companies', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'empire-sim-training-'));
  try {
    let sim = await startSimulator({ dataDir });
    let created: { trainees: CreatedTrainee[] };
    try {
      created = await createClass(sim.url, { code: 'KEEP', trainees: 2, captionSet: '000' });
      await new TraineeAtWork(sim.url, created.trainees[0]).createContact('Blijft', '7391AB5');
    } finally {
      await sim.stop();
    }
    sim = await startSimulator({ dataDir });
    try {
      const p = await progressOf(sim.url, 'KEEP');
      expect(p.trainees.map((t: { userName: string }) => t.userName)).toEqual(['KEEP-01', 'KEEP-02']);
      expect(stepOf(p, 'KEEP-01', 'contact').status).toBe('done');
      const again = await call(sim.url, 'GET', '/_sim/companies', basic('KEEP-01', created.trainees[0].accessKey));
      expect(again.body.value.map((c: { name: string }) => c.name)).toEqual(['KEEP-01']);
      expect((await call(sim.url, 'DELETE', '/_sim/training/classes/KEEP', TRAINER)).status).toBe(204);
      expect((await call(sim.url, 'GET', '/_sim/users/KEEP-01', TRAINER)).status).toBe(404);
      expect((await call(sim.url, 'GET', '/_sim/companies/KEEP-02', TRAINER)).status).toBe(404);
    } finally {
      await sim.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 180_000);

test('every console endpoint is in the OpenAPI document with its methods (openapi.test.ts validates the document)', async () => {
  const doc = (await call(running.url, 'GET', '/_sim/openapi.json', TRAINER)).body;
  // The routes as Express has them, so an endpoint added without its documentation fails here.
  const router = trainingRoutes(running.sim);
  const routes = (router.stack as Array<{ route?: { path: string; methods: Record<string, boolean> } }>).flatMap((layer) =>
    layer.route ? Object.keys(layer.route.methods).map((m) => `${m} /_sim${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`) : [],
  );
  expect(routes.length).toBe(9);
  for (const route of routes) {
    const [method, path] = route.split(' ');
    expect([route, doc.paths[path]?.[method]?.operationId !== undefined]).toEqual([route, true]);
  }
});
