// [FEATURE] [Page sessions] [Dutch] — every error and question a Dutch page session shows in the process is Dutch,
// with Dutch captions inside, and is one of the texts listed in docs/dutch.md; the API keeps BC's English.
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { Contact, Todo } from '../../entities';
import { TaskSystemType } from '../../entities/CRM/Task/TaskEnums';
import type { PageView } from '../../src/pageSession/PageView';
import { allLabels, Label } from '../../src/runtime/Labels';
import { API_ONLY_LABEL_OBJECTS, dutchTemplate, labelsWithoutDutch, translateError } from '../../src/pageSession/Translations';
import { FieldValidationError } from '../../src/runtime/BcError';
import { fieldCaptionOf, keyText, tableCaptionOf } from '../../src/runtime/Captions';
import { tableMeta } from '../../src/runtime/Metadata';
import { PlatformText } from '../../src/runtime/PlatformErrors';
import { closeSharedSimulator } from '../library/LibraryMarketing';
import { errorText } from '../library/LibraryHttp';
import { newPagesCompany, PageClient, PagesTestCompany, Reply } from './LibraryPages';

afterAll(closeSharedSimulator);

/**
 * English words that have no place in a Dutch text. Not in the list: words Dutch shares (in, is, of, record,
 * contact, type, team, code, status, letters, e-mail, database, start) and the AL type names the runtime prints
 * in every language (Date, Option, Boolean, ...).
 */
const ENGLISH = [
  'must', 'the', 'value', 'values', 'cannot', "can't", 'field', 'fields', 'table', 'contains', 'exist', 'exists', 'already',
  'another', 'user', 'length', 'string', 'valid', 'specify', 'equal', 'current', 'evaluated', 'you', 'have', 'with',
  'does', 'found', 'related', 'please', 'enter', 'because', 'number', 'numbers', 'assign', 'delete', 'change', 'changed',
  'linked', 'members', 'task', 'tasks', 'interaction', 'entry', 'entries', 'salesperson', 'empty', 'zero',
  'identification', 'modified', 'retrieved', 'window', 'again', 'would', 'assigned', 'characters', 'name', 'surname',
  'initials', 'phone', 'mobile', 'address', 'completed', 'description', 'salutation', 'birth', 'no\\.', 'setup',
  'household', 'person', 'company', 'template', 'note', 'register', 'want', 'continue', 'close', 'do', 'and', 'not',
  'be', 'for', 'this', 'that', 'to', 'an', 'by', 'or',
];
const ENGLISH_RE = new RegExp(`(^|[^\\p{L}])(${ENGLISH.join('|')})(?=$|[^\\p{L}])`, 'iu');

/** Values typed in this test: Dutch or no words at all, so English in a text can only come from the simulator. */
const TYPED = { unknownCode: 'ONBEKEND', option: 'Onzin', date: 'geen-datum', boolean: 'misschien', number: 'xyz', email: 'geen-email', phone: '010-abc' };

interface Seen {
  where: string;
  text: string;
}

/** Every error and question the pages answered with, and the call that produced it. */
class Collector {
  readonly seen: Seen[] = [];

  async call(client: PageClient, sessionId: string, where: string, reply: Promise<Reply>, yes = false): Promise<Reply> {
    const r = await reply;
    expect({ where, status: r.status }).toEqual({ where, status: 200 });
    if (r.error) this.seen.push({ where, text: r.error.message });
    const dialog = r.view?.dialog;
    if (dialog?.kind === 'confirm') this.seen.push({ where: `${where} (question)`, text: dialog.text });
    // A question is answered No (or Yes, to reach the next one) and a modal page Cancel.
    if (dialog?.kind === 'confirm') return this.call(client, sessionId, `${where} → ${yes ? 'Ja' : 'Nee'}`, client.answer(sessionId, yes), yes);
    if (dialog?.kind === 'modal') return this.call(client, sessionId, `${where} → Annuleren`, client.answer(sessionId, 'Cancel'));
    return r;
  }

