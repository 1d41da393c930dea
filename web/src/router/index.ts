/**
 * Routes and the guard that keeps each realm's rules: no page without a session, nothing but
 * the password change while one is pending, and admin pages only for the roles that use them.
 */
import { createRouter, createWebHistory, type RouteLocationRaw } from 'vue-router';
import type { RouteLocationNormalized } from 'vue-router';
import { handleSessionLoss } from '../api/client';
import type { Realm } from '../api/tokens';
import { adminSession, endAdminSession, setAdminProfile } from '../session/admin';
import { endMemberSession, memberSession, setMustChange } from '../session/member';
import { mayOpen, pagesFor } from '../session/permissions';
import { routes } from './routes';

export const router = createRouter({ history: createWebHistory(), routes });

const LOGIN: Record<Realm, string> = { member: 'member-login', admin: 'admin-login' };
const FORCED: Record<Realm, string> = {
  member: 'member-first-password',
  admin: 'admin-first-password',
};

router.beforeEach((to) => {
  const realm = to.meta.realm;
  if (!realm) return true;
  return realm === 'member' ? guardMember(to) : guardAdmin(to);
});

function guardMember(to: RouteLocationNormalized): true | RouteLocationRaw {
  if (to.meta.loginPage) return memberSession.loggedIn ? { name: 'member-home' } : true;
  if (!memberSession.loggedIn) return toLogin('member', to);
  if (memberSession.mustChangePassword && !to.meta.forcedPasswordPage) {
    return { name: FORCED.member };
  }
  if (!memberSession.mustChangePassword && to.meta.forcedPasswordPage) {
    return { name: 'member-home' };
  }
  return true;
}

function guardAdmin(to: RouteLocationNormalized): true | RouteLocationRaw {
  const profile = adminSession.profile;
  if (to.meta.loginPage) return profile ? { name: 'admin-home' } : true;
  if (!adminSession.loggedIn || !profile) return toLogin('admin', to);
  if (profile.mustChangePassword && !to.meta.forcedPasswordPage) return { name: FORCED.admin };
  if (!profile.mustChangePassword && to.meta.forcedPasswordPage) return { name: 'admin-home' };

  const page = to.meta.adminPage;
  if (to.name === 'admin-home' || (page && !mayOpen(profile.role, page))) {
    const first = pagesFor(profile.role)[0];
    return first ? { name: `admin-${first}` } : { name: 'admin-password' };
  }
  return true;
}

function toLogin(realm: Realm, from: RouteLocationNormalized): RouteLocationRaw {
  return { name: LOGIN[realm], query: { redirect: from.fullPath } };
}

// Wherever a call finds the session gone (expired, revoked, logged out elsewhere), go back to
// that realm's login; a pending password change sends the caller to the forced change.
handleSessionLoss((realm, code) => {
  const current = router.currentRoute.value;
  if (code === 'PASSWORD_CHANGE_REQUIRED') {
    if (realm === 'member') setMustChange(true);
    else if (adminSession.profile) {
      setAdminProfile({ ...adminSession.profile, mustChangePassword: true });
    }
    void router.replace({ name: FORCED[realm] });
    return;
  }

  if (realm === 'member') endMemberSession();
  else endAdminSession();
  if (current.meta.realm === realm && !current.meta.loginPage) {
    void router.replace(toLogin(realm, current));
  }
});
