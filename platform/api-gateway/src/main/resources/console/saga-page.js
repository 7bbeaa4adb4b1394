// /console/sagas/<correlationId>: one saga, kept current over its event stream, with the operator
// actions its state allows (retry a failed dispatch, cancel).
import { api, idempotencyKey } from './api.js';
import { follow } from './sse.js';
import { h, replace, time, millis, statusBadge } from './dom.js';
import { confirmAction, field } from './confirm.js';
import { notify } from './app.js';

export function sagaPage(main, correlationId) {
  const live = h('span', { id: 'live-state', class: 'live', 'aria-live': 'polite' }, 'connecting');
  const body = h('div', { id: 'saga' }, h('p', { class: 'muted' }, 'Waiting for the saga…'));
  replace(main,
    h('p', {}, h('a', { href: '/console/' }, '← All sagas')),
    h('h1', {}, 'Saga ', h('code', {}, correlationId), ' ', live),
    body);
  let current = null;
  const stop = follow(`/sagas/${encodeURIComponent(correlationId)}/stream`, {
    onEvent: event => {
      if (event.type !== 'saga') return;
      const saga = JSON.parse(event.data);
      if (current && saga.version < current.version && saga.status === current.status) return; // an older copy after a reconnect
      current = saga;
      show(body, saga);
    },
    onState: (state, detail) => {
      live.textContent = state === 'live' ? 'live' : detail ?? state;
      live.dataset.state = state;
      if (state === 'refused') notify({ message: detail, status: detail?.startsWith('Your token') ? 401 : 0 });
    },
  });
  return stop;
}

function show(el, s) {
  replace(el,
    h('dl', { class: 'facts' },
      fact('Status', h('span', { id: 'saga-status', 'data-status': s.status }, statusBadge(s.status))),
      fact('Order', h('span', { id: 'saga-order-id' }, s.orderId)),
      fact('In this status since', time(s.statusSince)),
      fact('Last change', time(s.updatedAt)),
      s.stalledSince ? fact('Stalled since', time(s.stalledSince)) : null,
      s.failureReason ? fact('Reason', h('span', { id: 'saga-reason' }, s.failureReason)) : null,
      s.awaiting.length ? fact('Waiting for', s.awaiting.map(a => `${a.eventTypes.join(' or ')} from ${a.context}`).join('; ')) : null,
      fact('Events folded', String(s.version))),
    actions(s),
    h('h2', {}, 'Timeline'),
    timeline(s),
    h('h2', {}, 'Compensations'),
    s.compensations.length
      ? h('ul', { id: 'compensations' }, s.compensations.map(c => h('li', {}, h('strong', {}, c.eventType), ` (${c.context}) `, c.summary ?? '')))
      : h('p', { class: 'muted', id: 'compensations' }, 'None.'));
}

function fact(term, value) {
  return [h('dt', {}, term), h('dd', {}, value)];
}

function timeline(s) {
  const rows = s.timeline.map((step, i) => h('tr', { 'data-event-type': step.eventType },
    h('td', {}, String(i + 1)),
    h('td', {}, h('strong', {}, step.eventType)),
    h('td', {}, step.context),
    h('td', {}, time(step.occurredAt)),
    h('td', { class: 'number' }, i === 0 ? '—' : `+${millis(step.sincePreviousMillis)}`),
    h('td', {}, step.summary ?? '')));
  if (s.omittedSteps > 0) {
    rows.splice(20, 0, h('tr', {}, h('td', { colspan: 6, class: 'muted' }, `${s.omittedSteps} step(s) in between not kept`)));
  }
  return h('table', { id: 'timeline' },
    h('thead', {}, h('tr', {}, ['#', 'Event', 'Context', 'Time', 'Gap', 'Summary'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows));
}

function actions(s) {
  if (s.status !== 'NEEDS_ATTENTION') {
    return h('p', { class: 'muted' }, 'Operator actions appear here when the saga needs attention (its dispatch failed).');
  }
  return h('section', { class: 'card attention', 'aria-label': 'Operator actions' },
    h('p', {}, 'The warehouse gave up dispatching this order. Try the carrier again, or cancel the order (stock is released, payment refunded).'),
    h('button', { type: 'button', id: 'retry-dispatch', onclick: () => retry(s) }, 'Retry dispatch…'),
    ' ',
    h('button', { type: 'button', id: 'cancel-order', class: 'danger', onclick: () => cancel(s) }, 'Cancel order…'),
    h('p', { id: 'action-result', class: 'muted', 'aria-live': 'polite' }));
}

async function retry(s) {
  const key = idempotencyKey('console-retry');
  const done = await confirmAction({
    title: 'Retry the dispatch?',
    body: h('p', {}, `The warehouse asks the carrier once more for order ${s.orderId}.`),
    confirmLabel: 'Retry dispatch',
    run: () => api(`/fulfilments/${encodeURIComponent(s.orderId)}/dispatch-retries`, { method: 'POST', headers: { 'Idempotency-Key': key } }),
  });
  if (done) result('Retry requested: the timeline shows the attempt as it happens.');
}

async function cancel(s) {
  const key = idempotencyKey('console-cancel');
  const reason = h('textarea', { id: 'cancel-reason', rows: 3, maxlength: 500, required: true });
  const done = await confirmAction({
    title: 'Cancel this order?',
    body: [h('p', {}, `Order ${s.orderId} is cancelled: its stock is released and its payment refunded. This cannot be undone.`),
      field('cancel-reason', 'Reason (the customer may see it)', reason)],
    confirmLabel: 'Cancel order',
    run: () => {
      if (!reason.value.trim()) throw new Error('Say why the order is cancelled.');
      return api(`/orders/${encodeURIComponent(s.orderId)}/cancellation`,
        { method: 'POST', headers: { 'Idempotency-Key': key }, body: { reason: reason.value.trim() } });
    },
  });
  if (done) result('Cancellation requested: the timeline shows the compensations as they happen.');
}

function result(text) {
  const el = document.getElementById('action-result');
  if (el) el.textContent = text;
}
