// Presets: the library (list, view one resolved) and validation of a pasted preset file.
import { api } from '../api.js';
import { h, errorBox } from '../ui.js';

function validator() {
  const text = h('textarea', { id: 'preset-text', rows: 12, class: 'mono', spellcheck: 'false', 'aria-describedby': 'preset-format-help' });
  const format = h('select', { id: 'preset-format' }, h('option', { value: 'application/yaml' }, 'YAML'), h('option', { value: 'application/json' }, 'JSON'));
  const result = h('div', { id: 'validate-result', role: 'status', 'aria-live': 'polite' });
  const form = h('form', { class: 'card form', 'aria-labelledby': 'validate-title' },
    h('h2', { id: 'validate-title' }, 'Validate a preset'),
    h('p', { id: 'preset-format-help', class: 'muted small' }, 'Paste a preset file as you would put it in the presets folder. It is checked against the library and the presets folder; nothing is saved.'),
    h('div', { class: 'field' }, h('label', { for: 'preset-format' }, 'Format'), format),
    h('div', { class: 'field' }, h('label', { for: 'preset-text' }, 'Preset file'), text),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'validate' }, 'Validate')), result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    result.replaceChildren(h('p', { class: 'muted' }, 'Checking…'));
    try {
      const res = await api('/api/v1/presets/validate', { method: 'POST', body: text.value, contentType: format.value });
      result.replaceChildren(h('p', { class: 'ok-box' }, `Valid. Defines: ${res.presets.join(', ') || 'nothing new'}`));
    } catch (err) {
      const problems = (err.details && err.details.problems) || [];
      result.replaceChildren(errorBox(err), problems.length ? h('ul', { class: 'problems' }, problems.map((p) =>
        h('li', {}, p.field ? h('code', {}, p.field) : null, p.field ? ': ' : '', p.message || p.location || ''))) : null);
    }
  });
  return form;
}

export function render(main, [id]) {
  document.title = 'Presets · Spool';
  if (id) {
    main.append(h('p', {}, h('a', { href: '#/presets' }, '← All presets')), h('h1', {}, id));
    const out = h('pre', { class: 'preset-json' }, 'Loading…');
    main.append(out);
    api(`/api/v1/presets/${encodeURIComponent(id)}`).then((p) => { out.textContent = JSON.stringify(p, null, 2); })
      .catch((e) => out.replaceWith(errorBox(e)));
    return;
  }
  const list = h('tbody');
  main.append(h('h1', {}, 'Presets'),
    h('table', { class: 'presets' }, h('thead', {}, h('tr', {}, ['Preset', 'Kind', 'Description'].map((t) => h('th', { scope: 'col' }, t)))), list),
    validator());
  api('/api/v1/presets').then((res) => {
    list.replaceChildren(...res.items.map((p) => h('tr', {},
      h('td', {}, h('a', { href: `#/presets/${encodeURIComponent(p.id)}` }, p.id)),
      h('td', {}, p.kind, p.outputs ? h('span', { class: 'muted small' }, ` (${p.outputs.join(', ')})`) : null),
      h('td', {}, p.description))));
  }).catch((e) => list.replaceWith(errorBox(e)));
}
