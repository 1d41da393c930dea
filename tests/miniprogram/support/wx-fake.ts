/**
 * A small stand-in for the parts of `wx` the pages use: storage, navigation (recorded, with a
 * page stack for getCurrentPages), toasts, confirm dialogs (answered as `answerModals` says).
 * Everything else comes from miniprogram-simulate's own mock. The backend is never reached
 * through `wx`: tests replace the transport.
 */

export type NavigationKind = 'navigateTo' | 'redirectTo' | 'reLaunch' | 'navigateBack';

export interface Navigation {
  kind: NavigationKind;
  url: string;
}

interface Callbacks {
  success?: (result: { errMsg: string }) => void;
  fail?: (result: { errMsg: string }) => void;
  complete?: (result: { errMsg: string }) => void;
}

interface ModalResult {
  errMsg: string;
  confirm: boolean;
  cancel: boolean;
}

const storage = new Map<string, unknown>();
const navigations: Navigation[] = [];
const toasts: string[] = [];
const stack: string[] = [];
const modals: string[] = [];
/** How the member answers the next dialogs: true taps 确定. */
const modal = { confirms: true };

/** WeChat answers callbacks asynchronously; so does the fake. */
function settle(name: string, options: Callbacks): Promise<{ errMsg: string }> {
  const result = { errMsg: `${name}:ok` };
  return Promise.resolve().then(() => {
    options.success?.(result);
    options.complete?.(result);
    return result;
  });
}

function navigate(kind: NavigationKind, options: Callbacks & { url?: string }) {
  const url = options.url ?? '';
  navigations.push({ kind, url });
  const route = url.replace(/^\//, '').replace(/\?.*$/, '');
  if (kind === 'navigateTo') stack.push(route);
  if (kind === 'redirectTo') stack.splice(-1, 1, route);
  if (kind === 'reLaunch') stack.splice(0, stack.length, route);
  if (kind === 'navigateBack') stack.pop();
  return settle(kind, options);
}

export const wxFake = {
  storage,
  navigations,
  toasts,
  modals,

  /** Makes the member tap 确定 (true) or 取消 (false) in the dialogs that follow. */
  answerModals(confirm: boolean): void {
    modal.confirms = confirm;
  },

  /** The last navigation, or undefined when the page went nowhere. */
  lastNavigation(): Navigation | undefined {
    return navigations[navigations.length - 1];
  },

  /** Empties storage and records and puts `route` alone on the page stack. */
  reset(route = 'pages/landing/index'): void {
    storage.clear();
    navigations.length = 0;
    toasts.length = 0;
    modals.length = 0;
    modal.confirms = true;
    stack.splice(0, stack.length, route);
  },

  api: {
    setStorageSync: (key: string, value: unknown) => {
      // Storage keeps JSON, so a stored object never aliases the caller's.
      storage.set(key, JSON.parse(JSON.stringify(value ?? null)));
    },
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    removeStorageSync: (key: string) => {
      storage.delete(key);
    },
    clearStorageSync: () => storage.clear(),

    navigateTo: (options: Callbacks & { url: string }) => navigate('navigateTo', options),
    redirectTo: (options: Callbacks & { url: string }) => navigate('redirectTo', options),
    reLaunch: (options: Callbacks & { url: string }) => navigate('reLaunch', options),
    navigateBack: (options: Callbacks = {}) => navigate('navigateBack', options),

    showToast: (options: Callbacks & { title: string }) => {
      toasts.push(options.title);
      return settle('showToast', options);
    },
    showModal: (options: { content?: string; success?: (result: ModalResult) => void }) => {
      modals.push(options.content ?? '');
      const result = { errMsg: 'showModal:ok', confirm: modal.confirms, cancel: !modal.confirms };
      return Promise.resolve().then(() => options.success?.(result));
    },
    hideToast: (options: Callbacks = {}) => settle('hideToast', options),
    showLoading: (options: Callbacks = {}) => settle('showLoading', options),
    hideLoading: (options: Callbacks = {}) => settle('hideLoading', options),

    // Transports are replaced in tests; reaching these means a page bypassed the services.
    request: () => {
      throw new Error('wx.request called in a page test: replace the transport');
    },
    cloud: {
      init: () => undefined,
      callFunction: () => {
        throw new Error('wx.cloud.callFunction called in a page test: replace the transport');
      },
    },
  },

  getCurrentPages: () => stack.map((route) => ({ route, options: {} })),
};
