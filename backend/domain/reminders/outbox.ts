import type { Page, ReminderOutboxItem } from '../../../typings';
import type { BackendDeps } from '../../core/context';
import { COLLECTIONS } from '../../schema/collections';
import type { OutboxDoc } from './model';

/** 提醒记录: the outbox newest first (created_at index), a page at a time. */
export async function listOutbox(
  deps: BackendDeps,
  page: number,
  pageSize: number,
): Promise<Page<ReminderOutboxItem>> {
  const [total, docs] = await Promise.all([
    deps.store.count(COLLECTIONS.reminderOutbox),
    deps.store.find<OutboxDoc>(
      COLLECTIONS.reminderOutbox,
      {},
      {
        // One run writes many at one instant: `_id` keeps their order stable across pages.
        orderBy: [
          { field: 'createdAt', direction: 'desc' },
          { field: '_id', direction: 'asc' },
        ],
        skip: (page - 1) * pageSize,
        limit: pageSize,
      },
    ),
  ]);
  const items = docs.map((doc): ReminderOutboxItem => ({
    id: doc._id,
    memberId: doc.memberId,
    memberName: doc.memberName,
    kind: doc.kind,
    expiresOn: doc.expiresOn,
    applicationId: doc.applicationId ?? null,
    status: doc.status,
    errorCode: doc.errorCode,
    createdAt: doc.createdAt,
  }));
  return { items, total, page, pageSize };
}
