import { config } from '../config';
import { zhCN } from '../locales/zh-CN';
import { ApiError } from './api-error';
import { randomHex } from './random';
import { getToken } from './session';
import { callAction } from './transport';

/**
 * One file chosen, by its temporary path. A member's upload carries the session token (null
 * before login); an applicant's carries `uploadGrant` (application.uploadGrant) instead.
 */
export interface UploadRequest {
  filePath: string;
  token: string | null;
  uploadGrant?: string;
  /** Told the percentage sent (0-100) as the upload goes, where the platform reports it. */
  onProgress?: UploadProgress;
}

export type UploadProgress = (percent: number) => void;

/**
 * Sends one chosen file and answers the upload's file id, which actions then take (a photo's
 * `photoFileId`). Throws an ApiError with the backend's code and message, or NETWORK.
 */
export type Uploader = (request: UploadRequest) => Promise<string>;

/** The incoming path is all that guards a cloud upload until it is claimed: 32 hex digits. */
const INCOMING_NAME_BYTES = 16;

/** Milliseconds before a local upload counts as failed (a 10 MB file on a slow link). */
const LOCAL_UPLOAD_TIMEOUT_MS = 60000;

let uploader: Uploader | null = null;

/** Replaces how files travel (tests hand the bytes to an in-process backend); null restores it. */
export function setUploader(next: Uploader | null): void {
  uploader = next;
}

/**
 * Uploads the file at `filePath` (from wx.chooseMedia or wx.chooseMessageFile) and answers its
 * file id; `onProgress` hears the percentage sent.
 */
export function uploadFile(filePath: string, onProgress?: UploadProgress): Promise<string> {
  const send = uploader ?? (uploader = createDefaultUploader());
  return send({ filePath, token: getToken(), ...(onProgress ? { onProgress } : {}) });
}

/**
 * Uploads a page of the signed 入会申请 form with `uploadGrant` instead of a session (an
 * applicant has none) and answers its file id.
 */
export function uploadWithGrant(
  filePath: string,
  uploadGrant: string,
  onProgress?: UploadProgress,
): Promise<string> {
  const send = uploader ?? (uploader = createDefaultUploader());
  return send({ filePath, token: null, uploadGrant, ...(onProgress ? { onProgress } : {}) });
}

/** The uploader the config selects. */
export function createDefaultUploader(): Uploader {
  return config.backend === 'cloud' ? cloudUploader : localUploader;
}

/**
 * To the local server's `POST /api/files` (field `file`), with the grant or the token as the
 * bearer. wx.uploadFile answers the body as a string whatever the status; it holds the usual
 * envelope.
 */
export const localUploader: Uploader = ({ filePath, token, uploadGrant, onProgress }) =>
  new Promise<string>((resolve, reject) => {
    const bearer = uploadGrant ?? token;
    const task: WechatMiniprogram.UploadTask | undefined = wx.uploadFile({
      url: `${config.localBaseUrl}/api/files`,
      filePath,
      name: 'file',
      header: bearer ? { authorization: `Bearer ${bearer}` } : {},
      timeout: LOCAL_UPLOAD_TIMEOUT_MS,
      success: (response) => {
        try {
          resolve(fileIdOf(response.data));
        } catch (error) {
          reject(error);
        }
      },
      fail: (error) => {
        console.warn('upload unreachable', { errMsg: error.errMsg });
        reject(new ApiError('NETWORK', zhCN.common.networkError));
      },
    });
    if (onProgress) task?.onProgressUpdate(({ progress }) => onProgress(progress));
  });

/**
 * On WeChat Cloud: the file goes straight into cloud storage under `incoming/` with an
 * unguessable name, then the backend claims it (checks its type and size, keeps it as an
 * upload of this member, or of the grant's application, and removes the incoming copy).
 */
export const cloudUploader: Uploader = async ({ filePath, uploadGrant, onProgress }) => {
  let cloudFileId: string;
  try {
    const cloudPath = `incoming/${await randomHex(INCOMING_NAME_BYTES)}.${extensionOf(filePath)}`;
    cloudFileId = await toCloudStorage(cloudPath, filePath, onProgress);
  } catch (error) {
    console.warn('cloud upload failed', { errMsg: (error as { errMsg?: unknown }).errMsg });
    throw new ApiError('NETWORK', zhCN.common.networkError);
  }
  const claim = uploadGrant ? { cloudFileId, uploadGrant } : { cloudFileId };
  return (await callAction('files.claimCloudUpload', claim)).fileId;
};

