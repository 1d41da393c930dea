import type { WechatStatus } from '../../../typings/actions';
import { zhCN } from '../../locales/zh-CN';
import { bindWechat, unbindWechat, wechatStatus } from '../../services/account';
import { PAGES } from '../../services/navigation';
import { followSessionError } from '../../services/session-flow';
import { errorText } from '../../utils/error-text';
import { loginIdFromScan } from '../../utils/qr-login-code';

/** 账号设置 (账号管理 → 账号设置): the 微信账号 row, bound or not, with 绑定 / 解绑. */
Component({
  data: {
    t: zhCN.account,
    common: zhCN.common,
    loading: true,
    loadError: '',
    error: '',
    bound: false,
    busy: false,
  },

  lifetimes: {
    attached() {
      void this.load();
    },
  },

  methods: {
    async load() {
      this.setData({ loading: true, loadError: '', error: '' });
      try {
        const status = await wechatStatus();
        this.setData({ bound: status.bound, loading: false });
      } catch (error) {
        if (followSessionError(error)) return;
        this.setData({ loading: false, loadError: errorText(error) });
      }
    },

    onBind() {
      void this.change(bindWechat, zhCN.account.bindDone);
    },

    onUnbind() {
      // Unbinding takes away 微信一键登录 on this phone: the member confirms it first.
      wx.showModal({
        title: zhCN.account.unbindTitle,
        content: zhCN.account.unbindConfirm,
        success: (answer) => {
          if (answer.confirm) void this.change(unbindWechat, zhCN.account.unbindDone);
        },
      });
    },

    /**
     * 扫码登录电脑端: WeChat's scanner reads either code (a mini-program code in the cloud, a
     * QR code of the portal's address locally); the confirm page takes it from there.
     */
    onScanQrLogin() {
      wx.scanCode({
        onlyFromCamera: true,
        scanType: ['qrCode', 'wxCode'],
        success: (scan) => {
          const loginId = loginIdFromScan(scan);
          if (!loginId) {
            wx.showToast({ title: zhCN.account.notOurCode, icon: 'none' });
            return;
          }
          wx.navigateTo({
            url: `${PAGES['qr-login']}?loginId=${loginId}`,
            fail: () => wx.showToast({ title: zhCN.common.navigationFailed, icon: 'none' }),
          });
        },
        // The member closed the scanner: nothing to say.
        fail: () => undefined,
      });
    },

    /** Runs a bind or unbind; the backend's message (e.g. taken by another member) is shown. */
    async change(action: () => Promise<WechatStatus>, done: string) {
      if (this.data.busy) return;
      this.setData({ busy: true, error: '' });
      try {
        const status = await action();
        this.setData({ bound: status.bound });
        wx.showToast({ title: done, icon: 'success' });
      } catch (error) {
        if (!followSessionError(error)) this.setData({ error: errorText(error) });
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
