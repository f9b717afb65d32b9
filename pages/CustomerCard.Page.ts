import { CustContUpdate } from '../codeunits/process/CustContUpdate.Codeunit';
import { Customer } from '../entities/Sales/Customer.Table';
import { caption, definePage } from './Page';
import { ContactCard } from './ContactCard.Page';
import { EmpireCreateInteraction } from './EmpireCreateInteraction.Page';
import { InteractionLogEntries } from './InteractionLogEntries.Page';
import { CustomerPortal } from './CustomerPortal.Page';
import { InteractionLogEntryViews } from '../entities/CRM/Interaction/InteractionLogEntryViews';
import { NO_SUCH_CODE } from '../entities/CRM/Task/TaskViews';

/**
 * Page 21 "Customer Card" (Klantkaart). Contact data is maintained on the
 * household (WI-BK), so the address block is read-only here; the contact
 * moment is logged on the klant (+ Nieuw → Interactie via sjabloon) and lands
 * on its household.
 */
export const CustomerCard = definePage<Customer>({
  id: 21,
  name: 'Customer Card',
  caption: caption('Customer Card', 'Klantkaart'),
  type: 'Card',
  table: Customer,
  insertAllowed: false,
  modifyAllowed: false,
  deleteAllowed: false,
  description: 'One tenant; contact moments are logged here with + Nieuw → Interactie via sjabloon.',
  groups: [
    {
      name: 'General',
      caption: caption('General', 'Algemeen'),
      fields: [
        { name: 'No.', source: 'no', importance: 'Promoted' },
        { name: 'Name', source: 'name', importance: 'Promoted' },
        { name: 'Contact', source: 'contact' },
        { name: 'Salesperson Code', source: 'salespersonCode' },
        { name: 'Blocked', source: 'blocked' },
      ],
    },
    {
      name: 'AddressAndContact',
      caption: caption('Address & Contact', 'Adres en contactpersoon'),
      fields: [
        { name: 'Address', source: 'address' },
        { name: 'Post Code', source: 'postCode' },
        { name: 'City', source: 'city' },
        { name: 'Phone No.', source: 'phoneNo' },
        { name: 'E-Mail', source: 'eMail' },
        {
          name: 'Household',
          caption: caption('Household', 'Huishouden'),
          async compute(ctx) {
            const h = ctx.rec ? await new CustContUpdate(ctx.session).linkedContact(ctx.rec.no) : null;
            return h ? `${h.no} ${h.name}` : '';
          },
        },
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
      async run(ctx) {
        // The popup validates the template against the household contact, where the interaction lands.
        const household = await new CustContUpdate(ctx.session).linkedContact(ctx.rec!.no);
        return {
          kind: 'open',
          open: { page: () => EmpireCreateInteraction, mode: 'new', context: { customerNo: ctx.rec!.no, contactNo: household?.no ?? '' } },
        };
      },
    },
    {
      name: 'Household',
      caption: caption('Household Contact', 'Contact (huishouden)'),
      group: 'Navigate',
      promoted: true,
      requiresRecord: true,
      async run(ctx) {
        const household = await new CustContUpdate(ctx.session).linkedContact(ctx.rec!.no);
        if (!household) return { kind: 'refresh' };
        return { kind: 'open', open: { page: () => ContactCard, mode: 'edit', recordId: household.systemId } };
      },
    },
    {
      name: 'InteractionLogEntries',
      caption: caption('Interaction Log Entries', 'Interactielogposten'),
      group: 'Navigate',
      requiresRecord: true,
      async run(ctx) {
        const household = await new CustContUpdate(ctx.session).linkedContact(ctx.rec!.no);
        // No household: a filter no entry matches, so the list opens empty.
        const filters = household ? InteractionLogEntryViews.contact(household) : { contactCompanyNo: NO_SUCH_CODE };
        return { kind: 'open', open: { page: () => InteractionLogEntries, mode: 'view', filters } };
      },
    },
    {
      name: 'CustomerPortal',
      caption: caption('Customer Portal', 'Klantportaal'),
      group: 'Navigate',
      requiresRecord: true,
      async run(ctx) {
        const household = await new CustContUpdate(ctx.session).linkedContact(ctx.rec!.no);
        const filters = household ? InteractionLogEntryViews.contact(household) : { contactCompanyNo: NO_SUCH_CODE };
        return { kind: 'open', open: { page: () => CustomerPortal, mode: 'view', filters } };
      },
    },
  ],
});
