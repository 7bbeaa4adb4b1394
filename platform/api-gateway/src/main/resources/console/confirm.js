// One confirmation dialog for every operator action. The action runs only after "confirm"; its
// error is shown in the dialog, and confirming again re-sends the same request (same
// Idempotency-Key), so a lost answer never becomes a second retry or cancellation.
import { h, replace } from './dom.js';

export function confirmAction({ title, body, confirmLabel, run }) {
  const dialog = document.getElementById('confirm');
  const form = document.getElementById('confirm-form');
  const error = document.getElementById('confirm-error');
  const ok = document.getElementById('confirm-ok');
  replace(document.getElementById('confirm-title'), title);
  replace(document.getElementById('confirm-body'), body);
  ok.textContent = confirmLabel;
  error.hidden = true;
  ok.disabled = false;
  return new Promise(resolve => {
    const close = result => {
      form.onsubmit = null;
      document.getElementById('confirm-cancel').onclick = null;
      dialog.close();
      resolve(result);
    };
    document.getElementById('confirm-cancel').onclick = () => close(null);
    dialog.oncancel = () => close(null);
    form.onsubmit = async e => {
      e.preventDefault();
      ok.disabled = true;
      try {
        close(await run());
      } catch (err) {
        replace(error, err.message);
        error.hidden = false;
        ok.disabled = false;
      }
    };
    dialog.showModal();
  });
}

export function field(id, label, input) {
  return h('p', { class: 'field' }, h('label', { for: id }, label), input);
}
