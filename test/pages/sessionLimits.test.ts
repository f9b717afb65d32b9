// [FEATURE] [Page sessions] [Limits] — a question's modal page opens even when its user is at the page-session limit
// (a refused modal would leave the question unanswerable); other pages are still refused (docs/limits.md).
import { Todo } from '../../entities';
import { closeSharedSimulator } from '../library/LibraryMarketing';
import { keepOutcome, MAX_PENDING_MESSAGES, PageState } from '../../src/pageSession/PageSessionStore';
import { newPagesCompany } from './LibraryPages';

afterAll(closeSharedSimulator);

test('at maxPerUser, the Create Interaction modal of Text004 still opens and is answered; a new page is refused with 429', async () => {
  const tc = await newPagesCompany({ pageSessions: { maxPerUser: 2 } });
  // Team KCC's task, from a contact moment logged by TESTER (contact card + popup: two sessions, both closed).
  const card = (await tc.tester.open('Contactkaart', { mode: 'new' })).view;
  await tc.tester.set(card.sessionId, 'Achternaam', 'Berg');
  const popup = (await tc.tester.invoke(card.sessionId, 'Interactie via sjabloon')).opened!;
  await tc.tester.set(popup.sessionId, 'Sjabloon standaardwaarden', 'VRAAG');
  await tc.tester.set(popup.sessionId, 'Notitie', 'Wil een extra sleutel.');
  expect((await tc.tester.invoke(popup.sessionId, 'Voltooien')).closed).toBe(true);

  const id = await tc.run(async (s) => (await s.get(Todo, 'TD000001')).systemId);
  const task = (await tc.bob.open('Taakkaart', { recordId: id })).view;
  const list = await tc.bob.open('Contacten');
  expect(list.status).toBe(200);
  expect((await tc.bob.open('Contacten')).status).toBe(429);

  await tc.bob.set(task.sessionId, 'Medewerker', 'BOB');
  await tc.bob.answer(task.sessionId, true);
  await tc.bob.set(task.sessionId, 'Status', 'Afgerond');
  const modal = await tc.bob.answer(task.sessionId, true);
  expect(modal.status).toBe(200);
  expect(modal.view.dialog?.kind).toBe('modal');
  expect((await tc.bob.open('Contacten')).body.error.code).toBe('Simulator_TooManyPageSessions');

  const cancelled = await tc.bob.answer(task.sessionId, 'Cancel');
  expect(cancelled.view.dialog).toBeNull();
  await tc.run(async (s) => expect((await s.get(Todo, 'TD000001')).closed).toBe(true));
});

test('a page session keeps the newest MAX_PENDING_MESSAGES messages an operation leaves unacknowledged', () => {
  const state = { messages: [] } as unknown as PageState;
  const work = { ...state, messages: Array.from({ length: MAX_PENDING_MESSAGES + 10 }, (_, i) => `m${i}`) } as PageState;
  keepOutcome(state, work);
  expect(state.messages).toHaveLength(MAX_PENDING_MESSAGES);
  expect(state.messages[0]).toBe('m10');
  expect(state.messages[MAX_PENDING_MESSAGES - 1]).toBe(`m${MAX_PENDING_MESSAGES + 9}`);
});
