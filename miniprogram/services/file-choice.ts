import { zhCN } from '../locales/zh-CN';
import { choiceOfFailure } from './upload';

/**
 * Where a 缴费凭证 or a signed 入会申请表 comes from: a screenshot or scan in the album, a
 * photo, or a PDF in a chat.
 */
export type FileSource = 'album' | 'camera' | 'chat';

/** One chosen file: its temporary path, the name to show while it uploads, its size in bytes. */
export interface ChosenFile {
  filePath: string;
  name: string;
  size: number;
}

export type FileChoice =
  | { kind: 'chosen'; files: ChosenFile[] }
  | { kind: 'cancelled' }
  | { kind: 'refused'; message: string };

/** The action sheet's rows, in this order. */
const SOURCES: readonly FileSource[] = ['album', 'camera', 'chat'];

/**
 * 从相册选择 / 拍照 / 从聊天记录选择PDF, or only the `sources` given (pictures alone leave the
 * PDF row out), each row worded by `labels` where given; null when the sheet is closed.
 */
export function askFileSource(
  sources: readonly FileSource[] = SOURCES,
  labels: Partial<Record<FileSource, string>> = {},
): Promise<FileSource | null> {
  const t = zhCN.common.fileSources;
  return new Promise((resolve) => {
    wx.showActionSheet({
      itemList: sources.map((source) => labels[source] ?? t[source]),
      success: ({ tapIndex }) => resolve(sources[tapIndex] ?? null),
      // Closing the sheet is a `fail ... cancel`: nothing to explain.
      fail: () => resolve(null),
    });
  });
}

/**
 * Asks for up to `count` files from `source`: images (compressed, which keeps a bank
 * screenshot or a signature legible) or files from a chat with one of `extensions` (PDF
 * unless told). The backend checks the bytes either way.
 */
export function chooseFiles(
  source: FileSource,
  count: number,
  extensions: readonly string[] = ['pdf'],
): Promise<FileChoice> {
  return new Promise((resolve) => {
    const fail = (error: WechatMiniprogram.GeneralCallbackResult & { errno?: number }) => {
      const choice = choiceOfFailure(error);
      resolve(choice.kind === 'refused' ? choice : { kind: 'cancelled' });
    };
    if (source === 'chat') {
      wx.chooseMessageFile({
        count,
        type: 'file',
        extension: [...extensions],
        success: ({ tempFiles }) =>
          resolve(
            chosen(
              tempFiles.map((file) => ({ filePath: file.path, name: file.name, size: file.size })),
            ),
          ),
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
          chosen(
            tempFiles.map((file) => ({
              filePath: file.tempFilePath,
              name: nameOf(file),
              size: file.size,
            })),
          ),
        ),
      fail,
    });
  });
}

function chosen(files: ChosenFile[]): FileChoice {
  return files.length > 0 ? { kind: 'chosen', files } : { kind: 'cancelled' };
}

/** A photo has no name of its own: the last part of its temporary path stands in. */
function nameOf(file: { tempFilePath: string }): string {
  return file.tempFilePath.split('/').pop() ?? file.tempFilePath;
}
