import { Contact, ContactProcessEvents } from '../../entities/CRM/Contact/Contact.Table';
import { Todo, TodoProcessEvents } from '../../entities/CRM/Task/Todo.Table';
import { Customer, CustomerContactUpdate } from '../../entities/Sales/Customer.Table';
import { bindProcessSubscriber } from '../../src/runtime/Events';
import { CreateInteractionFromTask } from './CreateInteraction.Codeunit';
import { CustContUpdate } from './CustContUpdate.Codeunit';
import { CustVendBankUpdate } from './CustVendBankUpdate.Codeunit';

/**
 * The process codeunits' subscribers to the events tables raise for them: the
 * one place where a table's request meets the process that answers it (BC's
 * [EventSubscriber] procedures, bound when the app is installed). Loaded once
 * by the simulator host; tables never import a process codeunit.
 */
bindProcessSubscriber(CustomerContactUpdate.onInsert, ({ session, payload }) => new CustContUpdate(session).onInsert(payload.customer as Customer));
bindProcessSubscriber(CustomerContactUpdate.onModify, ({ session, payload }) => new CustContUpdate(session).onModify(payload.customer as Customer));
bindProcessSubscriber(CustomerContactUpdate.onDelete, ({ session, payload }) => new CustContUpdate(session).onDelete(payload.customer as Customer));
bindProcessSubscriber(CustomerContactUpdate.insertNewContactPerson, ({ session, payload }) =>
  new CustContUpdate(session).insertNewContactPerson(payload.customer as Customer, payload.localCall as boolean),
);
bindProcessSubscriber(ContactProcessEvents.updateCustVendBank, ({ session, payload }) => new CustVendBankUpdate(session).run(payload.contact as Contact));
bindProcessSubscriber(TodoProcessEvents.createInteraction, async ({ session, payload }) => {
  await new CreateInteractionFromTask(session).run(payload.task as Todo);
});
