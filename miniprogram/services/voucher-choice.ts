import { zhCN } from '../locales/zh-CN';
import { choiceOfFailure } from './upload';

/** Where a 缴费凭证 comes from: a screenshot in the album, a photo, or a bank's PDF in a chat. */
export type VoucherSource = 'album' | 'camera' | 'chat';

/** One chosen file: its temporary path and the name to show while it uploads. */
export interface ChosenVoucher {
  filePath: string;
  name: string;
}

export type VoucherChoice =
  | { kind: 'chosen'; files: ChosenVoucher[] }
  | { kind: 'cancelled' }
  | { kind: 'refused'; message: string };

/** The action sheet's rows, in this order. */
const SOURCES: readonly VoucherSource[] = ['album', 'camera', 'chat'];

/** 从相册选择 / 拍照 / 从聊天记录选择PDF; null when the member closes the sheet. */
export function askVoucherSource(): Promise<VoucherSource | null> {
  const t = zhCN.renew.sources;
  return new Promise((resolve) => {
    wx.showActionSheet({
      itemList: SOURCES.map((source) => t[source]),
      success: ({ tapIndex }) => resolve(SOURCES[tapIndex] ?? null),
      // Closing the sheet is a `fail ... cancel`: nothing to explain.
      fail: () => resolve(null),
    });
  });
}

/**
 * Asks for up to `count` vouchers from `source`: images (compressed, as a bank screenshot
 * reads fine) or PDF files from a chat. The backend checks the bytes either way.
 */
export function chooseVouchers(source: VoucherSource, count: number): Promise<VoucherChoice> {
  return new Promise((resolve) => {
    const fail = (error: WechatMiniprogram.GeneralCallbackResult & { errno?: number }) => {
      const choice = choiceOfFailure(error);
      resolve(choice.kind === 'refused' ? choice : { kind: 'cancelled' });
    };
    if (source === 'chat') {
      wx.chooseMessageFile({
        count,
        type: 'file',
        extension: ['pdf'],
        success: ({ tempFiles }) =>
          resolve(chosen(tempFiles.map((file) => ({ filePath: file.path, name: file.name })))),
        fail,
      });
      return;
    }
    wx.chooseMedia({
      count,
      mediaType: ['image'],
      sourceType: [source],
      sizeType: ['compressed'],
      success: ({ tempFiles }) =>
        resolve(
          chosen(tempFiles.map((file) => ({ filePath: file.tempFilePath, name: nameOf(file) }))),
        ),
      fail,
    });
  });
}

function chosen(files: ChosenVoucher[]): VoucherChoice {
  return files.length > 0 ? { kind: 'chosen', files } : { kind: 'cancelled' };
}

/** A photo has no name of its own: the last part of its temporary path stands in. */
function nameOf(file: { tempFilePath: string }): string {
  return file.tempFilePath.split('/').pop() ?? file.tempFilePath;
}
