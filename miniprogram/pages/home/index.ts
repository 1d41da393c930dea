import { zhCN } from '../../locales/zh-CN';
import { getDashboard } from '../../services/member';
import { openPage } from '../../services/navigation';
import { followSessionError, signOut } from '../../services/session-flow';
import { toDashboardView, type DashboardView } from '../../utils/dashboard-view';
import { errorText } from '../../utils/error-text';

/** The member home: 到期时间 with the dues status, this year's 积分, 会员中心 and 账号管理. */
Component({
  data: {
    t: zhCN.home,
    common: zhCN.common,
    loading: true,
    error: '',
    view: null as DashboardView | null,
  },

  lifetimes: {
    attached() {
      void this.load();
    },
  },

  pageLifetimes: {
    // Back from 立即续费 or 会费信息: a confirmed renewal changes 到期时间 and 积分.
    show() {
      if (this.data.view) void this.refresh();
    },
  },

  methods: {
    async load() {
      this.setData({ loading: true, error: '' });
      try {
        const dashboard = await getDashboard();
        this.setData({ view: toDashboardView(dashboard), loading: false });
      } catch (error) {
        // No session, or the initial password still unchanged: that page, not an error here.
        if (followSessionError(error)) return;
        this.setData({ loading: false, error: errorText(error) });
      }
    },

    /** Updates the figures in place; on failure the ones shown stay, as they were right. */
    async refresh() {
      try {
        this.setData({ view: toDashboardView(await getDashboard()) });
      } catch (error) {
        if (!followSessionError(error)) console.warn('home refresh failed', errorText(error));
      }
    },

    onProfile() {
      openPage('profile');
    },

    onCertificate() {
      openPage('certificate');
    },

    onInvoice() {
      openPage('invoice');
    },

    onRenew() {
      openPage('renew');
    },

    onDues() {
      openPage('dues');
    },

    onPoints() {
      openPage('points');
    },

    onAccountSettings() {
      openPage('account');
    },

    onChangePassword() {
      openPage('password');
    },

    onLogout() {
      void signOut();
    },
  },
});
