import type { ContentStatus } from '../../../typings';
import type { ActionContext, AdminPrincipal } from '../../core/context';
import { AppError } from '../../core/errors';
import { StoreConflictError } from '../../ports/store';
import { auditWrite } from '../audit/audit';
import type { ContentKind } from './kind';

/**
 * draft → published (members, or everyone, see it; `publishedAt` set), published → withdrawn
 * (only the console still does; points already given stay); each once, guarded on the status
 * read, and audited.
 */
export async function changeContentStatus(
  ctx: ActionContext<AdminPrincipal>,
  kind: ContentKind,
  doc: { _id: string; status: ContentStatus; title: string },
  to: 'published' | 'withdrawn',
): Promise<void> {
  const from = to === 'published' ? 'draft' : 'published';
  if (doc.status !== from) {
    throw new AppError(
      'CONFLICT',
      to === 'published' ? '只有草稿可以发布' : `只有已发布的${kind.noun}可以撤回`,
    );
  }
  const at = ctx.now.toISOString();
  const set =
    to === 'published'
      ? { status: to, publishedAt: at, updatedAt: at }
      : { status: to, updatedAt: at };
  const action = `${kind.actions}.${to === 'published' ? 'publish' : 'withdraw'}`;
  try {
    await ctx.deps.store.batch([
      {
        op: 'update',
        collection: kind.collection,
        id: doc._id,
        patch: { set, ...kind.patch },
        expect: { status: from },
      },
      auditWrite(ctx.principal, ctx.now, action, doc._id, {
        fields: ['status'],
        summary: { title: doc.title },
      }),
    ]);
  } catch (error) {
    if (error instanceof StoreConflictError) {
      throw new AppError('CONFLICT', `该${kind.noun}的状态刚被其他管理员修改，请刷新后重试`);
    }
    throw error;
  }
}
