/// <reference lib="dom" />
import type { Locator, Page } from 'playwright-core';
import type { Trainee } from './LibraryBrowser';

const exact = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);

/**
 * A trainee who follows a work instruction to the letter: every locator is a word the instruction uses (a field's
 * label, a button's or menu's caption, a link on the Rolcentrum), found by its role and exact name as a person reads
 * the screen, never by an id or a class the instruction does not mention.
 */
export class Instruction {
  constructor(
    private readonly trainee: Trainee,
    private readonly page: Page,
  ) {}

  private scope(): Locator {
    return this.trainee.scope();
  }

  private idle(): Promise<void> {
    return this.trainee.idle();
  }

  /** "Navigeer via de zoekfunctionaliteit / het zoekveld naar <page>": Vertel me. */
  async searchPage(caption: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Vertel me', exact: true }).click();
    const tellMe = this.page.getByRole('dialog', { name: 'Vertel me', exact: true });
    await tellMe.getByRole('searchbox').fill(caption);
    await this.idle();
    await tellMe.getByRole('link', { name: caption, exact: true }).click();
    await this.idle();
  }

  /** "Klik op <link> op het Rolcentrum". */
  async link(caption: string): Promise<void> {
    await this.page.getByRole('link', { name: caption, exact: true }).click();
    await this.idle();
  }

  /** "Navigeren | Contact | Persoon → Persoonlijke gegevens": the group's menu, its submenus, the action. */
  async menu(group: string, ...path: string[]): Promise<void> {
    await this.scope().locator('.action-bar summary').filter({ hasText: exact(group) }).click();
    for (const item of path) await this.scope().getByRole('menuitem', { name: item, exact: true }).click();
    await this.idle();
  }

  /** "Klik op <button>". */
  async click(caption: string): Promise<void> {
    await this.scope().getByRole('button', { name: caption, exact: true }).click();
    await this.idle();
  }

  field(label: string): Locator {
    return this.scope().getByLabel(label, { exact: true });
  }

  /** Type in the field and leave it with Tab, as a user does. */
  async type(label: string, value: string): Promise<void> {
    const input = this.field(label);
    await input.fill(value);
    await input.press('Tab');
    await this.idle();
  }

  /** "Druk op Tab" in a field without typing. */
  async tabThrough(label: string): Promise<void> {
    await this.field(label).focus();
    await this.field(label).press('Tab');
    await this.idle();
  }

  /** "Selecteer in veld <label> de waarde <option>". */
  async choose(label: string, option: string): Promise<void> {
    await this.field(label).selectOption({ label: option });
    await this.idle();
  }

  async check(label: string, on: boolean): Promise<void> {
    await this.field(label).setChecked(on);
    await this.idle();
  }

  /** "Selecteer in veld <label> de code ...": the field's lookup list, the line of the code. */
  async lookup(label: string, code: string): Promise<void> {
    await this.scope().getByRole('button', { name: `${label}: Waarde kiezen`, exact: true }).click();
    const list = this.page.getByRole('dialog', { name: label, exact: true });
    await list.getByRole('row').filter({ has: this.page.getByRole('cell', { name: code, exact: true }) }).click();
    await this.idle();
  }

  /** "Zoek ... in de lijst": the list's search box. */
  async search(text: string): Promise<void> {
    const box = this.scope().getByRole('searchbox', { name: 'Zoeken', exact: true });
    await box.fill(text);
    await box.press('Enter');
    await this.idle();
  }

  /** "Klik op het Nr." of the row that shows the text. */
  async clickNo(rowText: string): Promise<void> {
    await this.scope().getByRole('row').filter({ hasText: rowText }).first().getByRole('link').click();
    await this.idle();
  }

  /** A field's value as shown; with a question open, on the page behind it. */
  async value(label: string): Promise<string> {
    const question = this.page.locator('.overlay .dialog-confirm');
    const where = (await question.count()) ? this.page.locator('main.content') : this.scope();
    return where.getByLabel(label, { exact: true }).inputValue();
  }

  async has(label: string): Promise<boolean> {
    return (await this.scope().locator('label').filter({ hasText: exact(label) }).count()) > 0;
  }

  async options(label: string): Promise<string[]> {
    return this.field(label).locator('option').allTextContents();
  }

  /** "op tabblad <name>". */
  async fastTab(name: string): Promise<boolean> {
    return (await this.scope().locator('.fasttab-title').filter({ hasText: exact(name) }).count()) > 0;
  }

  async dialogTitle(): Promise<string> {
    return (await this.page.locator('.overlay .dialog-title').last().textContent()) ?? '';
  }

  /** The label is shown whole (not cut off with an ellipsis). */
  async labelFits(label: string): Promise<boolean> {
    return this.scope()
      .locator('label')
      .filter({ hasText: exact(label) })
      .evaluate((el) => el.scrollWidth <= el.clientWidth && getComputedStyle(el).textOverflow !== 'ellipsis');
  }
}
