// The ONE renderer: every page (role center, list, card, popup) and every dialog is drawn from the page
// session's view (its metadata and values), never from a screen made by hand for one page.
import { t } from './i18n.js';

/** h('div', {class: 'x', onclick}, ...children): a small DOM builder. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'text') el.textContent = v;
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

const GROUP_ORDER = ['New', 'Home', 'Process', 'Navigate', 'Report'];
const GROUP_TEXT = { New: 'new', Home: 'home', Process: 'process', Navigate: 'navigate', Report: 'actions' };

/** A page view as an element. `modal`: drawn inside a dialog box (no own title bar or close button). */
export function renderPage(view, lang, options = {}) {
  const root = h('div', { class: `page page-${view.type.toLowerCase()}`, dataset: { session: view.sessionId, pageId: String(view.pageId) } });
  if (view.type === 'RoleCenter') return renderRoleCenter(root, view, lang);
  if (!options.modal) {
    root.append(
      h('header', { class: 'page-header' },
        h('button', { class: 'back', title: t(lang, 'back'), dataset: { close: view.sessionId }, 'aria-label': t(lang, 'back') }, '←'),
        h('h1', { class: 'page-title' }, view.caption),
        view.browse?.position ? h('span', { class: 'browse' },
          h('button', { dataset: { nav: 'previous' }, title: t(lang, 'previous'), 'aria-label': t(lang, 'previous'), disabled: view.browse.position <= 1 }, '‹'),
          h('span', {}, `${view.browse.position} ${t(lang, 'of')} ${view.browse.total}`),
          h('button', { dataset: { nav: 'next' }, title: t(lang, 'next'), 'aria-label': t(lang, 'next'), disabled: view.browse.position >= view.browse.total }, '›')) : null,
        view.type !== 'StandardDialog' ? h('button', { class: 'close', title: t(lang, 'close'), dataset: { close: view.sessionId } }, '✕') : null,
      ),
    );
  }
  root.append(renderActionBar(view, lang));
  if (view.type === 'List') root.append(renderList(view, lang));
  else root.append(renderFastTabs(view, lang, options));
  const dialogButtons = view.actions.filter((a) => a.group === 'Dialog');
  if (dialogButtons.length) {
    root.append(h('footer', { class: 'dialog-actions' }, dialogButtons.map((a, i) =>
      h('button', { class: i === 0 ? 'primary' : '', disabled: !a.enabled, dataset: { action: a.name } }, a.caption))));
  }
  return root;
}

function renderActionBar(view, lang) {
  const bar = h('nav', { class: 'action-bar' });
  const actions = view.actions.filter((a) => a.group !== 'Dialog');
  for (const group of GROUP_ORDER) {
    const inGroup = actions.filter((a) => a.group === group);
    if (!inGroup.length) continue;
    // BC: promoted actions sit on the bar; the group's menu lists them all, in their submenus.
    for (const a of inGroup.filter((x) => x.promoted)) {
      bar.append(h('button', { class: `action ${group === 'New' ? 'new' : ''}`, disabled: !a.enabled, dataset: { action: a.name } },
        group === 'New' && !a.caption.startsWith('+') ? `+ ${a.caption}` : a.caption));
    }
    // A list's New group is "Nieuw" holding "+ Nieuw"; a card's is "+ Nieuw" holding what it creates.
    const label = group === 'New' ? (view.type === 'List' ? t(lang, 'new') : `+ ${t(lang, 'new')}`) : t(lang, GROUP_TEXT[group]);
    bar.append(h('details', { class: 'action-menu', dataset: { group } }, h('summary', {}, label), actionMenu(inGroup, 0)));
  }
  return bar;
}

/** A group's menu: its actions, those with a submenu path in nested menus (Navigeren | Contact | Persoon → …). */
function actionMenu(actions, depth) {
  const menu = h('div', { class: 'menu', role: 'menu' });
  const subs = new Set();
  for (const a of actions) {
    const sub = a.menu?.[depth];
    if (sub === undefined) {
      menu.append(h('button', { disabled: !a.enabled, role: 'menuitem', dataset: { action: a.name } }, a.caption));
    } else if (!subs.has(sub)) {
      subs.add(sub);
      menu.append(h('details', { class: 'submenu' }, h('summary', { role: 'menuitem', 'aria-label': sub }, sub),
        actionMenu(actions.filter((x) => x.menu?.[depth] === sub), depth + 1)));
    }
  }
  return menu;
}

