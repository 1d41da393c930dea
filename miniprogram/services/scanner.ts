import { zhCN } from '../locales/zh-CN';
import { wxFailureKind } from '../utils/wx-failure';

/** What came of opening WeChat's scanner: the text read, the member's cancel, or a refusal. */
export type ScanOutcome =
  { kind: 'scanned'; text: string } | { kind: 'cancelled' } | { kind: 'refused'; message: string };

/**
 * Opens the camera scanner for a QR code (a check-in code at the venue). Closing it is quiet;
 * a refused camera or privacy prompt comes back as the sentence to show, so the button never
 * seems to do nothing.
 */
export function scanQrCode(): Promise<ScanOutcome> {
  const t = zhCN.events;
  return new Promise((resolve) => {
    wx.scanCode({
      // At the venue: a forwarded screenshot in the album is not a presence.
      onlyFromCamera: true,
      scanType: ['qrCode'],
      success: ({ result }) => {
        const text = (result ?? '').trim();
        resolve(text ? { kind: 'scanned', text } : { kind: 'refused', message: t.scanEmpty });
      },
      fail: (error) => {
        const kind = wxFailureKind(error);
        if (kind === 'cancelled') {
          resolve({ kind: 'cancelled' });
          return;
        }
        console.warn('scanCode failed', { errMsg: error.errMsg });
        const message =
          kind === 'privacy' ? t.cameraPrivacy : kind === 'denied' ? t.cameraDenied : t.scanFailed;
        resolve({ kind: 'refused', message });
      },
    });
  });
}
