import { Contact } from '../entities/CRM/Contact/Contact.Table';
import { caption, definePage } from './Page';
import { ContactCard } from './ContactCard.Page';

/**
 * Page 5052 "Contact List" (Contacten). Reached through Vertel me or the
 * Rolcentrum; + Nieuw opens a new Contactkaart, the Nr. opens the card.
 */
export const ContactList = definePage<Contact>({
  id: 5052,
  name: 'Contact List',
  caption: caption('Contacts', 'Contacten'),
  type: 'List',
  table: Contact,
  cardPage: () => ContactCard,
  insertAllowed: true,
  modifyAllowed: false,
  deleteAllowed: false,
  editable: false,
  searchable: true,
  order: { no: 'ASC' },
  description: 'Every contact: households/companies and persons. + Nieuw opens an empty Contactkaart.',
  columns: [
    { name: 'No.', source: 'no', drillDown: true },
    { name: 'Name', source: 'name' },
    { name: 'Type', source: 'type' },
    { name: 'Company Name', source: 'companyName' },
    { name: 'Address', source: 'address' },
    { name: 'Post Code', source: 'postCode' },
    { name: 'City', source: 'city' },
    { name: 'Phone No.', source: 'phoneNo' },
    { name: 'E-Mail', source: 'eMail' },
  ],
});
