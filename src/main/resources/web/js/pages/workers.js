// Workers & encoders: who is working (slots, busy tasks, heartbeat) and which encoders work on this server.
import { api } from '../api.js';
import { h, when, errorBox } from '../ui.js';

export function render(main) {
  document.title = 'Workers & encoders · Spool';
  const workers = h('div', {}, h('p', { class: 'muted' }, 'Loading workers…'));
  const encoders = h('div', {}, h('p', { class: 'muted' }, 'Detecting encoders (a tiny trial encode each, cached)…'));
  main.append(h('h1', {}, 'Workers & encoders'), h('h2', {}, 'Workers'), workers, h('h2', {}, 'Encoders on this server'), encoders);

  const loadWorkers = () => api('/api/v1/workers').then((res) => {
    if (!res.items.length) { workers.replaceChildren(h('p', { class: 'muted' }, 'No workers registered.')); return; }
    workers.replaceChildren(h('table', {}, h('thead', {}, h('tr', {}, ['Worker', 'Host', 'Slots', 'Busy', 'Current tasks', 'Last heartbeat'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, res.items.map((w) => h('tr', { class: w.secondsSinceHeartbeat > 60 ? 'stale' : null },
        h('td', { class: 'mono' }, w.id), h('td', {}, w.host), h('td', {}, w.slots),
        h('td', {}, `${w.busySlots}/${w.slots}`),
        h('td', { class: 'mono small' }, w.currentTasks.length ? w.currentTasks.join(', ') : '–'),
        h('td', {}, `${when(w.lastHeartbeat)} (${w.secondsSinceHeartbeat} s ago)`))))));
  }).catch((e) => workers.replaceChildren(errorBox(e)));
  loadWorkers();
  const timer = setInterval(loadWorkers, 5000);

  api('/api/v1/encoders').then((rep) => {
    const notes = [];
    if (rep.forceCpu) notes.push(h('p', { class: 'muted' }, 'Hardware encoders are switched off on this server (force CPU).'));
    if (rep.disabledDevices && rep.disabledDevices.length) notes.push(h('p', { class: 'error-box' }, `Disabled after repeated failures: ${rep.disabledDevices.join(', ')}`));
    encoders.replaceChildren(...notes, h('table', { class: 'encoders' },
      h('thead', {}, h('tr', {}, ['Family', 'Encoder', 'Device', 'Works here?', 'Why', 'Chosen'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rep.families.flatMap((f) => f.encoders.map((e) => h('tr', { class: e.usable === false ? 'unusable' : null },
        h('td', {}, String(f.family)), h('td', { class: 'mono' }, e.name), h('td', {}, String(e.accelerator || 'CPU')),
        h('td', {}, e.usable === true ? h('span', { class: 'badge ok' }, 'yes') : e.usable === false ? h('span', { class: 'badge bad' }, 'no') : h('span', { class: 'badge neutral' }, e.listed ? 'not tried' : 'not built in')),
        h('td', { class: 'small' }, e.reason || (e.listed ? '' : 'not compiled into this ffmpeg')),
        h('td', {}, f.chosen === e.name ? '✔' : '')))))));
  }).catch((e) => encoders.replaceChildren(errorBox(e)));
  return () => clearInterval(timer);
}
