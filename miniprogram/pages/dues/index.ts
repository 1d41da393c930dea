import { zhCN } from '../../locales/zh-CN';
import { isApiError } from '../../services/api-error';
import { fileLink, listDuesOrders, openOrderOf } from '../../services/dues';
import { openPage } from '../../services/navigation';
import { followSessionError } from '../../services/session-flow';
import { toOrderView, type OrderView } from '../../utils/dues-view';
import { errorText } from '../../utils/error-text';

type FileEvent = WechatMiniprogram.CustomEvent<
  Record<string, never>,
  Record<string, never>,
  { fileId: string; pdf: boolean }
>;

const t = zhCN.dues;

/** wx.downloadFile as a promise of the temporary path; a status other than 200 is a failure. */
function download(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.downloadFile({
      url,
      success: ({ statusCode, tempFilePath }) => {
        if (statusCode === 200) resolve(tempFilePath);
        else reject(new Error(`downloadFile status ${statusCode}`));
      },
      fail: reject,
    });
  });
}

/** Opens a downloaded file: a PDF in WeChat's document viewer, an image in the previewer. */
function openDownloaded(filePath: string, pdf: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    if (pdf) {
      wx.openDocument({
        filePath,
        fileType: 'pdf',
        showMenu: true,
        success: () => resolve(),
        fail: reject,
      });
    } else {
      wx.previewImage({ urls: [filePath], success: () => resolve(), fail: reject });
    }
  });
}

/**
 * 会费信息 (会员中心 → 会费信息): the member's renewal orders, newest first, each with its state,
 * amount, period, invoice and timeline; an issued receipt and the vouchers open from here.
 */
Component({
  data: {
    t,
    common: zhCN.common,
    loading: true,
    loadError: '',
    orders: [] as OrderView[],
    hasOpenOrder: false,
    opening: '',
  },

  lifetimes: {
    attached() {
      void this.load();
    },
  },

  pageLifetimes: {
    // Back from 立即续费, the list shows what was just done there.
    show() {
      if (!this.data.loading) void this.load();
    },
  },

  methods: {
    async load() {
      this.setData({ loadError: '' });
      try {
        const orders = await listDuesOrders();
        this.setData({
          orders: orders.map(toOrderView),
          hasOpenOrder: openOrderOf(orders) !== null,
          loading: false,
        });
      } catch (error) {
        if (followSessionError(error)) return;
        this.setData({ loading: false, loadError: errorText(error) });
      }
    },

    onRenew() {
      openPage('renew');
    },

    onInvoiceInfo() {
      openPage('invoice');
    },

    /** 下载 / 查看: a short-lived link, the download, then the viewer for its type. */
    async onOpenFile(event: FileEvent) {
      const { fileId, pdf } = event.currentTarget.dataset;
      if (!fileId || this.data.opening) return;
      this.setData({ opening: fileId });
      try {
        let filePath: string;
        try {
          filePath = await download(await fileLink(fileId));
        } catch (error) {
          if (followSessionError(error)) return;
          console.warn('file download failed', { fileId, error: describe(error) });
          // A refused link says why (the backend's sentence); a failed download does not.
          const title = isApiError(error) ? error.message : t.downloadFailed;
          wx.showToast({ title, icon: 'none' });
          return;
        }
        try {
          await openDownloaded(filePath, Boolean(pdf));
        } catch (error) {
          console.warn('file open failed', { fileId, error: describe(error) });
          wx.showToast({ title: t.openFailed, icon: 'none' });
        }
      } finally {
        this.setData({ opening: '' });
      }
    },
  },
});

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'errMsg' in error) {
    return String((error as { errMsg: unknown }).errMsg);
  }
  return error instanceof Error ? error.message : String(error);
}
