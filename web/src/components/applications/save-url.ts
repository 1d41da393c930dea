/**
 * Hands a URL to the browser as a download named `name`: a short-lived file link, or a data
 * URL drawn in the page (the 入会申请 code). A cross-origin link keeps its server's name.
 */
export function saveUrl(url: string, name: string): void {
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}
