// The trainer's console (docs/training.md): make a class in one action, watch each trainee's progress through the
// work instruction live (server-sent events read with fetch, so the Basic header goes along; polling when the
// stream fails), reset a trainee or the class, export the results. Everything shown comes from /_sim/training.
import { loginUsers } from './api.js';
import { h } from './render.js';

const root = document.getElementById('console');
const STATUS = { done: '✓', wrong: '✗', skipped: '–', open: '·' };
const STATUS_TEXT = { done: 'gedaan', wrong: 'fout', skipped: 'overgeslagen', open: 'open' };
const state = { auth: null, user: '', classes: [], seeds: [], selected: null, progress: null, keys: null, error: null, live: 'off' };
let stream = null;

// ---- the server ----

let inFlight = 0;
async function call(method, path, body) {
  inFlight++;
  document.body.dataset.busy = '1';
  try {
    const res = await fetch(`/_sim${path}`, {
      method,
      headers: { authorization: state.auth, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status === 204) return null;
    const isJson = (res.headers.get('content-type') ?? '').includes('json');
    const data = isJson ? await res.json() : await res.text();
    if (!res.ok) {
      const err = new Error((data?.error?.message ?? `HTTP ${res.status}`).replace(/\s+CorrelationId:\s+[0-9a-f-]+\.$/, ''));
      err.status = res.status;
      throw err;
    }
    return data;
  } finally {
    if (--inFlight === 0) document.body.dataset.busy = '0';
  }
}

async function guarded(fn) {
  try {
    state.error = null;
    await fn();
  } catch (e) {
    state.error = e.message;
  }
  render();
}

// ---- sign in (the web client's sign-in is reused when the trainer came from there) ----

async function showLogin(message) {
  const users = await loginUsers().catch(() => []);
  const userSelect = h('select', { id: 'login-user' }, users.map((u) => h('option', { value: u.userName, selected: u.userName === 'TRAINER' }, `${u.userName} – ${u.fullName}`)));
  const key = h('input', { id: 'login-key', type: 'password', autocomplete: 'current-password' });
  const form = h('form', { class: 'login-box' },
    h('div', { class: 'brand' }, h('span', { class: 'logo' }, 'D'), h('span', {}, 'Trainersconsole'), h('small', {}, 'Oefenomgeving')),
    h('label', { for: 'login-user' }, 'Gebruiker'), userSelect,
    h('label', { for: 'login-key' }, 'Wachtwoord (webservicetoegangssleutel)'), key,
    h('p', { class: 'hint' }, 'Alleen voor gebruikers met de machtigingenset SUPER voor alle bedrijven (demo: TRAINER / demo-trainer).'),
    message ? h('p', { class: 'login-error', role: 'alert' }, message) : null,
    h('button', { class: 'primary', type: 'submit', id: 'login-submit' }, 'Aanmelden'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    signIn(userSelect.value, key.value);
  });
  root.replaceChildren(h('div', { class: 'login' }, form));
}

async function signIn(user, key) {
  state.auth = 'Basic ' + btoa(unescape(encodeURIComponent(`${user}:${key}`)));
  state.user = user.toUpperCase();
  try {
    state.classes = (await call('GET', '/training/classes')).value;
    state.seeds = (await call('GET', '/seeds')).value.map((s) => s.name);
  } catch (e) {
    state.auth = null;
    return showLogin(e.status === 403 ? 'Deze gebruiker heeft de machtigingenset SUPER voor alle bedrijven niet.' : 'Aanmelden is mislukt: controleer gebruiker en wachtwoord.');
  }
  sessionStorage.setItem('empire-sim.console.auth', JSON.stringify({ user, key }));
  const wanted = new URLSearchParams(location.search).get('klas');
  if (wanted && state.classes.some((c) => c.code === wanted)) await select(wanted);
  else render();
}

function signOut() {
  stopStream();
  sessionStorage.removeItem('empire-sim.console.auth');
  Object.assign(state, { auth: null, classes: [], selected: null, progress: null, keys: null });
  showLogin();
}

// ---- live progress ----

function stopStream() {
  stream?.abort();
  stream = null;
  state.live = 'off';
}

/** The class's progress stream; if it cannot be read (a proxy that buffers, a network error), poll instead. */
async function follow(code) {
  stopStream();
  const controller = new AbortController();
  stream = controller;
  try {
    const res = await fetch(`/_sim/training/classes/${encodeURIComponent(code)}/progress/stream`, { headers: { authorization: state.auth, accept: 'text/event-stream' }, signal: controller.signal });
    if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
    state.live = 'stream';
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
        if (block.startsWith('event: progress') && stream === controller) {
          state.progress = JSON.parse(data);
          render();
        }
      }
    }
  } catch {
    if (stream !== controller) return;
    state.live = 'poll';
    render();
    poll(code, controller);
  }
}

