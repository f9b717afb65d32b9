// [FEATURE] [Runtime] FlowFields — To-do's Contact Name / Contact Company Name (Todo.Table.al fields 18, 23) by CalcFields.
import { Contact, Todo } from '../../entities';
import { EmpireInteraction } from '../../codeunits/process/EmpireInteraction.Codeunit';
import { sqlStatements } from '../../src/db/statementCounter';
import { BcError } from '../../src/runtime/BcError';
import { calcFields } from '../../src/runtime/FlowFields';
import { tableMeta } from '../../src/runtime/Metadata';
// As an AL test codeunit calls its library: LibraryMarketing.CreateTeam(...).
import * as LibraryMarketing from '../library/LibraryMarketing';

afterAll(LibraryMarketing.closeSharedSimulator);

/** A household with a team task (one Team row, one Organizer row per member): three tasks on contact CT000001. */
async function withTasks(): Promise<LibraryMarketing.TestCompany> {
  const tc = await LibraryMarketing.newTestCompany();
  await tc.run(
    async (s) => {
      await LibraryMarketing.createSalesperson(s, 'ANNE', 'Anne', 'ANNE');
      await LibraryMarketing.createSalesperson(s, 'BOB', 'Bob');
      await LibraryMarketing.createTeam(s, 'VERHUUR', ['ANNE', 'BOB']);
      const task = { createTask: true, teamCode: 'VERHUUR', taskDescription: 'Terugbellen' };
      await LibraryMarketing.createInteractionTemplate(s, 'VRAAG', task);
      const h = await LibraryMarketing.createHousehold(s, 'Jansen', 'P.');
      await new EmpireInteraction(s).fromContact(h.no, { templateCode: 'VRAAG', note: 'Vraag' });
    },
    { user: 'ANNE' },
  );
  return tc;
}

describe('CalcFields', () => {
  test("a task's Contact Name and Contact Company Name are the contact's Name, blank until CalcFields", async () => {
    const tc = await withTasks();
    await tc.run(async (s) => {
      const task = await s.get(Todo, 'TD000001');
      expect(task.contactNo).toBe('CT000001');
      expect(task.contactName).toBe('');
      await task.calcFields('contactName', 'contactCompanyName');
      expect(task.contactName).toBe('P. Jansen');
      expect(task.contactCompanyName).toBe('P. Jansen');
    });
  });

  test('is not stored: a renamed contact shows its new name at the next CalcFields', async () => {
    const tc = await withTasks();
    await tc.run(async (s) => {
      const contact = await s.get(Contact, 'CT000001');
      await contact.validate('surname', 'Pietersen', { fromPage: true });
      await contact.modify(true);
      expect((await (await s.get(Todo, 'TD000001')).calcFields('contactName')).contactName).toBe('P. Pietersen');
    });
  });

  test('blank when the task has no contact, or a contact that does not exist', async () => {
    const tc = await withTasks();
    await tc.run(async (s) => {
      const task = s.create(Todo);
      await task.calcFields('contactName', 'contactCompanyName');
      expect(task).toMatchObject({ contactName: '', contactCompanyName: '' });
      task.contactNo = 'CT999999';
      await task.calcFields('contactName');
      expect(task.contactName).toBe('');
    });
  });

  test('uses the values the record holds, as AL does (another contact; Contact Company No. unchanged)', async () => {
    const tc = await withTasks();
    await tc.run(async (s) => {
      const other = await LibraryMarketing.createHousehold(s, 'Vries', 'A.', 'de');
      const task = await s.get(Todo, 'TD000001');
      task.contactNo = other.no;
      await task.calcFields('contactName', 'contactCompanyName');
      expect(task).toMatchObject({ contactName: 'A. de Vries', contactCompanyName: 'P. Jansen' });
    });
  });

  test('a page of records costs one query per FlowField, not one per row', async () => {
    const tc = await withTasks();
    await tc.run(async (s) => {
      await LibraryMarketing.createHousehold(s, 'Bakker', 'K.');
      const tasks = await s.find(Todo, {}, { no: 'ASC' });
      tasks[1].contactNo = 'CT000002';
      const trace: string[] = [];
      sqlStatements.trace = trace;
      try {
        await calcFields(s, tableMeta(Todo), tasks, ['contactName']);
      } finally {
        sqlStatements.trace = null;
      }
      expect(tasks.map((t) => t.contactName)).toEqual(['P. Jansen', 'K. Bakker', 'P. Jansen']);
      expect(trace).toHaveLength(1);
    });
  });

  test('Comment: exist(comment lines of the Organizer To-do No., Sub No. 0), for a page of tasks at once', async () => {
    const tc = await withTasks();
    await tc.run(async (s) => {
      const tasks = await s.find(Todo, {}, { no: 'ASC' });
      await calcFields(s, tableMeta(Todo), tasks, ['comment']);
      // The interaction's Notitie is the team task's first note; the members' copies share the Organizer To-do No.
      expect(tasks.map((t) => [t.organizerToDoNo, t.comment])).toEqual([
        ['TD000001', true],
        ['TD000001', true],
        ['TD000001', true],
      ]);
      const other = s.create(Todo);
      other.organizerToDoNo = 'TD999999';
      expect((await other.calcFields('comment')).comment).toBe(false);
    });
  });

  test('a FlowField cannot be validated (Editable = false; not supported from code)', async () => {
    const tc = await withTasks();
    await tc.run(async (s) => {
      const task = await s.get(Todo, 'TD000001');
      const err = await task.validate('contactName', 'Someone').then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(BcError);
      expect((err as BcError).code).toBe('Simulator_NotSupported');
      expect(task.contactName).toBe('');
    });
  });

  test('a FlowField has no column: the table metadata and the database schema leave it out', async () => {
    const meta = tableMeta(Todo);
    expect(meta.fields.map((f) => f.property)).not.toContain('contactName');
    expect(meta.flowFields.map((f) => [f.no, f.name, f.editable])).toEqual([
      [16, 'Comment', false],
      [18, 'Contact Name', false],
      [23, 'Contact Company Name', false],
    ]);
    expect(meta.field('contactName').calcFormula).toMatchObject({ method: 'lookup', field: 'name', where: { no: { field: 'contactNo' } } });
    const tc = await LibraryMarketing.newTestCompany();
    await tc.run(async (s) => {
      const columns = s.manager.connection.getMetadata(Todo).columns.map((c) => c.databaseName);
      expect(columns).toContain('Contact_No_');
      expect(columns.filter((c) => /Contact_(Company_)?Name/.test(c))).toEqual([]);
    });
  });
});
