import type { QrLoginRequest } from '../../../typings/actions';
import { zhCN } from '../../locales/zh-CN';
import { isApiError } from '../../services/api-error';
import { wechatLogin } from '../../services/account';
import { restartAt } from '../../services/navigation';
import { cancelQrLogin, confirmQrLogin, scanQrLogin } from '../../services/qr-login';
import { clearSession, hasSession } from '../../services/session';
import { followSessionError } from '../../services/session-flow';
import { errorText } from '../../utils/error-text';
import { loginIdFromOptions } from '../../utils/qr-login-code';

/**
 * loading: signing in or scanning; unbound: no session and no WeChat binding; confirm: the
 * PC's request is shown; confirmed / cancelled: done here; failed: `error` says why.
 */
type View = 'loading' | 'unbound' | 'confirm' | 'confirmed' | 'cancelled' | 'failed';

/** 14:05, Beijing time (UTC+8 all year), for the request's time. */
function beijingClock(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(11, 16);
}

/**
 * 扫码登录电脑端: opened by WeChat from a mini-program code (`scene`) or from 账号设置's scanner
 * (`loginId`). Without a session it tries the WeChat binding first; the member then confirms
 * or cancels the PC's request.
 */
Component({
  data: {
    t: zhCN.qrLogin,
    view: 'loading' as View,
    loginId: '',
    address: '',
    requestedAt: '',
    error: '',
    busy: false,
  },

  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const loginId = loginIdFromOptions(options);
      if (!loginId) {
        this.setData({ view: 'failed', error: zhCN.qrLogin.notOurs });
        return;
      }
      this.setData({ loginId });
      void this.open();
    },

    /** Signs in through the binding when needed, then opens (scans) the request. */
    async open() {
      this.setData({ view: 'loading', error: '' });
      if (!hasSession() && !(await this.signInByWechat())) return;
      try {
        this.show(await scanQrLogin(this.data.loginId));
      } catch (error) {
        // A lapsed session on this phone: the binding may still sign the member in.
        if (isApiError(error, 'UNAUTHENTICATED')) {
          clearSession();
          if (await this.signInByWechat()) void this.open();
          return;
        }
        this.fail(error);
      }
    },

    /** 微信一键登录; answers false (and shows why) when this WeChat is bound to nobody. */
    async signInByWechat(): Promise<boolean> {
      try {
        const login = await wechatLogin();
        if (login.mustChangePassword) {
          restartAt('password');
          return false;
        }
        return true;
      } catch (error) {
        if (isApiError(error, 'UNAUTHENTICATED')) this.setData({ view: 'unbound' });
        else this.setData({ view: 'failed', error: errorText(error) });
        return false;
      }
    },

    show(request: QrLoginRequest) {
      const view: View =
        request.status === 'confirmed'
          ? 'confirmed'
          : request.status === 'cancelled'
            ? 'cancelled'
            : 'confirm';
      this.setData({
        view,
        address: request.fromAddressMasked ?? zhCN.qrLogin.unknownAddress,
        requestedAt: beijingClock(request.requestedAt),
      });
    },

    fail(error: unknown) {
      if (followSessionError(error)) return;
      this.setData({ view: 'failed', error: errorText(error) });
    },

    onConfirm() {
      void this.decide(confirmQrLogin);
    },

    onCancel() {
      void this.decide(cancelQrLogin);
    },

    async decide(action: (loginId: string) => Promise<QrLoginRequest>) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        this.show(await action(this.data.loginId));
      } catch (error) {
        this.fail(error);
      } finally {
        this.setData({ busy: false });
      }
    },

    onGoLogin() {
      restartAt('login');
    },

    onDone() {
      restartAt('home');
    },
  },
});
