import type { Realm } from '../api/tokens';

/**
 * Where to go after logging in: the `redirect` query when it is a page of the same realm,
 * never another site (an open redirect) nor the other realm's pages.
 */
export function safeRedirect(raw: unknown, realm: Realm, fallback: string): string {
  // A path of this site only: `//host` and `/\host` are read by browsers as another site.
  if (typeof raw !== 'string' || !/^\/(?![/\\])/.test(raw)) return fallback;
  const isAdmin = raw === '/admin' || raw.startsWith('/admin/');
  if (isAdmin !== (realm === 'admin')) return fallback;
  // Never back to a login or forced-change page: that would loop once logged in.
  if (/^\/(admin\/)?(login|first-password)(\/|\?|$)/.test(raw)) return fallback;
  return raw;
}
