// HTTP access to /api/v1: the bearer token (kept in sessionStorage, so it ends with the tab) and errors
// in the API's one shape {"error":{"code","message","details":{"field":...}}}.

const TOKEN_KEY = 'spool.token';

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (t) => sessionStorage.setItem(TOKEN_KEY, t),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** An API error: status, code, message and the field it is about (details.field), if any. */
export class ApiError extends Error {
  constructor(status, body) {
    const e = body && body.error ? body.error : {};
    super(e.message || `HTTP ${status}`);
    this.status = status;
    this.code = e.code || `http_${status}`;
    this.details = e.details || {};
    this.field = this.details.field || null;
  }
}

function headers(extra) {
  const h = { ...extra };
  const t = token.get();
  if (t) h.Authorization = `Bearer ${t}`;
  return h;
}

/** fetch + JSON; throws ApiError. A 401 also tells the app to ask for a token. */
export async function api(path, { method = 'GET', body, contentType, raw = false } = {}) {
  const extra = {};
  let payload = body;
  if (body !== undefined && contentType) extra['Content-Type'] = contentType;
  else if (body !== undefined && !(body instanceof Blob)) {
    extra['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, { method, headers: headers(extra), body: payload });
  } catch (e) {
    throw new ApiError(0, { error: { code: 'network', message: 'The server cannot be reached: ' + e.message } });
  }
  if (res.status === 401) window.dispatchEvent(new CustomEvent('spool:auth-required'));
  if (!res.ok) {
    let parsed = null;
    try { parsed = await res.json(); } catch { /* not JSON */ }
    throw new ApiError(res.status, parsed);
  }
  if (raw) return res;
  return res.status === 204 ? null : res.json();
}

/** An object URL for a protected file (poster images, downloads when a token is in use). */
export async function blobUrl(path) {
  const res = await api(path, { raw: true });
  return URL.createObjectURL(await res.blob());
}

/** Saves a protected file through a temporary link: a plain href cannot carry the bearer token. */
export async function download(path, name) {
  const url = await blobUrl(path);
  const a = document.createElement('a');
  a.href = url;
  a.download = name || '';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30000);
}
