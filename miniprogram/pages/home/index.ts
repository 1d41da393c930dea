import { zhCN } from '../../locales/zh-CN';
import { unreadReplyCount } from '../../services/feedback';
import { getDashboard } from '../../services/member';
import { openPage } from '../../services/navigation';
import { unreadNoticeCount } from '../../services/notices';
import { followSessionError, signOut } from '../../services/session-flow';
import { toDashboardView, type DashboardView } from '../../utils/dashboard-view';
import { errorText } from '../../utils/error-text';
import { unreadBadge } from '../../utils/notice-view';

/**
 * The member home: 到期时间 with the dues status, this year's 积分, 会员中心 (with the count of
 * unread 通知; 服务 and 会内活动), 客服中心 (意见建议, with a dot for an unread reply) and 账号管理.
 */
Component({
  data: {
    t: zhCN.home,
    common: zhCN.common,
    loading: true,
    error: '',
    view: null as DashboardView | null,
    /** The unread notices on 通知's badge; '' hides it. */
    unreadBadge: '',
    /** A reply to one of the member's suggestions not opened yet: the dot on 意见建议. */
    feedbackDot: false,
    feedbackText: zhCN.feedback,
  },

  lifetimes: {
    attached() {
      void this.load();
    },
  },

  pageLifetimes: {
    // Back from 立即续费 or 会费信息: a confirmed renewal changes 到期时间 and 积分; back from
    // 通知 or 意见建议, fewer are unread.
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
        void this.loadUnread();
        void this.loadFeedbackDot();
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
        void this.loadUnread();
        void this.loadFeedbackDot();
      } catch (error) {
        if (!followSessionError(error)) console.warn('home refresh failed', errorText(error));
      }
    },

    /** The badge beside 通知; on failure the one shown stays (the home page is not about it). */
    async loadUnread() {
      try {
        this.setData({ unreadBadge: unreadBadge(await unreadNoticeCount()) });
      } catch (error) {
        if (!followSessionError(error)) console.warn('unread notices failed', errorText(error));
      }
    },

    /** The dot beside 意见建议; on failure the one shown stays, as for 通知's badge. */
    async loadFeedbackDot() {
      try {
        this.setData({ feedbackDot: (await unreadReplyCount()) > 0 });
      } catch (error) {
        if (!followSessionError(error)) console.warn('unread replies failed', errorText(error));
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

    onNotices() {
      openPage('notices');
    },

    onServices() {
      openPage('services');
    },

    onEvents() {
      openPage('events');
    },

    onFeedback() {
      openPage('feedback');
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
