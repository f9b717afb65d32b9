import { EmpireContact } from '../codeunits/process/EmpireContact.Codeunit';
import { Contact } from '../entities/CRM/Contact/Contact.Table';
import { Salutation } from '../entities/CRM/Setup/Salutation.Table';
import { caption, definePage } from './Page';

/**
 * Empire's "Persoonlijke gegevens" of a person (Navigeren | Contact | Persoon):
 * Geboortedatum and Aanhefcode, written through EmpireContact.setPersonalDetails.
 * Empire's page number is not public: 7000011 is the simulator's.
 */
export const PersonalDetails = definePage<Contact>({
  id: 7000011,
  name: 'Empire Personal Details',
  caption: caption('Personal Details', 'Persoonlijke gegevens'),
  type: 'Card',
  table: Contact,
  insertAllowed: false,
  modifyAllowed: true,
  deleteAllowed: false,
  description: "A person's sensitive details: Geboortedatum, Aanhefcode.",
  groups: [
    {
      name: 'General',
      caption: caption('General', 'Algemeen'),
      fields: [
        { name: 'No.', source: 'no', editable: false },
        { name: 'Name', source: 'name', editable: false },
        {
          name: 'Birth Date',
          source: 'birthDate',
          caption: caption('Birth Date', 'Geboortedatum'),
          async onValidate(ctx, value) {
            await new EmpireContact(ctx.session).setPersonalDetails(ctx.rec!.no, { birthDate: (value as string | null) || null });
          },
        },
        {
          name: 'Salutation Code',
          source: 'salutationCode',
          caption: caption('Salutation Code', 'Aanhefcode'),
          lookup: { table: Salutation, valueField: 'code', textField: 'description' },
          async onValidate(ctx, value) {
            await new EmpireContact(ctx.session).setPersonalDetails(ctx.rec!.no, { salutationCode: String(value ?? '') });
          },
        },
      ],
    },
  ],
});
