// [FEATURE] [Web client] [Training] the trainer's console and the klantportaal view, in headless Chromium.
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { InteractionLogEntry } from '../../entities';
import { createClass, CreatedTrainee, TraineeAtWork } from '../library/LibraryTraining';
import { chromiumSuite, describeBrowser } from './ChromiumSuite';
import { SCREENSHOT_DIR, TAKE_SCREENSHOTS, Trainee } from './LibraryBrowser';

describeBrowser("the trainer's console in Chromium", () => {
  let page: Page;
  const suite = chromiumSuite({
    viewport: { width: 1500, height: 900 },
    timeoutMs: 15_000,
    acceptDownloads: true,
    onPage: (p) => (page = p),
  });

  const cell = (user: string, step: string) => page.locator(`tr[data-trainee="${user}"] td.step[data-step="${step}"]`);
  const score = (user: string) => page.locator(`tr[data-trainee="${user}"] td.score`);

  test('a class of 5 from the console; two trainees at work; their progress and mistakes live; reset of one; the CSV', async () => {
    // The trainer signs in to the web client and opens the console from the top bar.
    const trainer = new Trainee(page, suite.running.url);
    await trainer.login('TRAINER');
    await page.click('[data-console]');
    await page.waitForSelector('#new-class');

    await page.fill('#class-code', 'KLAS5');
    await page.fill('#class-description', 'Afhandelen contactmoment, december');
    await page.fill('#class-trainees', '5');
    await page.selectOption('#class-caption-set', '000');
    await page.click('#create-class');
    await page.waitForSelector('#trainee-keys tr[data-key-for="KLAS5-05"]', { timeout: 120_000 });
    const keys = await page.$$eval('#trainee-keys tr[data-key-for]', (rows) => rows.map((r) => ({ userName: (r as HTMLElement).dataset.keyFor!, key: r.querySelector('.key')!.textContent! })));
    expect(keys.map((k) => k.userName)).toEqual(['KLAS5-01', 'KLAS5-02', 'KLAS5-03', 'KLAS5-04', 'KLAS5-05']);
    expect(await page.locator('tr[data-trainee]').count()).toBe(5);
    expect(await score('KLAS5-01').textContent()).toBe('0/9');
    await page.waitForSelector('.live[data-mode="stream"]');
    // A marker on the window: if the page reloaded, it is gone.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

    const trainees = await Promise.all(
      keys.map(async (k) => {
        const company = (await suite.running.sim.listCompanies()).find((c) => c.name === k.userName)!;
        return { userName: k.userName, fullName: '', accessKey: k.key, company: company.name, companyId: company.systemId, salespersonCode: k.userName } as CreatedTrainee;
      }),
    );
    const [one, two] = trainees.map((t) => new TraineeAtWork(suite.running.url, t));

    // Trainee 1 does path 2 by the book and path 1.
    const contact = await one.createContact('Wit', '7391AG12A');
    await page.waitForSelector('tr[data-trainee="KLAS5-01"] td.step[data-step="contact"][data-status="done"]');
    const { taskNumber } = await one.logMoment(contact.id, { templateCode: 'TERUGBEL', note: 'Vraagt of de tuinschutting vervangen wordt.' });
    await one.takeTask(taskNumber);
    await one.addNote(taskNumber, 'Schutting staat voor april op de planning.');
    await one.complete(taskNumber, { interactionTemplateCode: 'TEL-UIT', note: 'Klant gebeld: schutting in april.' });
    await one.logMomentForCustomer('K000001', { templateCode: 'TEL-IN', note: 'Vraagt naar de huurverhoging. Antwoord: per 1 juli.' });
    await page.waitForSelector('tr[data-trainee="KLAS5-01"] td.score[data-score="7/9"]');
    for (const step of ['contact', 'direct.moment', 'followUp.moment', 'followUp.taken', 'followUp.outcome', 'followUp.completed', 'followUp.feedback']) {
      expect(await cell('KLAS5-01', step).getAttribute('data-status')).toBe('done');
    }
    expect(await cell('KLAS5-01', 'complaint.moment').getAttribute('data-status')).toBe('open');

    // Trainee 2 works in the web client itself: a contact without an address (a mistake), in their own company.
    const page2 = await suite.browser.newPage({ viewport: { width: 1366, height: 860 } });
    try {
      await page2.goto(suite.running.url);
      await page2.waitForSelector('#login-user option', { state: 'attached' });
      await page2.selectOption('#login-user', 'KLAS5-02');
      await page2.fill('#login-key', trainees[1].accessKey);
      await page2.click('#login-submit');
      await page2.waitForSelector('.page-rolecenter');
      const t2 = new Trainee(page2, suite.running.url);
      await t2.idle();
      expect(await page2.locator('.topbar .company').textContent()).toContain('Cursist 02');
      // A trainee is no trainer: no console in their top bar.
      expect(await page2.locator('[data-console]').count()).toBe(0);
      await t2.link('+ Contact');
      await t2.field('Initialen', 'P.');
      await t2.field('Achternaam', 'Zonderadres');
      await t2.close();
    } finally {
      await page2.close();
    }
    // …and logs the question's task for the wrong team through the API.
    await two.logMomentForCustomer('K000002', { templateCode: 'TERUGBEL', teamCode: 'ONDERHOUD', note: 'Vraagt naar de planning.' });

    await page.waitForSelector('tr[data-trainee="KLAS5-02"] td.step[data-step="followUp.moment"][data-status="wrong"]');
    expect(await cell('KLAS5-02', 'contact').getAttribute('data-status')).toBe('wrong');
    const mistakes = await page.locator('tr[data-mistakes-of="KLAS5-02"] td.mistakes li').allTextContents();
    expect(mistakes).toEqual([
      expect.stringMatching(/^Contact aangemaakt met adres: CT\d+: geen adres/),
      expect.stringMatching(/^Contactmoment met taak voor het team: .*ging naar team ONDERHOUD, de vervolgactie hoort bij uw team KCC/),
    ]);
    expect(await score('KLAS5-03').textContent()).toBe('0/9');
    expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(42);
    await screenshot(page, 'trainersconsole.png');

    // The CSV, downloaded as the trainer does.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export-csv="KLAS5"]')]);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('KLAS5;KLAS5-01;Cursist 01;KLAS5-01;7;9;0;gedaan;');
    expect(csv).toMatch(/KLAS5;KLAS5-02;Cursist 02;KLAS5-02;\d;9;2;fout;/);

    // Reset of trainee 2: their row back to open, trainee 1's untouched, without a reload.
    page.once('dialog', (d) => void d.accept());
    await page.click('button[data-reset-trainee="KLAS5-02"]');
    await page.waitForSelector('tr[data-trainee="KLAS5-02"] td.step[data-step="contact"][data-status="open"]');
    expect(await page.locator('tr[data-trainee="KLAS5-02"] td.step[data-status="open"]').count()).toBe(9);
    expect(await score('KLAS5-01').textContent()).toBe('7/9');
    expect(await page.locator('tr[data-mistakes-of="KLAS5-02"] td.mistakes li').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(42);
    const left = await suite.running.sim.run(trainees[0].companyId, { userId: 'TEST' }, (s) => s.count(InteractionLogEntry, { userId: 'KLAS5-01' }));
    expect(left).toBe(3);
  }, 240_000);

  test('without the stream (a proxy that blocks it) the console polls, and still updates without a reload', async () => {
    const { trainees } = await createClass(suite.running.url, { code: 'POLL', trainees: 2 });
    await page.route('**/progress/stream', (route) => route.abort());
    await page.goto(`${suite.running.url}/console?klas=POLL`);
    await page.selectOption('#login-user', 'TRAINER');
    await page.fill('#login-key', 'demo-trainer');
    await page.click('#login-submit');
    await page.waitForSelector('.live[data-mode="poll"]');
    expect(await cell('POLL-02', 'contact').getAttribute('data-status')).toBe('open');
    await new TraineeAtWork(suite.running.url, trainees[1]).createContact('Gepeild', '7391AB5');
    await page.waitForSelector('tr[data-trainee="POLL-02"] td.step[data-step="contact"][data-status="done"]');
    expect(await cell('POLL-01', 'contact').getAttribute('data-status')).toBe('open');
  }, 120_000);

  test('the klantportaal shows the tenant only the contact moments with Toon in klantportaal', async () => {
    await suite.running.reset();
    const anne = new Trainee(page, suite.running.url);
    await anne.login('ANNE');
    await anne.link('Klanten');
    await anne.drill('K000003');
    await anne.action('Interactie via sjabloon');
    await anne.field('Sjabloon standaardwaarden', 'TEL-IN');
    expect(await anne.shown('Toon in klantportaal')).toBe('Ja');
    await anne.field('Notitie', 'Zichtbaar: vraagt naar de servicekosten, uitgelegd.');
    await anne.action('Voltooien');
    await anne.action('Interactie via sjabloon');
    await anne.field('Sjabloon standaardwaarden', 'TEL-IN');
    await anne.field('Toon in klantportaal', false);
    await anne.field('Notitie', 'Intern: klant klonk geïrriteerd.');
    await anne.action('Voltooien');

    await anne.action('Klantportaal');
    expect(await anne.title()).toContain('Klantportaal');
    const rows = await anne.rows();
    expect(rows.some((r) => r.includes('Zichtbaar: vraagt naar de servicekosten'))).toBe(true);
    expect(rows.some((r) => r.includes('Intern: klant klonk geïrriteerd'))).toBe(false);
    // No internal fields on the portal: no Medewerker, no Taaknr.
    const headers = await page.locator('main table thead th').allTextContents();
    expect(headers.join('|')).not.toMatch(/Medewerker|Taaknr/);
    await screenshot(page, 'klantportaal.png');
    await anne.close();
    await anne.action('Interactielogposten');
    const all = await anne.rows();
    expect(all.some((r) => r.includes('Intern: klant klonk geïrriteerd'))).toBe(true);

    // From the household's Contactkaart too.
    await anne.close();
    await anne.action('Contact (huishouden)');
    await anne.action('Klantportaal');
    expect((await anne.rows()).filter((r) => r.includes('Zichtbaar: vraagt naar de servicekosten'))).toHaveLength(1);
  }, 120_000);
});

async function screenshot(page: Page, name: string): Promise<void> {
  if (!TAKE_SCREENSHOTS) return;
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}`, fullPage: true });
}
