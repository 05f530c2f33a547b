// The dashboard shell: hash routes, the header's "N running" indicator and connection state, sign-in.
import { api, token } from './api.js';
import { live } from './live.js';
import { h } from './ui.js';
import * as jobs from './pages/jobs.js';
import * as job from './pages/job.js';
import * as submit from './pages/submit.js';
import * as presets from './pages/presets.js';
import * as workers from './pages/workers.js';

const main = document.getElementById('main');
let cleanup = null;
let needsToken = false;

const ROUTES = [
  [/^\/jobs\/([^/]+)$/, job, 'jobs'],
  [/^\/(jobs)?$/, jobs, 'jobs'],
  [/^\/submit$/, submit, 'submit'],
  [/^\/presets(?:\/(.+))?$/, presets, 'presets'],
  [/^\/workers$/, workers, 'workers'],
];

function route() {
  if (cleanup) { cleanup(); cleanup = null; }
  main.replaceChildren();
  if (needsToken) { signIn(); return; }
  const path = decodeURIComponent(location.hash.replace(/^#/, '') || '/jobs');
  for (const [re, page, nav] of ROUTES) {
    const m = path.match(re);
    if (!m) continue;
    for (const a of document.querySelectorAll('[data-nav]')) {
      if (a.dataset.nav === nav) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    cleanup = page.render(main, m.slice(1)) || null;
    return;
  }
  main.append(h('h1', {}, 'Not found'), h('p', {}, 'No page ', h('code', {}, path), '. ', h('a', { href: '#/jobs' }, 'Go to jobs')));
}

function signIn(message) {
  document.title = 'Sign in · Spool';
  const input = h('input', { id: 'token', type: 'password', autocomplete: 'off', required: true, 'aria-describedby': 'token-help token-error', spellcheck: 'false' });
  const err = h('p', { id: 'token-error', class: 'field-error', role: 'alert', hidden: !message }, message || '');
  const form = h('form', { class: 'card narrow', 'aria-labelledby': 'signin-title' },
    h('h1', { id: 'signin-title' }, 'Sign in'),
    h('p', { id: 'token-help', class: 'muted' }, 'This server requires an API token. Create one with ',
      h('code', {}, 'spool token create --name me --role operator'), '. It is kept only for this browser tab.'),
    h('label', { for: 'token' }, 'API token'), input, err,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Sign in')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    token.set(input.value.trim());
    try {
      await api('/api/v1/jobs?limit=1');
      needsToken = false;
      document.getElementById('signout').hidden = false;
      live.stop();
      live.start();
      route();
    } catch (ex) {
      token.clear();
      err.textContent = ex.status === 401 ? 'That token is not valid.' : ex.message;
      err.hidden = false;
      input.focus();
    }
  });
  main.replaceChildren(form);
  input.focus();
}

function header() {
  const running = document.getElementById('running');
  const conn = document.getElementById('conn');
  const update = () => {
    const n = live.runningCount();
    running.textContent = `${n} running`;
    running.dataset.count = String(n);
  };
  live.addEventListener('change', update);
  live.addEventListener('connection', (e) => {
    conn.dataset.state = e.detail;
    conn.textContent = { live: 'live', reconnecting: 'reconnecting…', connecting: 'connecting…' }[e.detail] || e.detail;
  });
  document.getElementById('signout').addEventListener('click', () => {
    token.clear();
    live.stop();
    needsToken = true;
    document.getElementById('signout').hidden = true;
    route();
  });
}

window.addEventListener('spool:auth-required', () => {
  if (needsToken) return;
  needsToken = true;
  live.stop();
  token.clear();
  route();
});

async function boot() {
  header();
  try {
    await api('/api/v1/jobs?limit=1');
  } catch (e) {
    if (e.status !== 401) { route(); live.start(); window.addEventListener('hashchange', route); return; }
  }
  window.addEventListener('hashchange', route);
  if (needsToken) { route(); return; }
  if (token.get()) document.getElementById('signout').hidden = false;
  live.start();
  route();
}

boot();