/**
 * wx.cloud.uploadFile with callbacks, which answers an UploadTask to follow the progress on.
 * Some base libraries answer a Promise instead (reported on the developers' forum); then the
 * result comes from it and no progress is heard.
 */
function toCloudStorage(
  cloudPath: string,
  filePath: string,
  onProgress: UploadProgress | undefined,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const returned: unknown = wx.cloud.uploadFile({
      cloudPath,
      filePath,
      success: ({ fileID }) => resolve(fileID),
      fail: reject,
    });
    const task = returned as Partial<WechatMiniprogram.UploadTask> & Partial<PromiseLike<unknown>>;
    if (typeof task?.onProgressUpdate === 'function') {
      if (onProgress) task.onProgressUpdate(({ progress }) => onProgress(progress));
    } else if (typeof task?.then === 'function') {
      task.then((result) => resolve((result as { fileID: string }).fileID), reject);
    }
  });
}

/** The upload route's envelope, as a string (or, should the base library parse it, an object). */
function fileIdOf(body: unknown): string {
  let envelope: unknown = body;
  if (typeof body === 'string') {
    try {
      envelope = JSON.parse(body);
    } catch {
      envelope = null;
    }
  }
  const answer = (envelope ?? {}) as {
    ok?: unknown;
    data?: { fileId?: unknown };
    code?: unknown;
    message?: unknown;
  };
  if (answer.ok === true && typeof answer.data?.fileId === 'string') return answer.data.fileId;
  if (
    answer.ok === false &&
    typeof answer.code === 'string' &&
    typeof answer.message === 'string'
  ) {
    throw new ApiError(answer.code as ApiError['code'], answer.message);
  }
  console.warn('upload answered no envelope');
  throw new ApiError('INTERNAL', zhCN.common.badResponse);
}

/** The temporary file's extension (`wxfile://tmp_ab.jpg` → jpg); the backend checks the bytes. */
function extensionOf(filePath: string): string {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(filePath);
  return match?.[1]?.toLowerCase() ?? 'jpg';
}

/** What came of asking the member for a photo: a file, their cancel, or a refusal to explain. */
export type PhotoChoice =
  | { kind: 'chosen'; filePath: string }
  | { kind: 'cancelled' }
  | { kind: 'refused'; message: string };

/** Privacy errnos: 104 refused for chooseMedia (103 elsewhere), 112 not declared by the app. */
const PRIVACY_REFUSED = [103, 104];
const PRIVACY_UNDECLARED = 112;

/**
 * Asks for one compressed image from the album or the camera. The member's cancel is quiet; a
 * privacy refusal or a missing permission comes back as the sentence to show, because
 * otherwise the button would seem to do nothing.
 */
export function choosePhoto(): Promise<PhotoChoice> {
  return new Promise((resolve) => {
    wx.chooseMedia({
      count: 1,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      sizeType: ['compressed'],
      success: ({ tempFiles }) => {
        const filePath = tempFiles[0]?.tempFilePath;
        resolve(filePath ? { kind: 'chosen', filePath } : { kind: 'cancelled' });
      },
      fail: (error: WechatMiniprogram.GeneralCallbackResult & { errno?: number }) => {
        resolve(choiceOfFailure(error));
      },
    });
  });
}

/** The choice a failed wx.chooseMedia or wx.chooseMessageFile call stands for. */
export function choiceOfFailure(error: { errMsg: string; errno?: number }): PhotoChoice {
  const t = zhCN.upload;
  if (/\bcancel\b/.test(error.errMsg)) return { kind: 'cancelled' };
  console.warn('chooseMedia failed', { errMsg: error.errMsg, errno: error.errno });
  if (error.errno === PRIVACY_UNDECLARED || /not declared/.test(error.errMsg)) {
    return { kind: 'refused', message: t.privacyUndeclared };
  }
  if (PRIVACY_REFUSED.includes(error.errno ?? -1) || /privacy/i.test(error.errMsg)) {
    return { kind: 'refused', message: t.privacyRefused };
  }
  if (/auth|deny|denied/i.test(error.errMsg)) return { kind: 'refused', message: t.permission };
  return { kind: 'refused', message: t.chooseFailed };
}
