import { zhCN } from '../../locales/zh-CN';
import { login } from '../../services/auth';
import { restartAt } from '../../services/navigation';
import { errorText } from '../../utils/error-text';

type ValueEvent = WechatMiniprogram.CustomEvent<{ value: string }>;

/** 机构登录: phone and password; the initial password is the phone number itself. */
Component({
  data: {
    t: zhCN.login,
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

      this.setData({ submitting: true, error: '' });
      try {
        const result = await login(phone, password);
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
