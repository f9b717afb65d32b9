// [FEATURE] [Page sessions] [API pages] — lists show To-do's Contact Name (FlowField 18) from the table, calculated per page of rows.
import { EmpireInteraction } from '../../codeunits/process/EmpireInteraction.Codeunit';
import { MY_SALESPERSON } from '../library/LibraryHttp';
import { closeSharedSimulator, createHousehold } from '../library/LibraryMarketing';
import { cells, newPagesCompany, PagesTestCompany, shown } from './LibraryPages';

afterAll(closeSharedSimulator);

/** Two households, each with a VRAAG interaction: a team task for KCC and its members' copies. */
async function withTwoContactsTasks(): Promise<PagesTestCompany> {
  const tc = await newPagesCompany();
  await tc.run(
    async (s) => {
      for (const [surname, initials] of [['Jansen', 'P.'], ['Bakker', 'K.']]) {
        const h = await createHousehold(s, surname, initials);
        await new EmpireInteraction(s).fromContact(h.no, { templateCode: 'VRAAG', note: 'Vraag' });
      }
    },
    { user: tc.userName },
  );
  return tc;
}

test('the Task List (Taken) and the Task Card show Contactnaam from the table', async () => {
  const tc = await withTwoContactsTasks();
  const list = await tc.tester.open('Task List', { filters: { salespersonCode: MY_SALESPERSON } });
  expect(list.status).toBe(200);
  const rows = cells(list.view).map((c) => [c['Contact No.'], c['Contact Name']]);
  expect(rows).toEqual([
    ['CT000001', 'P. Jansen'],
    ['CT000002', 'K. Bakker'],
  ]);
  expect(list.view.columns!.find((c) => c.name === 'Contact Name')!.caption).toBe('Contactnaam');
  const card = (await tc.tester.invoke(list.view.sessionId, 'Bewerken')).opened!;
  expect(shown(card, 'Contactnaam')).toBe('P. Jansen');
  const typed = await tc.tester.set(card.sessionId, 'Contactnaam', 'Iemand anders');
  expect(JSON.stringify(typed.error)).toContain('Contactnaam');
});

test('the API lists contactName per task, and refuses to write it', async () => {
  const tc = await withTwoContactsTasks();
  const tasks = (await tc.get(`${tc.crm}/tasks`)).body.value as Array<Record<string, string>>;
  expect(tasks).toHaveLength(6);
  for (const t of tasks) expect(t.contactName).toBe(t.contactNumber === 'CT000001' ? 'P. Jansen' : 'K. Bakker');
  const selected = (await tc.get(`${tc.crm}/tasks?$select=number,contactName`)).body.value;
  expect(selected[0]).toEqual({ '@odata.etag': expect.any(String), number: 'TD000001', contactName: 'P. Jansen' });
  const one = (await tc.get(`${tc.crm}/tasks(${tasks[3].id})`)).body;
  expect(one.contactName).toBe('K. Bakker');
  const patched = await tc.patch(`${tc.crm}/tasks(${one.id})`, { contactName: 'X' }, one['@odata.etag']);
  expect(patched.status).toBe(400);
  const filtered = await tc.get(`${tc.crm}/tasks?$filter=contactName eq 'K. Bakker'`);
  expect(filtered.status).toBe(400);
});
