// /console/choreography: the mined choreography as a picture. Event types are nodes, laid out in
// layers (a node's layer = its distance from the events nothing causes, found breadth first);
// transitions are edges labelled with their count and p50/p99 latency. The same data follows as a
// table, for screen readers and exact numbers.
import { api } from './api.js';
import { h, replace, millis } from './dom.js';
import { notify } from './app.js';

const SVG = 'http://www.w3.org/2000/svg';
const NODE_W = 180, NODE_H = 38, COL = 270, ROW = 74, PAD = 30;

export function choreographyPage(main) {
  const picture = h('div', { class: 'graph', id: 'choreography' }, h('p', { class: 'muted' }, 'Loading…'));
  const table = h('div');
  replace(main, h('h1', {}, 'Choreography'),
    h('p', { class: 'muted' }, 'Which event follows which, as mined from every saga: how often, and how long the reaction took (p50 / p99).'),
    picture, table);
  api('/choreography').then(({ body }) => {
    const transitions = body.transitions ?? [];
    if (!transitions.length) { replace(picture, h('p', { class: 'muted' }, 'No transitions yet: place an order.')); return; }
    replace(picture, draw(transitions));
    replace(table, transitionTable(transitions));
  }).catch(notify);
}

function layers(transitions) {
  const nodes = [...new Set(transitions.flatMap(t => [t.from, t.to]))];
  const incoming = new Map(nodes.map(n => [n, 0]));
  transitions.forEach(t => { if (t.from !== t.to) incoming.set(t.to, incoming.get(t.to) + 1); });
  const layer = new Map();
  let frontier = nodes.filter(n => incoming.get(n) === 0);
  if (!frontier.length) frontier = [nodes.includes('OrderPlaced') ? 'OrderPlaced' : nodes[0]];
  frontier.forEach(n => layer.set(n, 0));
  while (frontier.length) {
    const next = [];
    for (const n of frontier) {
      for (const t of transitions) {
        if (t.from === n && !layer.has(t.to)) { layer.set(t.to, layer.get(n) + 1); next.push(t.to); }
      }
    }
    frontier = next;
  }
  nodes.forEach(n => { if (!layer.has(n)) layer.set(n, 0); });
  return layer;
}

function draw(transitions) {
  const layer = layers(transitions);
  const columns = new Map();
  [...layer.entries()].sort(([a], [b]) => a.localeCompare(b)).forEach(([n, l]) => {
    if (!columns.has(l)) columns.set(l, []);
    columns.get(l).push(n);
  });
  const at = new Map();
  for (const [l, names] of columns) names.forEach((n, i) => at.set(n, { x: PAD + l * COL, y: PAD + i * ROW }));
  const width = PAD * 2 + (Math.max(...columns.keys()) * COL) + NODE_W;
  const height = PAD * 2 + (Math.max(...[...columns.values()].map(c => c.length)) - 1) * ROW + NODE_H + 20;
  const svg = el('svg', { id: 'choreography-graph', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
    'aria-labelledby': 'choreography-title' });
  svg.append(el('title', { id: 'choreography-title' }, `Choreography: ${at.size} event types, ${transitions.length} transitions`));
  const defs = el('defs');
  const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
  marker.append(el('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow-head' }));
  defs.append(marker);
  svg.append(defs);
  const max = Math.max(...transitions.map(t => t.count));
  for (const t of transitions) svg.append(edge(t, at.get(t.from), at.get(t.to), max));
  for (const [name, p] of at) {
    const g = el('g', { class: 'node', 'data-event-type': name, transform: `translate(${p.x},${p.y})` });
    g.append(el('rect', { width: NODE_W, height: NODE_H, rx: 8 }), el('text', { x: NODE_W / 2, y: NODE_H / 2 + 5, 'text-anchor': 'middle' }, name));
    svg.append(g);
  }
  return svg;
}

function edge(t, a, b, max) {
  const g = el('g', { class: 'edge', 'data-from': t.from, 'data-to': t.to });
  const label = `${t.count} · p50 ${millis(t.p50Millis)} · p99 ${millis(t.p99Millis)}`;
  let d, lx, ly;
  if (t.from === t.to) {
    const x = a.x + NODE_W - 30, y = a.y;
    d = `M ${x} ${y} c 0 -34 44 -34 44 0 c 0 10 -6 14 -14 ${NODE_H / 2 - 4}`;
    lx = x + 22; ly = y - 30;
  } else if (b.x > a.x) {
    const x1 = a.x + NODE_W, y1 = a.y + NODE_H / 2, x2 = b.x, y2 = b.y + NODE_H / 2;
    d = `M ${x1} ${y1} C ${x1 + 60} ${y1}, ${x2 - 60} ${y2}, ${x2} ${y2}`;
    lx = (x1 + x2) / 2; ly = (y1 + y2) / 2 - 6;
  } else { // back or within a column: an arc below
    const x1 = a.x + NODE_W / 2, y1 = a.y + NODE_H, x2 = b.x + NODE_W / 2, y2 = b.y + NODE_H;
    const dip = Math.max(y1, y2) + 40;
    d = `M ${x1} ${y1} C ${x1} ${dip}, ${x2} ${dip}, ${x2} ${y2}`;
    lx = (x1 + x2) / 2; ly = dip - 2;
  }
  g.append(el('title', {}, `${t.from} → ${t.to}: ${label}`),
    el('path', { d, 'marker-end': 'url(#arrow)', 'stroke-width': 1 + 3 * t.count / max }),
    el('text', { x: lx, y: ly, 'text-anchor': 'middle', class: 'edge-label' }, label));
  return g;
}

function el(tag, attrs = {}, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function transitionTable(transitions) {
  return h('table', { id: 'transitions' },
    h('caption', {}, 'Transitions, most frequent first'),
    h('thead', {}, h('tr', {}, ['From', 'To', 'Count', 'p50', 'p99', 'Max'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, transitions.map(t => h('tr', {},
      h('td', {}, t.from), h('td', {}, t.to), h('td', { class: 'number' }, String(t.count)),
      h('td', { class: 'number' }, millis(t.p50Millis)), h('td', { class: 'number' }, millis(t.p99Millis)),
      h('td', { class: 'number' }, millis(t.maxMillis))))));
}
