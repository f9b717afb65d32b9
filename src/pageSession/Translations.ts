import { BcError } from '../runtime/BcError';
import { allLabels, findLabel, Label, LabelText, Language, Localized, strSubstNo } from '../runtime/Labels';
import { allTables } from '../runtime/Metadata';
import { formatValue } from '../runtime/Format';

/**
 * The Dutch of the texts a Dutch page session shows that BC's runtime and base
 * app raise: the AL runtime's errors (labels of object "Platform",
 * src/runtime/PlatformErrors.ts) and the base-app labels of this process. The
 * one place where that Dutch lives; docs/dutch.md is generated from it.
 *
 * The nl-NL translation of BC's runtime and base app is not public
 * (bc-domain-spec §8: the xlf was not available), so each text says where its
 * Dutch comes from: `docs` where Microsoft's Dutch documentation quotes the
 * message (the file is named), `simulator` where the simulator wrote it. Labels
 * written for the simulator (Empire's, the page session's) carry their own `nl`
 * beside the English and are not repeated here. The API keeps BC's English.
 */
export interface DutchText {
  nl: string;
  source: 'docs' | 'simulator';
  /** For `docs`: the page of Microsoft's Dutch documentation (MicrosoftDocs/dynamics365smb-docs-pr.nl-nl) that quotes it. */
  where?: string;
}

const SHOPIFY = 'business-central/shopify/troubleshoot.md';
const SERVICE_ITEMS = 'business-central/service-how-to-create-service-items.md';

const sim = (nl: string): DutchText => ({ nl, source: 'simulator' });