  set(client: PageClient, view: PageView, caption: string, value: unknown, yes = false): Promise<Reply> {
    return this.call(client, view.sessionId, `${view.caption} · ${caption} := ${JSON.stringify(value)}`, client.set(view.sessionId, caption, value), yes);
  }

  invoke(client: PageClient, view: PageView, action: string): Promise<Reply> {
    return this.call(client, view.sessionId, `${view.caption} · ${action}`, client.invoke(view.sessionId, action));
  }

  /** Each editable field of a card given the wrong values of its type: too long, unknown code, bad option/date/number/boolean. */
  async everyField(client: PageClient, view: PageView): Promise<void> {
    const fields = (view.groups ?? []).flatMap((g) => g.fields).filter((f) => f.editable && f.visible);
    expect(fields.length).toBeGreaterThan(0);
    for (const f of fields) {
      const bad: unknown[] = [];
      if (f.kind === 'Text' || f.kind === 'Code') {
        if (f.length) bad.push('X'.repeat(f.length + 1));
        if (f.kind === 'Code' && f.lookup) bad.push(TYPED.unknownCode);
        if (f.kind === 'Text') bad.push('a\u0000b', TYPED.email, TYPED.phone);
      } else if (f.kind === 'Option') bad.push(TYPED.option);
      else if (f.kind === 'Date') bad.push(TYPED.date);
      else if (f.kind === 'Boolean') bad.push(TYPED.boolean);
      else if (f.kind === 'Integer' || f.kind === 'Decimal') bad.push(TYPED.number);
      for (const value of bad) await this.set(client, view, f.caption, value);
    }
  }
}

