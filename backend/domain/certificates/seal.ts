import { PNG } from 'pngjs';
import type { ActionContext, AdminPrincipal, BackendDeps } from '../../core/context';
import { AppError } from '../../core/errors';
import { StoreConflictError, type Doc, type Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { auditWrite } from '../audit/audit';
import { readOwnUpload, type UploadDoc } from '../files/uploads';
import { SETTING_IDS } from '../society/settings';

/**
 * A seal is drawn at a few centimetres: a quarter megabyte is plenty for a sharp PNG, and
 * every certificate answer carries it (as base64, a third larger) through callFunction.
 */
export const MAX_SEAL_BYTES = 256 * 1024;

/** Pixels of a side: a seal is drawn at about 300 px on a 1600 px certificate. */
export const MAX_SEAL_SIDE = 2000;

/** The image's size when the whole PNG decodes, else null. */
function pngSize(bytes: Buffer): { width: number; height: number } | null {
  try {
    const { width, height } = PNG.sync.read(bytes);
    return { width, height };
  } catch {
    return null;
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The settings document that names the seal's upload; absent until the first seal. */
interface SealSettingDoc extends Doc {
  value: { fileId: string | null };
  updatedAt: string;
}

async function readSealSetting(deps: BackendDeps): Promise<SealSettingDoc | null> {
  return deps.store.get<SealSettingDoc>(COLLECTIONS.settings, SETTING_IDS.certificateSeal);
}

/** The seal as a PNG `data:` URL, or null when none was set or its file is gone. */
export async function readSealImage(deps: BackendDeps): Promise<string | null> {
  const fileId = (await readSealSetting(deps))?.value.fileId;
  if (!fileId) return null;
  const file = await deps.store.get<UploadDoc>(COLLECTIONS.files, fileId);
  if (!file) return null;
  const bytes = await deps.files.get(file.storedFileId);
  if (!bytes) return null;
  return `data:image/png;base64,${bytes.toString('base64')}`;
}

/**
 * Makes the admin's own PNG upload the society's seal, or removes the seal (`fileId` null).
 * The new file is kept from now on; the one it replaces expires at once, so the daily job
 * deletes it. The setting, the files and the audit entry are written in one batch, guarded on
 * the seal that was read: of two admins saving at once, one is told to retry.
 */
export async function setSeal(
  ctx: ActionContext<AdminPrincipal>,
  fileId: string | null,
): Promise<{ hasSeal: boolean }> {
  const { deps, principal, now } = ctx;
  const setting = await readSealSetting(deps);
  const previous = setting?.value.fileId ?? null;
  if (previous === fileId) return { hasSeal: fileId !== null };

  const writes: Write[] = [];
  if (fileId) writes.push(await keepSealWrite(ctx, fileId));
  if (previous) {
    writes.push({
      op: 'update',
      collection: COLLECTIONS.files,
      id: previous,
      patch: { set: { expiresAt: now.toISOString() } },
    });
  }
  const updatedAt = now.toISOString();
  writes.push(
    setting
      ? {
          op: 'update',
          collection: COLLECTIONS.settings,
          id: SETTING_IDS.certificateSeal,
          patch: { set: { 'value.fileId': fileId, updatedAt } },
          expect: { 'value.fileId': previous },
        }
      : {
          op: 'insert',
          collection: COLLECTIONS.settings,
          doc: { _id: SETTING_IDS.certificateSeal, value: { fileId }, updatedAt },
        },
    auditWrite(principal, now, 'admin.society.setSeal', SETTING_IDS.certificateSeal, {
      fields: ['certificateSeal'],
      summary: { hasSeal: fileId !== null },
    }),
  );

  try {
    await deps.store.batch(writes);
  } catch (error) {
    if (error instanceof StoreConflictError) {
      throw new AppError('CONFLICT', '印章刚被其他管理员修改，请刷新页面后重试');
    }
    throw error;
  }
  return { hasSeal: fileId !== null };
}

/**
 * Checks the upload (the caller's own, live, a PNG by its bytes, at most 256 KB) and answers
 * the write that keeps it. Someone else's upload is as good as missing: the same answer.
 */
async function keepSealWrite(ctx: ActionContext<AdminPrincipal>, fileId: string): Promise<Write> {
  let upload: { doc: UploadDoc; bytes: Buffer };
  try {
    upload = await readOwnUpload(ctx.deps, ctx.principal, fileId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') {
      throw new AppError('INVALID_INPUT', '印章图片不存在或已过期，请重新上传');
    }
    throw error;
  }
  const { doc, bytes } = upload;
  if (!bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) {
    throw new AppError('INVALID_INPUT', '印章须为 PNG 图片（建议透明背景）');
  }
  if (bytes.length > MAX_SEAL_BYTES) {
    throw new AppError('INVALID_INPUT', '印章图片不能超过 256 KB');
  }
  // Decoded once here: a file with a PNG's first bytes but broken data would otherwise fail
  // to draw on every member's certificate.
  const size = pngSize(bytes);
  if (!size) throw new AppError('INVALID_INPUT', '印章图片已损坏，无法读取，请重新导出后上传');
  if (size.width > MAX_SEAL_SIDE || size.height > MAX_SEAL_SIDE) {
    throw new AppError('INVALID_INPUT', `印章图片的长宽不能超过 ${MAX_SEAL_SIDE} 像素`);
  }
  return {
    op: 'update',
    collection: COLLECTIONS.files,
    id: fileId,
    patch: { set: { expiresAt: null } },
    // The daily job must not delete it between this read and the batch.
    expect: { ownerId: ctx.principal.adminId, expiresAt: doc.expiresAt },
  };
}
