import { createHash, randomBytes } from 'node:crypto';
import { COLLECTIONS } from '../../schema/collections';
import type { Doc } from '../../ports/store';
import type { BackendDeps, Principal } from '../../core/context';
import { AppError, DEFAULT_MESSAGES } from '../../core/errors';
import { detectFileType } from './file-type';
import { assertUploadRate } from './rate';

/** An uploaded file's record; the bytes live in the file store under `storagePath`. */
export interface UploadDoc extends Doc {
  /** `applicant`: uploaded with an 入会申请 upload grant, whose id is `ownerId`. */
  ownerKind: UploadOwner['kind'];
  ownerId: string;
  /** The client's file name, for display only; nothing is decided on it. */
  name: string;
  /** Told by the bytes (file-type.ts), not the type the client declared. */
  contentType: string;
  size: number;
  sha256: string;
  storagePath: string;
  storedFileId: string;
  createdAt: string;
  /**
   * When the daily `uploads` job deletes the file and this record: a roster holds every
   * member's phone number, so nothing is kept by default. Null once something (an order's
   * voucher) keeps the file.
   */
  expiresAt: string | null;
}

/** Upload limits by what the file is for; checked on the bytes, not on the name. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Days an upload is kept unless something attaches it. */
export const UPLOAD_TTL_DAYS = 7;
/** An applicant's upload not submitted within a day is abandoned: a signed form is personal. */
export const APPLICANT_UPLOAD_TTL_DAYS = 1;

/** An applicant uploads the signed form only: a scan or photo, or a PDF. */
const APPLICANT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'];
const APPLICANT_TYPE_MESSAGE = '入会申请表只能是 PDF 或照片（JPG/PNG）';

/** Who an upload belongs to: a session's member or admin, or an applicant's upload grant. */
export type UploadOwner = { kind: 'member' | 'admin' | 'applicant'; id: string };

const GONE = '文件不存在或已过期，请重新上传';

/** The owner a session's uploads get; an anonymous caller has none. */
export function ownerOf(principal: Principal): UploadOwner {
  if (principal.kind === 'member') return { kind: 'member', id: principal.memberId };
  if (principal.kind === 'admin') return { kind: 'admin', id: principal.adminId };
  throw new AppError('UNAUTHENTICATED', DEFAULT_MESSAGES.UNAUTHENTICATED);
}

const toOwner = (caller: Principal | UploadOwner): UploadOwner =>
  'id' in caller ? caller : ownerOf(caller);

/**
 * May this caller upload now? A session without a pending password change, within the
 * hourly limit. Transports ask this before reading a byte of the body.
 */
export async function authorizeUpload(
  deps: BackendDeps,
  principal: Principal,
  now: Date,
): Promise<UploadOwner> {
  const owner = ownerOf(principal);
  if (principal.kind !== 'anonymous' && principal.mustChangePassword) {
    throw new AppError('PASSWORD_CHANGE_REQUIRED', DEFAULT_MESSAGES.PASSWORD_CHANGE_REQUIRED);
  }
  await assertUploadRate(deps, owner, now);
  return owner;
}

/**
 * Stores an upload under a path unique to its owner and answers the file id the actions take.
 * The id is random: it names the upload record, not the storage path.
 */
export async function storeUpload(
  deps: BackendDeps,
  caller: Principal | UploadOwner,
  file: { name: string; bytes: Buffer },
  now: Date,
): Promise<{ fileId: string }> {
  const owner = toOwner(caller);
  if (file.bytes.length === 0) throw new AppError('INVALID_INPUT', '文件为空');
  if (file.bytes.length > MAX_UPLOAD_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', '文件不能超过 10 MB');
  }
  const type = await detectFileType(file.bytes);
  if (owner.kind === 'applicant' && !APPLICANT_TYPES.includes(type.contentType)) {
    throw new AppError('INVALID_INPUT', APPLICANT_TYPE_MESSAGE);
  }

  const fileId = `f_${randomBytes(16).toString('hex')}`;
  const storagePath = `uploads/${owner.kind}/${owner.id}/${fileId}.${type.extension}`;
  const storedFileId = await deps.files.put(storagePath, file.bytes, type.contentType);
  const doc: UploadDoc = {
    _id: fileId,
    ownerKind: owner.kind,
    ownerId: owner.id,
    name: file.name.slice(0, 200),
    contentType: type.contentType,
    size: file.bytes.length,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    storagePath,
    storedFileId,
    createdAt: now.toISOString(),
    expiresAt: new Date(
      now.getTime() +
        (owner.kind === 'applicant' ? APPLICANT_UPLOAD_TTL_DAYS : UPLOAD_TTL_DAYS) * 86_400_000,
    ).toISOString(),
  };
  try {
    await deps.store.insert(COLLECTIONS.files, doc);
  } catch (error) {
    // Bytes without a record would never expire: take them back, then fail as before.
    await deps.files.remove(storedFileId);
    throw error;
  }
  return { fileId };
}

/**
 * Reads an upload that belongs to the caller (a session's principal, or an upload grant's
 * owner); anyone else's id, and an expired one the daily job has not removed yet, are as
 * good as missing.
 */
export async function readOwnUpload(
  deps: BackendDeps,
  caller: Principal | UploadOwner,
  fileId: string,
  /** The request field the id came in, named on the refusal so the form marks it. */
  field?: string,
): Promise<{ doc: UploadDoc; bytes: Buffer }> {
  const owner = toOwner(caller);
  const gone = () => new AppError('NOT_FOUND', GONE, field ? { field } : {});
  const doc = await deps.store.get<UploadDoc>(COLLECTIONS.files, fileId);
  if (!doc || doc.ownerKind !== owner.kind || doc.ownerId !== owner.id) throw gone();
  if (doc.expiresAt && doc.expiresAt <= deps.clock.now().toISOString()) throw gone();
  const bytes = await deps.files.get(doc.storedFileId);
  if (!bytes) throw gone();
  return { doc, bytes };
}
