/**
 * The member's session as the portal knows it: the token (in its slot) and whether the
 * initial password still has to be changed. Both live in sessionStorage so a reload keeps them.
 */
import { reactive, readonly } from 'vue';
import type { LoginResult } from '../../../typings';
import { clearToken, getToken, setToken } from '../api/tokens';

const PENDING_KEY = 'portal.member.mustChangePassword';

const state = reactive({
  loggedIn: getToken('member') !== null,
  mustChangePassword: sessionStorage.getItem(PENDING_KEY) === '1',
});

export const memberSession = readonly(state);

export function startMemberSession(login: LoginResult): void {
  setToken('member', login.token);
  setMustChange(login.mustChangePassword);
  state.loggedIn = true;
}

export function setMustChange(pending: boolean): void {
  if (pending) sessionStorage.setItem(PENDING_KEY, '1');
  else sessionStorage.removeItem(PENDING_KEY);
  state.mustChangePassword = pending;
}

export function endMemberSession(): void {
  clearToken('member');
  setMustChange(false);
  state.loggedIn = false;
}
