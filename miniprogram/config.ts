/**
 * Where the mini-program finds its backend. Switch `backend` in DevTools to point the app at a
 * WeChat Cloud environment or at the local server (`npm start`); nothing else changes.
 */
export type BackendKind = 'cloud' | 'local';

export interface AppConfig {
  backend: BackendKind;
  /** The society's CloudBase environment id (云开发控制台 → 环境 ID), for backend cloud. */
  cloudEnvId: string;
  /** The local server; DevTools must not check request domains (不校验合法域名) to reach it. */
  localBaseUrl: string;
  /**
   * With backend local: send this install's made-up WeChat identity (`x-wx-openid`), which a
   * server started with SIMULATE_WECHAT=1 trusts, so binding, 微信一键登录 and 扫码登录 work
   * from DevTools. A server without that switch ignores the header; the cloud never sees it.
   */
  simulateWechat: boolean;
  /**
   * The subscription message template of 会费到期提醒 (公众平台 → 订阅消息 → 我的模板), the
   * same id the backend sends with; '' while none is set up, which hides 订阅到期提醒.
   */
  reminderTemplateId: string;
}

export const config: AppConfig = {
  backend: 'local',
  cloudEnvId: 'replace-with-cloud-env-id',
  localBaseUrl: 'http://127.0.0.1:8787',
  simulateWechat: true,
  reminderTemplateId: '',
};
