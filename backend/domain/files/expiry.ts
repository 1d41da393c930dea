import type { BackendDeps } from '../../core/context';
import { COLLECTIONS } from '../../schema/collections';
import type { UploadDoc } from './uploads';

/** Records read per query; the cloud database answers at most 1000. */
const BATCH = 100;
/**
 * Uploads removed per run at most: each is a storage call, and the cloud function's timeout
 * (20 s, README) holds all the daily jobs. The rest waits for the next day.
 */
const MAX_PER_RUN = 1000;

/**
 * Deletes every upload whose `expiresAt` has passed: the bytes through the file store, then
 * the record. A file the store cannot delete keeps its record, so the next run tries again.
 */
export async function removeExpiredUploads(
  deps: BackendDeps,
  now: Date,
): Promise<{ removed: number; failed: number }> {
  const at = now.toISOString();
  let removed = 0;
  let failed = 0;

  while (removed + failed < MAX_PER_RUN) {
    // Records that failed stay first in this order (both stores break ties by `_id`), so
    // skipping them reaches the rest.
    const batch = await deps.store.find<UploadDoc>(
      COLLECTIONS.files,
      { where: { expiresAt: { lte: at } } },
      {
        orderBy: [{ field: 'expiresAt', direction: 'asc' }],
        limit: Math.min(BATCH, MAX_PER_RUN - removed - failed),
        skip: failed,
      },
    );
    if (batch.length === 0) break;

    for (const doc of batch) {
      try {
        await deps.files.remove(doc.storedFileId);
      } catch (error) {
        failed += 1;
        deps.logger.log('warn', 'upload_expiry_failed', { fileId: doc._id, error });
        continue;
      }
      await deps.store.remove(COLLECTIONS.files, doc._id);
      removed += 1;
    }
  }
  return { removed, failed };
}
