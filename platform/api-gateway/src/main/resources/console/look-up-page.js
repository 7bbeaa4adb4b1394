// /console/look-up: stock of a SKU and a customer's loyalty balance.
import { api } from './api.js';
import { h, replace } from './dom.js';

export function lookUpPage(main) {
  replace(main, h('h1', {}, 'Stock and loyalty'),
    h('div', { class: 'columns' },
      lookUp('stock', 'SKU', 'SKU-1', sku => `/stock/${encodeURIComponent(sku)}`,
        b => [['SKU', b.sku], ['Title', b.title], ['Artist', b.artist], ['Format', b.format], ['On hand', b.onHand],
          ['Available', b.available], ['Reserved', b.reserved], ['Shipped', b.shipped]]),
      lookUp('loyalty', 'Customer id', 'cust-1', id => `/loyalty/${encodeURIComponent(id)}`,
        b => [['Customer', b.customerId], ['Points', b.balance], ['Orders credited', b.creditedOrders]])));
}

function lookUp(name, label, example, path, rows) {
  const id = `${name}-id`;
  const input = h('input', { id, name: id, required: true, placeholder: example, spellcheck: 'false' });
  const out = h('div', { id: `${name}-result`, 'aria-live': 'polite' });
  return h('section', { class: 'card', 'aria-labelledby': `${name}-title` },
    h('h2', { id: `${name}-title` }, name === 'stock' ? 'Stock' : 'Loyalty'),
    h('form', { class: 'toolbar', onsubmit: async e => {
      e.preventDefault();
      replace(out, h('p', { class: 'muted' }, 'Looking…'));
      try {
        const { body } = await api(path(input.value.trim()));
        replace(out, h('table', {}, h('tbody', {}, rows(body).filter(([, v]) => v !== undefined && v !== null)
          .map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, String(v)))))));
      } catch (err) {
        replace(out, h('p', { class: 'error' }, err.message));
      }
    } }, h('label', { for: id }, label), input, h('button', { type: 'submit' }, 'Look up')),
    out);
}
