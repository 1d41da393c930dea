import yauzl from 'yauzl';
import { AppError } from '../../core/errors';

/**
 * An .xlsx is a zip; its sheets are unpacked whole into memory by the Excel reader, so a
 * 45 KB file can hold a 40 MB cell. 32 MiB unpacked holds a 50,000-row roster of the usual
 * fourteen columns (about 30 MB measured) and bounds the reader's memory to roughly 1.2 GB.
 */
export const MAX_UNPACKED_BYTES = 32 * 1024 * 1024;
/** A workbook has a few dozen parts; thousands mean something else. */
const MAX_ENTRIES = 1000;

/**
 * Refuses a workbook whose zip directory declares more than the caps, before anything is
 * unpacked. Sizes come from the central directory; a file that lies about them fails later
 * in the reader's own checks.
 */
export async function assertWorkbookSize(bytes: Buffer): Promise<void> {
  const totals = await new Promise<{ bytes: number; entries: number }>((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) {
        reject(unreadable(error));
        return;
      }
      let unpacked = 0;
      let entries = 0;
      zip.on('entry', (entry: yauzl.Entry) => {
        unpacked += entry.uncompressedSize;
        entries += 1;
        if (unpacked > MAX_UNPACKED_BYTES || entries > MAX_ENTRIES) {
          zip.close();
          resolve({ bytes: unpacked, entries });
          return;
        }
        zip.readEntry();
      });
      zip.on('end', () => resolve({ bytes: unpacked, entries }));
      zip.on('error', (failure: Error) => reject(unreadable(failure)));
      zip.readEntry();
    });
  });
  if (totals.bytes > MAX_UNPACKED_BYTES || totals.entries > MAX_ENTRIES) {
    throw new AppError(
      'INVALID_INPUT',
      '名册文件解压后过大：请删除多余的工作表、图片或空白格式后重新上传',
      {
        detail: { unpackedBytes: totals.bytes, entries: totals.entries },
      },
    );
  }
}

function unreadable(error: Error | null): AppError {
  return new AppError(
    'INVALID_INPUT',
    '无法读取该文件：请上传 Excel 的 .xlsx 文件（.xls 或 WPS 格式请先另存为 .xlsx）',
    { detail: { reason: error?.message.slice(0, 200) ?? 'unknown' } },
  );
}
