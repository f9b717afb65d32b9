import { findLabel, Label, Language, strSubstNo } from '../runtime/Labels';
import { allTables } from '../runtime/Metadata';

/**
 * Dutch for the base-app texts a trainee meets in this process. The nl-NL
 * translation of BC's base app was not available (bc-domain-spec §8), so the
 * labels in entities/ carry English only; these are the simulator's own
 * translations, used only for what a page session shows. A label that has its
 * own `nl` text wins over this table.
 */
const NL: Record<string, string> = {
  'To-do.Text004': 'Wilt u een interactielogpost registreren?',
  'To-do.Text006': 'Het geldige datumbereik is van %1 tot en met %2. Voer een datum binnen dit bereik in.',
  'To-do.Text029': 'Het veld %1 moet zijn ingevuld voor taken die aan een team zijn toegewezen.',
  'To-do.Text032':
    'Taak %1 wordt opnieuw toegewezen aan %2 en de bijbehorende taken van de teamleden worden verwijderd. Wilt u doorgaan?',
  'To-do.Text033': 'Taak %1 wordt opnieuw toegewezen aan %2. Wilt u doorgaan?',
  'To-do.Text034': 'Wilt u de taak sluiten?',
  'To-do.Text035': 'U moet het veld %1 of het veld %2 invullen.',
  'To-do.Text039':
    'Taak %1 is gesloten en wordt heropend. De taken van de teamleden van %2 die niet tot team %3 behoren, worden verwijderd. Wilt u doorgaan?',
  'To-do.Text040':
    'Taak %1 is gesloten en wordt heropend. De taak wordt opnieuw toegewezen aan %2 en de bijbehorende taken van de teamleden worden verwijderd. Wilt u doorgaan?',
  'To-do.Text041': 'Taak %1 is gesloten. De taak wordt heropend en opnieuw toegewezen aan %2. Wilt u doorgaan?',
  'To-do.Text042': 'Taak %1 is gesloten. Wilt u de taak heropenen en toewijzen aan team %2?',
  'To-do.TasksWillBeDeletedQst':
    'Taken van de teamleden van %1 die niet tot team %2 behoren, worden verwijderd. Wilt u doorgaan?',
  'Segment Line.FieldNotFilledErr': 'U moet het veld %1 invullen.',
  'Segment Line.SelectContactErr': 'U moet een contact selecteren voor de interactie.',
  'Segment Line.FinishInteractionLaterQst': 'Wilt u deze interactie later voltooien?',
  'Contact.CannotDeleteWithOpenTasksErr': 'U kunt contact %1 niet verwijderen omdat er nog een of meer taken openstaan.',
  'Contact.Text003': '%1 kan niet worden gewijzigd omdat er een of meer interactielogposten aan het contact zijn gekoppeld.',
  'Contact.CannotChangeWithOpenTasksErr': '%1 kan niet worden gewijzigd omdat er een of meer taken aan het contact zijn gekoppeld.',
  'Contact.Text007': '%1 kan niet worden gewijzigd omdat er een of meer personen aan het contact zijn gekoppeld.',
  'Contact.SelectContactErr': 'U moet een bestaand contact selecteren.',
};

/** AL runtime texts (PlatformErrors) as patterns → Dutch. Captions inside stay as the runtime printed them. */
const PLATFORM_NL: Array<[RegExp, string]> = [
  [/^(.+) must have a value in (.+): (.*)\. It cannot be zero or empty\.$/s, '$1 moet een waarde hebben in $2: $3. Het mag niet nul of leeg zijn.'],
  [/^(.+) must be equal to '(.*)'  in (.+): (.*)\. Current value is '(.*)'\.$/s, "$1 moet gelijk zijn aan '$2' in $3: $4. De huidige waarde is '$5'."],
  [/^You must specify (.+) in (.+)\.$/s, 'U moet $1 opgeven in $2.'],
  [/^The (.+) does not exist\. Identification fields and values: (.*)$/s, '$1 bestaat niet. Identificatievelden en waarden: $2'],
  [/^The field (.+) of table (.+) contains a value \((.*)\) that cannot be found in the related table \((.+)\)\.$/s, 'Het veld $1 van tabel $2 bevat een waarde ($3) die niet voorkomt in de gerelateerde tabel ($4).'],
  [/^The length of the string is (\d+), but it must be less than or equal to (\d+) characters\. Value: (.*)$/s, 'De tekst is $1 tekens lang, maar mag maximaal $2 tekens lang zijn. Waarde: $3'],
  [/^The value "(.*)" cannot be evaluated into type (\w+)\.$/s, 'De waarde "$1" kan niet worden omgezet in het type $2.'],
  [/^Another user has modified the record for this (.+) after you retrieved it from the database\.\n(.*)$/s, 'Een andere gebruiker heeft de record voor deze $1 gewijzigd nadat u deze uit de database had opgehaald.\nVoer uw wijzigingen opnieuw in het bijgewerkte venster in, of start de onderbroken activiteit opnieuw.'],
];

/**
 * A field caption passed as an argument (FieldCaption in "You must fill in the
 * %1 field.") in Dutch: looked up on the table of the object that raised the
 * label, so Salesperson Code becomes Medewerker on a task.
 */
function captionNl(object: string, arg: string): string {
  const table = allTables().find((t) => t.name === object);
  const field = table?.fields.find((f) => f.caption === arg);
  return field?.nl ?? arg;
}

/** The arguments a label was formatted with, read back from its English text. */
function argsOf(label: Label, text: string): string[] | null {
  const template = label.spec.text;
  const parts = template.split(/(%\d)/);
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
 * The text of a dialog or error as the user should read it. `labelKey` names
 * the label that produced `text` (DialogError.labelKey, ConfirmRequest.label).
 */
export function translate(text: string, labelKey: string | undefined, language: Language): string {
  if (language !== 'nl-NL') return text;
  const label = labelKey ? findLabel(labelKey) : undefined;
  if (label) {
    if (label.spec.nl) return text; // already formatted in Dutch by the session
    const nl = NL[label.key];
    const args = nl ? argsOf(label, text) : null;
    if (nl && args) return strSubstNo(nl, ...args.map((a) => captionNl(label.object, a)));
  }
  for (const [re, nl] of PLATFORM_NL) if (re.test(text)) return text.replace(re, nl);
  return text;
}
