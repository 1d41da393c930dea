import type { BackendDeps } from '../../core/context';
import { AppError } from '../../core/errors';
import { StoreConflictError, type Doc } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import type { UploadOwner } from './uploads';

/** Uploads one owner may start within one clock hour (a roster import takes one or two). */
export const UPLOADS_PER_HOUR = 30;

const HOUR_MS = 3_600_000;

/** The count of one owner's uploads in one fixed clock hour; the nightly purge removes it. */
interface UploadWindowDoc extends Doc {
  count: number;
  expiresAt: string;
}

/**
 * Counts an upload attempt of this owner and refuses it past the hourly limit. The login
 * limiter (auth/guards) keeps one-minute windows; uploads need an hour. The count is an
 * atomic increment, so parallel uploads cannot slip under the limit. `scope` names who is
 * counted when it is not the owner (an address, for applicants' grants).
 */
export async function assertUploadRate(
  deps: BackendDeps,
  owner: UploadOwner,
  now: Date,
  limit: number = UPLOADS_PER_HOUR,
  scope = `${owner.kind}:${owner.id}`,
): Promise<void> {
  const hour = Math.floor(now.getTime() / HOUR_MS);
  const id = `upload:${scope}:${hour}`;
  const expiresAt = new Date((hour + 1) * HOUR_MS);

  // The first attempt of the hour creates the window; a racing first one just adds to it.
  const bumped = await deps.store.update(COLLECTIONS.rateWindows, id, { inc: { count: 1 } });
  if (!bumped) {
    const fresh: UploadWindowDoc = { _id: id, count: 1, expiresAt: expiresAt.toISOString() };
    try {
      await deps.store.insert(COLLECTIONS.rateWindows, fresh);
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
      await deps.store.update(COLLECTIONS.rateWindows, id, { inc: { count: 1 } });
    }
  }

  const window = await deps.store.get<UploadWindowDoc>(COLLECTIONS.rateWindows, id);
  if (window && window.count > limit) {
    throw new AppError('RATE_LIMITED', `上传过于频繁：每小时最多上传 ${limit} 个文件，请稍后再试`, {
      retryAt: expiresAt,
      detail: { ownerKind: owner.kind, count: window.count },
    });
  }
}
