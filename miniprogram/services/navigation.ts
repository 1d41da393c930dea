import { zhCN } from '../locales/zh-CN';

/** Every page by name; the paths must match app.json. */
export const PAGES = {
  landing: '/pages/landing/index',
  login: '/pages/login/index',
  password: '/pages/password/index',
  forgot: '/pages/forgot/index',
  home: '/pages/home/index',
  account: '/pages/account/index',
  'qr-login': '/pages/qr-login/index',
  profile: '/pages/profile/index',
  invoice: '/pages/invoice/index',
  certificate: '/pages/certificate/index',
  privacy: '/pages/privacy/index',
  renew: '/pages/renew/index',
  dues: '/pages/dues/index',
  points: '/pages/points/index',
  notices: '/pages/notices/index',
  notice: '/pages/notice/index',
  news: '/pages/news/index',
  feedback: '/pages/feedback/index',
  'feedback-new': '/pages/feedback-new/index',
  apply: '/package-apply/pages/apply/index',
  'apply-status': '/package-apply/pages/apply-status/index',
  services: '/pages/services/index',
  'service-apply': '/pages/service-apply/index',
  events: '/pages/events/index',
  event: '/pages/event/index',
} as const;
export type PageName = keyof typeof PAGES;

/** Opens `page` on top of the current one, with `query` if given; the member can go back. */
export function openPage(page: PageName, query?: Record<string, string>): void {
  const search = query
    ? Object.entries(query)
        .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
        .join('&')
    : '';
  const url = search ? `${PAGES[page]}?${search}` : PAGES[page];
  wx.navigateTo({ url, fail: (error) => reportFailure(page, error) });
}

/** Replaces the current page with `page`; there is no way back to it. */
export function replacePage(page: PageName): void {
  wx.redirectTo({ url: PAGES[page], fail: (error) => reportFailure(page, error) });
}

/** Closes every page and starts over at `page`: after login, logout and forced steps. */
export function restartAt(page: PageName): void {
  wx.reLaunch({ url: PAGES[page], fail: (error) => reportFailure(page, error) });
}

/** Returns to the page below, or opens `page` in place when this one was opened alone. */
export function goBackTo(page: PageName): void {
  if (getCurrentPages().length > 1) {
    wx.navigateBack({ fail: (error) => reportFailure(page, error) });
  } else replacePage(page);
}

function reportFailure(page: PageName, error: WechatMiniprogram.GeneralCallbackResult): void {
  console.error('navigation failed', { page, errMsg: error.errMsg });
  wx.showToast({ title: zhCN.common.navigationFailed, icon: 'none' });
}
