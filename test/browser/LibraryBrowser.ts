/// <reference lib="dom" />
// The browser-side callbacks below run in Chromium, so this file (only) sees the DOM types.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';

/** Debian's chromium (never a downloaded browser); the tests skip without it. */
export const CHROMIUM = process.env.EMPIRE_SIM_CHROMIUM ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = fs.existsSync(CHROMIUM);
export const SCREENSHOT_DIR = path.join(__dirname, '../../docs/screenshots');
/** `EMPIRE_SIM_SCREENSHOTS=1 npx jest test/browser` refreshes docs/screenshots. */
export const TAKE_SCREENSHOTS = process.env.EMPIRE_SIM_SCREENSHOTS === '1';

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A trainee at the web client: every helper does what a person does (pick
 * from the login list, type and Tab, click an action by its caption, answer
 * a dialog) and waits until the client has the server's answer.
 */
export class Trainee {
  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async idle(): Promise<void> {
    await this.page.waitForFunction(() => document.body.dataset.busy === '0');
  }

  async login(user: string, lang: 'nl-NL' | 'en-US' = 'nl-NL'): Promise<void> {
    const signedIn = this.page.locator('[data-logout]');
    if (await signedIn.count()) await signedIn.click();
    else await this.page.goto(this.baseUrl);
    await this.page.evaluate((l) => localStorage.setItem('empire-sim.lang', l), lang);
    await this.page.waitForSelector('#login-user option', { state: 'attached' });
    await this.page.selectOption('#login-user', user);
    await this.page.fill('#login-key', `demo-${user.toLowerCase()}`);
    await this.page.click('#login-submit');
    await this.page.waitForSelector('.page-rolecenter');
    await this.idle();
  }

  /** Where the user works now: the topmost dialog, else the page. */
  scope(): Locator {
    return this.page.locator('.overlay .dialog, main.content').last();
  }

  /** The control of the field whose label reads exactly `caption` (an input, or the text of a read-only field). */
  control(caption: string): Locator {
    const label = this.page.locator('label', { hasText: new RegExp(`^${caption.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`) });
    return this.scope().locator('.field', { has: label }).locator('input, select, textarea, .ro').first();
  }

  async field(caption: string, value: string | boolean): Promise<void> {
    const input = this.control(caption);
    const tag = await input.evaluate((el) => `${el.tagName}:${(el as HTMLInputElement).type}`);
    if (tag.startsWith('SELECT')) await input.selectOption(String(value));
    else if (tag === 'INPUT:checkbox') await input.setChecked(value === true);
    else {
      await input.fill(String(value));
      await input.press('Tab');
    }
    await this.idle();
  }

  async shown(caption: string): Promise<string> {
    const el = this.control(caption);
    const tag = await el.evaluate((x) => x.tagName);
    if (tag === 'SPAN') return (await el.textContent()) ?? '';
    // A lookup shows its code; an option field its (Dutch) name, as the user reads it.
    if (tag === 'SELECT') return el.evaluate((x) => { const sel = x as HTMLSelectElement; return sel.dataset.lookup ? sel.value : (sel.options[sel.selectedIndex]?.text ?? ''); });
    if (await el.evaluate((x) => (x as HTMLInputElement).type === 'checkbox')) return (await el.isChecked()) ? 'Ja' : 'Nee';
    return el.inputValue();
  }

  /** An action by caption: on the action bar, or in its group menu (+ Nieuw, Navigeren, ...). */
  async action(caption: string): Promise<void> {
    const scope = this.scope();
    const onBar = scope.locator('.action-bar > button, .dialog-actions > button', { hasText: caption }).first();
    if ((await onBar.count()) && (await onBar.isVisible())) await onBar.click();
    else {
      // In its group's menu, maybe in a submenu (Navigeren | Contact | Persoon): open the menus around it.
      const item = scope.locator('.action-menu .menu button', { hasText: caption }).first();
      await item.evaluate((el) => {
        for (let d = el.closest('details'); d; d = d.parentElement?.closest('details') ?? null) d.open = true;
      });
      await item.click();
    }
    await this.idle();
  }

  async link(caption: string): Promise<void> {
    await this.page.locator('.rc-links a', { hasText: caption }).click();
    await this.idle();
  }

  async tellMe(search: string, result: string): Promise<void> {
    await this.page.click('[data-tell-me]');
    await this.page.fill('#tell-me-input', search);
    await this.idle();
    await this.page.locator('.tell-me-results a', { hasText: result }).first().click();
    await this.idle();
  }

  /** Click the row whose cells contain the text (a list or a modal page's lines). */
  async row(text: string): Promise<void> {
    await this.scope().locator('tr[data-row-id]', { hasText: text }).first().click();
    await this.idle();
  }

  async drill(text: string): Promise<void> {
    await this.scope().locator('tr[data-row-id]', { hasText: text }).first().locator('a[data-drill]').click();
    await this.idle();
  }

  async dialogText(): Promise<string> {
    return (await this.page.locator('.overlay .dialog .dialog-text').last().textContent()) ?? '';
  }

  async answer(button: string): Promise<void> {
    await this.page.locator('.overlay .dialog .dialog-actions').last().getByRole('button', { name: button, exact: true }).click();
    await this.idle();
  }

  async title(): Promise<string> {
    return (await this.scope().locator('.page-title, .dialog-title').first().textContent()) ?? '';
  }

  async close(): Promise<void> {
    await this.page.locator('main .page-header .close').click();
    await this.idle();
  }

  async rows(): Promise<string[]> {
    return this.scope().locator('tr[data-row-id]').allTextContents();
  }

  async screenshot(name: string): Promise<void> {
    if (!TAKE_SCREENSHOTS) return;
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await this.page.screenshot({ path: path.join(SCREENSHOT_DIR, name) });
  }
}
