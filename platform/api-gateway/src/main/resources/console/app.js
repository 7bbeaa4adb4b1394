// The console's one page: routes on the address (/console/, /console/sagas/<id>,
// /console/choreography, /console/look-up, /console/dead-letters) without reloading, and asks for
// a token first when the session has none.
import { adoptTokenFromAddress, token, claims, signIn, signOut } from './session.js';
import { h, replace } from './dom.js';
import { sagasPage } from './sagas-page.js';
import { sagaPage } from './saga-page.js';
import { choreographyPage } from './choreography-page.js';
import { lookUpPage } from './look-up-page.js';
import { deadLettersPage } from './dead-letters-page.js';

const ROUTES = [
  [/^\/console\/?$/, 'sagas', sagasPage],
  [/^\/console\/sagas\/([^/]+)$/, 'sagas', sagaPage],
  [/^\/console\/choreography$/, 'choreography', choreographyPage],
  [/^\/console\/look-up$/, 'look-up', lookUpPage],
  [/^\/console\/dead-letters$/, 'dead-letters', deadLettersPage],
];

const main = document.getElementById('main');
let leave = null; // what the current page must stop (a stream, a timer) when another opens

export function navigate(path) {
  history.pushState(null, '', path);
  render();
}

/** Shows an error the page cannot handle itself: a refused token gets a way to sign in again. */
export function notify(error) {
  const notice = document.getElementById('notice');
  if (!error) { notice.hidden = true; return; }
  const again = error.status === 401
    ? h('button', { type: 'button', class: 'secondary', onclick: () => { signOut(); notify(null); render(); } }, 'Sign in again')
    : null;
  replace(notice, h('span', {}, error.message), again);
  notice.hidden = false;
}

function render() {
  if (leave) { leave(); leave = null; }
  notify(null);
  showWho();
  if (!token()) { signInPage(); return; }
  const path = window.location.pathname;
  for (const [pattern, nav, page] of ROUTES) {
    const match = path.match(pattern);
    if (!match) continue;
    document.querySelectorAll('[data-nav]').forEach(a => a.toggleAttribute('aria-current', a.dataset.nav === nav));
    replace(main);
    leave = page(main, ...match.slice(1).map(decodeURIComponent)) ?? null;
    return;
  }
  replace(main, h('h1', {}, 'Not a page of the console'), h('p', {}, h('a', { href: '/console/' }, 'Back to the sagas')));
}

function showWho() {
  const who = document.getElementById('who');
  const c = claims();
  if (!c) { replace(who, h('span', { class: 'muted' }, 'Not signed in')); return; }
  const expired = c.expires && c.expires < new Date();
  replace(who,
    h('span', { id: 'signed-in-as' }, 'Signed in as ', h('strong', {}, c.subject ?? '?'),
      ' (', h('span', { id: 'signed-in-role' }, c.roles.join(', ') || 'no role'), ')'),
    expired ? h('span', { class: 'error' }, ' token expired') : null,
    h('button', { type: 'button', class: 'link', onclick: () => { signOut(); render(); } }, 'Sign out'));
}

function signInPage() {
  document.querySelectorAll('[data-nav]').forEach(a => a.removeAttribute('aria-current'));
  const input = h('input', { id: 'token-input', name: 'token', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false' });
  replace(main, h('section', { class: 'card narrow', id: 'sign-in' },
    h('h1', {}, 'Sign in'),
    h('p', {}, 'The console needs a bearer token for every call it makes. ',
      './musiccorp start prints a sign-in link; the tokens are also in .musiccorp/credentials.env ',
      '(ADMIN_TOKEN, OPERATOR_TOKEN). The token is kept for this browser tab only.'),
    h('form', { onsubmit: e => { e.preventDefault(); if (input.value.trim()) { signIn(input.value); render(); } } },
      h('label', { for: 'token-input' }, 'Token'), input,
      h('button', { type: 'submit' }, 'Sign in'))));
  input.focus();
}

document.addEventListener('click', e => {
  const a = e.target.closest('a[href^="/console/"]');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || a.target) return;
  e.preventDefault();
  navigate(a.getAttribute('href'));
});
window.addEventListener('popstate', render);

adoptTokenFromAddress();
render();
