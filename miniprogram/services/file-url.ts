import { config } from '../config';

/**
 * A link of files.link (or a news cover's) as wx.downloadFile and <image> need it: the local
 * server may answer a path of its own, which is made absolute on its address; a full URL (the
 * cloud's temporary link) stays as it is.
 */
export function absoluteFileUrl(url: string): string {
  return url.startsWith('/') ? `${config.localBaseUrl}${url}` : url;
}
