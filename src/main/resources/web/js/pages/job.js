// Job detail: tasks with live progress, failures with reasons (and ffmpeg's stderr on demand), outputs
// with posters and downloads, reports, and the controls the job's state allows, each confirmed (002).
import { api, blobUrl, token } from '../api.js';
import { live } from '../live.js';
import { h, badge, progress, setProgress, pct, bytes, seconds, when, basename, fileLink, toast, errorBox, total } from '../ui.js';

const IMAGE = /^(jpe?g|png|webp)$/i;

/** Seed 002's confirmation wording; the operator must approve before anything is sent. */
export function confirmation(control, job, preset) {
  switch (control) {
    case 'resume': return 'Resume job? Completed clips will NOT be re-run.';
    case 'retry-failed': return `Retry ${job.counts.failed} failed clips? COMPLETED clips will NOT be re-run.`;
    case 'cancel': return 'Cancel job? Running clips will finish. Queued clips marked SKIPPED. CANNOT be undone.';
    case 'rebind': return `Rebind to preset ${preset}? Will OVERWRITE existing binding.`;
    case 'pause': return 'Pause job? Running clips will finish; no new clips start until you resume.';
    default: return `${control}?`;
  }
}

const LABEL = { pause: 'Pause', resume: 'Resume job', 'retry-failed': 'Retry failed clips', cancel: 'Cancel job', rebind: 'Rebind preset' };

function posterOf(task) {
  return task.outputs.find((o) => IMAGE.test(o.container || '') || IMAGE.test((o.path || '').split('.').pop()));
}

function thumb(output, alt) {
  if (!output) return h('div', { class: 'thumb placeholder', role: 'img', 'aria-label': 'No poster' }, 'no poster');
  const img = h('img', { class: 'thumb', alt, loading: 'lazy' });
  if (token.get()) blobUrl(output.url).then((u) => { img.src = u; }).catch(() => img.replaceWith(thumb(null)));
  else img.src = output.url;
  img.addEventListener('error', () => img.replaceWith(thumb(null)));
  return img;
}

function taskCard(job, t) {
  const failed = t.status === 'FAILED';
  const poster = posterOf(t);
  const running = t.status === 'RUNNING';
  return h('li', { class: `task status-${t.status.toLowerCase()}${failed ? ' failed' : ''}`, 'data-task': t.id },
    h('div', { class: 'task-head' },
      h('span', { class: 'seq muted' }, `#${t.seq + 1}`),
      h('strong', { class: 'source', title: t.source }, basename(t.source)),
      badge(t.status),
      t.attempt > 1 ? h('span', { class: 'muted small' }, `attempt ${t.attempt}/${t.maxAttempts}`) : null,
      t.queuePosition != null ? h('span', { class: 'muted small' }, `queue position ${t.queuePosition}`) : null),
    running || t.percent != null ? h('div', { class: 'task-progress' },
      progress(t.percent, `Progress of ${basename(t.source)}`),
      h('span', { class: 'pct' }, pct(t.percent)),
      running ? [
        h('span', { class: 'stat' }, 'fps ', h('span', { class: 'fps' }, t.fps == null ? '–' : t.fps.toFixed(0))),
        h('span', { class: 'stat' }, 'speed ', h('span', { class: 'speed' }, t.speed == null ? '–' : `${t.speed.toFixed(1)}×`)),
        h('span', { class: 'stat' }, 'ETA ', h('span', { class: 'eta' }, seconds(t.etaSeconds)))] : null) : null,
    failed || t.failureReason ? h('p', { class: 'reason' }, h('strong', {}, failed ? 'Failed: ' : 'Reason: '), t.failureReason || 'no reason recorded') : null,
    t.warnings && t.warnings.length ? h('ul', { class: 'warnings', 'aria-label': 'Warnings' }, t.warnings.map((w) => h('li', {}, w))) : null,
    t.stderrTail ? h('details', { class: 'stderr' }, h('summary', {}, "Show ffmpeg's output (last lines)"), h('pre', {}, t.stderrTail)) : null,
    t.outputs.length ? h('div', { class: 'outputs' },
      thumb(poster, `Poster of ${basename(t.source)}`),
      h('ul', {}, t.outputs.map((o) => h('li', {},
        fileLink(o.url, basename(o.path) || o.name, basename(o.path)),
        h('span', { class: 'muted small' }, ` ${o.name || ''} · ${bytes(o.sizeBytes)}${o.encoder ? ' · ' + o.encoder : ''}${o.durationSeconds ? ' · ' + seconds(o.durationSeconds) : ''}`))))) : null,
    h('div', { class: 'muted small' }, t.workerId ? `worker ${t.workerId} · ` : '', `started ${when(t.startedAt)}`, t.finishedAt ? ` · finished ${when(t.finishedAt)}` : ''));
}

async function control(job, name, preset) {
  if (!window.confirm(confirmation(name, job, preset))) return;
  try {
    const body = name === 'rebind' ? { preset } : undefined;
    const updated = await api(`/api/v1/jobs/${job.id}/${name}`, { method: 'POST', body });
    live.jobs.set(updated.id, updated);
    live.changed(updated.id, 'job');
    toast('neutral', `${LABEL[name]}: done (${updated.status.replaceAll('_', ' ')})`);
  } catch (e) {
    toast('bad', `${LABEL[name]} refused: ${e.message}`);
  }
}

