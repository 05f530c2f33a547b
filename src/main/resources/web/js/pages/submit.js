// Submit: sources picked from server folders (GET /api/v1/fs) or uploaded (POST /api/v1/uploads), a preset,
// an output folder; the API's validation errors appear next to the field they name (details.field).
import { api, ApiError } from '../api.js';
import { h, bytes, fieldError, showFieldError, toast, errorBox, total } from '../ui.js';

const FIELDS = ['name', 'sources', 'preset', 'outputDir', 'recovery'];

/** The form field an API error belongs to: "sources[2]" → "sources". */
export function fieldOf(err) {
  if (!err.field) return null;
  const f = String(err.field).replace(/\[.*$/, '').split('.')[0];
  return FIELDS.includes(f) ? f : null;
}

/** A folder browser over GET /api/v1/fs; onPick(path, isDir). */
function browser({ pickFiles, onPick, label }) {
  const list = h('ul', { class: 'fs-list' });
  const here = h('div', { class: 'fs-here mono' });
  const err = h('div');
  const box = h('div', { class: 'fs', role: 'group', 'aria-label': label }, here, err, list);
  async function open(path) {
    err.replaceChildren();
    let res;
    try {
      res = await api('/api/v1/fs' + (path ? `?path=${encodeURIComponent(path)}` : ''));
    } catch (e) {
      err.replaceChildren(errorBox(e));
      return;
    }
    here.replaceChildren(res.path ? res.path : 'Folders you may browse');
    const items = [];
    if (res.path) {
      items.push(h('li', {}, h('button', { type: 'button', class: 'link', onclick: () => open(res.parent) }, res.parent ? '↑ Up' : '↑ All roots')));
      items.push(h('li', {}, h('button', { type: 'button', class: 'small', onclick: () => onPick(res.path, true) }, pickFiles ? 'Add this whole folder' : 'Use this folder')));
    }
    for (const e of res.entries) {
      if (e.type === 'dir') {
        items.push(h('li', { class: 'dir' }, h('button', { type: 'button', class: 'link', onclick: () => open(e.path), 'aria-label': `Open folder ${e.name}` }, `📁 ${e.name}`)));
      } else if (pickFiles) {
        items.push(h('li', { class: 'file' }, h('span', {}, e.name), h('span', { class: 'muted small' }, bytes(e.sizeBytes)),
          h('button', { type: 'button', class: 'small', onclick: () => onPick(e.path, false), 'aria-label': `Add ${e.name}` }, 'Add')));
      }
    }
    if (!res.entries.length) items.push(h('li', { class: 'muted' }, 'Empty folder'));
    if (res.truncated) items.push(h('li', { class: 'muted' }, 'Only the first entries are shown.'));
    list.replaceChildren(...items);
  }
  open(null);
  return box;
}

export function render(main) {
  document.title = 'Submit · Spool';
  const sources = [];
  const errors = Object.fromEntries(FIELDS.map((f) => [f, fieldError(`${f}-error`)]));
  const general = h('div');
  const srcList = h('ul', { class: 'sources', id: 'sources', 'aria-label': 'Chosen sources', 'aria-describedby': 'sources-error' });
  const renderSources = () => {
    srcList.replaceChildren(...(sources.length ? sources.map((s, i) => h('li', {}, h('span', { class: 'mono' }, s),
      h('button', { type: 'button', class: 'small', 'aria-label': `Remove ${s}`, onclick: () => { sources.splice(i, 1); renderSources(); } }, 'Remove')))
      : [h('li', { class: 'muted' }, 'No sources yet: browse the server or upload a file.')]));
  };
  const addSource = (p) => {
    if (!sources.includes(p)) sources.push(p);
    renderSources();
    showFieldError(errors.sources, '');
  };

  const name = h('input', { id: 'name', name: 'name', type: 'text', 'aria-describedby': 'name-error', placeholder: 'e.g. Card A001 proxies' });
  const preset = h('select', { id: 'preset', name: 'preset', 'aria-describedby': 'preset-help preset-error' }, h('option', { value: '' }, 'Loading presets…'));
  const presetHelp = h('p', { id: 'preset-help', class: 'muted small' });
  const outputDir = h('input', { id: 'outputDir', name: 'outputDir', type: 'text', class: 'mono', 'aria-describedby': 'outputDir-error', placeholder: '/path/to/output folder' });
  const recovery = h('select', { id: 'recovery', name: 'recovery', 'aria-describedby': 'recovery-error' },
    h('option', { value: '' }, 'Server default'), h('option', { value: 'manual' }, 'manual: interrupted jobs wait for you'), h('option', { value: 'auto' }, 'auto: interrupted clips are re-queued'));
  const upload = h('input', { id: 'upload', type: 'file', 'aria-describedby': 'upload-help upload-error', accept: '.mp4,.mov,.m4v,.webm,.mkv,.avi,.mxf,.png,.jpg,.jpeg,video/*,image/png,image/jpeg' });
  const uploadErr = fieldError('upload-error');
  const uploadState = h('span', { class: 'muted small', role: 'status' });

  const srcBrowser = h('div', { hidden: true, id: 'source-browser' });
  const outBrowser = h('div', { hidden: true, id: 'output-browser' });
  const toggle = (box, make) => () => {
    box.hidden = !box.hidden;
    if (!box.hidden && !box.firstChild) box.append(make());
  };

  upload.addEventListener('change', async () => {
    const file = upload.files[0];
    if (!file) return;
    showFieldError(uploadErr, '');
    uploadState.textContent = `Uploading ${file.name} (${bytes(file.size)})…`;
    try {
      const res = await api(`/api/v1/uploads?name=${encodeURIComponent(file.name)}`, { method: 'POST', body: file, contentType: 'application/octet-stream' });
      uploadState.textContent = `Uploaded ${res.name} (${res.type}, ${bytes(res.sizeBytes)}).`;
      addSource(res.path);
    } catch (e) {
      uploadState.textContent = '';
      showFieldError(uploadErr, e.message);
    }
    upload.value = '';
  });

  const submitBtn = h('button', { type: 'submit', class: 'primary', id: 'submit' }, 'Submit job');
  const form = h('form', { class: 'card form', novalidate: true, 'aria-labelledby': 'submit-title' },
    h('h1', { id: 'submit-title' }, 'Submit a job'),
    general,
    h('div', { class: 'field' }, h('label', { for: 'name' }, 'Name (optional)'), name, errors.name),
    h('fieldset', { class: 'field' }, h('legend', {}, 'Sources'),
      srcList, errors.sources,
      h('div', { class: 'row' },
        h('button', { type: 'button', id: 'browse-sources', 'aria-controls': 'source-browser', onclick: toggle(srcBrowser, () => browser({ pickFiles: true, label: 'Server folders', onPick: (p) => addSource(p) })) }, 'Browse server…'),
        h('label', { for: 'upload', class: 'inline' }, 'or upload a file:'), upload, uploadState),
      h('p', { id: 'upload-help', class: 'muted small' }, 'Uploads: MP4/MOV, WebM/MKV, AVI, MXF, PNG or JPEG (checked by content), stored in the server\'s data folder.'),
      uploadErr, srcBrowser),
    h('div', { class: 'field' }, h('label', { for: 'preset' }, 'Preset'), preset, presetHelp, errors.preset),
    h('div', { class: 'field' }, h('label', { for: 'outputDir' }, 'Output folder'),
      h('div', { class: 'row' }, outputDir, h('button', { type: 'button', id: 'browse-output', 'aria-controls': 'output-browser', onclick: toggle(outBrowser, () => browser({ pickFiles: false, label: 'Output folders', onPick: (p) => { outputDir.value = p; showFieldError(errors.outputDir, ''); } })) }, 'Browse…')),
      errors.outputDir, outBrowser),
    h('div', { class: 'field' }, h('label', { for: 'recovery' }, 'After a crash'), recovery, errors.recovery),
    h('div', { class: 'actions' }, submitBtn));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    general.replaceChildren();
    for (const f of FIELDS) showFieldError(errors[f], '');
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    const body = { sources: [...sources], preset: preset.value || null, outputDir: outputDir.value.trim() || null };
    if (name.value.trim()) body.name = name.value.trim();
    if (recovery.value) body.recovery = recovery.value;
    submitBtn.disabled = true;
    try {
      const job = await api('/api/v1/jobs', { method: 'POST', body });
      toast('neutral', `Submitted "${job.name}" (${total(job.counts)} clips)`, `#/jobs/${job.id}`);
      location.hash = `#/jobs/${job.id}`;
    } catch (err) {
      const f = err instanceof ApiError ? fieldOf(err) : null;
      if (f) {
        showFieldError(errors[f], err.message);
        const input = f === 'sources' ? document.getElementById('browse-sources') : document.getElementById(f);
        if (f !== 'sources') input.setAttribute('aria-invalid', 'true');
        input.focus();
      } else {
        general.replaceChildren(errorBox(err));
      }
    } finally {
      submitBtn.disabled = false;
    }
  });

  main.append(form);
  renderSources();
  api('/api/v1/presets').then((res) => {
    preset.replaceChildren(h('option', { value: '' }, 'Choose a preset…'),
      ...res.items.map((p) => h('option', { value: p.id }, `${p.id} (${p.kind})`)));
    preset.addEventListener('change', () => {
      const p = res.items.find((x) => x.id === preset.value);
      presetHelp.textContent = p ? p.description : '';
    });
  }).catch((e) => general.replaceChildren(errorBox(e)));
}