export const DUTCH: Record<string, DutchText> = {
  // ---- the AL runtime ----
  'Platform.TestFieldBlankErr': {
    nl: '%1 moet een waarde hebben in %2: %3. Het kan niet nul of leeg zijn.',
    source: 'docs',
    where: `${SHOPIFY} ("Bedrijfsboekingsgroep moet een waarde hebben in Klant: … Het kan niet nul of leeg zijn")`,
  },
  'Platform.TestFieldValueErr': sim("%1 moet gelijk zijn aan '%2' in %3: %4. Huidige waarde is '%5'."),
  'Platform.FieldErrorBlankErr': sim('U moet %1 opgeven in %2 %3.'),
  'Platform.FieldErrorValueErr': sim('%1 mag niet %2 zijn in %3 %4.'),
  'Platform.FieldErrorTextErr': sim('%1 %2 in %3 %4.'),
  'Platform.RecordNotFoundErr': {
    nl: 'De %1 bestaat niet. Identificatievelden en waarden: %2',
    source: 'docs',
    where: `${SHOPIFY} ("de verkoopkoptekst bestaat niet. Identificatievelden en waarden: …")`,
  },
  'Platform.RecordExistsErr': sim('De record in tabel %1 bestaat al. Identificatievelden en waarden: %2'),
  'Platform.RecordChangedErr': sim(
    'Een andere gebruiker heeft de record voor deze %1 gewijzigd nadat u deze uit de database had opgehaald.\nVoer uw wijzigingen opnieuw in het bijgewerkte venster in of start de onderbroken activiteit opnieuw.',
  ),
  'Platform.TableRelationErr': {
    nl: 'Het veld %1 van tabel %2 bevat een waarde (%3) die niet kan worden gevonden in de gerelateerde tabel (%4).',
    source: 'docs',
    where: `${SERVICE_ITEMS} ("Het veld bevat een waarde die niet kan worden gevonden in de gerelateerde tabel."), with the runtime's field, table and value`,
  },
  'Platform.StringLengthErr': sim('De lengte van de tekenreeks is %1, maar deze mag maximaal %2 tekens zijn. Waarde: %3'),
  'Platform.EvaluateErr': sim('De waarde "%1" kan niet worden geëvalueerd naar het type %2.'),
  'Platform.NulCharacterErr': sim('De waarde van %1 in %2 bevat het teken NUL (U+0000), dat empire-sim niet opslaat.'),
  'Platform.NulCharacterNoTableErr': sim('De waarde van %1 bevat het teken NUL (U+0000), dat empire-sim niet opslaat.'),
  'Platform.InvalidGuidErr': sim(
    'Ongeldige indeling van de GUID-tekenreeks. De juiste indeling van de GUID-tekenreeks is: CDEF7890-ABCD-0123-1234-567890ABCDEF, waarbij 0-9 en A-F hexadecimale cijfers zijn.',
  ),

  // ---- the server's permission check (BC's opening; the part in parentheses is the simulator's) ----
  'Permissions.PermissionsPreventedErr': sim('De huidige machtigingen hebben de actie verhinderd. (%1)'),

  // ---- table 5080 To-do ----
  'To-do.Text004': sim('Wilt u een interactielogpost registreren?'),
  'To-do.Text006': sim('Het geldige datumbereik is van %1 tot en met %2. Voer een datum binnen dit bereik in.'),
  'To-do.Text009': sim('U kunt het veld %1 voor deze taak niet wijzigen, omdat deze verkoper de organisator van de vergadering is.'),
  'To-do.Text012': sim(
    'U kunt het taaktype niet wijzigen van Leeg of Telefoongesprek in Vergadering of omgekeerd. U kunt een taaktype alleen wijzigen van Leeg in Telefoongesprek of van Telefoongesprek in Leeg.',
  ),
  'To-do.Text029': sim('Het veld %1 moet zijn ingevuld voor taken die aan een team zijn toegewezen.'),
  'To-do.Text032': sim('Taak %1 wordt opnieuw toegewezen aan %2 en de bijbehorende taken van de teamleden worden verwijderd. Wilt u doorgaan?'),
  'To-do.Text033': sim('Taak %1 wordt opnieuw toegewezen aan %2. Wilt u doorgaan?'),
  'To-do.Text034': sim('Wilt u de taak sluiten?'),
  'To-do.Text035': sim('U moet het veld %1 of het veld %2 invullen.'),
  'To-do.Text039': sim(
    'Taak %1 is gesloten en wordt heropend. De taken van de teamleden van %2 die niet tot team %3 behoren, worden verwijderd. Wilt u doorgaan?',
  ),
  'To-do.Text040': sim(
    'Taak %1 is gesloten en wordt heropend. De taak wordt opnieuw toegewezen aan %2 en de bijbehorende taken van de teamleden worden verwijderd. Wilt u doorgaan?',
  ),
  'To-do.Text041': sim('Taak %1 is gesloten. De taak wordt heropend en opnieuw toegewezen aan %2. Wilt u doorgaan?'),
  'To-do.Text042': sim('Taak %1 is gesloten. Wilt u de taak heropenen en toewijzen aan team %2?'),
  'To-do.TasksWillBeDeletedQst': sim('Taken van de teamleden van %1 die niet tot team %2 behoren, worden verwijderd. Wilt u doorgaan?'),
  'To-do.MeetingSaaSNotSupportedErr': sim('U kunt geen taak van het type Vergadering maken, omdat u geen on-premises implementatie gebruikt.'),

  // ---- table 5077 Segment Line (the Create Interaction wizard) ----
  'Segment Line.FieldNotFilledErr': sim('U moet het veld %1 invullen.'),
  'Segment Line.SelectContactErr': sim('U moet een contact selecteren voor de interactie.'),
  'Segment Line.FinishInteractionLaterQst': sim('Wilt u deze interactie later voltooien?'),
  'Segment Line.NoAttachmentErr': sim(
    'Geen bijlage gevonden. Voeg een bijlage toe of kies een sjabloon in het veld Word-sjablooncode op de pagina Interactiesjabloon.',
  ),
  'Segment Line.AttachmentRequiredErr': sim(
    'Het correspondentietype voor deze interactie is E-mail, waarvoor een interactiesjabloon met een bijlage of Word-sjabloon nodig is. Om door te gaan kunt u het correspondentietype voor het contact wijzigen, een interactiesjabloon met een ander correspondentietype selecteren of een sjabloon selecteren dat het correspondentietype van het contact negeert.',
  ),

  // ---- table 5050 Contact ----
  'Contact.CannotDeleteWithOpenTasksErr': sim('U kunt contact %1 niet verwijderen omdat er nog een of meer taken openstaan.'),
  'Contact.Text003': sim('%1 kan niet worden gewijzigd omdat er een of meer interactielogposten aan het contact zijn gekoppeld.'),
  'Contact.CannotChangeWithOpenTasksErr': sim('%1 kan niet worden gewijzigd omdat er een of meer taken aan het contact zijn gekoppeld.'),
  'Contact.Text007': sim('%1 kan niet worden gewijzigd omdat er een of meer personen aan het contact zijn gekoppeld.'),
  'Contact.Text021': sim('U moet de aanhefformule van het type %1 in de taal %2 instellen voor contact %3.'),
  'Contact.SelectContactErr': sim('U moet een bestaand contact selecteren.'),
  'Contact.PhoneNoCannotContainLettersErr': sim('mag geen letters bevatten'),

  // ---- table 5054 Contact Business Relation ----
  'Contact Business Relation.Text000': sim('%1 %2 heeft al een %3 met %4 %5.'),
  'Contact Business Relation.Text001': sim('%1 %2 wordt gebruikt wanneer een %3 wordt gekoppeld aan een %4.'),

  // ---- table 13 Salesperson/Purchaser ----
  'Salesperson/Purchaser.CannotDeleteOpenTasksErr': sim('U kunt de verkoper/inkoper met code %1 niet verwijderen omdat deze openstaande taken heeft.'),
  'Salesperson/Purchaser.PrivacyBlockedGenericTxt': sim('Privacy geblokkeerd mag niet waar zijn voor %1 %2.'),
  'Salesperson/Purchaser.SalespersonTxt': { nl: 'Verkoper', source: 'docs', where: 'marketing-how-create-interactions.md and others (bc-domain-spec §8: Salesperson → Verkoper)' },

  // ---- codeunit 9520 Mail Management ----
  'Mail Management.InvalidEmailAddressErr': sim('Het e-mailadres "%1" is ongeldig.'),

  // ---- codeunit 310 No. Series ----
  'No. Series.CannotAssignNewOnDateErr': sim('U kunt op %2 geen nieuwe nummers toewijzen uit nummerreeks %1.'),
  'No. Series.CannotAssignNewErr': sim('U kunt geen nieuwe nummers toewijzen uit nummerreeks %1.'),
  'No. Series.CannotAssignNewBeforeDateErr': sim('U kunt geen nieuwe nummers toewijzen uit nummerreeks %1 op een datum vóór %2.'),
  'No. Series.CannotAssignGreaterErr': sim('U kunt geen nummers groter dan %1 toewijzen uit nummerreeks %2.'),
  // ---- codeunit 307 No. Series - Sequence Impl. ----
  'No. Series - Sequence Impl..NoOverFlowErr': sim('Nummerreeksen kunnen nummers van maximaal 18 cijfers gebruiken. %1 heeft %2 cijfers.'),
  'No. Series.ManualNosErr': sim('U mag geen nummers handmatig invoeren. Als u nummers handmatig wilt invoeren, schakelt u %1 in %2 %3 in.'),
  'No. Series.CannotAssignAutomaticallyErr': sim(
    'Het is niet mogelijk om automatisch nummers toe te wijzen. Als u wilt dat het programma automatisch nummers toewijst, schakelt u %1 in %2 %3 in.',
  ),
};

