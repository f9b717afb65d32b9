// The web client's screenshots for the README and docs/pages.md, taken along the work instruction in Chromium:
//   npx ts-node-transpile-only test/browser/screenshots.ts [directory]      (default: docs/screenshots)
// It starts its own embedded simulator and stops it again.
import fs from 'node:fs';
import path from 'node:path';
import { startSimulator } from '../../src/index';
import { launchChromium, SCREENSHOT_DIR, Trainee } from './LibraryBrowser';
import { Instruction } from './LibraryInstruction';

async function main(dir: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const running = await startSimulator();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
    const trainee = new Trainee(page, running.url);
    const wi = new Instruction(trainee, page);
    const shot = (name: string) => page.screenshot({ path: path.join(dir, name) });

    await trainee.login('ANNE');
    await shot('rolcentrum.png');
    await wi.searchPage('Contacten');
    await wi.search('Berg');
    await shot('contacten-zoeken.png');
    await wi.menu('Nieuw', '+ Nieuw');
    await wi.tabThrough('Nr.');
    await wi.type('Initialen', 'K.');
    await wi.type('Tussenvoegsels', 'de');
    await wi.type('Achternaam', 'Wit');
    await wi.type('Straat', '7391AG12A');
    await wi.type('Telefoonnr.', '0571-123456');
    await page.locator('.action-bar summary', { hasText: 'Navigeren' }).click();
    await page.getByRole('menuitem', { name: 'Contact', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Bedrijf', exact: true }).click();
    await shot('contactkaart.png');
    await page.keyboard.press('Escape');
    await wi.menu('+ Nieuw', 'Interactie via sjabloon');
    await page.getByRole('button', { name: 'Sjabloon standaardwaarden: Waarde kiezen' }).click();
    await shot('opzoeklijst.png');
    await page.getByRole('cell', { name: 'TERUGBEL', exact: true }).click();
    await trainee.idle();
    await wi.type('Notitie', 'Vraagt of de tuinschutting vervangen wordt.');
    await shot('interactie-aanmaken.png');
    await wi.click('Voltooien');

    await trainee.login('BRAM');
    await wi.searchPage('Teams');
    await trainee.row('KCC');
    await wi.menu('Navigeren', 'Taken');
    await shot('team-taken.png');
    const first = (await trainee.rows())[0];
    await trainee.row(first.slice(0, 8));
    await wi.click('Bewerken');
    await wi.choose('Status', 'In uitvoering');
    await wi.lookup('Medewerker', 'BJA');
    await shot('bevestiging.png');
    await trainee.answer('Ja');
    await trainee.close();
    await wi.searchPage('Verkopers/inkopers');
    await wi.search('Bram');
    await trainee.row('Bram Jansen');
    await wi.menu('Navigeren', 'Taken');
    await wi.type('Notities', 'Schutting staat voor april op de planning.');
    await shot('taakkaart.png');
  } finally {
    await browser.close();
    await running.stop();
  }
}

main(process.argv[2] ?? SCREENSHOT_DIR).catch((err) => {
  // eslint-disable-next-line no-console
  console.error(err);
  process.exit(1);
});
