import { Contact } from '../../entities/CRM/Contact/Contact.Table';
import { definePage } from '../Page';
import { defineLabels } from '../../src/runtime/Labels';
import { field, idField, lastModifiedField, readOnly, requiredDisplayName } from './ApiPage';
import { APIV2ContactPictures, pictureNavigation } from './APIV2Pictures.Page';

/** Labels of page 30071 "APIV2 - Contacts", verbatim. */
export const APIV2ContactsLabels = defineLabels('APIV2 - Contacts', {
  NotProvidedContactNameErr: 'A "displayName" must be provided.',
  BlankContactNameErr: 'The blank "displayName" is not allowed.',
});

const displayName = requiredDisplayName<Contact>({
  notProvided: APIV2ContactsLabels.NotProvidedContactNameErr,
  blank: APIV2ContactsLabels.BlankContactNameErr,
});

/**
 * Microsoft's API v2.0 `contacts` (page 30071 "APIV2 - Contacts",
 * microsoft/BCApps src/Apps/W1/APIV2/app/src/pages/APIV2Contacts.Page.al;
 * learn.microsoft.com …/dynamics_contact_get). Empire's fields (Initialen,
 * Straat, ...) are on the empire/crm contacts page.
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
  onInsertRecord: displayName.onInsertRecord,
  // Page order of APIV2Contacts.Page.al (app 29.0): a POST or PATCH validates the fields in this order.
  fields: [
    idField,
    field('number', 'no'),
    field('type', 'type'),
    displayName.control,
    field('jobTitle', 'jobTitle'),
    field('companyNumber', 'companyNo'),
    field('companyName', 'companyName'),
    readOnly('contactBusinessRelation', 'contactBusinessRelation'),
    field('addressLine1', 'address'),
    field('addressLine2', 'address2'),
    field('city', 'city'),
    field('state', 'county'),
    field('country', 'countryRegionCode'),
    field('postalCode', 'postCode'),
    field('phoneNumber', 'phoneNo'),
    field('mobilePhoneNumber', 'mobilePhoneNo'),
    field('email', 'eMail'),
    field('website', 'homePage'),
    field('searchName', 'searchName'),
    field('privacyBlocked', 'privacyBlocked'),
    // BC's page variable TaxRegistrationNumber (Text[50]) writes "VAT Registration No." (Text[20]).
    field('taxRegistrationNumber', 'vatRegistrationNo', { pageVariable: { length: 50 } }),
    readOnly('lastInteractionDate', 'dateOfLastInteraction'),
    lastModifiedField,
  ],
  navigation: { picture: pictureNavigation(() => APIV2ContactPictures) },
});
