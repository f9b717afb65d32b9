import { defineLabels } from '../../../src/runtime/Labels';

/** Labels of table 5050 "Contact" ([US24] CRM/Contact/Contact.Table.al), verbatim. */
export const ContactLabels = defineLabels('Contact', {
  CannotDeleteWithOpenTasksErr: {
    text: 'You cannot delete contact %1 because there are one or more tasks open.',
    comment: '%1 = Contact No.',
  },
  Text003: '%1 cannot be changed because one or more interaction log entries are linked to the contact.',
  CannotChangeWithOpenTasksErr: {
    text: '%1 cannot be changed because one or more tasks are linked to the contact.',
    comment: '%1 = Contact No.',
  },
  Text007: '%1 cannot be changed because there are one or more related people linked to the contact.',
  Text021: {
    text: 'You have to set up the salutation formula of the type %1 in %2 language for the %3 contact.',
    comment: '%1 - salutation type, %2 - language code, %3 - contact number.',
  },
  SelectContactErr: 'You must select an existing contact.',
  PhoneNoCannotContainLettersErr: 'must not contain letters',
});
