import { createHash, randomBytes } from 'node:crypto';
import { COLLECTIONS } from '../../schema/collections';
import type { Doc } from '../../ports/store';
import type { BackendDeps, Principal } from '../../core/context';
import { AppError, DEFAULT_MESSAGES } from '../../core/errors';
import { detectFileType } from './file-type';
import { assertUploadRate } from './rate';

/** An uploaded file's record; the bytes live in the file store under `storagePath`. */
export interface UploadDoc extends Doc {
  ownerKind: 'member' | 'admin';
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

export type UploadOwner = { kind: 'member' | 'admin'; id: string };

const GONE = '文件不存在或已过期，请重新上传';

function ownerOf(principal: Principal): UploadOwner {
  if (principal.kind === 'member') return { kind: 'member', id: principal.memberId };
  if (principal.kind === 'admin') return { kind: 'admin', id: principal.adminId };
  throw new AppError('UNAUTHENTICATED', DEFAULT_MESSAGES.UNAUTHENTICATED);
}

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
  principal: Principal,
  file: { name: string; bytes: Buffer },
  now: Date,
): Promise<{ fileId: string }> {
  const owner = ownerOf(principal);
  if (file.bytes.length === 0) throw new AppError('INVALID_INPUT', '文件为空');
  if (file.bytes.length > MAX_UPLOAD_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', '文件不能超过 10 MB');
  }
  const type = await detectFileType(file.bytes);

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
    expiresAt: new Date(now.getTime() + UPLOAD_TTL_DAYS * 86_400_000).toISOString(),
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
 * Reads an upload that belongs to the caller; anyone else's id, and an expired one the daily
 * job has not removed yet, are as good as missing.
 */
export async function readOwnUpload(
  deps: BackendDeps,
  principal: Principal,
  fileId: string,
): Promise<{ doc: UploadDoc; bytes: Buffer }> {
  const owner = ownerOf(principal);
  const doc = await deps.store.get<UploadDoc>(COLLECTIONS.files, fileId);
  if (!doc || doc.ownerKind !== owner.kind || doc.ownerId !== owner.id) {
    throw new AppError('NOT_FOUND', GONE);
  }
  if (doc.expiresAt && doc.expiresAt <= deps.clock.now().toISOString()) {
    throw new AppError('NOT_FOUND', GONE);
  }
  const bytes = await deps.files.get(doc.storedFileId);
  if (!bytes) throw new AppError('NOT_FOUND', GONE);
  return { doc, bytes };
}
