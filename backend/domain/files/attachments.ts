import type { DuesFile } from '../../../typings';
import type { BackendDeps, Principal } from '../../core/context';
import { AppError } from '../../core/errors';
import type { Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { detectFileType } from './file-type';
import { MAX_UPLOAD_BYTES, readOwnUpload, type UploadDoc } from './uploads';

/**
 * An upload an order keeps (a voucher, an e-receipt): moved out of `uploads/` to a path of
 * the order's, with no expiry. `orderId` is what files.link authorises by.
 */
export interface AttachedFileDoc extends UploadDoc {
  orderId?: string;
  /** The member the order is for; for a receipt not the uploader (an admin). */
  orderMemberId?: string;
  attachedAs?: 'voucher' | 'receipt';
}

/** Vouchers and receipts: a photo or scan, or a PDF; never a workbook. */
const ATTACHABLE_TYPES = ['image/jpeg', 'image/png', 'application/pdf'];

const GONE = '文件不存在或已过期，请重新上传';

/** An upload moved to its order's path, waiting for the batch that records it. */
export interface PreparedAttachment {
  file: DuesFile;
  /** Records the move on the upload's record: for the batch of the order's change. */
  write: Write;
  /** After the batch: the upload's old copy. */
  original: string;
  /** If the batch fails: the new copy. */
  copy: string;
}

/**
 * Copies one of the caller's live uploads to `<folder>/<memberId>/<orderId>/<fileId>.<ext>`,
 * a path no other member's or order's file can take. Its type is told again by its bytes:
 * an image or a PDF, at most 10 MB. An upload already kept by an order is not the caller's
 * to reuse.
 */
export async function prepareAttachment(
  deps: BackendDeps,
  principal: Principal,
  fileId: string,
  target: { folder: 'vouchers' | 'receipts'; memberId: string; orderId: string },
  message: string,
): Promise<PreparedAttachment> {
  const { doc, bytes } = await readOwnUpload(deps, principal, fileId);
  const upload = doc as AttachedFileDoc;
  if (upload.orderId) throw new AppError('NOT_FOUND', GONE, { field: 'fileIds' });
  if (bytes.length > MAX_UPLOAD_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', '文件不能超过 10 MB');
  }
  const type = await detectFileType(bytes).catch(() => null);
  if (!type || !ATTACHABLE_TYPES.includes(type.contentType)) {
    throw new AppError('INVALID_INPUT', message, { detail: { fileId } });
  }

  const storagePath = `${target.folder}/${target.memberId}/${target.orderId}/${fileId}.${type.extension}`;
  const copy = await deps.files.put(storagePath, bytes, type.contentType);
  const write: Write = {
    op: 'update',
    collection: COLLECTIONS.files,
    id: fileId,
    patch: {
      set: {
        storagePath,
        storedFileId: copy,
        expiresAt: null,
        orderId: target.orderId,
        orderMemberId: target.memberId,
        attachedAs: target.folder === 'vouchers' ? 'voucher' : 'receipt',
      },
    },
    // Attached once: a second order racing for the same upload fails its batch.
    expect: { storedFileId: upload.storedFileId },
  };
  return {
    file: { fileId, name: upload.name, contentType: type.contentType, size: bytes.length },
    write,
    original: upload.storedFileId,
    copy,
  };
}

/** Removes files whose records are gone or moved; a leftover is logged, not a failure. */
export async function removeStoredFiles(deps: BackendDeps, storedFileIds: string[]) {
  for (const id of storedFileIds) {
    try {
      await deps.files.remove(id);
    } catch (error) {
      deps.logger.log('warn', 'attachment_cleanup_failed', { error });
    }
  }
}

/** The record of a kept file, by its id; null for anything else. */
export async function readAttachedFile(
  deps: BackendDeps,
  fileId: string,
): Promise<AttachedFileDoc | null> {
  const doc = await deps.store.get<AttachedFileDoc>(COLLECTIONS.files, fileId);
  return doc?.orderId ? doc : null;
}
