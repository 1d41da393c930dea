/**
 * The two session-token slots. Member and admin sessions are kept apart so that a secretary
 * who is also a member can be logged into both without one overwriting the other.
 * sessionStorage, not localStorage: a shared desk computer forgets the session with the tab.
 */

export type Realm = 'member' | 'admin';

const KEYS: Record<Realm, string> = {
  member: 'portal.member.token',
  admin: 'portal.admin.token',
};

export function getToken(realm: Realm): string | null {
  return sessionStorage.getItem(KEYS[realm]);
}

export function setToken(realm: Realm, token: string): void {
  sessionStorage.setItem(KEYS[realm], token);
}

export function clearToken(realm: Realm): void {
  sessionStorage.removeItem(KEYS[realm]);
}

/** Admin actions carry the admin token; everything else is the member's. */
export function realmOf(action: string): Realm {
  return action.startsWith('admin.') ? 'admin' : 'member';
}