/** Polls every 3 s; after 30 s it tries the stream again (a restarted server, a network that came back). */
async function poll(code, controller) {
  for (let round = 0; stream === controller; round++) {
    if (round === 10) return follow(code);
    try {
      state.progress = await call('GET', `/training/classes/${encodeURIComponent(code)}/progress`);
      render();
    } catch {
      /* the next round tries again */
    }
    await new Promise((r) => setTimeout(r, 3000));
  }
}

async function select(code) {
  state.selected = code;
  state.progress = await call('GET', `/training/classes/${encodeURIComponent(code)}/progress`);
  history.replaceState(null, '', `?klas=${encodeURIComponent(code)}`);
  render();
  follow(code);
}

// ---- drawing ----

function render() {
  if (!state.auth) return;
  root.replaceChildren(
    h('header', { class: 'topbar' },
      h('span', { class: 'logo' }, 'D'), h('span', { class: 'product' }, 'Trainersconsole'),
      h('span', { class: 'spacer' }),
      h('a', { href: '/', class: 'to-client', style: 'color:#fff' }, 'Naar de oefenomgeving'),
      h('span', { class: 'user' }, state.user),
      h('button', { class: 'logout', dataset: { logout: '1' } }, 'Afmelden')),
    h('main', { class: 'console-main' }, renderSide(), renderClass()));
}

function renderSide() {
  const seeds = state.seeds.length ? state.seeds : ['demo'];
  return h('aside', { class: 'console-side' },
    h('h2', {}, 'Cursusgroepen'),
    state.classes.length
      ? h('ul', { class: 'class-list' }, state.classes.map((c) => h('li', {},
          h('button', { class: c.code === state.selected ? 'selected' : '', dataset: { select: c.code } }, c.code,
            h('small', {}, `${c.description || '—'} · ${c.trainees.length} cursisten · ${c.captionSet}`)))))
      : h('p', { class: 'hint' }, 'Nog geen cursusgroepen.'),
    h('h2', {}, 'Nieuwe cursusgroep'),
    h('form', { id: 'new-class' },
      h('label', { for: 'class-code' }, 'Code (letters en cijfers, max. 10)'), h('input', { id: 'class-code', name: 'code', required: true, maxlength: 10 }),
      h('label', { for: 'class-description' }, 'Omschrijving'), h('input', { id: 'class-description', name: 'description', maxlength: 100 }),
      h('label', { for: 'class-trainees' }, 'Aantal cursisten'), h('input', { id: 'class-trainees', name: 'trainees', type: 'number', min: 1, max: 50, value: 5 }),
      h('label', { for: 'class-seed' }, 'Basisgegevens'), h('select', { id: 'class-seed', name: 'seed' }, seeds.map((s) => h('option', { value: s, selected: s === 'demo' }, s))),
      h('label', { for: 'class-caption-set' }, 'Schermteksten (werkinstructie)'),
      h('select', { id: 'class-caption-set', name: 'captionSet' },
        h('option', { value: '000' }, '000 – Initialen, Soort, Nieuw | + Nieuw'),
        h('option', { value: '003' }, '003 – Voorletters, Bedrijf,Persoon (Type), + Contact')),
      h('label', { for: 'class-teams' }, 'Teams van de cursisten'), h('input', { id: 'class-teams', name: 'teams', value: 'KCC' }),
      h('button', { class: 'primary', type: 'submit', id: 'create-class' }, 'Cursusgroep aanmaken')),
    state.error ? h('p', { class: 'console-error', role: 'alert' }, state.error) : null);
}

function renderClass() {
  const p = state.progress;
  if (!p) return h('section', { class: 'console-panel' }, h('p', { class: 'hint' }, 'Kies een cursusgroep of maak er een aan.'));
  const steps = p.exercise.steps;
  const paths = p.exercise.paths.map((path) => ({ ...path, span: steps.filter((s) => s.path === path.id).length }));
  const head = h('thead', {},
    h('tr', {}, h('th', { rowspan: 2 }, 'Cursist'), h('th', { rowspan: 2 }, 'Gedaan'),
      paths.map((path) => h('th', { class: 'path', colspan: path.span }, path.caption)),
      h('th', { rowspan: 2 }, '')),
    h('tr', {}, steps.map((s) => h('th', { title: s.caption }, s.caption))));
  const rows = p.trainees.flatMap((t) => [h('tr', { dataset: { trainee: t.userName } },
    h('td', {}, h('strong', {}, t.userName), h('br'), t.fullName, h('br'), h('small', {}, `Medewerker ${t.salespersonCode}`)),
    h('td', { class: 'score', dataset: { score: `${t.done}/${t.total}` } }, t.error ? '—' : `${t.done}/${t.total}`),
    steps.map((def) => {
      const r = t.steps.find((x) => x.step === def.id);
      const status = r?.status ?? 'open';
      return h('td', { class: 'step', dataset: { step: def.id, status }, title: `${def.caption}: ${STATUS_TEXT[status]}${r?.detail ? ` — ${r.detail}` : ''}` },
        h('span', { 'aria-label': STATUS_TEXT[status] }, STATUS[status]));
    }),
    h('td', {}, h('button', { dataset: { resetTrainee: t.userName } }, 'Resetten'))),
  // What went wrong, under the trainee's row, in the steps' words.
  mistakesRow(t, steps)]).filter(Boolean);
  return h('section', { class: 'console-panel' },
    state.keys ? renderKeys() : null,
    h('div', { class: 'class-head' },
      h('h2', {}, `${p.code}${p.description ? ` – ${p.description}` : ''}`),
      h('span', { class: 'live', dataset: { mode: state.live } }, state.live === 'stream' ? 'live' : state.live === 'poll' ? 'elke 3 s ververst' : ''),
      h('button', { dataset: { exportCsv: p.code } }, 'Resultaten exporteren (CSV)'),
      h('button', { dataset: { resetClass: p.code } }, 'Hele groep resetten')),
    h('p', { class: 'hint' }, `Basisgegevens ${p.seed}, schermteksten ${p.captionSet}, teams ${p.teams.join(', ')}. Afgeleid uit de gegevens in het bedrijf van elke cursist.`),
    h('div', { class: 'progress-scroll' }, h('table', { class: 'progress' }, head, h('tbody', {}, rows))),
    h('p', { class: 'legend' }, '✓ gedaan · ✗ anders gedaan dan de werkinstructie · – overgeslagen (mag volgens de werkinstructie) · · nog open. Wijs een cel aan voor de toelichting.'));
}

