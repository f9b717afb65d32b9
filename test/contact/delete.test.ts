// [FEATURE] [Contact] Deleting contacts (OnDelete): open tasks block it; persons, entries, tasks, roles and links are cleaned up.
import { Contact, ContactBusinessRelation, ContactRole, Customer, InteractionLogEntry, RlshpMgtCommentLine, Todo } from '../../entities';
import { CommentTableName } from '../../entities/CRM/Task/RlshpMgtCommentLine.Table';
import { closeSharedSimulator, newTestCompany, TestCompany } from '../library/LibraryMarketing';
import {
  createCustomer,
  createHousehold,
  createInteractionLogEntry,
  createPerson,
  createRole,
  createTask,
  failsWithoutWriting,
} from '../library/LibraryContact';

afterAll(closeSharedSimulator);

async function arrange(): Promise<{ tc: TestCompany; household: Contact; person: Contact }> {
  const tc = await newTestCompany();
  return tc.run(async (s) => {
    await createRole(s, 'CONTRACT');
    const household = await createHousehold(s, { initials: 'M.', surname: 'de Wit' });
    const person = await createPerson(s, household.no, 'CONTRACT', { initials: 'M.', surname: 'de Wit' });
    return { tc, household, person };
  });
}

function deleteContact(no: string) {
  return async (s: import('../../src/runtime/Session').Session) => (await s.get(Contact, no)).delete(true);
}

describe('Delete rules', () => {
  test('When the household has an open task, then it cannot be deleted and nothing is written', async () => {
    const { tc, household } = await arrange();
    await tc.run((s) => createTask(s, household.no));
    const err = await failsWithoutWriting(tc, deleteContact(household.no));
    expect(err.message).toBe(`You cannot delete contact ${household.no} because there are one or more tasks open.`);
    expect(err.labelKey).toBe('Contact.CannotDeleteWithOpenTasksErr');
  });

  test('When a person of the household has an open task, then deleting the household fails on that person', async () => {
    const { tc, household, person } = await arrange();
    await tc.run((s) => createTask(s, person.no));
    const err = await failsWithoutWriting(tc, deleteContact(household.no));
    expect(err.message).toBe(`You cannot delete contact ${person.no} because there are one or more tasks open.`);
  });

  test('When a person is deleted, then its entries and closed tasks go to the household and its roles go', async () => {
    const { tc, household, person } = await arrange();
    const [entry, task] = await tc.run(async (s) => [
      await createInteractionLogEntry(s, await s.get(Contact, person.no)),
      await createTask(s, person.no, { closed: true }),
    ]);
    await tc.run(deleteContact(person.no));
    await tc.run(async (s) => {
      expect(await s.tryGet(Contact, person.no)).toBeNull();
      expect(await s.tryGet(Contact, household.no)).not.toBeNull();
      expect(await s.get(InteractionLogEntry, entry.entryNo)).toMatchObject({ contactNo: household.no, contactCompanyNo: household.no });
      expect(await s.get(Todo, task.no)).toMatchObject({ contactNo: household.no, contactCompanyNo: household.no });
      expect(await s.count(ContactRole)).toBe(0);
    });
  });

  test('When a household is deleted, then its persons, roles, comments and business relation go; entries and tasks lose the contact', async () => {
    const { tc, household, person } = await arrange();
    const customer = await tc.run(async (s) => {
      const c = await createCustomer(s, 'Fam. de Wit');
      const link = (await s.findFirst(ContactBusinessRelation, { no: c.no }))!;
      await (await s.get(Contact, link.contactNo)).delete(true);
      const rel = s.create(ContactBusinessRelation);
      rel.contactNo = household.no;
      rel.businessRelationCode = 'KLANT';
      rel.linkToTable = 1;
      await rel.validate('no', c.no);
      await rel.insert(true);
      c.primaryContactNo = person.no;
      c.contact = person.name;
      await c.modify();
      const note = s.create(RlshpMgtCommentLine);
      Object.assign(note, { tableName: CommentTableName.Contact, no: household.no, subNo: 0, lineNo: 10000, comment: 'Let op' });
      await note.insert();
      return c;
    });
    const [entry, personEntry, task] = await tc.run(async (s) => [
      await createInteractionLogEntry(s, await s.get(Contact, household.no)),
      await createInteractionLogEntry(s, await s.get(Contact, person.no)),
      await createTask(s, household.no, { closed: true }),
    ]);
    await tc.run(deleteContact(household.no));
    await tc.run(async (s) => {
      expect(await s.count(Contact)).toBe(0);
      expect(await s.count(ContactRole)).toBe(0);
      expect(await s.count(ContactBusinessRelation)).toBe(0);
      expect(await s.count(RlshpMgtCommentLine)).toBe(0);
      for (const no of [entry.entryNo, personEntry.entryNo]) {
        expect(await s.get(InteractionLogEntry, no)).toMatchObject({ contactNo: '', contactCompanyNo: '' });
      }
      expect(await s.get(Todo, task.no)).toMatchObject({ contactNo: '', contactCompanyNo: '' });
      expect(await s.get(Customer, customer.no)).toMatchObject({ primaryContactNo: '', contact: '' });
    });
  });
});
