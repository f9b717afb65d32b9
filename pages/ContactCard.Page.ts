import { EmpireContact } from '../codeunits/process/EmpireContact.Codeunit';
import { Contact } from '../entities/CRM/Contact/Contact.Table';
import { ContactType } from '../entities/CRM/Contact/ContactEnums';
import { SalespersonPurchaser } from '../entities/CRM/Team/SalespersonPurchaser.Table';
import { caption, definePage } from './Page';
import { PageContext, UiPageDefinition } from './UiPage';
import { TaskViews } from '../entities/CRM/Task/TaskViews';
import { CompanyDetails } from './CompanyDetails.Page';
import { EmpireCreateInteraction } from './EmpireCreateInteraction.Page';
import { InteractionLogEntries } from './InteractionLogEntries.Page';
import { CustomerPortal } from './CustomerPortal.Page';
import { PersonalDetails } from './PersonalDetails.Page';
import { TaskList } from './TaskList.Page';
import { InteractionLogEntryViews } from '../entities/CRM/Interaction/InteractionLogEntryViews';

const isPerson = (ctx: PageContext<Contact>) => ctx.rec?.type === ContactType.Person;
const isCompany = (ctx: PageContext<Contact>) => ctx.rec !== null && ctx.rec.type === ContactType.Company;
const stored = (ctx: PageContext<Contact>) => ctx.rec !== null && ctx.rec.systemId !== '';

/**
 * Page 5050 "Contact Card" (Contactkaart) with Empire's fields: Soort, the
 * name parts that make the Naam, and on Communicatie the Straat where a
 * postcode + house number resolves the address (WI-CM "Aanmaken contact").
 * Actions are the instruction's: Nieuw persoon voor huishouden/bedrijf (the
 * Rollen dialog), Persoonlijke gegevens, Huishouden- / bedrijfsgegevens and
 * + Nieuw → Interactie via sjabloon.
 */
