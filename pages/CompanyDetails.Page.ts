import { EmpireContact } from '../codeunits/process/EmpireContact.Codeunit';
import { Contact } from '../entities/CRM/Contact/Contact.Table';
import { Salutation } from '../entities/CRM/Setup/Salutation.Table';
import { caption, definePage } from './Page';

/**
 * Empire's "Huishouden- / bedrijfsgegevens" (Navigeren | Contact | Bedrijf):
 * the Aanhefcode of a household or company ('BLANCO' for a company without
 * persons), written through EmpireContact.setCompanyDetails.
 */
export const CompanyDetails = definePage<Contact>({
  id: 7000012,
  name: 'Empire Company Details',
  caption: caption('Household/Company Details', 'Huishouden- / bedrijfsgegevens'),
  type: 'Card',
  table: Contact,
  insertAllowed: false,
  modifyAllowed: true,
  deleteAllowed: false,
  description: "A household's or company's Aanhefcode.",
  groups: [
    {
      name: 'General',
      caption: caption('General', 'Algemeen'),
      fields: [
        { name: 'No.', source: 'no', editable: false },
        { name: 'Name', source: 'name', editable: false },
        {
          name: 'Salutation Code',
          source: 'salutationCode',
          caption: caption('Salutation Code', 'Aanhefcode'),
          lookup: { table: Salutation, valueField: 'code', textField: 'description' },
          async onValidate(ctx, value) {
            await new EmpireContact(ctx.session).setCompanyDetails(ctx.rec!.no, { salutationCode: String(value ?? '') });
          },
        },
      ],
    },
  ],
});
