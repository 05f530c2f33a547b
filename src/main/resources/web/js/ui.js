// Small DOM helpers shared by the pages: element builder, badges, progress bars, toasts, formatting.
import { token, download } from './api.js';

/** h('div', {class: 'x', onclick: fn}, 'text', child) — attributes starting with "on" become listeners. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

const STATUS_CLASS = {
  PENDING: 'neutral', QUEUED: 'neutral', RUNNING: 'info', PAUSED: 'warn', COMPLETED: 'ok',
  COMPLETED_WITH_WARNINGS: 'warn', FAILED: 'bad', CANCELLED: 'neutral', SKIPPED: 'neutral', RECOVERY_REQUIRED: 'bad',
};

export function badge(status) {
  return h('span', { class: `badge ${STATUS_CLASS[status] || 'neutral'}`, 'data-status': status },
    String(status).replaceAll('_', ' '));
}

/** A labelled progress bar; percent may be null (unknown). */
export function progress(percent, label) {
  const p = percent == null ? null : Math.max(0, Math.min(100, percent));
  return h('div', {
    class: 'bar', role: 'progressbar', 'aria-label': label || 'Progress', 'aria-valuemin': 0, 'aria-valuemax': 100,
    'aria-valuenow': p == null ? null : p.toFixed(1),
  }, h('div', { class: 'fill', style: `width:${p == null ? 0 : p}%` }));
}

export function setProgress(bar, percent) {
  if (!bar) return;
  const p = percent == null ? 0 : Math.max(0, Math.min(100, percent));
  bar.setAttribute('aria-valuenow', p.toFixed(1));
  bar.firstChild.style.width = `${p}%`;
}

/** Clips in a job: the API's counts carry each state, not the total. */
export function total(c) {
  return c.queued + c.running + c.completed + c.skipped + c.failed;
}

export function pct(p) {
  return p == null ? '–' : `${Math.round(p)}%`;
}

export function bytes(n) {
  if (n == null || n < 0) return '–';
  const u = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1000 && i < u.length - 1) { v /= 1000; i++; }
  return `${v < 10 && i > 0 ? v.toFixed(1) : Math.round(v)} ${u[i]}`;
}

export function seconds(s) {
  if (s == null) return '–';
  const t = Math.round(s);
  if (t < 60) return `${t} s`;
  const m = Math.floor(t / 60);
  return m < 60 ? `${m} min ${t % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function when(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return d.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

export function basename(path) {
  return String(path || '').split(/[\\/]/).filter(Boolean).pop() || path;
}

/** A download link; with a token in use the file is fetched with it (a plain href cannot carry it). */
export function fileLink(url, label, name) {
  return h('a', {
    href: url, download: name || '', class: 'download',
    onclick: (e) => {
      if (!token.get()) return;
      e.preventDefault();
      download(url, name).catch((err) => toast('bad', `Download failed: ${err.message}`));
    },
  }, label);
}

/** A notification in the corner; failures stay longer. */
export function toast(kind, text, href) {
  const box = document.getElementById('toasts');
  const close = h('button', { type: 'button', class: 'close', 'aria-label': 'Dismiss notification' }, '×');
  const t = h('div', { class: `toast ${kind}`, role: kind === 'bad' ? 'alert' : 'status' },
    href ? h('a', { href }, text) : h('span', {}, text), close);
  close.addEventListener('click', () => t.remove());
  box.append(t);
  setTimeout(() => t.remove(), kind === 'bad' || kind === 'warn' ? 20000 : 10000);
  return t;
}

/** An inline error paragraph tied to a field by aria-describedby. */
export function fieldError(id) {
  return h('p', { class: 'field-error', id, role: 'alert', hidden: true });
}

export function showFieldError(el, message) {
  el.textContent = message || '';
  el.hidden = !message;
}

export function errorBox(err) {
  return h('div', { class: 'error-box', role: 'alert' }, h('strong', {}, 'Error: '), err.message,
    err.code ? h('span', { class: 'muted' }, ` (${err.code})`) : null);
}
