import type { ActionContext, MemberPrincipal } from '../../core/context';
import { AppError } from '../../core/errors';
import type { Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { readOwnUpload, type UploadDoc } from '../files/uploads';
import { invalid } from './input-fields';

const PHOTO_TYPES = ['image/jpeg', 'image/png'];

/**
 * The writes that make `fileId` the member's ID photo: it must be their own live upload, a
 * JPEG or PNG by its bytes, and is kept from now on. The photo it replaces expires at once,
 * so the daily job deletes it rather than keeping a face no record points to.
 */
export async function attachPhotoWrites(
  ctx: ActionContext<MemberPrincipal>,
  fileId: string | null,
  previous: string | null,
): Promise<Write[]> {
  const writes: Write[] = [];
  if (fileId) {
    const upload = await readPhoto(ctx, fileId);
    if (!PHOTO_TYPES.includes(upload.contentType))
      throw invalid('照片须为 JPG 或 PNG 图片', 'photoFileId');
    writes.push({
      op: 'update',
      collection: COLLECTIONS.files,
      id: fileId,
      patch: { set: { expiresAt: null } },
      // The daily job must not delete it between this read and the batch.
      expect: { ownerId: ctx.principal.memberId, expiresAt: upload.expiresAt },
    });
  }
  if (previous) {
    const old = await ctx.deps.store.get<UploadDoc>(COLLECTIONS.files, previous);
    if (old && old.ownerId === ctx.principal.memberId) {
      writes.push({
        op: 'update',
        collection: COLLECTIONS.files,
        id: previous,
        patch: { set: { expiresAt: ctx.now.toISOString() } },
      });
    }
  }
  return writes;
}

/** Someone else's upload, or an expired one, is as good as missing: the same answer. */
async function readPhoto(ctx: ActionContext<MemberPrincipal>, fileId: string): Promise<UploadDoc> {
  try {
    return (await readOwnUpload(ctx.deps, ctx.principal, fileId)).doc;
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') {
      throw invalid('照片不存在或已过期，请重新上传', 'photoFileId');
    }
    throw error;
  }
}
