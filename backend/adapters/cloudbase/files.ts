/**
 * The file store over CloudBase storage, for `cloud` of wx-server-sdk 4.0 and `app` of
 * @cloudbase/node-sdk 3.17 (read in wx-server-sdk/index.js and node-sdk/src/storage):
 * - upload: both answer `{ fileID }` (wx adds `statusCode`, `errMsg`); neither takes a content
 *   type, and the same cloud path silently overwrites.
 * - download: both answer `fileContent` as a Buffer (node types it `string | Buffer`). A missing
 *   file fails: node throws TcbError `STORAGE_FILE_NONEXIST` (from the temporary-URL lookup,
 *   message undefined); wx rethrows that Error with errCode -1 and `code` kept; with
 *   `setThrowOnCode(false)` wx maps it to -503003. A file the URL lookup finds but storage then
 *   answers 404 for fails with `STORAGE_REQUEST_FAIL … Status:404`.
 * - delete: node `fileList: [{ fileID, code: 'SUCCESS' | <error code> }]`; wx
 *   `fileList: [{ fileID, status: 0 | <errCode> }]`.
 * - temporary URL: both take `fileList: [{ fileID, maxAge }]` (seconds); node answers
 *   `fileList: [{ fileID, tempFileURL, code }]`, wx `fileList: [{ fileID, tempFileURL, maxAge,
 *   status, errMsg }]`, the same item shapes as delete's.
 */
import { StoreUnavailableError } from '../../ports/store';
import type { FileStore } from '../../ports/files';
import { readFailure, scrubMessage, type SdkFailure } from './store';

/** The storage calls of wx-server-sdk's `cloud` or node-sdk's `app`; results are narrowed. */
export interface CloudStorageApp {
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): unknown;
  downloadFile(options: { fileID: string }): unknown;
  deleteFile(options: { fileList: string[] }): unknown;
  /** Both SDKs have it; optional so that a store without it serves files another way. */
  getTempFileURL?(options: { fileList: { fileID: string; maxAge: number }[] }): unknown;
}

const CLOUD_FILE_ID = /^cloud:\/\//;

/** A `FileStore` over CloudBase storage. File ids are the SDK's `cloud://` fileIDs. */
export function createCloudbaseFileStore(app: CloudStorageApp): FileStore {
  const store: FileStore = {
    // Neither SDK's uploadFile takes a content type: storage infers it from the path's
    // extension, which every path here carries, and the `files` collection keeps the type.
    async put(path: string, bytes: Buffer, _contentType: string): Promise<string> {
      const cloudPath = path.replace(/^\/+/, '');
      const res = await attempt('upload', () => app.uploadFile({ cloudPath, fileContent: bytes }));
      const fileId = field(res, 'fileID');
      if (typeof fileId !== 'string' || fileId === '') throw unexpected('upload', 'no fileID');
      return fileId;
    },

    async get(fileId: string): Promise<Buffer | null> {
      // Ids of other stores (local runs) cannot name a cloud file: nothing to ask for.
      if (!CLOUD_FILE_ID.test(fileId)) return null;
      let res: unknown;
      try {
        res = checked(await app.downloadFile({ fileID: fileId }));
      } catch (error) {
        if (isMissingFile(readFailure(error))) return null;
        throw toFileError(error, 'download');
      }
      const content = field(res, 'fileContent');
      if (Buffer.isBuffer(content)) return content;
      if (content instanceof Uint8Array) return Buffer.from(content);
      if (typeof content === 'string') return Buffer.from(content);
      throw unexpected('download', 'no fileContent');
    },

    async remove(fileId: string): Promise<void> {
      if (!CLOUD_FILE_ID.test(fileId)) return;
      const res = await attempt('delete', () => app.deleteFile({ fileList: [fileId] }));
      const list = field(res, 'fileList');
      const item: unknown = Array.isArray(list) ? list[0] : undefined;
      if (!isRecord(item)) throw unexpected('delete', 'no fileList');
      // A file already gone is removed as far as the caller is concerned.
      const failure = itemFailure(item);
      if (failure && !isMissingFile(failure)) throw toFileError(failure, 'delete');
    },
  };
  const getTempFileURL = app.getTempFileURL?.bind(app);
  if (!getTempFileURL) return store;

  store.temporaryUrl = async (fileId: string, seconds: number): Promise<string> => {
    if (!CLOUD_FILE_ID.test(fileId)) throw unexpected('temporaryUrl', 'a foreign file id');
    const fileList = [{ fileID: fileId, maxAge: seconds }];
    const res = await attempt('temporaryUrl', () => getTempFileURL({ fileList }));
    const list = field(res, 'fileList');
    const item: unknown = Array.isArray(list) ? list[0] : undefined;
    if (!isRecord(item)) throw unexpected('temporaryUrl', 'no fileList');
    const failure = itemFailure(item);
    if (failure) throw toFileError(failure, 'temporaryUrl');
    const url = item.tempFileURL;
    if (typeof url !== 'string' || url === '') throw unexpected('temporaryUrl', 'no tempFileURL');
    return url;
  };
  return store;
}

/** A list item's own failure (delete and temporary URL answer alike). */
function itemFailure(item: Record<string, unknown>): SdkFailure | null {
  const { code, status } = item;
  if (typeof status === 'number') {
    return status === 0 ? null : { errCode: status, message: String(item.errMsg ?? '') };
  }
  if (code === undefined || code === '' || code === 'SUCCESS') return null;
  return { code: String(code), message: String(item.message ?? '') };
}

function isMissingFile(f: SdkFailure): boolean {
  return (
    f.code === 'STORAGE_FILE_NONEXIST' ||
    f.errCode === -503003 ||
    /STORAGE_FILE_NONEXIST|Status:\s*404\b/.test(f.message)
  );
}

async function attempt(operation: string, step: () => unknown): Promise<unknown> {
  try {
    return checked(await step());
  } catch (error) {
    throw toFileError(error, operation);
  }
}

/** Keeps the SDK's code and a scrubbed message (download URLs carry signatures). */
function toFileError(error: unknown, operation: string): StoreUnavailableError {
  if (error instanceof StoreUnavailableError) return error;
  const f = readFailure(error);
  return new StoreUnavailableError(`cloud storage: ${operation} failed`, {
    operation,
    ...f,
    message: scrubMessage(f.message),
  });
}

/** node-sdk answers `{ code, message }` instead of throwing after `setThrowOnCode(false)`. */
function checked(res: unknown): unknown {
  if (isRecord(res) && typeof res.code === 'string' && res.code !== '') throw res;
  return res;
}

function unexpected(operation: string, what: string): StoreUnavailableError {
  return new StoreUnavailableError(`cloud storage: ${operation} answered ${what}`, { operation });
}

function field(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
