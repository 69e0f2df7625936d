// The HTTP API, same origin, cookie-authenticated (POST /api/auth/login?useCookies=true).

export class ApiError extends Error {
  /** status 0 means the request never got an answer (offline, dropped connection): worth retrying. */
  constructor(status, message, problem) {
    super(message);
    this.status = status;
    this.problem = problem;
  }

  get retryable() { return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500; }
}

// Problem details: detail is meant for people; validation problems carry their reasons in errors.
function problemText(p) {
  if (!p || typeof p !== 'object') return null;
  const errors = p.errors
    ? Object.entries(p.errors).map(([k, v]) => `${k}: ${[].concat(v).join(', ')}`).join('; ') : '';
  return p.detail || errors || p.title || null;
}

/** A signed-out page goes back to the sign-in page; the sign-in calls themselves answer 401 normally. */
function signedOut() {
  if (!location.pathname.endsWith('/index.html') && location.pathname !== '/') location.replace('index.html');
}

export async function api(method, path, body) {
  let res;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, e.message || 'network error');
  }
  if (res.status === 401 && !path.startsWith('/api/auth/')) signedOut();
  const text = await res.text().catch(() => '');
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  if (!res.ok) throw new ApiError(res.status, problemText(data) || `HTTP ${res.status}`, data);
  return data;
}

/** The signed-in user, or null when nobody is. */
export async function whoAmI() {
  try {
    return await api('GET', '/api/auth/me');
  } catch (e) {
    if (e.status === 401) return null;
    throw e;
  }
}

/** A client action id: the server applies an action id at most once, so a retry can never act twice. */
export function newActionId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // randomUUID exists only in secure contexts; a phone on plain http over the LAN still has getRandomValues.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
  const x = [...b].map((v) => v.toString(16).padStart(2, '0')).join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** POST /api/tasks/{id}/{action} with the action id; answers the task's new snapshot. */
export const postAction = (taskId, action, actionId, body = {}) =>
  api('POST', `/api/tasks/${encodeURIComponent(taskId)}/${action}`, { actionId, ...body });
