/**
 * Voucher and receipt files are never public: each open asks files.link for a short-lived
 * (locally one-time) URL, so a link is fetched at the click, not when the list renders.
 */
import { callAction } from '../api/client';
import type { Realm } from '../api/tokens';

/** A fresh URL for one file the caller may read. */
export async function fileUrl(fileId: string, realm: Realm): Promise<string> {
  return (await callAction('files.link', { fileId }, realm)).url;
}

/** Fetches a link and hands it to the browser as a download named `name`. */
export async function downloadFile(fileId: string, name: string, realm: Realm): Promise<void> {
  const url = await fileUrl(fileId, realm);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}

/** Whether a file can be previewed in an <img>: what the upload checks accept as images. */
export function isImage(contentType: string): boolean {
  return contentType === 'image/jpeg' || contentType === 'image/png';
}
