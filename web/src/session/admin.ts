/**
 * The admin's session: the token (in its own slot, apart from a member's) and the profile,
 * whose role decides the menu. The backend checks every role anyway; this only hides.
 */
import { reactive, readonly } from 'vue';
import type { AdminLoginResult, AdminProfile } from '../../../typings';
import { clearToken, getToken, setToken } from '../api/tokens';

const PROFILE_KEY = 'portal.admin.profile';

const state = reactive<{ loggedIn: boolean; profile: AdminProfile | null }>({
  loggedIn: getToken('admin') !== null,
  profile: readProfile(),
});

export const adminSession = readonly(state);

export function startAdminSession(login: AdminLoginResult): void {
  setToken('admin', login.token);
  setAdminProfile(login.admin);
  state.loggedIn = true;
}

export function setAdminProfile(profile: AdminProfile): void {
  sessionStorage.setItem(PROFILE_KEY, JSON.stringify(profile));
  state.profile = profile;
}

export function endAdminSession(): void {
  clearToken('admin');
  sessionStorage.removeItem(PROFILE_KEY);
  state.loggedIn = false;
  state.profile = null;
}

function readProfile(): AdminProfile | null {
  const raw = sessionStorage.getItem(PROFILE_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as AdminProfile;
  } catch {
    // A damaged entry is treated as no session: the guard sends the admin to log in again.
    return null;
  }
}
