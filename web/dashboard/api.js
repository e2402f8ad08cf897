// The dashboard's only way to the server: the documented API under /api/v1, with the session cookie.
// Changes carry the session's CSRF token; problem documents (RFC 9457) become ApiError with readable text.
// Every request asks for the dashboard's language, so the sentences the server writes (alert summaries and
// evidence notes) come in it.
import { lang } from './i18n.js';

let csrfToken = null;
const unauthorizedListeners = new Set();

/** Remembers the CSRF token of the current session (from POST or GET /api/v1/session). */
export function setCsrfToken(token) {
  csrfToken = token || null;
}

/** Calls back when the server says the session is gone (401), so the app can show the sign-in form. */
export function onUnauthorized(listener) {
  unauthorizedListeners.add(listener);
}

/** A failed API call: the problem's status, title, detail and field errors. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(describe(status, problem));
    this.name = 'ApiError';
    this.status = status;
    this.title = problem.title || '';
    this.detail = problem.detail || '';
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
  }
}

function describe(status, problem) {
  if (Array.isArray(problem.errors) && problem.errors.length > 1) {
    return problem.errors.map((e) => {
      const message = String(e.message || '').trim();
      return `${e.field}: ${message}${/[.!?]$/.test(message) ? '' : '.'}`;
    }).join(' ');
  }
  return problem.detail || problem.title || `HTTP ${status}`;
}

/** Sends a request; answers the parsed JSON (or null for 204), or throws ApiError. */
export async function api(path, { method = 'GET', body, query, signal } = {}) {
  const response = await send(path, { method, body, query, signal, accept: 'application/json' });
  if (response.status === 204) {
    return null;
  }
  const text = await response.text();
  return text ? parse(text, response) : null;
}

/** Sends a file (a Blob, as a file input gives it) as the whole body; answers the parsed JSON, or throws ApiError. */
export async function upload(path, file, { method = 'PUT' } = {}) {
  const response = await send(path, { method, raw: file, accept: 'application/json' });
  const text = await response.text();
  return text ? parse(text, response) : null;
}

/**
 * Checks that a GET of a file (a label download, say) would succeed, without keeping the file: answers nothing,
 * or throws ApiError from the problem document the server sent instead.
 */
export async function check(path, { query, signal } = {}) {
  const response = await send(path, { method: 'GET', query, signal, accept: '*/*' });
  await response.body?.cancel().catch(() => {});
}

/** The response of a successful request; a failed one becomes ApiError (and a 401 tells the listeners). */
async function send(path, { method, body, raw, query, signal, accept }) {
  const headers = { Accept: accept, 'Accept-Language': lang() };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  } else if (raw !== undefined) {
    headers['Content-Type'] = raw.type || 'application/octet-stream';
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  let response;
  try {
    response = await fetch(withQuery(path, query), {
      method,
      headers,
      body: body === undefined ? raw : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (e) {
    if (e && e.name === 'AbortError') {
      throw e;
    }
    throw new ApiError(0, { title: 'Network error', detail: 'the server cannot be reached; check the connection' });
  }
  if (!response.ok) {
    if (response.status === 401 && path !== '/api/v1/session') {
      unauthorizedListeners.forEach((listener) => listener());
    }
    const text = await response.text();
    throw new ApiError(response.status, (text && parse(text, response)) || { title: response.statusText });
  }
  return response;
}

/** JSON text as data; anything else (a proxy's HTML error page, say) as a problem quoting its start. */
function parse(text, response) {
  try {
    return JSON.parse(text);
  } catch {
    return { title: response.statusText, detail: text.slice(0, 300) };
  }
}

/** The path with the defined, non-empty query values appended. */
export function withQuery(path, query) {
  if (!query) {
    return path;
  }
  const params = new URLSearchParams();
  Object.entries(query).forEach(([key, value]) => {
    if (value !== undefined && value !== null && value !== '') {
      params.append(key, String(value));
    }
  });
  const q = params.toString();
  return q ? `${path}?${q}` : path;
}
