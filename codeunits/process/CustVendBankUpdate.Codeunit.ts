import { Contact } from '../../entities/CRM/Contact/Contact.Table';
import { ContactBusinessRelation } from '../../entities/CRM/Contact/ContactBusinessRelation.Table';
import { LinkToTable } from '../../entities/CRM/Contact/ContactEnums';
import { NotSupportedError } from '../../src/runtime/BcError';
import { Session } from '../../src/runtime/Session';
import { Customer } from '../../entities/Sales/Customer.Table';

/**
 * Codeunit 5055 "CustVendBank-Update": a modified contact pushes its fields
 * to the customers it is linked to (TransferFields, keeping the customer's
 * No. and No. Series; Modify without trigger).
 */
export class CustVendBankUpdate {
  static readonly objectId = 5055;
  constructor(private readonly session: Session) {}

  async run(contact: Contact): Promise<void> {
    const s = this.session;
    const relations = (await s.find(ContactBusinessRelation, { contactNo: contact.no })).filter(
      (r) => r.linkToTable !== LinkToTable.Blank,
    );
    for (const relation of relations) {
      if (relation.linkToTable !== LinkToTable.Customer) {
        throw new NotSupportedError(`CustVendBank-Update for a ${relation.linkToTable === LinkToTable.Vendor ? 'vendor' : 'bank account or employee'}`);
      }
      await this.updateCustomer(contact, relation);
    }
  }

  /** UpdateCustomer(Cont, ContBusRel). */
  async updateCustomer(contact: Contact, relation: ContactBusinessRelation): Promise<void> {
    const customer = await this.session.get(Customer, relation.no);
    const noSeries = customer.noSeries;
    customer.transferFields(contact);
    customer.no = relation.no;
    customer.noSeries = noSeries;
    await customer.modify();
  }
}
