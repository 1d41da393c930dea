import { zhCN } from '../../locales/zh-CN';
import { resetPasswordByWechat } from '../../services/account';
import { goBackTo } from '../../services/navigation';
import { errorText } from '../../utils/error-text';
import { newPasswordProblem } from '../../utils/password-rules';

type ValueEvent = WechatMiniprogram.CustomEvent<{ value: string }>;

/**
 * 忘记密码, opened from the login page: the WeChat binding proves who the member is, so no
 * old password is asked. An unbound WeChat gets the backend's pointer to the secretariat.
 */
Component({
  data: {
    t: zhCN.forgot,
    next: '',
    confirm: '',
    error: '',
    submitting: false,
  },

  methods: {
    onNextInput(event: ValueEvent) {
      this.setData({ next: event.detail.value, error: '' });
    },

    onConfirmInput(event: ValueEvent) {
      this.setData({ confirm: event.detail.value, error: '' });
    },

    async onSubmit() {
      if (this.data.submitting) return;
      const { next, confirm } = this.data;
      const problem = newPasswordProblem({ next, confirm });
      if (problem) {
        this.setData({ error: problem });
        return;
      }

      this.setData({ submitting: true, error: '' });
      try {
        await resetPasswordByWechat(next);
        wx.showToast({ title: zhCN.forgot.done, icon: 'none' });
        goBackTo('login');
      } catch (error) {
        this.setData({ error: errorText(error) });
      } finally {
        this.setData({ submitting: false });
      }
    },
  },
});