// Typed here because the card opens itself (the new person's card): TypeScript cannot infer a self-reference.
export const ContactCard: UiPageDefinition<Contact> = definePage<Contact>({
  id: 5050,
  name: 'Contact Card',
  caption: caption('Contact Card', 'Contactkaart'),
  type: 'Card',
  table: Contact,
  insertAllowed: true,
  modifyAllowed: true,
  deleteAllowed: true,
  searchable: false,
  description: 'One contact. A new card gets its number from the Contact Nos. series as soon as the first field is left (Tab).',
  groups: [
    {
      name: 'General',
      caption: caption('General', 'Algemeen'),
      fields: [
        // BC's No. has AssistEdit; Empire users just press Tab and the series gives the number.
        { name: 'No.', source: 'no', editable: (ctx) => ctx.mode === 'new' && !stored(ctx), importance: 'Promoted' },
        { name: 'Type', source: 'type', caption: caption('Type', 'Soort'), importance: 'Promoted' },
        { name: 'Initials', source: 'initials', caption: caption('Initials', 'Initialen') },
        { name: 'Middle Name', source: 'middleName', caption: caption('Middle Name', 'Tussenvoegsels') },
        { name: 'Surname', source: 'surname', caption: caption('Surname', 'Achternaam') },
        // Empire derives Naam from the parts; typing it directly is not part of the instruction.
        { name: 'Name', source: 'name', caption: caption('Name', 'Naam'), editable: false, importance: 'Promoted' },
        { name: 'Company No.', source: 'companyNo', visible: isPerson, editable: false },
        { name: 'Company Name', source: 'companyName', visible: isPerson, editable: false },
        { name: 'Search Name', source: 'searchName', importance: 'Additional' },
        {
          name: 'Salesperson Code',
          source: 'salespersonCode',
          lookup: { table: SalespersonPurchaser, valueField: 'code', textField: 'name' },
        },
        { name: 'Last Date Modified', source: 'lastDateModified', importance: 'Additional' },
      ],
    },
    {
      name: 'Communication',
      caption: caption('Communication', 'Communicatie'),
      fields: [
        { name: 'Street', source: 'street', caption: caption('Street', 'Straat'), importance: 'Promoted' },
        { name: 'House No.', source: 'houseNo', editable: false },
        { name: 'House Letter', source: 'houseLetter', editable: false },
        { name: 'House No. Addition', source: 'houseNoAddition', editable: false },
        { name: 'Address', source: 'address', editable: false },
        { name: 'Post Code', source: 'postCode', editable: false },
        { name: 'City', source: 'city', editable: false },
        { name: 'Municipality', source: 'municipality', editable: false },
        { name: 'Country/Region Code', source: 'countryRegionCode', editable: false },
        { name: 'Phone No.', source: 'phoneNo' },
        { name: 'Mobile Phone No.', source: 'mobilePhoneNo' },
        { name: 'E-Mail', source: 'eMail' },
        { name: 'Correspondence Type', source: 'correspondenceType' },
      ],
    },
  ],
  actions: [
    {
      name: 'InteractionFromTemplate',
      caption: caption('Interaction from Template', 'Interactie via sjabloon'),
      group: 'New',
      promoted: true,
      requiresRecord: true,
      enabled: stored,
      async run(ctx) {
        return { kind: 'open', open: { page: () => EmpireCreateInteraction, mode: 'new', context: { contactNo: ctx.rec!.no } } };
      },
    },
    {
      name: 'NewPersonForHousehold',
      caption: caption('New Person for Household/Company', 'Nieuw persoon voor huishouden/bedrijf'),
      group: 'Process',
      promoted: true,
      requiresRecord: true,
      visible: isCompany,
      enabled: stored,
      async run(ctx) {
        // The codeunit raises the Rollen page (a modal dialog); Cancel creates nothing.
        const person = await new EmpireContact(ctx.session).newPersonForHouseholdFromPage(ctx.rec!.no);
        if (!person) return { kind: 'refresh' };
        return { kind: 'open', open: { page: () => ContactCard, mode: 'edit', recordId: person.systemId } };
      },
    },
    {
      name: 'PersonalDetails',
      caption: caption('Personal Details', 'Persoonlijke gegevens'),
      group: 'Navigate',
      // Seed 000: "Ga via Navigeren | Contact | Persoon naar de Persoonlijke gegevens".
      menu: [caption('Contact', 'Contact'), caption('Person', 'Persoon')],
      requiresRecord: true,
      visible: isPerson,
      enabled: stored,
      async run(ctx) {
        return { kind: 'open', open: { page: () => PersonalDetails, mode: 'edit', recordId: ctx.rec!.systemId } };
      },
    },
    {
      name: 'CompanyDetails',
      caption: caption('Household/Company Details', 'Huishouden- / bedrijfsgegevens'),
      group: 'Navigate',
      // Seed 000: "via Navigeren | Contact | Bedrijf | Huishouden- / bedrijfsgegevens".
      menu: [caption('Contact', 'Contact'), caption('Company', 'Bedrijf')],
      requiresRecord: true,
      visible: isCompany,
      enabled: stored,
      async run(ctx) {
        return { kind: 'open', open: { page: () => CompanyDetails, mode: 'edit', recordId: ctx.rec!.systemId } };
      },
    },
    {
      name: 'InteractionLogEntries',
      caption: caption('Interaction Log Entries', 'Interactielogposten'),
      group: 'Navigate',
      requiresRecord: true,
      enabled: stored,
      async run(ctx) {
        const filters = InteractionLogEntryViews.contact(ctx.rec!);
        return { kind: 'open', open: { page: () => InteractionLogEntries, mode: 'view', filters } };
      },
    },
    {
      name: 'CustomerPortal',
      caption: caption('Customer Portal', 'Klantportaal'),
      group: 'Navigate',
      requiresRecord: true,
      enabled: stored,
      async run(ctx) {
        return { kind: 'open', open: { page: () => CustomerPortal, mode: 'view', filters: InteractionLogEntryViews.contact(ctx.rec!) } };
      },
    },
    {
      name: 'Tasks',
      caption: caption('Tasks', 'Taken'),
      group: 'Navigate',
      requiresRecord: true,
      enabled: stored,
      async run(ctx) {
        return { kind: 'open', open: { page: () => TaskList, mode: 'view', filters: TaskViews.contact(ctx.rec!) } };
      },
    },
  ],
});
