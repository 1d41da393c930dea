/** How a scanned code names a 扫码登录 request, and reading it back out of a scan. */

/** A login id as the backend makes them: 22 base62 characters. */
const LOGIN_ID = /^[0-9A-Za-z]{22}$/;
/** A mini-program code opens this page with the id as its `scene`. */
const PAGE_PATH = /^\/?pages\/qr-login\/index\?(.*)$/;
/** A local QR code holds the portal's `/qr-login/<id>` address. */
const PORTAL_URL =
  /^https?:\/\/[^/?#\s]+(?:\/[^?#\s]*)?\/qr-login\/([0-9A-Za-z]{22})\/?(?:[?#].*)?$/;

/** What wx.scanCode answers that this reads; `path` is set for a mini-program code of ours. */
export interface ScanAnswer {
  result?: string;
  path?: string;
}

/** The id a scene or a loginId option carries (WeChat passes the scene URI-encoded). */
export function loginIdFromOptions(options: Record<string, string | undefined>): string | null {
  const raw = options.scene ?? options.loginId ?? '';
  let id = raw;
  try {
    id = decodeURIComponent(raw);
  } catch {
    return null;
  }
  return LOGIN_ID.test(id) ? id : null;
}

/** The login id in a scan, or null for a code that is not one of ours. */
export function loginIdFromScan(scan: ScanAnswer): string | null {
  const path = PAGE_PATH.exec(scan.path ?? '');
  if (path) {
    const query: Record<string, string> = {};
    for (const pair of (path[1] ?? '').split('&')) {
      const [key = '', value = ''] = pair.split('=');
      query[key] = value;
    }
    return loginIdFromOptions({ scene: query.scene });
  }
  const url = PORTAL_URL.exec((scan.result ?? '').trim());
  return url?.[1] ?? null;
}