/** A Dutch template as a pattern: the arguments may be anything. */
function templatePattern(template: string): RegExp {
  const body = template
    .split(/(%\d)/)
    .map((p) => (/^%\d$/.test(p) ? '[\\s\\S]*?' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

function labelOf(text: string): Label | undefined {
  // The most specific template first: "%1 %2 in %3 %4." matches nearly anything.
  const labels = allLabels()
    .filter((l) => !API_ONLY_LABEL_OBJECTS.includes(l.object) && dutchTemplate(l))
    .sort((a, b) => dutchTemplate(b)!.replace(/%\d/g, '').length - dutchTemplate(a)!.replace(/%\d/g, '').length);
  return labels.find((l) => templatePattern(dutchTemplate(l)!).test(text));
}

async function openCard(client: PageClient, page: string, recordId: string): Promise<PageView> {
  const r = await client.open(page, { recordId });
  expect(r.status).toBe(200);
  return r.view;
}

async function idOf(tc: PagesTestCompany, fn: (s: any) => Promise<{ systemId: string }>): Promise<string> {
  return tc.run(async (s) => (await fn(s)).systemId);
}

describe('a Dutch page session shows every text of the process in Dutch', () => {
  let tc: PagesTestCompany;
  const c = new Collector();

  beforeAll(async () => {
    tc = await newPagesCompany();
    const { tester, bob } = tc;

    // Contactkaart (a new household): each field, then the address and communication checks of step A5.
    const card = (await tester.open('Contact Card', { mode: 'new' })).view;
    await c.set(tester, card, 'Achternaam', 'Wit');
    await c.everyField(tester, card);
    await c.set(tester, card, 'Straat', '0000AA1');
    await c.set(tester, card, 'Straat', '3011AB');
    await c.set(tester, card, 'Straat', '3011AB99');
    await c.set(tester, card, 'Straat', '3011AB12Z');
    await c.set(tester, card, 'Telefoonnr.', '010-1234567');
    const household = (await tc.run((s) => s.find(Contact)))[0] as Contact;

    // Huishouden- / bedrijfsgegevens.
    const company = (await c.invoke(tester, card, 'CompanyDetails')).opened!;
    await c.everyField(tester, company);

    // Rollen: OK without a line, then a person with Persoonlijke gegevens.
    const asked = await tester.invoke(card.sessionId, 'NewPersonForHousehold');
    expect(asked.view.dialog?.kind).toBe('modal');
    const okEmpty = await tester.answer(card.sessionId, 'OK');
    if (okEmpty.error) c.seen.push({ where: 'Rollen · OK without a line', text: okEmpty.error.message });
    if (okEmpty.view.dialog?.kind === 'modal') {
      const roles = (okEmpty.view.dialog as any).modal as PageView;
      await tester.navigate(roles.sessionId, 'record', roles.rows![0].id);
      await tester.answer(card.sessionId, 'OK');
    }
    const person = (await tc.run((s) => s.find(Contact, { type: 1 })))[0] as Contact | undefined;
    if (person) {
      const personCard = await openCard(tester, 'Contact Card', person.systemId);
      await c.everyField(tester, personCard);
      const details = (await c.invoke(tester, personCard, 'PersonalDetails')).opened!;
      await c.everyField(tester, details);
    }

    // Interactie aanmaken: each field, Voltooien with what is missing, then a contact moment with a task for KCC.
    let popup = (await c.invoke(tester, card, 'InteractionFromTemplate')).opened!;
    await c.invoke(tester, popup, 'Finish');
    await c.everyField(tester, popup);
    await tester.close(popup.sessionId);
    popup = (await c.invoke(tester, card, 'InteractionFromTemplate')).opened!;
    await c.set(tester, popup, 'Sjabloon standaardwaarden', 'VRAAG');
    await c.invoke(tester, popup, 'Finish'); // no Notitie
    await c.set(tester, popup, 'Teamcode', '');
    await c.set(tester, popup, 'Notitie', 'Wil een extra sleutel.');
    await c.invoke(tester, popup, 'Finish'); // no Teamcode
    await c.set(tester, popup, 'Teamcode', 'KCC');
    await c.invoke(tester, popup, 'Finish');

    // The household has a contact moment now: its Soort cannot change.
    const again = await openCard(tester, 'Contact Card', household.systemId);
    await c.set(tester, again, 'Soort', 'Persoon');

    // Taakkaart: each field, Afgerond without Afgerond door, neither Medewerker nor Teamcode.
    const task = (await tc.run((s) => s.find(Todo, { systemToDoType: TaskSystemType.Team })))[0] as Todo;
    if (!task) throw new Error(`No team task was made; the pages said:\n${c.seen.map((x) => `${x.where}: ${x.text}`).join('\n')}`);
    const taskCard = await openCard(bob, 'Task Card', task.systemId);
    await c.everyField(bob, taskCard);
    await c.set(bob, taskCard, 'Status', 'Afgerond');
    await c.set(bob, taskCard, 'Teamcode', '');
    // The questions of taking and finishing a task (each answered Nee).
    await c.set(bob, taskCard, 'Medewerker', 'BOB');
    await c.set(bob, taskCard, 'Teamcode', 'KLACHTEN');
    await c.set(bob, taskCard, 'Afgerond door', 'BOB');
    await c.set(bob, taskCard, 'Status', 'Afgerond');
    await c.set(bob, taskCard, 'Afgerond door', 'BOB', true);

    // A record deleted under an open card.
    const gone = (await tester.open('Contact Card', { mode: 'new' })).view;
    await c.set(tester, gone, 'Achternaam', 'Weg');
    await tc.run(async (s) => {
      const contact = (await s.find(Contact, { surname: 'Weg' }))[0] as Contact;
      await contact.delete(true);
    });
    await c.set(tester, gone, 'Initialen', 'W.');
  }, 120000);

  test('the process produced the errors of each kind', () => {
    const kinds = new Set(c.seen.map((s) => labelOf(s.text)?.key));
    for (const key of [
      'Platform.StringLengthErr',
      'Platform.TableRelationErr',
      'Platform.EvaluateErr',
      'Platform.FieldErrorTextErr',
      'Platform.NulCharacterErr',
      'Mail Management.InvalidEmailAddressErr',
      'Segment Line.FieldNotFilledErr',
      'Contact.Text003',
      'To-do.Text029',
      'To-do.Text032',
      'To-do.TasksWillBeDeletedQst',
      'To-do.Text034',
      'To-do.Text004',
      'To-do.Text035',
      'Dutch Address.AddressNotFoundErr',
    ]) {
      expect({ key, seen: kinds.has(key) }).toEqual({ key, seen: true });
    }
  });

  test('no English is left in any of them', () => {
    const english = c.seen.filter((s) => ENGLISH_RE.test(s.text)).map((s) => `${s.where}: ${s.text} [${ENGLISH_RE.exec(s.text)![2]}]`);
    expect(english).toEqual([]);
  });

  test('each is one of the texts of docs/dutch.md', () => {
    const docs = fs.readFileSync(path.join(__dirname, '../../docs/dutch.md'), 'utf8');
    const unlisted = c.seen
      .map((s) => ({ ...s, label: labelOf(s.text) }))
      .filter((s) => !s.label || !docs.includes(`| ${s.label.key} |`))
      .map((s) => `${s.where}: ${s.text}`);
    expect(unlisted).toEqual([]);
  });

  test('step A5: the phone number with letters and the e-mail address, word for word', () => {
    const texts = c.seen.map((s) => s.text);
    expect(texts).toContainEqual(expect.stringMatching(/^Telefoonnr\. mag geen letters bevatten in Contact Nr\.='CT\d{6}'\.$/));
    expect(texts).toContain('Het e-mailadres "geen-email" is ongeldig.');
  });

  test('every label a page session can show has its Dutch', () => {
    expect(labelsWithoutDutch()).toEqual([]);
  });

  test("a page session call's own refusal is Dutch for a Dutch user, English when the client asks for English", async () => {
    const nl = await tc.bob.get('geen-sessie');
    expect(nl.status).toBe(404);
    expect(errorText(nl.body)).toBe("De paginasessie 'geen-sessie' bestaat niet of is verlopen.");
    const en = await tc.bob.get('geen-sessie', 'en-US');
    expect(errorText(en.body)).toBe("The page session 'geen-sessie' does not exist or has expired.");
  });

  test('opening a page in a company the user has no permission set in: refused in Dutch', async () => {
    const other = await tc.sim.createCompany(`Ander${Date.now() % 100000}`, { seed: 'empty' });
    const res = await request(tc.app)
      .post('/pages/sessions')
      .set('Authorization', tc.bob.auth)
      .send({ company: other.systemId, page: 'Contact List', language: 'nl-NL' });
    expect(res.status).toBe(403);
    expect(errorText(res.body)).toBe(`De huidige machtigingen hebben de actie verhinderd. (Bedrijf '${other.systemId}': de gebruiker heeft daarin geen machtigingenset)`);
  });

  test('the API keeps BC\'s English text for the same error', async () => {
    const contact = (await tc.run((s) => s.find(Contact)))[0] as Contact;
    const res = await request(tc.app)
      .patch(`${tc.crm}/contacts(${contact.systemId})`)
      .set('Authorization', tc.tester.auth)
      .set('If-Match', '*')
      .set('Accept-Language', 'nl-NL')
      .send({ phoneNumber: '010-abc' });
    expect(res.status).toBe(400);
    expect(errorText(res.body)).toMatch(/^Phone No\. must not contain letters in Contact No\.='CT\d{6}'\.$/);
  });
});

describe('the Dutch of an error follows the words a page shows', () => {
  test("a page session's own word for a field (a Caption Set's) replaces the table's Dutch caption inside the text", () => {
    const meta = tableMeta(Contact);
    const err = new FieldValidationError(PlatformText.testFieldBlank(fieldCaptionOf(meta.field('initials'), meta), tableCaptionOf(meta), keyText(meta, ['CT000001'], false)));
    expect(err.message).toBe('Initials must have a value in Contact: No.=CT000001. It cannot be zero or empty.');
    expect(translateError(err, 'nl-NL')).toBe('Initialen moet een waarde hebben in Contact: Nr.=CT000001. Het kan niet nul of leeg zijn.');
    const words = (f: { table: string; property: string }) => (f.table === 'Contact' && f.property === 'initials' ? 'Voorletters' : undefined);
    expect(translateError(err, 'nl-NL', words)).toBe('Voorletters moet een waarde hebben in Contact: Nr.=CT000001. Het kan niet nul of leeg zijn.');
    expect(translateError(err, 'en-US', words)).toBe(err.message);
  });
});
