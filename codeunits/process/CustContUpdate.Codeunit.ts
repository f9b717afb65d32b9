import { Contact } from '../../entities/CRM/Contact/Contact.Table';
import { ContactBusinessRelation } from '../../entities/CRM/Contact/ContactBusinessRelation.Table';
import { ContactType, LinkToTable } from '../../entities/CRM/Contact/ContactEnums';
import { MarketingSetup } from '../../entities/CRM/Setup/MarketingSetup.Table';
import type { Customer } from '../../entities/Sales/Customer.Table';
import { NotSupportedError } from '../../src/runtime/BcError';
import { Session } from '../../src/runtime/Session';
import { NoSeriesCodeunit } from '../foundation/NoSeries.Codeunit';

/**
 * Codeunit 5056 "CustCont-Update" ([US24] CRM/BusinessRelation/CustContUpdate.Codeunit.al):
 * a new customer (Empire: klant) gets its company contact (the household) and
 * a Contact Business Relation; changes on the customer flow to the contact;
 * deleting the customer removes the link.
 */
export class CustContUpdate {
  static readonly objectId = 5056;
  constructor(private readonly session: Session) {}

  /** OnInsert(Cust): only when Marketing Setup names the customers' business relation. */
  async onInsert(customer: Customer): Promise<void> {
    const setup = await this.session.get(MarketingSetup, '');
    if (setup.busRelCodeForCustomers === '') return;
    await this.insertNewContact(customer, true);
  }

  /** InsertNewContact(Cust, LocalCall). */
  async insertNewContact(customer: Customer, localCall: boolean): Promise<Contact> {
    const s = this.session;
    const setup = await s.get(MarketingSetup, '');
    if (!localCall) setup.testField('busRelCodeForCustomers');
    if (customer.primaryContactNo !== '') {
      throw new NotSupportedError('A new customer with a Primary Contact No. (ContBusRel.UpdateEmptyNoForContact)');
    }
    const contact = s.create(Contact);
    contact.transferFields(customer);
    await contact.validate('name', contact.name);
    await contact.validate('eMail', contact.eMail);
    contact.no = '';
    contact.noSeries = '';
    setup.testField('contactNos');
    contact.noSeries = setup.contactNos;
    contact.no = await new NoSeriesCodeunit(s).getNextNo(setup.contactNos);
    contact.type = customer.contactType;
    contact.setSkipDefault();
    await contact.insert(true);

    const relation = s.create(ContactBusinessRelation);
    relation.contactNo = contact.no;
    relation.businessRelationCode = setup.busRelCodeForCustomers;
    relation.linkToTable = LinkToTable.Customer;
    relation.no = customer.no;
    await relation.insert(true);
    return contact.reload();
  }

  /** OnModify(Cust): the household takes over the customer's fields. */
  async onModify(customer: Customer): Promise<void> {
    const s = this.session;
    const relation = await s.findFirst(ContactBusinessRelation, { linkToTable: LinkToTable.Customer, no: customer.no });
    if (!relation) return;
    const contact = await s.tryGet(Contact, relation.contactNo);
    if (!contact) {
      await relation.delete();
      return;
    }
    const oldType = contact.type;
    const { no, noSeries } = contact;
    await contact.validate('eMail', customer.eMail);
    contact.transferFields(customer);
    contact.no = no;
    contact.noSeries = noSeries;
    contact.type = oldType;
    await contact.validate('name', contact.name);
    await contact.modify(true);
  }

  /** OnDelete(Cust): DeleteAll(true) of the customer's relations. */
  async onDelete(customer: Customer): Promise<void> {
    const s = this.session;
    for (const relation of await s.find(ContactBusinessRelation, { linkToTable: LinkToTable.Customer, no: customer.no })) {
      await relation.delete(true);
    }
  }

  /**
   * InsertNewContactPerson(Cust, LocalCall): the customer's Contact (field 8)
   * becomes a person under its company contact and the Primary Contact No.
   */
  async insertNewContactPerson(customer: Customer, localCall: boolean): Promise<void> {
    const s = this.session;
    if (!localCall) (await s.get(MarketingSetup, '')).testField('busRelCodeForCustomers');
    const relation = await s.findFirst(ContactBusinessRelation, { linkToTable: LinkToTable.Customer, no: customer.no });
    const company = relation ? await s.tryGet(Contact, relation.contactNo) : null;
    if (!company) return;
    const person = s.create(Contact);
    await person.validate('type', ContactType.Person);
    await person.insert(true);
    await person.validate('companyNo', company.no);
    await person.validate('name', customer.contact);
    await person.updateBusinessRelation();
    await person.modify(true);
    customer.primaryContactNo = person.no;
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
