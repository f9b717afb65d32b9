import { Contact } from '../entities/CRM/Contact/Contact.Table';
import { ContactBusinessRelation } from '../entities/CRM/Contact/ContactBusinessRelation.Table';
import { LinkToTable } from '../entities/CRM/Contact/ContactEnums';
import { MarketingSetup } from '../entities/CRM/Setup/MarketingSetup.Table';
import type { Customer } from '../entities/Sales/Customer.Table';
import { Session } from '../src/runtime/Session';

/** Customer fields kept equal on the linked contact (CustCont-Update). */
const SHARED_FIELDS = ['name', 'address', 'city', 'postCode', 'phoneNo', 'eMail', 'salespersonCode', 'countryRegionCode'] as const;

/**
 * Codeunit 5056 "CustCont-Update": a new customer gets its company contact
 * (Empire: the household) and a Contact Business Relation; changes on the
 * customer flow to the contact; deleting the customer removes the link.
 */
export class CustContUpdate {
  static readonly objectId = 5056;
  constructor(private readonly session: Session) {}

  async insertNewContact(customer: Customer): Promise<Contact | null> {
    const s = this.session;
    const setup = await s.get(MarketingSetup, '');
    if (setup.busRelCodeForCustomers === '') return null;
    const contact = s.create(Contact);
    for (const f of SHARED_FIELDS) (contact as any)[f] = (customer as any)[f];
    contact.type = customer.contactType;
    await contact.insert(true);
    await contact.validate('name', customer.name);
    const relation = s.create(ContactBusinessRelation);
    relation.contactNo = contact.no;
    relation.businessRelationCode = setup.busRelCodeForCustomers;
    relation.linkToTable = LinkToTable.Customer;
    relation.no = customer.no;
    await relation.insert(true);
    await contact.updateBusinessRelation();
    await contact.modify();
    return contact;
  }

  async onModify(customer: Customer, xRec: Customer): Promise<void> {
    const changed = SHARED_FIELDS.filter((f) => (customer as any)[f] !== (xRec as any)[f]);
    if (changed.length === 0) return;
    const contact = await this.linkedContact(customer.no);
    if (!contact) return;
    for (const f of changed) (contact as any)[f] = (customer as any)[f];
    await contact.modify(true);
  }

  async deleteRelation(customer: Customer): Promise<void> {
    const contact = await this.linkedContact(customer.no);
    await this.session.deleteAll(ContactBusinessRelation, { linkToTable: LinkToTable.Customer, no: customer.no });
    if (contact) {
      await contact.updateBusinessRelation();
      await contact.modify();
    }
  }

  /** The household contact of a customer, or null. */
  async linkedContact(customerNo: string): Promise<Contact | null> {
    const relation = await this.session.findFirst(ContactBusinessRelation, {
      linkToTable: LinkToTable.Customer,
      no: customerNo,
    });
    return relation ? this.session.tryGet(Contact, relation.contactNo) : null;
  }
}