function mistakesRow(t, steps) {
  const wrong = t.steps.filter((x) => x.status === 'wrong');
  if (!t.error && wrong.length === 0) return null;
  return h('tr', { class: 'mistakes-row', dataset: { mistakesOf: t.userName } },
    h('td', { colspan: steps.length + 3, class: 'mistakes' }, t.error ? t.error
      : h('ul', {}, wrong.map((x) => h('li', { dataset: { mistake: x.step } }, h('strong', {}, `${steps.find((s) => s.id === x.step).caption}: `), x.detail)))));
}

function renderKeys() {
  return h('div', { class: 'keys', role: 'status' },
    h('strong', {}, 'Aanmeldgegevens van de cursisten — alleen nu zichtbaar: noteer of deel ze nu.'),
    h('table', { id: 'trainee-keys' },
      h('tr', {}, h('th', {}, 'Gebruiker'), h('th', {}, 'Wachtwoord'), h('th', {}, 'Bedrijf')),
      state.keys.map((k) => h('tr', { dataset: { keyFor: k.userName } }, h('td', {}, k.userName), h('td', { class: 'key' }, k.accessKey), h('td', {}, k.company)))),
    h('button', { dataset: { hideKeys: '1' } }, 'Verbergen'));
}

// ---- events ----

root.addEventListener('click', (e) => {
  const el = e.target.closest('button');
  if (!el) return;
  const d = el.dataset;
  if (d.logout) return signOut();
  if (d.select) return guarded(async () => { state.keys = null; await select(d.select); });
  if (d.hideKeys) { state.keys = null; return render(); }
  if (d.resetTrainee) {
    if (!confirm(`Het bedrijf van ${d.resetTrainee} terugzetten naar de basisgegevens? Al het werk van deze cursist gaat verloren.`)) return;
    return guarded(() => call('POST', `/training/classes/${encodeURIComponent(state.selected)}/trainees/${encodeURIComponent(d.resetTrainee)}/reset`));
  }
  if (d.resetClass) {
    if (!confirm(`De bedrijven van alle cursisten van ${d.resetClass} terugzetten naar de basisgegevens?`)) return;
    return guarded(() => call('POST', `/training/classes/${encodeURIComponent(d.resetClass)}/reset`));
  }
  if (d.exportCsv) {
    return guarded(async () => {
      const csv = await call('GET', `/training/classes/${encodeURIComponent(d.exportCsv)}/results.csv`);
      const link = h('a', { href: URL.createObjectURL(new Blob([csv], { type: 'text/csv' })), download: `resultaten-${d.exportCsv}.csv` });
      document.body.append(link);
      link.click();
      link.remove();
    });
  }
});

root.addEventListener('submit', (e) => {
  if (e.target.id !== 'new-class') return;
  e.preventDefault();
  const f = new FormData(e.target);
  const body = {
    code: String(f.get('code')).trim(),
    description: String(f.get('description')).trim(),
    trainees: Number(f.get('trainees')),
    seed: String(f.get('seed')),
    captionSet: String(f.get('captionSet')),
    teams: String(f.get('teams')).split(/[\s,]+/).filter((x) => x !== ''),
  };
  guarded(async () => {
    const created = await call('POST', '/training/classes', body);
    state.classes = (await call('GET', '/training/classes')).value;
    await select(created.code);
    state.keys = created.trainees;
  });
});

// ---- start ----

const saved = JSON.parse(sessionStorage.getItem('empire-sim.console.auth') || sessionStorage.getItem('empire-sim.auth') || 'null');
if (saved) signIn(saved.user, saved.key);
else showLogin();
