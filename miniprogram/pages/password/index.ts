import { zhCN } from '../../locales/zh-CN';
import { changePassword } from '../../services/auth';
import { restartAt } from '../../services/navigation';
import { hasSession, mustChangePassword } from '../../services/session';
import { followSessionError, signOut } from '../../services/session-flow';
import { errorText } from '../../utils/error-text';
import { passwordFormProblem } from '../../utils/password-rules';

type ValueEvent = WechatMiniprogram.CustomEvent<{ value: string }>;

/**
 * 修改密码, reached two ways: forced right after a login with the initial password (the
 * backend refuses everything else until then, so the only other way out is 退出登录), and
 * from 账号管理 on the member home.
 */
Component({
  data: {
    t: zhCN.password,
    forced: false,
    current: '',
    next: '',
    confirm: '',
    error: '',
    submitting: false,
  },

  lifetimes: {
    attached() {
      if (!hasSession()) {
        restartAt('login');
        return;
      }
      const forced = mustChangePassword();
      this.setData({ forced });
      // The home button would lead to pages that only send the member back here.
      if (forced) wx.hideHomeButton({});
    },
  },

  methods: {
    onCurrentInput(event: ValueEvent) {
      this.setData({ current: event.detail.value, error: '' });
    },

    onNextInput(event: ValueEvent) {
      this.setData({ next: event.detail.value, error: '' });
    },

    onConfirmInput(event: ValueEvent) {
      this.setData({ confirm: event.detail.value, error: '' });
    },

    async onSubmit() {
      if (this.data.submitting) return;
      const { current, next, confirm } = this.data;
      const problem = passwordFormProblem({ current, next, confirm });
      if (problem) {
        this.setData({ error: problem });
        return;
      }

      this.setData({ submitting: true, error: '' });
      try {
        await changePassword(current, next);
        wx.showToast({ title: zhCN.password.changed, icon: 'success' });
        restartAt('home');
      } catch (error) {
        if (!followSessionError(error)) this.setData({ error: errorText(error) });
      } finally {
        this.setData({ submitting: false });
      }
    },

    onLogout() {
      void signOut();
    },
  },
});