function renderRoleCenter(root, view, lang) {
  root.append(h('header', { class: 'rc-header' }, h('h1', {}, view.caption)));
  root.append(h('nav', { class: 'rc-links' }, view.links.map((l) => h('a', { href: '#', dataset: { link: l.name } }, l.caption))));
  root.append(h('section', { class: 'cues' }, view.parts.map((p) =>
    h('button', { class: 'cue', dataset: { part: p.name } }, h('span', { class: 'cue-count' }, String(p.total)), h('span', { class: 'cue-caption' }, p.caption)))));
  for (const p of view.parts) {
    root.append(h('section', { class: 'part', dataset: { partName: p.name } },
      h('h2', {}, h('a', { href: '#', dataset: { part: p.name } }, p.caption)),
      renderTable(p.columns.slice(0, 6), p.rows, null, lang, { part: p.name })));
  }
  return root;
}

function renderList(view, lang) {
  const wrap = h('div', { class: 'list' });
  const userFilters = view.userFilters ?? {};
  const fields = view.filterFields ?? view.columns;
  // BC's search box: every shown column at once (Enter or leaving the box searches).
  const search = h('form', { class: 'search-form', dataset: { searchForm: view.sessionId } },
    h('span', { class: 'search-icon', 'aria-hidden': 'true' }),
    h('input', { class: 'search-text', type: 'search', 'aria-label': t(lang, 'searchAll'), placeholder: t(lang, 'searchAll'), value: userFilters.$search ?? '' }));
  const pane = h('div', { class: 'filter-pane', role: 'search', 'aria-label': t(lang, 'filterPane') }, search);
  for (const f of view.filters ?? []) pane.append(h('span', { class: 'filter-chip' }, `${f.field}: ${f.value}`));
  for (const [name, text] of Object.entries(userFilters)) {
    if (name === '$search') continue;
    const field = fields.find((c) => c.name === name);
    pane.append(h('span', { class: 'filter-chip user' }, `${field?.caption ?? name}: *${text}*`,
      h('button', { class: 'chip-remove', dataset: { filterClear: name }, title: '✕' }, '✕')));
  }
  const select = h('select', { class: 'filter-field', 'aria-label': t(lang, 'addFilter') },
    fields.map((c) => h('option', { value: c.name }, c.caption)));
  pane.append(h('form', { class: 'filter-form', dataset: { filterForm: view.sessionId } },
    h('span', { class: 'filter-label' }, `${t(lang, 'filter')}:`), select,
    h('input', { class: 'filter-text', type: 'text', 'aria-label': t(lang, 'filter') }),
    h('button', { type: 'submit' }, '⏎')));
  wrap.append(pane);
  wrap.append(renderTable(view.columns, view.rows, view.position, lang, {}));
  wrap.append(h('div', { class: 'list-footer' }, `${view.total} ${t(lang, 'rows')}`));
  return wrap;
}

