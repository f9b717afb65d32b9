import { Contact } from '../../entities/CRM/Contact/Contact.Table';
import { definePage } from '../Page';
import { field, idField, lastModifiedField, readOnly } from './ApiPage';

/**
 * Microsoft's API v2.0 `contacts` ("APIV2 - Contacts"; learn.microsoft.com
 * …/dynamics_contact_get), restricted to the fields the simulated Contact
 * table has. Empire's fields (Initialen, Straat, ...) are on the empire/crm
 * contacts page.
 */
export const APIV2Contacts = definePage<Contact>({
  name: 'APIV2 - Contacts',
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
    // Type before the company link: Company No. may only be set on a person.
    field('type', 'type'),
    field('displayName', 'name'),
    field('companyNumber', 'companyNo'),
    field('companyName', 'companyName'),
    readOnly('businessRelation', 'contactBusinessRelation'),
    field('addressLine1', 'address'),
    field('addressLine2', 'address2'),
    field('city', 'city'),
    field('state', 'county'),
    field('country', 'countryRegionCode'),
    field('postalCode', 'postCode'),
    field('phoneNumber', 'phoneNo'),
    field('mobilePhoneNumber', 'mobilePhoneNo'),
    field('email', 'eMail'),
    field('searchName', 'searchName'),
    field('privacyBlocked', 'privacyBlocked'),
    lastModifiedField,
  ],
});
