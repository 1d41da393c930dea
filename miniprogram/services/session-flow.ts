import { logout } from './auth';
import { isApiError } from './api-error';
import { restartAt } from './navigation';
import { clearSession, setMustChangePassword } from './session';

/**
 * Sends the member where a session failure says they must go: to login when the session is
 * gone, to the password page while the initial password is unchanged. Answers true when it
 * did, so the page stops there; any other error is the page's to show.
 */
export function followSessionError(error: unknown): boolean {
  if (isApiError(error, 'UNAUTHENTICATED')) {
    clearSession();
    restartAt('login');
    return true;
  }
  if (isApiError(error, 'PASSWORD_CHANGE_REQUIRED')) {
    setMustChangePassword(true);
    restartAt('password');
    return true;
  }
  return false;
}

/**
 * 退出登录 from any page: the member lands on login even when the backend could not be told,
 * since the session on this phone is gone either way (it lapses on the server by itself).
 */
export async function signOut(): Promise<void> {
  try {
    await logout();
  } catch (error) {
    const code = isApiError(error) ? error.code : 'UNKNOWN';
    console.warn('logout not confirmed by the backend', { code });
  }
  restartAt('login');
}
