// The training client: sign in, the Rolcentrum, and every page as a page session drawn by render.js.
// All state that matters lives on the server (page sessions); this file keeps the stack of open pages.
import { Api, loginUsers } from './api.js';
import { t } from './i18n.js';
import { h, renderDialog, renderLookup, renderPage } from './render.js';

const app = document.getElementById('app');
const state = {
  api: null,
  me: null,
  lang: localStorage.getItem('empire-sim.lang') || 'nl-NL',
  company: null,
  /** Open pages, the role center at the bottom. */
  stack: [],
  /** A client-side error dialog (an action failed, the session expired). */
  error: null,
  tellMe: null,
  /** An open lookup list: { session, field }. */
  lookup: null,
  collapsed: new Set(),
};

// ---- sign in ----

async function showLogin(message) {
  document.documentElement.lang = state.lang === 'nl-NL' ? 'nl' : 'en';
  const users = await loginUsers().catch(() => []);
  const userSelect = h('select', { id: 'login-user', name: 'user' }, users.map((u) => h('option', { value: u.userName }, `${u.userName} – ${u.fullName}`)));
  const password = h('input', { id: 'login-key', name: 'key', type: 'password', autocomplete: 'current-password' });
  userSelect.addEventListener('change', () => (password.value = ''));
  const form = h('form', { class: 'login-box' },
    h('div', { class: 'brand' }, h('span', { class: 'logo' }, 'D'), h('span', {}, t(state.lang, 'appName')), h('small', {}, t(state.lang, 'training'))),
    h('label', { for: 'login-user' }, t(state.lang, 'user')), userSelect,
    h('label', { for: 'login-key' }, t(state.lang, 'password')), password,
    h('p', { class: 'hint' }, t(state.lang, 'passwordHint')),
    message ? h('p', { class: 'login-error', role: 'alert' }, message) : null,
    h('button', { class: 'primary', type: 'submit', id: 'login-submit' }, t(state.lang, 'login')),
    h('button', { type: 'button', class: 'link', dataset: { toggleLang: '1' } }, t(state.lang, 'language')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    signIn(userSelect.value, password.value);
  });
  form.querySelector('[data-toggle-lang]').addEventListener('click', () => {
    setLang(state.lang === 'nl-NL' ? 'en-US' : 'nl-NL');
    showLogin();
  });
  app.replaceChildren(h('div', { class: 'login' }, form));
}

async function signIn(user, key) {
  const api = new Api(user, key);
  try {
    state.me = await api.me(state.lang);
  } catch {
    return showLogin(t(state.lang, 'loginFailed'));
  }
  state.api = api;
  sessionStorage.setItem('empire-sim.auth', JSON.stringify({ user, key }));
  state.company = state.me.companies[0]?.id;
  const rc = await api.open(state.company, { page: 9026 }, state.lang);
  state.stack = [rc.view];
  render();
}

function signOut() {
  sessionStorage.removeItem('empire-sim.auth');
  state.api = null;
  state.stack = [];
  showLogin();
}

function setLang(lang) {
  state.lang = lang;
  localStorage.setItem('empire-sim.lang', lang);
}

// ---- rendering ----

function render() {
  document.documentElement.lang = state.lang === 'nl-NL' ? 'nl' : 'en';
  const focused = document.activeElement?.dataset?.field;
  const focusedSession = document.activeElement?.closest?.('[data-session]')?.dataset.session;
  const top = state.stack[state.stack.length - 1];
  const main = h('main', { class: 'content' });
  // A popup page (StandardDialog) is drawn over the page that opened it.
  const base = top?.type === 'StandardDialog' ? state.stack[state.stack.length - 2] : top;
  if (base) main.append(renderPage(base, state.lang, { collapsed: state.collapsed }));
  const overlays = [];
  if (top && top !== base) overlays.push(h('div', { class: 'overlay' }, h('div', { class: 'dialog dialog-page' }, renderPage(top, state.lang, { collapsed: state.collapsed }))));
  if (top?.dialog) overlays.push(h('div', { class: 'overlay' }, renderDialog(top.dialog, top.sessionId, state.lang, { collapsed: state.collapsed })));
  if (state.error) overlays.push(h('div', { class: 'overlay' }, renderDialog({ kind: 'error', text: state.error }, '', state.lang)));
  if (state.tellMe) overlays.push(renderTellMe());
  const lookupField = state.lookup && fieldOf(state.lookup.session, state.lookup.field);
  if (lookupField?.lookup) overlays.push(h('div', { class: 'overlay' }, renderLookup(lookupField, state.lookup.session, state.lang)));
  app.replaceChildren(renderTopBar(), main, ...overlays);
  // Tab moved the focus to the next field before the answer came back: put it there again.
  if (focused) {
    const el = app.querySelector(`[data-session="${focusedSession}"] [data-field="${CSS.escape(focused)}"]`);
    if (el) el.focus();
  }
  const dialogButton = app.querySelector('.overlay:last-child .dialog-actions .primary');
  if (!focused && dialogButton && (top?.dialog || state.error)) dialogButton.focus();
}

