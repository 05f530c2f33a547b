// One live connection per tab (WebSocket /api/v1/ws) feeding one job store that every page reads.
// Resumes after a dropped connection (exponential backoff) and after a reload: the last event id is kept
// in sessionStorage and sent as ?after=, so the server replays what this tab missed, each event once.
import { api, token } from './api.js';
import { toast } from './ui.js';

const LAST_KEY = 'spool.lastEventId';
const TERMINAL = new Set(['COMPLETED', 'COMPLETED_WITH_WARNINGS', 'FAILED', 'CANCELLED']);
const JOB_END = {
  'job.completed': ['ok', (j) => `Job "${j.name}" completed`],
  'job.completed_with_warnings': ['warn', (j) => `Job "${j.name}" completed with warnings: ${j.counts.failed} failed, ${j.counts.skipped} skipped`],
  'job.failed': ['bad', (j) => `Job "${j.name}" failed${j.failureReason ? ': ' + j.failureReason : ''}`],
  'job.cancelled': ['neutral', (j) => `Job "${j.name}" cancelled`],
  'job.recovery_required': ['bad', (j) => `Job "${j.name}" needs recovery: resume it explicitly`],
};

class Live extends EventTarget {
  constructor() {
    super();
    this.jobs = new Map(); // id -> JobDetail or JobSummary (details replace summaries)
    this.ws = null;
    this.attempt = 0;
    this.timer = null;
    this.pending = new Map(); // job id -> {inFlight, dirty, endings: [event types]}
    this.state = 'connecting';
    this.stopped = true;
  }

  get lastEventId() {
    const v = sessionStorage.getItem(LAST_KEY);
    return v == null ? null : Number(v);
  }

  remember(id) {
    const last = this.lastEventId;
    if (last == null || id > last) sessionStorage.setItem(LAST_KEY, String(id));
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.refreshList();
    this.connect();
    setInterval(() => this.heartbeat(), 15000);
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.ws) this.ws.close();
  }

  setState(s) {
    this.state = s;
    this.dispatchEvent(new CustomEvent('connection', { detail: s }));
  }

  connect() {
    clearTimeout(this.timer);
    const url = new URL('/api/v1/ws', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const after = this.lastEventId;
    if (after != null) url.searchParams.set('after', String(after));
    if (token.get()) url.searchParams.set('access_token', token.get());
    const ws = new WebSocket(url);
    this.ws = ws;
    this.awaitingPong = false;
    ws.onopen = () => {
      this.attempt = 0;
      this.setState('live');
      // what happened while we were away is replayed as events; the list is re-read as well, so jobs
      // created before the remembered id (or on another page load) show with their current truth
      this.refreshList();
    };
    ws.onmessage = (m) => {
      let msg;
      try { msg = JSON.parse(m.data); } catch { return; }
      if (msg.type === 'subscribed') {
        if (this.lastEventId == null && msg.after != null) this.remember(msg.after);
      } else if (msg.type === 'pong') {
        this.awaitingPong = false;
      } else if (msg.id != null) {
        this.remember(msg.id);
        this.onEvent(msg);
      }
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (this.stopped) return;
      const delay = Math.min(10000, 500 * 2 ** this.attempt) + Math.floor(Math.random() * 250);
      this.attempt++;
      this.setState('reconnecting');
      this.timer = setTimeout(() => this.connect(), delay);
    };
    ws.onerror = () => { /* onclose follows and schedules the retry */ };
  }

  /** A half-open connection (network gone without a FIN) is noticed by a missing pong. */
  heartbeat() {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    if (this.awaitingPong) { ws.close(); return; }
    this.awaitingPong = true;
    ws.send(JSON.stringify({ type: 'ping' }));
  }

  onEvent(ev) {
    if (!ev.jobId) return;
    if (ev.type === 'task.progress') {
      const job = this.jobs.get(ev.jobId);
      const task = job && job.tasks && job.tasks.find((t) => t.id === ev.taskId);
      if (task && ev.data) {
        if (ev.data.percent != null) task.percent = ev.data.percent;
        if (ev.data.fps != null) task.fps = ev.data.fps;
        if (ev.data.speed != null) task.speed = ev.data.speed;
        const eta = ev.data.etaSeconds ?? ev.data.eta;
        if (eta != null) task.etaSeconds = eta;
        this.changed(ev.jobId, 'progress');
      }
    }
    this.refreshJob(ev.jobId, JOB_END[ev.type] && !ev.taskId ? ev.type : null);
  }

  /** Re-reads one job; at most one request in flight per job, events during it coalesce into one more. */
  refreshJob(id, ending) {
    let p = this.pending.get(id);
    if (!p) { p = { inFlight: false, dirty: false, endings: [] }; this.pending.set(id, p); }
    if (ending) p.endings.push(ending);
    if (p.inFlight) { p.dirty = true; return; }
    p.inFlight = true;
    p.dirty = false;
    const endings = p.endings.splice(0);
    api(`/api/v1/jobs/${encodeURIComponent(id)}`).then((job) => {
      this.jobs.set(id, job);
      for (const type of endings) {
        const [kind, text] = JOB_END[type];
        toast(kind, text(job), `#/jobs/${job.id}`);
      }
      this.changed(id, 'job');
    }).catch(() => { /* a deleted job or a dropped connection: the next event or reconnect re-reads */ })
      .finally(() => {
        p.inFlight = false;
        if (p.dirty || p.endings.length) setTimeout(() => this.refreshJob(id, null), 250);
      });
  }

  async refreshList() {
    try {
      const [page, running] = await Promise.all([
        api('/api/v1/jobs?limit=100'),
        api('/api/v1/jobs?status=RUNNING&limit=500'),
      ]);
      for (const j of [...page.items, ...running.items]) {
        const known = this.jobs.get(j.id);
        // a detail (with tasks) is only ever replaced by a newer detail, never by a summary
        if (known && known.tasks) {
          if (known.updatedAt !== j.updatedAt) this.refreshJob(j.id, null);
        } else {
          this.jobs.set(j.id, j);
          if (j.status === 'RUNNING') this.refreshJob(j.id, null);
        }
      }
      this.listLoaded = true;
      this.changed(null, 'list');
    } catch { /* shown by the pages' own requests */ }
  }

  runningCount() {
    let n = 0;
    for (const j of this.jobs.values()) if (j.status === 'RUNNING') n++;
    return n;
  }

  /** Jobs newest first. */
  list() {
    return [...this.jobs.values()].sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
  }

  changed(jobId, kind) {
    this.dispatchEvent(new CustomEvent('change', { detail: { jobId, kind } }));
  }
}

export const live = new Live();
export { TERMINAL };
