import type { LoginResult } from '../../typings/actions';

/**
 * The member's session on this phone, kept in WeChat storage so that it survives restarts:
 * the token, and whether the backend still demands a new password. Expiry is left to the
 * backend (it answers UNAUTHENTICATED): a phone's clock is not to be trusted with it.
 */
const KEYS = {
  token: 'session.token',
  mustChangePassword: 'session.mustChangePassword',
} as const;

/** The token, or null when logged out. */
export function getToken(): string | null {
  const token: unknown = wx.getStorageSync(KEYS.token);
  // getStorageSync answers '' for a missing key.
  return typeof token === 'string' && token !== '' ? token : null;
}

export function hasSession(): boolean {
  return getToken() !== null;
}

/** True while the backend refuses everything until the initial password is changed. */
export function mustChangePassword(): boolean {
  return hasSession() && wx.getStorageSync(KEYS.mustChangePassword) === true;
}

export function saveSession(login: LoginResult): void {
  wx.setStorageSync(KEYS.token, login.token);
  wx.setStorageSync(KEYS.mustChangePassword, login.mustChangePassword);
}

export function setMustChangePassword(value: boolean): void {
  wx.setStorageSync(KEYS.mustChangePassword, value);
}

export function clearSession(): void {
  Object.values(KEYS).forEach((key) => wx.removeStorageSync(key));
}
