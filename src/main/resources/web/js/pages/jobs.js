// Jobs: the live list (status, progress, clip counts), fed by the shared live store.
import { live } from '../live.js';
import { h, badge, progress, setProgress, pct, when, total } from '../ui.js';

function clips(c) {
  const done = c.completed + c.skipped + c.failed;
  return h('span', {}, `${done}/${total(c)} done`,
    c.failed ? h('span', { class: 'count-bad' }, ` · ${c.failed} failed`) : null,
    c.running ? h('span', { class: 'muted' }, ` · ${c.running} running`) : null);
}

function row(j) {
  return h('tr', { 'data-job': j.id, class: j.counts.failed ? 'has-failed' : null },
    h('td', {}, h('a', { href: `#/jobs/${j.id}` }, j.name || j.id), h('div', { class: 'muted small mono' }, j.id)),
    h('td', {}, badge(j.status)),
    h('td', { class: 'progress-cell' }, progress(j.percent, `Progress of ${j.name}`), h('span', { class: 'pct' }, pct(j.percent))),
    h('td', { class: 'clips' }, clips(j.counts)),
    h('td', { class: 'muted' }, j.preset || '–'),
    h('td', { class: 'muted' }, when(j.createdAt)));
}

function signature(j) {
  return [j.status, j.name, JSON.stringify(j.counts)].join('|');
}

export function render(main) {
  document.title = 'Jobs · Spool';
  const body = h('tbody');
  const empty = h('p', { class: 'muted', hidden: true }, 'No jobs yet. ', h('a', { href: '#/submit' }, 'Submit one'), '.');
  const table = h('table', { class: 'jobs' },
    h('caption', { class: 'sr-only' }, 'Jobs, newest first'),
    h('thead', {}, h('tr', {}, ['Job', 'Status', 'Progress', 'Clips', 'Preset', 'Created'].map((t) => h('th', { scope: 'col' }, t)))),
    body);
  main.append(h('div', { class: 'page-head' }, h('h1', {}, 'Jobs'), h('a', { class: 'button primary', href: '#/submit' }, 'Submit a job')), table, empty);
  const rows = new Map();

  const update = () => {
    const list = live.list();
    empty.hidden = list.length > 0 || !live.listLoaded;
    table.hidden = list.length === 0;
    let prev = null;
    for (const j of list) {
      let r = rows.get(j.id);
      if (!r || r.sig !== signature(j)) {
        const el = row(j);
        if (r) r.el.replaceWith(el);
        r = { el, sig: signature(j) };
        rows.set(j.id, r);
      } else {
        setProgress(r.el.querySelector('.bar'), j.percent);
        r.el.querySelector('.pct').textContent = pct(j.percent);
      }
      // keep order newest first without rebuilding rows (focus stays where it is)
      const want = prev ? prev.nextSibling : body.firstChild;
      if (want !== r.el) body.insertBefore(r.el, want);
      prev = r.el;
    }
  };
  live.addEventListener('change', update);
  update();
  live.refreshList();
  return () => live.removeEventListener('change', update);
}
