// /console/: the sagas, newest first, with counts per status, filters and a search by order id or
// correlation id. The list API orders by (status, statusSince); newest first across statuses is
// sorted here, over at most MAX_FETCHED sagas of the chosen window (the page says so when cut).
import { api, ApiError } from './api.js';
import { h, replace, time, statusBadge } from './dom.js';
import { navigate, notify } from './app.js';

export const STATUSES = ['IN_PROGRESS', 'COMPENSATING', 'STALLED', 'NEEDS_ATTENTION', 'COMPLETED', 'CANCELLED'];
const WINDOWS = [['PT15M', 'last 15 minutes', 15 * 60e3], ['PT1H', 'last hour', 3600e3], ['P1D', 'last day', 86400e3],
  ['P7D', 'last 7 days', 7 * 86400e3], ['ALL', 'any time', null]];
const PAGE = 500;
const MAX_FETCHED = 2000;
const SHOWN = 100;

export function sagasPage(main) {
  const params = new URLSearchParams(window.location.search);
  const status = h('select', { id: 'status-filter', name: 'status' },
    h('option', { value: '' }, 'every status'), STATUSES.map(s => h('option', { value: s }, s)));
  status.value = params.get('status') ?? '';
  const windowSelect = h('select', { id: 'window-filter', name: 'window' }, WINDOWS.map(([v, label]) => h('option', { value: v }, label)));
  windowSelect.value = params.get('window') ?? 'P1D';
  const search = h('input', { id: 'saga-search', name: 'q', type: 'search', placeholder: 'order id or correlation id', spellcheck: 'false' });
  const searchMessage = h('p', { class: 'muted', 'aria-live': 'polite' });
  const counts = h('div', { class: 'counts', id: 'counts', 'aria-label': 'Sagas per status' });
  const list = h('div', { id: 'saga-list', 'aria-live': 'polite' });

  replace(main,
    h('h1', {}, 'Sagas'),
    counts,
    h('form', { class: 'toolbar', role: 'search', onsubmit: e => { e.preventDefault(); find(search.value.trim(), searchMessage); } },
      h('label', { for: 'saga-search' }, 'Find a saga'), search, h('button', { type: 'submit' }, 'Open'), searchMessage),
    h('form', { class: 'toolbar', onchange: () => { keepFilters(status.value, windowSelect.value); load(); }, onsubmit: e => e.preventDefault() },
      h('label', { for: 'status-filter' }, 'Status'), status,
      h('label', { for: 'window-filter' }, 'Entered it in the'), windowSelect,
      h('button', { type: 'button', class: 'secondary', onclick: () => load() }, 'Refresh')),
    list);

  let loading = null;
  async function load() {
    loading?.abort();
    loading = new AbortController();
    const signal = loading.signal;
    try {
      const [c, sagas] = await Promise.all([api('/sagas/counts', { signal }), fetchSagas(status.value, windowSelect.value, signal)]);
      showCounts(counts, c.body, s => { status.value = s; keepFilters(s, windowSelect.value); load(); });
      showList(list, sagas);
    } catch (e) {
      if (e.name !== 'AbortError') notify(e);
    }
  }
  load();
  const timer = setInterval(load, 10000);
  return () => { clearInterval(timer); loading?.abort(); };
}

function keepFilters(status, window) {
  const q = new URLSearchParams();
  if (status) q.set('status', status);
  if (window) q.set('window', window);
  history.replaceState(null, '', `/console/${q.toString() ? '?' + q : ''}`);
}

async function fetchSagas(status, windowValue, signal) {
  const span = WINDOWS.find(([v]) => v === windowValue)?.[2];
  const base = new URLSearchParams({ limit: String(PAGE) });
  if (status) base.set('status', status);
  if (span) base.set('since', new Date(Date.now() - span).toISOString());
  const all = [];
  let after = null;
  do {
    const q = new URLSearchParams(base);
    if (after) q.set('after', after);
    const page = await api(`/sagas?${q}`, { signal });
    all.push(...page.body.sagas);
    after = page.body.next;
  } while (after && all.length < MAX_FETCHED);
  all.sort((a, b) => String(b.updatedAt ?? '').localeCompare(String(a.updatedAt ?? '')));
  return { sagas: all, cut: Boolean(after) };
}

function showCounts(el, body, choose) {
  replace(el, STATUSES.map(s => h('button', { type: 'button', class: 'count', 'data-status': s, onclick: () => choose(s) },
    h('span', { class: 'count-number' }, String(body.counts?.[s] ?? 0)), ' ', statusBadge(s))),
  h('span', { class: 'muted' }, `${body.total ?? 0} in all`));
}

function showList(el, { sagas, cut }) {
  if (!sagas.length) { replace(el, h('p', { class: 'muted' }, 'No saga matches.')); return; }
  const shown = sagas.slice(0, SHOWN);
  replace(el,
    h('table', { class: 'sagas' },
      h('caption', {}, `Newest first: ${shown.length} of ${sagas.length}${cut ? '+' : ''}`),
      h('thead', {}, h('tr', {}, ['Last change', 'Status', 'Order', 'Correlation id', 'Why / waiting for'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, shown.map(s => h('tr', { 'data-correlation-id': s.correlationId },
        h('td', {}, time(s.updatedAt)),
        h('td', {}, statusBadge(s.status)),
        h('td', {}, s.orderId),
        h('td', {}, h('a', { href: `/console/sagas/${encodeURIComponent(s.correlationId)}` }, s.correlationId)),
        h('td', {}, s.failureReason ?? (s.awaiting ?? []).map(a => `${a.eventTypes?.join(' | ')} (${a.context})`).join(', ')))))),
    cut ? h('p', { class: 'muted' }, `Only the first ${MAX_FETCHED} of this window were read: narrow the window or the status.`) : null);
}

/** An id may be a correlation id or an order id: the saga is found either way. */
async function find(id, message) {
  if (!id) return;
  replace(message, 'Looking…');
  for (const path of [`/sagas/${encodeURIComponent(id)}`, `/sagas/by-order/${encodeURIComponent(id)}`]) {
    try {
      const saga = await api(path);
      replace(message);
      navigate(`/console/sagas/${encodeURIComponent(saga.body.correlationId)}`);
      return;
    } catch (e) {
      if (!(e instanceof ApiError) || (e.status !== 404 && e.status !== 400)) { replace(message, e.message); return; }
    }
  }
  replace(message, `No saga has the correlation id or order id ${id}.`);
}
