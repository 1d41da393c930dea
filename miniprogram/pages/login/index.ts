import type { LoginResult } from '../../../typings/actions';
import { zhCN } from '../../locales/zh-CN';
import { wechatLogin } from '../../services/account';
import { login } from '../../services/auth';
import { openPage, restartAt } from '../../services/navigation';
import { errorText } from '../../utils/error-text';

type ValueEvent = WechatMiniprogram.CustomEvent<{ value: string }>;

/** 机构登录: phone and password; the initial password is the phone number itself. */
Component({
  data: {
    t: zhCN.login,
    privacy: zhCN.privacy,
    phone: '',
    password: '',
    error: '',
    submitting: false,
  },

  methods: {
    onPhoneInput(event: ValueEvent) {
      this.setData({ phone: event.detail.value, error: '' });
    },

    onPasswordInput(event: ValueEvent) {
      this.setData({ password: event.detail.value, error: '' });
    },

    async onSubmit() {
      // A second tap while the first is on its way would count as a second failed attempt.
      if (this.data.submitting) return;
      // Only emptiness is checked here: the backend accepts the phone as people type it
      // (spaces, dashes, +86, full-width digits) and says what is wrong with it.
      const phone = this.data.phone.trim();
      const { password } = this.data;
      const problem =
        phone === '' ? zhCN.login.phoneMissing : password === '' ? zhCN.login.passwordMissing : '';
      if (problem) {
        this.setData({ error: problem });
        return;
      }

      await this.enter(() => login(phone, password));
    },

    /** 微信一键登录: an unbound WeChat gets the backend's hint to use the password login. */
    async onWechatLogin() {
      if (this.data.submitting) return;
      await this.enter(wechatLogin);
    },

    /** 忘记密码 sets a new password through the WeChat binding, on a page of its own. */
    onPrivacy() {
      openPage('privacy');
    },

    onForgot() {
      if (!this.data.submitting) openPage('forgot');
    },

    /** Runs one way of logging in and goes where its result says. */
    async enter(attempt: () => Promise<LoginResult>) {
      this.setData({ submitting: true, error: '' });
      try {
        const result = await attempt();
        // The initial password opens nothing else until it is changed.
        restartAt(result.mustChangePassword ? 'password' : 'home');
      } catch (error) {
        this.setData({ error: errorText(error) });
      } finally {
        this.setData({ submitting: false });
      }
    },
  },
});