function renderTopBar() {
  return h('header', { class: 'topbar' },
    h('span', { class: 'logo' }, 'D'),
    h('span', { class: 'product' }, t(state.lang, 'appName')),
    h('span', { class: 'company' }, state.me?.companies.find((c) => c.id === state.company)?.displayName ?? ''),
    h('span', { class: 'spacer' }),
    state.me?.isAdmin ? h('button', { class: 'console-button', dataset: { console: '1' } }, t(state.lang, 'console')) : null,
    h('button', { class: 'tell-me-button', title: t(state.lang, 'tellMe'), dataset: { tellMe: '1' } }, h('span', { class: 'search-icon', 'aria-hidden': 'true' }), t(state.lang, 'tellMeTitle')),
    h('button', { class: 'lang', title: t(state.lang, 'languageTitle'), dataset: { toggleLang: '1' } }, t(state.lang, 'language')),
    h('span', { class: 'user', title: state.me?.fullName }, state.me?.userName ?? ''),
    h('button', { class: 'logout', dataset: { logout: '1' } }, t(state.lang, 'logout')));
}

function renderTellMe() {
  const input = h('input', { type: 'search', id: 'tell-me-input', placeholder: t(state.lang, 'tellMe'), value: state.tellMe.query, autocomplete: 'off' });
  const results = h('ul', { class: 'tell-me-results' },
    state.tellMe.results.length || !state.tellMe.query
      ? state.tellMe.results.map((r) => h('li', {}, h('a', { href: '#', dataset: { tellMePage: String(r.pageId) } }, r.caption)))
      : [h('li', { class: 'none' }, t(state.lang, 'noResults'))]);
  input.addEventListener('input', async () => {
    state.tellMe.query = input.value;
    state.tellMe.results = (await state.api.tellMe(input.value, state.lang)).value;
    const pos = input.selectionStart;
    render();
    const again = document.getElementById('tell-me-input');
    again.focus();
    again.setSelectionRange(pos, pos);
  });
  queueMicrotask(() => document.getElementById('tell-me-input')?.focus());
  return h('div', { class: 'overlay tell-me-overlay', dataset: { tellMeClose: '1' } },
    h('div', { class: 'tell-me', role: 'dialog', 'aria-label': t(state.lang, 'tellMeTitle') }, h('h2', {}, t(state.lang, 'tellMeTitle')), input, results));
}

// ---- applying the server's answers ----

/** Where a page session is shown: in the stack, or as the modal page of a dialog. */
function locate(sessionId) {
  for (const v of state.stack) {
    if (v.sessionId === sessionId) return { kind: 'stack', view: v };
    if (v.dialog?.kind === 'modal' && v.dialog.modal?.sessionId === sessionId) return { kind: 'modal', owner: v };
  }
  return null;
}

async function apply(sessionId, result) {
  const at = locate(sessionId);
  if (at?.kind === 'modal') at.owner.dialog.modal = result.view;
  else if (at) state.stack[state.stack.indexOf(at.view)] = result.view;
  if (result.closed) {
    state.stack = state.stack.filter((v) => v.sessionId !== sessionId);
    await refreshTop();
  }
  if (result.opened) state.stack.push(result.opened);
  if (result.error && !result.error.field) state.error = result.error.message;
  render();
}

