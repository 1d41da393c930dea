/** Files the backend answers as base64, handed to the browser as downloads. */

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Hands a workbook the backend sent as base64 to the browser as a download named `fileName`. */
export function saveWorkbook(fileName: string, contentBase64: string): void {
  const binary = atob(contentBase64);
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: XLSX_TYPE }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The click has handed the bytes over; a later revoke keeps a slow browser from losing them.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
