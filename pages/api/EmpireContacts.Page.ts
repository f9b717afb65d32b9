import { EmpireContact } from '../../codeunits/process/EmpireContact.Codeunit';
import { Contact } from '../../entities/CRM/Contact/Contact.Table';
import { definePage } from '../Page';
import { ApiPageDefinition, field, idField, lastModifiedField, readOnly } from './ApiPage';
import { EmpireContactRoles } from './EmpireContactRoles.Page';
import { EmpireInteractionLogEntries } from './EmpireInteractionLogEntries.Page';
import { EmpireTasks } from './EmpireTasks.Page';
import { interactionFromTemplateAction } from './InteractionFromTemplateAction';
import { TaskViews } from '../../entities/CRM/Task/TaskViews';
import { InteractionLogEntryViews } from '../../entities/CRM/Interaction/InteractionLogEntryViews';

/**
 * Empire's Contactkaart as an API page: the v2.0 contact fields plus Empire's
 * name parts (Initialen, Tussenvoegsels, Achternaam → Naam), Straat (typing
 * `3011AB12` resolves the address), the house-number parts, Gemeente,
 * Geboortedatum and Aanhefcode. Field order is the card's: Soort first, then
 * the name parts, then Straat before the address fields it fills in.
 */
export const EmpireContacts: ApiPageDefinition<Contact> = definePage<Contact>({
  name: 'Empire CRM - Contacts',
  type: 'API',
  entityName: 'contact',
  entitySetName: 'contacts',
  table: Contact,
  insertAllowed: true,
  modifyAllowed: true,
  deleteAllowed: true,
  fields: [
    idField,
    field('number', 'no'),
    field('type', 'type'),
    field('displayName', 'name'),
    field('initials', 'initials'),
    field('firstName', 'firstName'),
    field('middleName', 'middleName'),
    field('surname', 'surname'),
    field('companyNumber', 'companyNo'),
    field('companyName', 'companyName'),
    readOnly('contactBusinessRelation', 'contactBusinessRelation'),
    field('street', 'street'),
    field('houseNumber', 'houseNo'),
    field('houseLetter', 'houseLetter'),
    field('houseNumberAddition', 'houseNoAddition'),
    field('addressLine1', 'address'),
    field('addressLine2', 'address2'),
    field('postalCode', 'postCode'),
    field('city', 'city'),
    field('municipality', 'municipality'),
    field('state', 'county'),
    field('country', 'countryRegionCode'),
    field('phoneNumber', 'phoneNo'),
    field('mobilePhoneNumber', 'mobilePhoneNo'),
    field('email', 'eMail'),
    field('correspondenceType', 'correspondenceType'),
    field('salutationCode', 'salutationCode'),
    field('birthDate', 'birthDate'),
    field('jobTitle', 'jobTitle'),
    field('languageCode', 'languageCode'),
    field('salespersonCode', 'salespersonCode'),
    field('searchName', 'searchName'),
    field('privacyBlocked', 'privacyBlocked'),
    lastModifiedField,
  ],
  navigation: {
    // The card's "Interaction Log Entries": Contact Company No. = Company No., Contact No. = Lookup Contact No. (blank for a household: all its people).
    interactionLogEntries: {
      description: "The contact's contact moments; for a household also those of its people.",
      target: () => EmpireInteractionLogEntries,
      link: (c) => InteractionLogEntryViews.contact(c),
    },
    // The card's "Tasks": the same link, System To-do Type = Organizer|Contact Attendee (bc-domain-spec §5.3).
    tasks: {
      description: "The contact's tasks (System Task Type Organizer or Contact Attendee).",
      target: () => EmpireTasks,
      link: (c) => TaskViews.contact(c),
    },
    // Rollen: a household's people, or a person's households.
    contactRoles: {
      description: "Rollen: a household's people, or a person's households.",
      target: () => EmpireContactRoles,
      link: (c) => [{ householdContactNo: c.no }, { personContactNo: c.no }],
    },
  },
  actions: {
    createInteractionFromTemplate: interactionFromTemplateAction<Contact>((cu, contact, input) => cu.fromContact(contact.no, input)),
    /** Nieuw persoon voor huishouden/bedrijf: the Rollen dialog's choice is the parameter. */
    newPersonForHousehold: {
      description:
        'Nieuw persoon voor huishouden/bedrijf: a person under this household with the chosen role (204; the new person is then one of the contacts whose companyNumber is the household\'s number).',
      parameters: { roleCode: { type: 'string', required: true }, showFirst: { type: 'boolean' } },
      async run({ session, rec }, params) {
        await new EmpireContact(session).newPersonForHousehold(
          rec.no,
          params.roleCode as string,
          (params.showFirst as boolean | undefined) ?? false,
        );
      },
    },
  },
});