async function refreshTop() {
  const top = state.stack[state.stack.length - 1];
  if (!top) return;
  const r = await state.api.get(top.sessionId, state.lang);
  state.stack[state.stack.length - 1] = r.view;
}

async function guarded(fn) {
  try {
    await fn();
  } catch (err) {
    state.error = err.status === 404 ? t(state.lang, 'expired') : err.message;
    render();
  }
}

function sessionOf(el) {
  return el.closest('[data-session]')?.dataset.session;
}

function viewOf(sessionId) {
  const at = locate(sessionId);
  return at?.kind === 'modal' ? at.owner.dialog.modal : at?.view;
}

function fieldOf(sessionId, name) {
  const view = viewOf(sessionId);
  return (view?.groups ?? []).flatMap((g) => g.fields).find((f) => f.name === name);
}

async function openPage(request) {
  const r = await state.api.open(state.company, request, state.lang);
  state.stack.push(r.view);
  render();
}

// ---- events (one delegate for the whole client) ----

app.addEventListener('click', (e) => {
  const el = e.target.closest('button, a, tr, summary, .overlay');
  if (!el) return;
  const d = el.dataset;
  if (el.tagName === 'A') e.preventDefault();
  // One menu open at a time: opening one closes the others (not the menus around it).
  if (el.tagName === 'SUMMARY') {
    for (const open of app.querySelectorAll('details[open]')) if (!open.contains(el)) open.removeAttribute('open');
    return;
  }
  if (d.logout) return signOut();
  if (d.console) return location.assign('/console');
  if (d.toggleLang && state.api) {
    setLang(state.lang === 'nl-NL' ? 'en-US' : 'nl-NL');
    return guarded(async () => {
      for (let i = 0; i < state.stack.length; i++) state.stack[i] = (await state.api.get(state.stack[i].sessionId, state.lang)).view;
      render();
    });
  }
  if (d.tellMe) {
    state.tellMe = { query: '', results: [] };
    return render();
  }
  if (d.tellMeClose && e.target === el) {
    state.tellMe = null;
    return render();
  }
  if (d.tellMePage) {
    state.tellMe = null;
    return guarded(() => openPage({ page: Number(d.tellMePage) }));
  }
  if (d.lookupOpen) {
    state.lookup = { session: sessionOf(el), field: d.lookupOpen };
    return render();
  }
  if (d.lookupCancel) {
    state.lookup = null;
    return render();
  }
  if (el.tagName === 'TR' && d.lookupValue !== undefined) {
    const { session, field } = state.lookup;
    state.lookup = null;
    return guarded(async () => apply(session, await state.api.set(session, field, d.lookupValue, state.lang)));
  }
  if (d.answer === 'dismiss-error') {
    state.error = null;
    return render();
  }
  if (d.answer) {
    const owner = el.closest('[data-owner]')?.dataset.owner;
    return guarded(async () => apply(owner, await state.api.answer(owner, d.answer, state.lang)));
  }
  if (d.toggle) {
    state.collapsed.has(d.toggle) ? state.collapsed.delete(d.toggle) : state.collapsed.add(d.toggle);
    return render();
  }
  if (d.close) {
    return guarded(async () => apply(d.close, await state.api.close(d.close, state.lang)));
  }
  if (d.link) {
    const rc = state.stack[0];
    const link = rc.links.find((l) => l.name === d.link);
    return guarded(() => openPage({ page: link.open.pageId, mode: link.open.mode, filters: link.open.filters }));
  }
  if (d.part && !d.partRow) {
    const part = state.stack[0].parts.find((p) => p.name === d.part);
    return guarded(() => openPage({ page: part.pageId, mode: 'view', filters: part.open.filters }));
  }
  if (d.partRow || (d.drill && el.closest('[data-part-row]'))) {
    const row = el.closest('tr');
    const part = state.stack[0].parts.find((p) => p.name === row.dataset.part);
    return guarded(() => openPage({ page: part.cardPageId, mode: 'edit', recordId: row.dataset.partRow }));
  }
  if (d.action) {
    el.closest('details')?.removeAttribute('open');
    const session = sessionOf(el);
    return guarded(async () => apply(session, await state.api.invoke(session, d.action, state.lang)));
  }
  if (d.nav) {
    const session = sessionOf(el);
    return guarded(async () => apply(session, await state.api.navigate(session, d.nav, undefined, state.lang)));
  }
  if (d.filterClear) {
    const session = sessionOf(el);
    return guarded(async () => apply(session, await state.api.filter(session, { [d.filterClear]: '' }, state.lang)));
  }
  if (d.drill || d.rowId) {
    const row = el.closest('tr');
    const session = sessionOf(el);
    const view = viewOf(session);
    return guarded(async () => {
      const moved = await state.api.navigate(session, 'record', row.dataset.rowId, state.lang);
      await apply(session, moved);
      // Clicking the No. opens the record on its card, as in BC.
      if (d.drill && !view?.modalOf) {
        const edit = moved.view.actions.find((a) => a.name === 'Edit' && a.enabled) ?? moved.view.actions.find((a) => a.name === 'View');
        if (edit) await apply(session, await state.api.invoke(session, edit.name, state.lang));
      }
    });
  }
});

