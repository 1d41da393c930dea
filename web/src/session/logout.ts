import type { Router } from 'vue-router';
import { callAction } from '../api/client';
import type { Realm } from '../api/tokens';
import { endAdminSession } from './admin';
import { endMemberSession } from './member';

/**
 * Ends the session on the server, then here. The local end happens even when the server
 * cannot be reached: a member who clicks 退出登录 must not stay logged in on this screen.
 */
export async function logOut(realm: Realm, router: Router): Promise<void> {
  try {
    if (realm === 'admin') await callAction('admin.logout', {});
    else await callAction('auth.logout', {});
  } catch {
    // Already expired or unreachable: the token is discarded below either way, and an
    // unreachable server lets the session lapse at its expiry.
  } finally {
    if (realm === 'admin') endAdminSession();
    else endMemberSession();
  }
  await router.replace({ name: realm === 'admin' ? 'admin-login' : 'member-login' });
}
