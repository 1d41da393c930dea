import type { DuesFile } from '../../../typings';
import type { BackendDeps, Principal } from '../../core/context';
import { AppError } from '../../core/errors';
import type { Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { detectFileType } from './file-type';
import { MAX_UPLOAD_BYTES, readOwnUpload, type UploadDoc, type UploadOwner } from './uploads';

/**
 * An upload something keeps, moved out of `uploads/` to a path of its keeper, with no expiry:
 * an order's voucher or e-receipt (`orderId`), an application's signed form
 * (`applicationId`), or the society's blank application form. files.link authorises by
 * the keeper.
 */
export interface AttachedFileDoc extends UploadDoc {
  orderId?: string;
  /** The member the order is for; for a receipt not the uploader (an admin). */
  orderMemberId?: string;
  applicationId?: string;
  noticeId?: string;
  newsId?: string;
  feedbackId?: string;
  /** The member who wrote the suggestion: the one member who reads its pictures. */
  feedbackMemberId?: string;
  serviceApplicationId?: string;
  /** The member who applied for the service: the one member who reads its attachments. */
  serviceMemberId?: string;
  attachedAs?:
    | 'voucher'
    | 'receipt'
    | 'applicationForm'
    | 'applicationTemplate'
    | 'noticeAttachment'
    | 'newsCover'
    | 'feedbackPicture'
    | 'serviceAttachment';
}

/** Where a kept file goes, and what keeps it. */
export type AttachTarget =
  | { folder: 'vouchers' | 'receipts'; memberId: string; orderId: string }
  | { folder: 'applications'; applicationId: string }
  | { folder: 'notices'; noticeId: string }
  | { folder: 'news'; newsId: string }
  | { folder: 'feedback'; memberId: string; feedbackId: string }
  | { folder: 'services'; memberId: string; applicationId: string }
  | { folder: 'templates' };

/** Vouchers, receipts, signed forms: a photo or scan, or a PDF; never a workbook. */
const ATTACHABLE_TYPES = ['image/jpeg', 'image/png', 'application/pdf'];
/**
 * A notice's attachments, a service application's: what a secretariat sends round and a
 * member hands in (documents, sheets, pictures).
 */
const NOTICE_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];
/** A news item's cover, a suggestion's pictures: photos shown as they are, JPEG or PNG. */
const IMAGE_TYPES = ['image/jpeg', 'image/png'];
/** The blank form the society hands out: a PDF or a Word document. */
const TEMPLATE_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
];

const GONE = '文件不存在或已过期，请重新上传';

/** An upload moved to its keeper's path, waiting for the batch that records it. */
export interface PreparedAttachment {
  file: DuesFile;
  /** Records the move on the upload's record: for the batch of the keeper's change. */
  write: Write;
  /** After the batch: the upload's old copy. */
  original: string;
  /** If the batch fails: the new copy. */
  copy: string;
}

/** The kept path and the record's new fields, by keeper; no other keeper's file can take it. */
function placement(target: AttachTarget, fileId: string, extension: string) {
  switch (target.folder) {
    case 'vouchers':
    case 'receipts':
      return {
        path: `${target.folder}/${target.memberId}/${target.orderId}/${fileId}.${extension}`,
        set: {
          orderId: target.orderId,
          orderMemberId: target.memberId,
          attachedAs: target.folder === 'vouchers' ? 'voucher' : 'receipt',
        },
      };
    case 'applications':
      return {
        path: `applications/${target.applicationId}/${fileId}.${extension}`,
        set: { applicationId: target.applicationId, attachedAs: 'applicationForm' },
      };
    case 'notices':
      return {
        path: `notices/${target.noticeId}/${fileId}.${extension}`,
        set: { noticeId: target.noticeId, attachedAs: 'noticeAttachment' },
      };
    case 'news':
      return {
        path: `news/${target.newsId}/${fileId}.${extension}`,
        set: { newsId: target.newsId, attachedAs: 'newsCover' },
      };
    case 'feedback':
      return {
        path: `feedback/${target.memberId}/${target.feedbackId}/${fileId}.${extension}`,
        set: {
          feedbackId: target.feedbackId,
          feedbackMemberId: target.memberId,
          attachedAs: 'feedbackPicture',
        },
      };
    case 'services':
      return {
        path: `services/${target.memberId}/${target.applicationId}/${fileId}.${extension}`,
        set: {
          serviceApplicationId: target.applicationId,
          serviceMemberId: target.memberId,
          attachedAs: 'serviceAttachment',
        },
      };
    case 'templates':
      return {
        path: `templates/${fileId}.${extension}`,
        set: { attachedAs: 'applicationTemplate' },
      };
  }
}

/**
 * Copies one of the caller's live uploads (a session's, or an upload grant's) to its
 * keeper's path. Its type is told again by its bytes: an image or a PDF (a template: a PDF
 * or .docx), at most 10 MB. An upload already kept is not the caller's to reuse.
 */
export async function prepareAttachment(
  deps: BackendDeps,
  caller: Principal | UploadOwner,
  fileId: string,
  target: AttachTarget,
  message: string,
  /** The request field the file came in, for the refusal's `field`. */
  field = 'fileIds',
): Promise<PreparedAttachment> {
  const { doc, bytes } = await readOwnUpload(deps, caller, fileId, field);
  const upload = doc as AttachedFileDoc;
  if (upload.attachedAs) throw new AppError('NOT_FOUND', GONE, { field });
  if (bytes.length > MAX_UPLOAD_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', '文件不能超过 10 MB', { field });
  }
  const allowed =
    target.folder === 'templates'
      ? TEMPLATE_TYPES
      : target.folder === 'notices' || target.folder === 'services'
        ? NOTICE_TYPES
        : target.folder === 'news' || target.folder === 'feedback'
          ? IMAGE_TYPES
          : ATTACHABLE_TYPES;
  const type = await detectFileType(bytes).catch(() => null);
  if (!type || !allowed.includes(type.contentType)) {
    throw new AppError('INVALID_INPUT', message, { field, detail: { fileId } });
  }

  const { path: storagePath, set } = placement(target, fileId, type.extension);
  const copy = await deps.files.put(storagePath, bytes, type.contentType);
  const write: Write = {
    op: 'update',
    collection: COLLECTIONS.files,
    id: fileId,
    patch: { set: { storagePath, storedFileId: copy, expiresAt: null, ...set } },
    // Attached once: a second keeper racing for the same upload fails its batch.
    expect: { storedFileId: upload.storedFileId },
  };
  return {
    file: { fileId, name: upload.name, contentType: type.contentType, size: bytes.length },
    write,
    original: upload.storedFileId,
    copy,
  };
}

/**
 * prepareAttachment for each file, in order: all are checked and copied before anything is
 * recorded, and one bad file leaves no copy behind.
 */
export async function prepareAttachments(
  deps: BackendDeps,
  caller: Principal | UploadOwner,
  fileIds: string[],
  target: AttachTarget,
  message: string,
  field = 'fileIds',
): Promise<PreparedAttachment[]> {
  const prepared: PreparedAttachment[] = [];
  try {
    for (const fileId of fileIds) {
      prepared.push(await prepareAttachment(deps, caller, fileId, target, message, field));
    }
  } catch (error) {
    await removeStoredFiles(
      deps,
      prepared.map((p) => p.copy),
    );
    throw error;
  }
  return prepared;
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
  return doc?.attachedAs ? doc : null;
}
