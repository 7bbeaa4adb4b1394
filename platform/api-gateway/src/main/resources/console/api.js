// Every call goes to this same base URL with the session's bearer token. A refusal becomes an
// ApiError whose message says what to do (sign in again, ask for a role), never a silent failure.
import { token } from './session.js';

export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

export async function api(path, { method = 'GET', body, headers = {}, signal } = {}) {
  const all = { Accept: 'application/json', ...headers };
  const t = token();
  if (t) all.Authorization = `Bearer ${t}`;
  if (body !== undefined) all['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers: all, body: body === undefined ? undefined : JSON.stringify(body), signal,
      cache: 'no-store', credentials: 'omit' });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, `The console cannot reach ${path}: ${e.message}`);
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!response.ok) throw new ApiError(response.status, explain(response.status, json, path), json);
  return { status: response.status, body: json };
}

export function explain(status, json, path) {
  const said = json?.message ?? '';
  const fields = (json?.violations ?? []).map(v => `${v.field}: ${v.message}`).join('; ');
  if (status === 401) return 'Your token was not accepted (missing, expired or from another installation). Sign in again with a token from credentials.env.';
  if (status === 403) return `Your role may not do this (${path}). ${said}`.trim();
  if (status === 404) return said || `Not found: ${path}`;
  if (status === 503 || status === 502 || status === 504) return `Not available right now, try again in a moment. ${said}`.trim();
  return [said, fields].filter(Boolean).join(' — ') || `HTTP ${status} from ${path}`;
}

/** An id for one operator action, reused if that same confirmation is sent again. */
export function idempotencyKey(prefix) {
  return `${prefix}-${crypto.randomUUID()}`;
}
