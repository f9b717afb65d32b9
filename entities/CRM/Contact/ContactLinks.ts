import type { TableClass } from '../../../src/runtime/Metadata';
import type { TableRecord } from '../../../src/runtime/Record';
import { ContactRole } from '../../Empire/ContactRole.Table';
import { Customer } from '../../Sales/Customer.Table';
import { InteractionLogEntry } from '../Interaction/InteractionLogEntry.Table';
import { CommentTableName, RlshpMgtCommentLine } from '../Task/RlshpMgtCommentLine.Table';
import { Todo } from '../Task/Todo.Table';
import { Contact } from './Contact.Table';
import { ContactBusinessRelation } from './ContactBusinessRelation.Table';
import { ContactBusinessRelationKind, ContactType } from './ContactEnums';
import { MarketingSetup } from '../Setup/MarketingSetup.Table';

/**
 * Table 5050's procedures for the records that point at a contact
 * (interaction log entries, tasks, Empire's contact roles, comment lines,
 * customers): they move with a person between companies, and are released
 * when the contact is deleted. Kept beside the table, called by its triggers.
 */

/** UpdateCompanyNo(): entries and tasks of the person move with it between companies. */
export async function updateCompanyNo(person: Contact, xRec: Contact): Promise<void> {
  const s = person.session;
  if (!(await s.tryGet(Contact, person.no))) return;
  const tables: TableClass<TableRecord & { contactNo: string; contactCompanyNo: string }>[] = [Todo, InteractionLogEntry];
  for (const cls of tables) {
    if (xRec.companyNo !== '') {
      for (const row of await s.find(cls, { contactCompanyNo: xRec.companyNo, contactNo: person.no })) {
        row.contactNo = xRec.companyNo;
        await row.modify();
      }
    } else {
      for (const row of await s.find(cls, { contactCompanyNo: '', contactNo: person.no })) {
        row.contactCompanyNo = person.companyNo;
        await row.modify();
      }
    }
  }
  if (person.currFieldNo !== 0) await person.modify();
}

/** OnDelete: the business relations go, then entries, tasks and roles let go of the contact; a company's persons go with it. */
export async function releaseLinks(contact: Contact): Promise<void> {
  const s = contact.session;
  for (const relation of await s.find(ContactBusinessRelation, { contactNo: contact.no })) await relation.delete();
  // The relation's subscriber has just modified this contact; BC re-reads it ("if not Find() then;").
  const current = await s.tryGet(Contact, contact.no);
  if (current) Object.assign(contact, current);
  if (contact.type === ContactType.Company) {
    for (const entry of await s.find(InteractionLogEntry, { contactCompanyNo: contact.no })) {
      entry.contactCompanyNo = '';
      entry.contactNo = '';
      await entry.modify();
    }
    for (const person of await s.find(Contact, { companyNo: contact.no, type: ContactType.Person })) {
      await person.delete(true);
    }
    for (const task of await s.find(Todo, { contactCompanyNo: contact.companyNo })) {
      task.contactNo = '';
      task.contactCompanyNo = '';
      await task.modify();
    }
    await s.deleteAll(ContactRole, { householdContactNo: contact.no });
  } else {
    for (const entry of await s.find(InteractionLogEntry, { contactCompanyNo: contact.companyNo, contactNo: contact.no })) {
      entry.contactNo = contact.companyNo;
      await entry.modify();
    }
    for (const task of await s.find(Todo, { contactCompanyNo: contact.companyNo, contactNo: contact.no })) {
      task.contactNo = contact.companyNo;
      await task.modify();
    }
    await s.deleteAll(ContactRole, { personContactNo: contact.no });
  }
  await s.deleteAll(RlshpMgtCommentLine, { tableName: CommentTableName.Contact, no: contact.no, subNo: 0 });
  for (const customer of await s.find(Customer, { primaryContactNo: contact.no })) {
    customer.contact = '';
    customer.primaryContactNo = '';
    await customer.modify();
  }
}

/**
 * GetBusinessRelation(): None without relations; the linked table when the
 * only relation links a record through a setup code; Other/Multiple else.
 * A person counts its own relations and its company's.
 */
export async function businessRelationOf(contact: Contact): Promise<number> {
  const s = contact.session;
  const contactNos = contact.companyNo === '' || contact.companyNo === contact.no ? [contact.no] : [contact.no, contact.companyNo];
  const all = (await Promise.all(contactNos.map((no) => s.find(ContactBusinessRelation, { contactNo: no })))).flat();
  if (all.length === 0) return ContactBusinessRelationKind.None;
  const setup = await s.get(MarketingSetup, '');
  const setupCodes = [setup.busRelCodeForCustomers].filter((c) => c !== '');
  const linked = all.filter((r) => setupCodes.includes(r.businessRelationCode) && r.no !== '');
  if (linked.length === 0) return all.length === 1 ? ContactBusinessRelationKind.Other : ContactBusinessRelationKind.Multiple;
  if (linked.length === 1 && all.length === 1) return linked[0].linkToTable;
  return ContactBusinessRelationKind.Multiple;
}