/** Labels a page session never shows (the API's own), so they need no Dutch. */
export const API_ONLY_LABEL_OBJECTS = ['APIV2 - Contacts', 'APIV2 - Customers'];

/** The Dutch template of a label: its own `nl` (simulator-authored labels) or this catalogue's. */
export function dutchTemplate(label: Label): string | undefined {
  return label.spec.nl ?? DUTCH[label.key]?.nl;
}

/** Labels a Dutch page session can show that have no Dutch: what the test of this file expects to be empty. */
export function labelsWithoutDutch(): string[] {
  return allLabels()
    .filter((l) => !API_ONLY_LABEL_OBJECTS.includes(l.object) && dutchTemplate(l) === undefined)
    .map((l) => l.key);
}

/**
 * A page session's own word for a field (the screen words of a company's Caption Set), where it has one;
 * otherwise the table's Dutch caption is used.
 */
export type FieldWord = (field: { table: string; property: string }) => string | undefined;

/** A label with its arguments in Dutch: captions by their Dutch caption, a label argument in Dutch too, Ja/Nee. */
export function formatDutch(text: LabelText, word?: FieldWord): string {
  const template = dutchTemplate(text.label);
  if (template === undefined) return text.format('en-US');
  return strSubstNo(template, ...text.args.map((a) => dutchArg(a, word)));
}

function dutchArg(arg: unknown, word: FieldWord | undefined): unknown {
  if (arg instanceof Localized) return (arg.field && word?.(arg.field)) ?? arg.nl;
  if (arg instanceof LabelText) return formatDutch(arg, word);
  if (typeof arg === 'boolean') return formatValue(arg, 'nl-NL');
  return arg;
}

/** An error as a page session in `language` shows it: formatted again in Dutch from its label and arguments. */
export function translateError(err: BcError, language: Language, word?: FieldWord): string {
  if (language !== 'nl-NL') return err.message;
  if (err.source) return formatDutch(err.source, word);
  return translate(err.message, err.labelKey, language);
}

/**
 * A field caption passed as a plain text argument (a confirm's text read back)
 * in Dutch: looked up on the table of the object that raised the label, so
 * Salesperson Code becomes Medewerker on a task.
 */
function captionNl(object: string, arg: string): string {
  const table = allTables().find((t) => t.name === object);
  const field = table?.fields.find((f) => f.caption === arg);
  return field?.nl ?? arg;
}

/** The arguments a label was formatted with, read back from its English text. */
function argsOf(label: Label, text: string): string[] | null {
  const parts = label.spec.text.split(/(%\d)/);
  const order: number[] = [];
  const pattern = parts
    .map((p) => {
      const m = /^%(\d)$/.exec(p);
      if (m) {
        order.push(Number(m[1]));
        return '(.*?)';
      }
      return p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  const match = new RegExp(`^${pattern}$`, 's').exec(text);
  if (!match) return null;
  const args: string[] = [];
  order.forEach((n, i) => (args[n - 1] = match[i + 1]));
  return args;
}

/**
 * The text of a dialog (a confirm, a message) as the user should read it, when
 * only its text and label are at hand: the arguments are read back from the
 * English text. Errors carry their arguments: `translateError`.
 */
export function translate(text: string, labelKey: string | undefined, language: Language): string {
  if (language !== 'nl-NL') return text;
  const label = labelKey ? findLabel(labelKey) : undefined;
  if (!label || label.spec.nl) return text; // no label, or already formatted in Dutch by the session
  const nl = DUTCH[label.key]?.nl;
  const args = nl ? argsOf(label, text) : null;
  return nl && args ? strSubstNo(nl, ...args.map((a) => captionNl(label.object, a))) : text;
}