function renderTable(columns, rows, position, lang, { part }) {
  const table = h('table', { class: 'grid' },
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', {}, c.caption)))));
  const body = h('tbody');
  if (!rows.length) body.append(h('tr', { class: 'empty' }, h('td', { colspan: String(columns.length) }, t(lang, 'noRows'))));
  for (const r of rows) {
    const tr = h('tr', { class: r.id === position ? 'selected' : '', dataset: part ? { partRow: r.id, part } : { rowId: r.id } });
    for (const c of columns) {
      const text = r.cells[c.name] ?? '';
      tr.append(h('td', { dataset: { col: c.name } }, c.drillDown || (part && c === columns[0])
        ? h('a', { href: '#', dataset: { drill: r.id } }, text) : text));
    }
    body.append(tr);
  }
  table.append(body);
  return table;
}

function renderFastTabs(view, lang, options) {
  const wrap = h('div', { class: 'fasttabs' });
  for (const g of view.groups ?? []) {
    const fields = g.fields.filter((f) => f.visible);
    const collapsed = options.collapsed?.has(`${view.sessionId}:${g.name}`);
    const summary = fields.filter((f) => f.importance === 'Promoted' && f.display).map((f) => f.display).join(' · ');
    const section = h('section', { class: `fasttab ${collapsed ? 'collapsed' : ''}`, dataset: { group: g.name } },
      h('button', { class: 'fasttab-header', dataset: { toggle: `${view.sessionId}:${g.name}` } },
        h('span', { class: 'chevron' }, collapsed ? '›' : '⌄'), h('span', { class: 'fasttab-title' }, g.caption),
        collapsed ? h('span', { class: 'fasttab-summary' }, summary) : null));
    if (!collapsed) {
      section.append(h('div', { class: 'fields' }, fields.map((f) => renderField(view, f, lang))));
    }
    wrap.append(section);
  }
  return wrap;
}

function renderField(view, f, lang) {
  const id = `f-${view.sessionId.slice(0, 8)}-${f.name.replace(/[^A-Za-z0-9]/g, '_')}`;
  const error = f.error;
  const cell = h('div', { class: `field ${f.multiLine ? 'wide' : ''} ${error ? 'invalid' : ''}`, dataset: { fieldName: f.name } },
    h('label', { for: id }, f.caption));
  let control;
  const value = error ? error.value : f.value;
  const common = { id, dataset: { field: f.name }, 'aria-invalid': error ? 'true' : undefined };
  if (!f.editable) {
    control = h('span', { class: `ro ${f.multiLine ? 'multi' : ''}`, id, dataset: { fieldValue: f.name } }, f.display);
  } else if (f.lookup) {
    // BC's lookup: type the code, or open the related table's list (code and description) and pick a line.
    const current = value === null || value === undefined ? '' : String(value);
    const input = h('input', { ...common, type: 'text', value: current, maxlength: f.length ? String(f.length) : undefined, autocomplete: 'off', dataset: { field: f.name, lookup: '1' } });
    control = h('span', { class: 'lookup' }, input,
      h('button', { type: 'button', class: 'lookup-open', title: t(lang, 'lookupTitle'), 'aria-label': `${f.caption}: ${t(lang, 'lookupTitle')}`, dataset: { lookupOpen: f.name } }, '▾'));
  } else if (f.options) {
    control = h('select', common, f.options.map((o) => h('option', { value: o.value }, o.text)));
    control.value = String(value ?? '');
  } else if (f.kind === 'Boolean') {
    control = h('input', { ...common, type: 'checkbox', class: 'toggle' });
    control.checked = value === true || value === 'true';
  } else if (f.kind === 'Date') {
    // BC's date box: text in the session's format (dd-mm-jjjj in Dutch), never the browser's own date picker; the
    // server evaluates what is typed (3-12-2026, 031226, v, w, …).
    control = h('input', { ...common, type: 'text', class: 'date', value: error ? String(error.value ?? '') : f.display,
      placeholder: lang === 'nl-NL' ? 'dd-mm-jjjj' : 'mm/dd/yyyy', autocomplete: 'off' });
  } else if (f.multiLine) {
    control = h('textarea', { ...common, rows: '3' });
    control.value = value ?? '';
  } else {
    control = h('input', { ...common, type: 'text', value: value ?? '', maxlength: f.length ? String(f.length) : undefined, autocomplete: 'off' });
  }
  cell.append(control);
  if (error) cell.append(h('div', { class: 'field-error', role: 'alert' }, error.message));
  return cell;
}

/** A lookup's list (BC's lookup page): the related table's code and description; a line sets the field. */
export function renderLookup(field, sessionId, lang) {
  return h('div', { class: 'dialog dialog-lookup', role: 'dialog', 'aria-label': field.caption, dataset: { lookupSession: sessionId, lookupField: field.name } },
    h('header', { class: 'dialog-title' }, field.caption),
    h('table', { class: 'grid' },
      h('thead', {}, h('tr', {}, h('th', {}, t(lang, 'code')), h('th', {}, t(lang, 'description')))),
      h('tbody', {}, field.lookup.map((o) => h('tr', { class: o.value === String(field.value ?? '') ? 'selected' : '', dataset: { lookupValue: o.value } },
        h('td', {}, o.value), h('td', {}, o.text))))),
    h('footer', { class: 'dialog-actions' }, h('button', { dataset: { lookupCancel: '1' } }, t(lang, 'cancel'))));
}

/** The box of a dialog: confirm (Ja/Nee), message (OK), a modal page (its page + OK/Annuleren), or an error. */
export function renderDialog(dialog, ownerSessionId, lang, options = {}) {
  const box = h('div', { class: `dialog dialog-${dialog.kind}`, role: 'dialog', 'aria-modal': 'true', dataset: { owner: ownerSessionId } });
  if (dialog.kind === 'modal') {
    box.append(h('header', { class: 'dialog-title' }, dialog.text));
    if (dialog.modal) box.append(renderPage(dialog.modal, lang, { ...options, modal: true }));
    box.append(h('footer', { class: 'dialog-actions' },
      h('button', { class: 'primary', dataset: { answer: 'OK' } }, t(lang, 'ok')),
      h('button', { dataset: { answer: 'Cancel' } }, t(lang, 'cancel'))));
    return box;
  }
  const icon = dialog.kind === 'confirm' ? '?' : dialog.kind === 'error' ? '!' : 'i';
  box.append(h('div', { class: 'dialog-body' }, h('span', { class: `dialog-icon ${dialog.kind}` }, icon), h('p', { class: 'dialog-text' }, dialog.text)));
  const buttons = dialog.kind === 'confirm'
    ? [h('button', { class: dialog.defaultAnswer !== false ? 'primary' : '', dataset: { answer: 'yes' } }, t(lang, 'yes')),
       h('button', { class: dialog.defaultAnswer === false ? 'primary' : '', dataset: { answer: 'no' } }, t(lang, 'no'))]
    : [h('button', { class: 'primary', dataset: { answer: dialog.kind === 'error' ? 'dismiss-error' : 'OK' } }, t(lang, 'ok'))];
  box.append(h('footer', { class: 'dialog-actions' }, buttons));
  return box;
}
