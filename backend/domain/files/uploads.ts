import { createHash, randomBytes } from 'node:crypto';
import { COLLECTIONS } from '../../schema/collections';
import type { Doc } from '../../ports/store';
import type { BackendDeps, Principal } from '../../core/context';
import { AppError } from '../../core/errors';

/** An uploaded file's record; the bytes live in the file store under `storagePath`. */
export interface UploadDoc extends Doc {
  ownerKind: 'member' | 'admin';
  ownerId: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  storagePath: string;
  storedFileId: string;
  createdAt: string;
}

/** Upload limits by what the file is for; checked on the bytes, not on the name. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

function ownerOf(principal: Principal): { kind: 'member' | 'admin'; id: string } {
  if (principal.kind === 'member') return { kind: 'member', id: principal.memberId };
  if (principal.kind === 'admin') return { kind: 'admin', id: principal.adminId };
  throw new AppError('UNAUTHENTICATED', '请先登录');
}

/**
 * Stores an upload under a path unique to its owner and answers the file id the actions take.
 * The id is random: it names the upload record, not the storage path.
 */
export async function storeUpload(
  deps: BackendDeps,
  principal: Principal,
  file: { name: string; contentType: string; bytes: Buffer },
  now: Date,
): Promise<{ fileId: string }> {
  const owner = ownerOf(principal);
  if (file.bytes.length === 0) throw new AppError('INVALID_INPUT', '文件为空');
  if (file.bytes.length > MAX_UPLOAD_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', '文件不能超过 10 MB');
  }
  const fileId = `f_${randomBytes(16).toString('hex')}`;
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(file.name)?.[1]?.toLowerCase() ?? 'bin';
  const storagePath = `uploads/${owner.kind}/${owner.id}/${fileId}.${extension}`;
  const storedFileId = await deps.files.put(storagePath, file.bytes, file.contentType);
  const doc: UploadDoc = {
    _id: fileId,
    ownerKind: owner.kind,
    ownerId: owner.id,
    name: file.name.slice(0, 200),
    contentType: file.contentType.slice(0, 100),
    size: file.bytes.length,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    storagePath,
    storedFileId,
    createdAt: now.toISOString(),
  };
  await deps.store.insert(COLLECTIONS.files, doc);
  return { fileId };
}

/** Reads an upload that belongs to the caller; anyone else's id is as good as missing. */
export async function readOwnUpload(
  deps: BackendDeps,
  principal: Principal,
  fileId: string,
): Promise<{ doc: UploadDoc; bytes: Buffer }> {
  const owner = ownerOf(principal);
  const doc = await deps.store.get<UploadDoc>(COLLECTIONS.files, fileId);
  if (!doc || doc.ownerKind !== owner.kind || doc.ownerId !== owner.id) {
    throw new AppError('NOT_FOUND', '文件不存在或已过期，请重新上传');
  }
  const bytes = await deps.files.get(doc.storedFileId);
  if (!bytes) throw new AppError('NOT_FOUND', '文件不存在或已过期，请重新上传');
  return { doc, bytes };
}
