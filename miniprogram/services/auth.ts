import type { LoginResult } from '../../typings/actions';
import { callAction } from './transport';
import { clearSession, hasSession, saveSession, setMustChangePassword } from './session';

/** Logs in with phone and password and keeps the session; answers what the backend said. */
export async function login(phone: string, password: string): Promise<LoginResult> {
  const result = await callAction('auth.login', { phone, password });
  saveSession(result);
  return result;
}

/** Changes the password; afterwards the session is no longer limited to this action. */
export async function changePassword(currentPassword: string, newPassword: string) {
  const result = await callAction('auth.changePassword', { currentPassword, newPassword });
  setMustChangePassword(result.mustChangePassword);
  return result;
}

/**
 * Ends the session. The local session is dropped even when the backend cannot be told (the
 * member asked to leave this phone); the error is still passed on for the page to report.
 */
export async function logout(): Promise<void> {
  if (!hasSession()) return;
  try {
    await callAction('auth.logout', {});
  } finally {
    clearSession();
  }
}
