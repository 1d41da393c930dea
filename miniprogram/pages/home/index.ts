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

    onProfile() {
      openPage('profile');
    },

    onCertificate() {
      openPage('certificate');
    },

    onInvoice() {
      openPage('invoice');
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
