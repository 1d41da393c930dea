import type { RouteRecordRaw } from 'vue-router';
import type { Realm } from '../api/tokens';
import type { AdminPage } from '../session/permissions';

declare module 'vue-router' {
  interface RouteMeta {
    /** Whose session the page needs; absent for pages anyone may open. */
    realm?: Realm;
    /** Login pages: a logged-in visitor is sent on to the home page. */
    loginPage?: boolean;
    /** The forced password change, the one page open while it is pending. */
    forcedPasswordPage?: boolean;
    /** For admin pages: the page as the role table names it. */
    adminPage?: AdminPage;
  }
}

// Views load on demand: a member's login never downloads the admin console's tables.
export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'member-login',
    component: () => import('../views/member/LoginView.vue'),
    meta: { realm: 'member', loginPage: true },
  },
  {
    path: '/first-password',
    name: 'member-first-password',
    component: () => import('../views/FirstPasswordView.vue'),
    props: { realm: 'member' },
    meta: { realm: 'member', forcedPasswordPage: true },
  },
  {
    path: '/',
    component: () => import('../views/member/MemberLayout.vue'),
    meta: { realm: 'member' },
    children: [
      {
        path: '',
        name: 'member-home',
        component: () => import('../views/member/HomeView.vue'),
      },
      {
        path: 'member/profile',
        name: 'member-profile',
        component: () => import('../views/member/ProfileView.vue'),
      },
      {
        path: 'member/dues',
        name: 'member-dues',
        component: () => import('../views/member/DuesView.vue'),
      },
      {
        path: 'member/renew',
        name: 'member-renew',
        component: () => import('../views/member/RenewView.vue'),
      },
      {
        path: 'member/points',
        name: 'member-points',
        component: () => import('../views/member/PointsView.vue'),
      },
      {
        path: 'member/notices',
        name: 'member-notices',
        component: () => import('../views/member/NoticesView.vue'),
      },
      {
        path: 'member/notices/:noticeId',
        name: 'member-notice',
        component: () => import('../views/member/NoticeView.vue'),
        props: true,
      },
      {
        path: 'member/services',
        name: 'member-services',
        component: () => import('../views/member/ServicesView.vue'),
      },
      {
        path: 'member/events',
        name: 'member-events',
        component: () => import('../views/member/EventsView.vue'),
      },
      {
        path: 'member/events/:eventId',
        name: 'member-event',
        component: () => import('../views/member/EventView.vue'),
        props: true,
      },
      {
        path: 'member/feedback',
        name: 'member-feedback',
        component: () => import('../views/member/FeedbackView.vue'),
      },
      {
        path: 'member/certificate',
        name: 'member-certificate',
        component: () => import('../views/member/CertificateView.vue'),
      },
      {
        path: 'account/settings',
        name: 'member-account-settings',
        component: () => import('../views/member/AccountSettingsView.vue'),
      },
      {
        path: 'account/password',
        name: 'member-password',
        component: () => import('../views/PasswordView.vue'),
        props: { realm: 'member' },
      },
    ],
  },

  {
    path: '/admin/login',
    name: 'admin-login',
    component: () => import('../views/admin/AdminLoginView.vue'),
    meta: { realm: 'admin', loginPage: true },
  },
  {
    path: '/admin/first-password',
    name: 'admin-first-password',
    component: () => import('../views/FirstPasswordView.vue'),
    props: { realm: 'admin' },
    meta: { realm: 'admin', forcedPasswordPage: true },
  },
  {
    path: '/admin',
    component: () => import('../views/admin/AdminLayout.vue'),
    meta: { realm: 'admin' },
    children: [
      // The landing page depends on the role; the guard resolves it.
      { path: '', name: 'admin-home', component: { render: () => null } },
      {
        path: 'roster',
        name: 'admin-roster',
        component: () => import('../views/admin/RosterImportView.vue'),
        meta: { adminPage: 'roster' },
      },
      {
        path: 'members',
        name: 'admin-members',
        component: () => import('../views/admin/MembersView.vue'),
        meta: { adminPage: 'members' },
      },
      {
        path: 'accounts',
        name: 'admin-accounts',
        component: () => import('../views/admin/AccountsView.vue'),
        meta: { adminPage: 'accounts' },
      },
      {
        path: 'society',
        name: 'admin-society',
        component: () => import('../views/admin/SocietyView.vue'),
        meta: { adminPage: 'society' },
      },
      {
        path: 'reminders',
        name: 'admin-reminders',
        component: () => import('../views/admin/RemindersView.vue'),
        meta: { adminPage: 'reminders' },
      },
      {
        path: 'dues',
        name: 'admin-dues',
        component: () => import('../views/admin/DuesQueueView.vue'),
        meta: { adminPage: 'dues' },
      },
      {
        path: 'dues-settings',
        name: 'admin-duesSettings',
        component: () => import('../views/admin/DuesSettingsView.vue'),
        meta: { adminPage: 'duesSettings' },
      },
      {
        path: 'applications',
        name: 'admin-applications',
        component: () => import('../views/admin/ApplicationsView.vue'),
        meta: { adminPage: 'applications' },
      },
      {
        path: 'application-settings',
        name: 'admin-applicationSettings',
        component: () => import('../views/admin/ApplicationSettingsView.vue'),
        meta: { adminPage: 'applicationSettings' },
      },
      {
        path: 'points',
        name: 'admin-points',
        component: () => import('../views/admin/PointsView.vue'),
        meta: { adminPage: 'points' },
      },
      {
        path: 'notices',
        name: 'admin-notices',
        component: () => import('../views/admin/NoticesView.vue'),
        meta: { adminPage: 'notices' },
      },
      // The editor: a blank draft, or one notice. It alone loads the rich-text editor.
      {
        path: 'notices/new',
        name: 'admin-notice-new',
        component: () => import('../views/admin/NoticeEditView.vue'),
        meta: { adminPage: 'notices' },
      },
      {
        path: 'notices/:noticeId',
        name: 'admin-notice',
        component: () => import('../views/admin/NoticeEditView.vue'),
        props: true,
        meta: { adminPage: 'notices' },
      },
      {
        path: 'news',
        name: 'admin-news',
        component: () => import('../views/admin/NewsAdminView.vue'),
        meta: { adminPage: 'news' },
      },
      // The news editor, like the notice editor: a blank draft, or one item.
      {
        path: 'news/new',
        name: 'admin-news-new',
        component: () => import('../views/admin/NewsEditView.vue'),
        meta: { adminPage: 'news' },
      },
      {
        path: 'news/:newsId',
        name: 'admin-news-item',
        component: () => import('../views/admin/NewsEditView.vue'),
        props: true,
        meta: { adminPage: 'news' },
      },
      {
        path: 'feedback',
        name: 'admin-feedback',
        component: () => import('../views/admin/FeedbackAdminView.vue'),
        meta: { adminPage: 'feedback' },
      },
      {
        path: 'services',
        name: 'admin-services',
        component: () => import('../views/admin/ServicesAdminView.vue'),
        meta: { adminPage: 'services' },
      },
      {
        path: 'events',
        name: 'admin-events',
        component: () => import('../views/admin/EventsAdminView.vue'),
        meta: { adminPage: 'events' },
      },
      // The event editor, with its registrations, attendance and check-in code once saved.
      {
        path: 'events/new',
        name: 'admin-event-new',
        component: () => import('../views/admin/EventEditView.vue'),
        meta: { adminPage: 'events' },
      },
      {
        path: 'events/:eventId',
        name: 'admin-event',
        component: () => import('../views/admin/EventEditView.vue'),
        props: true,
        meta: { adminPage: 'events' },
      },
      {
        path: 'password',
        name: 'admin-password',
        component: () => import('../views/PasswordView.vue'),
        props: { realm: 'admin' },
      },
    ],
  },

  // Public: what a phone's browser opens from a local 扫码登录 code.
  {
    path: '/qr-login/:loginId',
    name: 'qr-login-landing',
    component: () => import('../views/QrLoginLandingView.vue'),
  },
  // 机构动态: public, opened from the landing page's list; a member's session earns its points.
  {
    path: '/news/:newsId',
    name: 'news',
    component: () => import('../views/NewsView.vue'),
    props: true,
  },
  // 隐私政策: public, linked from both login pages.
  {
    path: '/privacy',
    name: 'privacy',
    component: () => import('../views/PrivacyView.vue'),
  },
  // The page a certificate's QR code opens: public, no realm and no login.
  {
    path: '/verify/:code',
    name: 'certificate-verify',
    component: () => import('../views/VerifyView.vue'),
  },
  // 入会申请, public: the form the 入会申请 QR code opens, its correction after a rejection,
  // and the status look-up by phone and 申请编号.
  {
    path: '/apply',
    name: 'apply',
    component: () => import('../views/apply/ApplyView.vue'),
  },
  {
    path: '/apply/resubmit',
    name: 'apply-resubmit',
    component: () => import('../views/apply/ApplyView.vue'),
    props: { mode: 'resubmit' },
  },
  {
    path: '/apply/status',
    name: 'apply-status',
    component: () => import('../views/apply/ApplicationStatusView.vue'),
  },

  {
    path: '/:unknown(.*)*',
    name: 'not-found',
    component: () => import('../views/NotFoundView.vue'),
  },
];