function controls(job, presets) {
  const out = h('div', { class: 'controls', role: 'group', 'aria-label': 'Job controls' });
  for (const c of job.controls || []) {
    if (c === 'rebind') {
      const sel = h('select', { id: 'rebind-preset', 'aria-label': 'Preset to rebind to' },
        presets.map((p) => h('option', { value: p.id, selected: p.id === job.preset }, p.id)));
      out.append(h('span', { class: 'rebind' }, sel,
        h('button', { type: 'button', id: 'control-rebind', onclick: () => control(job, 'rebind', sel.value) }, LABEL.rebind)));
    } else {
      out.append(h('button', { type: 'button', id: `control-${c}`, class: c === 'cancel' ? 'danger' : null, onclick: () => control(job, c) }, LABEL[c]));
    }
  }
  if (!out.childElementCount) out.append(h('span', { class: 'muted' }, 'No controls: the job has ended.'));
  return out;
}

function signature(j) {
  return JSON.stringify([j.status, j.controls, j.counts, j.failureReason, j.warnings, j.reports.length,
    j.tasks.map((t) => [t.status, t.outputs.length, t.attempt, t.failureReason, t.queuePosition, (t.warnings || []).length])]);
}

function view(job, presets) {
  const c = job.counts;
  return h('div', {},
    h('p', {}, h('a', { href: '#/jobs' }, '← All jobs')),
    h('div', { class: 'page-head' }, h('h1', {}, job.name || job.id), badge(job.status)),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Job id'), h('dd', { class: 'mono' }, job.id),
      h('dt', {}, 'Preset'), h('dd', {}, job.preset || '–'),
      h('dt', {}, 'Output folder'), h('dd', { class: 'mono' }, job.outputDir || '–'),
      h('dt', {}, 'Recovery'), h('dd', {}, job.recoveryPolicy),
      h('dt', {}, 'Created'), h('dd', {}, when(job.createdAt)),
      h('dt', {}, 'Finished'), h('dd', {}, when(job.finishedAt))),
    h('div', { class: 'job-progress' }, progress(job.percent, 'Job progress'), h('span', { class: 'pct', id: 'job-pct' }, pct(job.percent)),
      h('span', { class: 'clips' }, `${c.completed} completed · ${c.running} running · ${c.queued} queued · `,
        h('span', { class: c.failed ? 'count-bad' : '' }, `${c.failed} failed`), ` · ${c.skipped} skipped`)),
    job.failureReason ? h('p', { class: 'error-box', role: 'alert' }, h('strong', {}, 'Job failure: '), job.failureReason) : null,
    job.status === 'RECOVERY_REQUIRED' ? h('p', { class: 'error-box' }, 'This job was interrupted. Nothing runs until you resume it.') : null,
    job.warnings && job.warnings.length ? h('ul', { class: 'warnings' }, job.warnings.map((w) => h('li', {}, w))) : null,
    h('h2', {}, 'Controls'), controls(job, presets),
    h('h2', {}, `Clips (${total(c)})`),
    h('ol', { class: 'tasks' }, job.tasks.map((t) => taskCard(job, t))),
    h('h2', {}, 'Reports'),
    job.reports.length
      ? h('ul', { class: 'reports' }, job.reports.map((r) => h('li', {}, fileLink(r.url, `${r.format.toUpperCase()} report`, r.name), h('span', { class: 'muted small' }, ` ${r.name} · ${bytes(r.sizeBytes)}`))))
      : h('p', { class: 'muted' }, job.status === 'RUNNING' || job.status === 'PENDING' || job.status === 'PAUSED' ? 'Reports are written when the job ends.' : 'No reports.'));
}

export function render(main, [id]) {
  document.title = 'Job · Spool';
  let presets = [];
  let sig = null;
  const holder = h('div', {}, h('p', { class: 'muted' }, 'Loading job…'));
  main.append(holder);

  const patch = (job) => {
    setProgress(holder.querySelector('.job-progress .bar'), job.percent);
    const jp = holder.querySelector('#job-pct');
    if (jp) jp.textContent = pct(job.percent);
    for (const t of job.tasks) {
      const card = holder.querySelector(`[data-task="${t.id}"]`);
      if (!card) continue;
      setProgress(card.querySelector('.bar'), t.percent);
      const set = (sel, v) => { const el = card.querySelector(sel); if (el) el.textContent = v; };
      set('.pct', pct(t.percent));
      set('.fps', t.fps == null ? '–' : t.fps.toFixed(0));
      set('.speed', t.speed == null ? '–' : `${t.speed.toFixed(1)}×`);
      set('.eta', seconds(t.etaSeconds));
    }
  };
  const update = () => {
    const job = live.jobs.get(id);
    if (!job || !job.tasks) return;
    document.title = `${job.name || job.id} · Spool`;
    const s = signature(job);
    if (s === sig) { patch(job); return; }
    sig = s;
    const focused = document.activeElement && document.activeElement.id;
    const openStderr = [...holder.querySelectorAll('details.stderr[open]')].map((d) => d.closest('[data-task]').dataset.task);
    holder.replaceChildren(view(job, presets));
    for (const t of openStderr) { const d = holder.querySelector(`[data-task="${t}"] details.stderr`); if (d) d.open = true; }
    if (focused) { const el = document.getElementById(focused); if (el) el.focus(); }
  };
  const onChange = (e) => { if (!e.detail.jobId || e.detail.jobId === id) update(); };
  live.addEventListener('change', onChange);
  api(`/api/v1/jobs/${encodeURIComponent(id)}`).then((job) => {
    live.jobs.set(job.id, job);
    update();
  }).catch((e) => holder.replaceChildren(errorBox(e)));
  api('/api/v1/presets').then((p) => { presets = p.items; sig = null; update(); }).catch(() => {});
  return () => live.removeEventListener('change', onChange);
}
