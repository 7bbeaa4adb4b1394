// Server-Sent Events over fetch(): EventSource cannot send an Authorization header. Parses the
// text/event-stream format (event:, data:, id:, blank line ends an event) and reconnects with
// back-off (1 s doubling to 30 s, back to 1 s once an event arrives). A refusal (401/403/404) is
// not retried: it will not change by waiting.
import { token } from './session.js';
import { explain } from './api.js';

export function follow(path, { onEvent, onState }) {
  const controller = new AbortController();
  let delay = 1000;
  let stopped = false;

  async function connect() {
    while (!stopped) {
      onState?.('connecting');
      try {
        const response = await fetch(path, {
          headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token() ?? ''}` },
          signal: controller.signal, cache: 'no-store', credentials: 'omit',
        });
        if ([401, 403, 404].includes(response.status)) {
          let body = null;
          try { body = await response.json(); } catch { /* not JSON */ }
          onState?.('refused', explain(response.status, body, path));
          return;
        }
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        onState?.('live');
        await read(response.body, event => { delay = 1000; onEvent(event); });
      } catch (e) {
        if (stopped || e.name === 'AbortError') return;
      }
      if (stopped) return;
      onState?.('reconnecting', `reconnecting in ${Math.round(delay / 1000)} s`);
      await new Promise(resolve => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 30000);
    }
  }

  connect();
  return () => { stopped = true; controller.abort(); };
}

async function read(body, dispatch) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = { type: 'message', data: [], id: null };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let newline;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (event.data.length) dispatch({ type: event.type, id: event.id, data: event.data.join('\n') });
        event = { type: 'message', data: [], id: null };
        continue;
      }
      if (line.startsWith(':')) continue; // a comment, e.g. a keep-alive
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let val = colon < 0 ? '' : line.slice(colon + 1);
      if (val.startsWith(' ')) val = val.slice(1);
      if (field === 'event') event.type = val;
      else if (field === 'data') event.data.push(val);
      else if (field === 'id') event.id = val;
    }
  }
}
