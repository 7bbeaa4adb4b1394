// /console/dead-letters: each context's dead letters, newest first, and their re-drive (admins).
// A re-drive of the same dead letter writes once, however often it is confirmed (the server keeps
// a marker); the page shows where the copy went.
import { api } from './api.js';
import { h, replace, time } from './dom.js';
import { confirmAction } from './confirm.js';
import { notify } from './app.js';

const CONTEXTS = ['orders', 'payments', 'warehouse', 'loyalty', 'notifications', 'saga-status'];

export function deadLettersPage(main) {
  const params = new URLSearchParams(window.location.search);
  const context = h('select', { id: 'dlq-context', name: 'context' }, CONTEXTS.map(c => h('option', { value: c }, c)));
  context.value = CONTEXTS.includes(params.get('context')) ? params.get('context') : 'orders';
  const list = h('div', { id: 'dead-letters', 'aria-live': 'polite' });
  replace(main, h('h1', {}, 'Dead letters'),
    h('p', { class: 'muted' }, 'Records a context could not read or process, with the reason. Re-driving writes the original back to the topic it came from, once. Admins only.'),
    h('form', { class: 'toolbar', onchange: () => { history.replaceState(null, '', `?context=${context.value}`); load(); }, onsubmit: e => e.preventDefault() },
      h('label', { for: 'dlq-context' }, 'Context'), context,
      h('button', { type: 'button', class: 'secondary', onclick: () => load() }, 'Refresh')),
    list);

  async function load(after) {
    try {
      const q = new URLSearchParams({ limit: '20' });
      if (after) q.set('after', after);
      const { body } = await api(`/admin/${context.value}/dead-letters?${q}`);
      show(list, body, load);
    } catch (e) {
      replace(list, h('p', { class: 'error' }, e.message));
    }
  }
  load();
}

function show(el, page, load) {
  page.deadLetters ??= [];
  if (!page.deadLetters.length) { replace(el, h('p', { class: 'muted' }, `${page.topic} is empty.`)); return; }
  replace(el,
    h('table', { class: 'dead-letters' },
      h('caption', {}, `${page.topic}, newest first`),
      h('thead', {}, h('tr', {}, ['Dead-lettered', 'Reason', 'From', 'Record', ''].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, page.deadLetters.map(d => h('tr', { 'data-position': `${d.partition}:${d.offset}` },
        h('td', {}, time(d.deadLetteredAt), h('br'), h('small', { class: 'muted' }, `${d.partition}:${d.offset}`)),
        h('td', {}, h('strong', {}, d.reason ?? '(no reason)'), h('br'), h('small', { class: 'muted' }, d.exception ?? '')),
        h('td', {}, d.source ? `${d.source.topic}[${d.source.partition}]@${d.source.offset}` : 'unknown'),
        h('td', {}, record(d)),
        h('td', {}, d.reDriven
          ? h('span', { class: 'muted' }, 'Re-driven to ', h('code', {}, d.reDriven.to), ' ', time(d.reDriven.at))
          : h('button', { type: 'button', disabled: d.source?.topic ? null : true, onclick: () => reDrive(page.context, d, load) }, 'Re-drive…')))))),
    page.next ? h('button', { type: 'button', class: 'secondary', onclick: () => load(page.next) }, 'Older') : null,
    page.olderNotScanned ? h('p', { class: 'muted' }, `${page.olderNotScanned} older record(s) not scanned.`) : null);
}

function record(d) {
  return h('details', {},
    h('summary', {}, `key ${d.key ?? '(none)'}, ${d.valueBytes} bytes`),
    d.valueText !== undefined && d.valueText !== null ? h('pre', {}, d.valueText) : h('pre', {}, d.valueHex ?? ''),
    Object.keys(d.headers ?? {}).length
      ? h('dl', { class: 'headers' }, Object.entries(d.headers).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '')]))
      : null);
}

async function reDrive(context, d, load) {
  const done = await confirmAction({
    title: 'Re-drive this dead letter?',
    body: h('p', {}, `The original record goes back to ${d.source.topic} partition ${d.source.partition}, where ${context} reads it again. Fix the cause first, or it is dead-lettered again.`),
    confirmLabel: 'Re-drive',
    run: () => api(`/admin/${context}/dead-letters/${d.partition}/${d.offset}/re-drive`, { method: 'POST' }),
  });
  if (done) load();
}
