// The bearer token of this browser session: taken from a sign-in link (?token=…) or typed in once,
// kept in sessionStorage (gone when the tab closes), and removed from the address bar at once so
// it is not bookmarked, shared or kept in history.
const KEY = 'musiccorp.token';

export function adoptTokenFromAddress() {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token === null) return;
  url.searchParams.delete('token');
  history.replaceState(history.state, '', url.pathname + (url.search === '?' ? '' : url.search) + url.hash);
  if (token.trim()) sessionStorage.setItem(KEY, token.trim());
}

export function token() {
  return sessionStorage.getItem(KEY);
}

export function signIn(value) {
  sessionStorage.setItem(KEY, value.trim());
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}

/** Who the token says it is (read, not verified: the services verify every call). */
export function claims() {
  const t = token();
  if (!t) return null;
  try {
    const part = t.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = JSON.parse(atob(part + '='.repeat((4 - part.length % 4) % 4)));
    return { subject: json.sub, roles: json.roles ?? [], expires: json.exp ? new Date(json.exp * 1000) : null };
  } catch {
    return { subject: '?', roles: [], expires: null };
  }
}