app.addEventListener('dblclick', (e) => {
  const row = e.target.closest('tr[data-row-id]');
  const session = row && sessionOf(row);
  const view = session && viewOf(session);
  if (!view || view.modalOf) return;
  const edit = view.actions.find((a) => a.name === 'Edit' && a.enabled) ?? view.actions.find((a) => a.name === 'View');
  if (edit) guarded(async () => apply(session, await state.api.invoke(session, edit.name, state.lang)));
});

app.addEventListener('change', (e) => {
  const el = e.target;
  const field = el.dataset?.field;
  if (!field) return;
  const session = sessionOf(el);
  const value = el.type === 'checkbox' ? el.checked : el.value;
  guarded(async () => apply(session, await state.api.set(session, field, value, state.lang)));
});

// Tab (or Enter) out of the untouched primary key of a new card: BC inserts a new record when the user leaves the
// control that shows the primary key (DelayedInsert = false, the default), so OnInsert gives it its No. from the
// number series (seed 000: "Druk op Tab, waarna het systeem een nieuw contactnummer aanmaakt"). A changed value is
// sent by its change event instead.
app.addEventListener('keydown', (e) => {
  if (e.key !== 'Tab' && e.key !== 'Enter') return;
  const el = e.target;
  const field = el.dataset?.field;
  if (!field || el.tagName !== 'INPUT' || el.type === 'checkbox' || el.value !== el.defaultValue) return;
  const session = sessionOf(el);
  const view = viewOf(session);
  if (!view || view.mode !== 'new' || view.recordId || view.type !== 'Card') return;
  if (!fieldOf(session, field)?.primaryKey) return;
  guarded(async () => apply(session, await state.api.set(session, field, el.value, state.lang)));
});

app.addEventListener('submit', (e) => {
  const searchForm = e.target.closest('[data-search-form]');
  if (searchForm) {
    e.preventDefault();
    const session = sessionOf(searchForm);
    const text = searchForm.querySelector('.search-text').value;
    return guarded(async () => apply(session, await state.api.filter(session, { $search: text }, state.lang)));
  }
  const form = e.target.closest('[data-filter-form]');
  if (!form) return;
  e.preventDefault();
  const session = sessionOf(form);
  const field = form.querySelector('.filter-field').value;
  const text = form.querySelector('.filter-text').value;
  guarded(async () => apply(session, await state.api.filter(session, { [field]: text }, state.lang)));
});

document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && (state.tellMe || state.lookup)) {
    state.tellMe = null;
    state.lookup = null;
    render();
  }
  // Alt+Q opens Vertel me, as in Business Central.
  if (e.altKey && (e.key === 'q' || e.key === 'Q') && state.api) {
    state.tellMe = { query: '', results: [] };
    render();
  }
});

// ---- start ----

const saved = JSON.parse(sessionStorage.getItem('empire-sim.auth') || 'null');
if (saved) signIn(saved.user, saved.key);
else showLogin();
