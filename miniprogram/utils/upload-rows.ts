export type UploadState = 'uploading' | 'done' | 'failed';

/** One file of a form and its upload: found by `key`, its bar, its file id once uploaded. */
export interface UploadRow {
  key: string;
  percent: number;
  state: UploadState;
  stateText: string;
  fileId: string;
}

/** A form's words for its files (each form names them: 图片, 附件). */
export interface UploadTexts {
  uploading: string;
  uploaded: string;
  uploadFailed: string;
  stillUploading: string;
  removeFailed: string;
}

/** 上传中 n%, 已上传 or 上传失败. */
export function uploadStateText(texts: UploadTexts, state: UploadState, percent: number): string {
  if (state === 'uploading') return `${texts.uploading} ${percent}%`;
  return state === 'done' ? texts.uploaded : texts.uploadFailed;
}

/** The uploaded files' ids, in the order shown. */
export function uploadedFileIds(rows: readonly UploadRow[]): string[] {
  return rows.filter((row) => row.state === 'done').map((row) => row.fileId);
}

/** Why the files cannot be sent yet (one still uploading, one failed), or null. */
export function unfinishedUpload(rows: readonly UploadRow[], texts: UploadTexts): string | null {
  if (rows.some((row) => row.state === 'uploading')) return texts.stillUploading;
  return rows.some((row) => row.state === 'failed') ? texts.removeFailed : null;
}
