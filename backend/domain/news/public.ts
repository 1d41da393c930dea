import { assertRateLimit } from '../auth/guards';
import type { NewsDetail, NewsSummary, Page } from '../../../typings';
import type { ActionContext, MemberPrincipal } from '../../core/context';
import { AppError } from '../../core/errors';
import { StoreConflictError } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { readAttachedFile } from '../files/attachments';
import { linkTo } from '../files/links';
import { awardPoints } from '../points/ledger';
import { readPointsRules } from '../society/settings';
import {
  NEWS_NOT_FOUND,
  toNewsDetail,
  toNewsSummary,
  viewId,
  type NewsDoc,
  type NewsViewDoc,
} from './model';

/**
 * A short link to the cover: covers are public, shown on the landing page before any login.
 * Where no link can be made (no portal address configured locally) the item goes without
 * its picture rather than the whole page without news.
 */
async function coverUrl(ctx: ActionContext, doc: NewsDoc): Promise<string | null> {
  if (!doc.cover) return null;
  const file = await readAttachedFile(ctx.deps, doc.cover.fileId);
  if (!file) return null;
  try {
    return (await linkTo(ctx.deps, file, ctx.now)).url;
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'NOT_CONFIGURED') throw error;
    ctx.deps.logger.log('warn', 'news_cover_unlinked', { newsId: doc._id, code: error.code });
    return null;
  }
}

/** 机构动态 for everyone: published items, newest first, each with its cover's link. */
/**
 * Reads of the public news per address per minute: a busy office's worth. Each answer mints
 * cover links (locally, stored one-time tickets), so an unlimited caller could grow the store.
 */
const READS_PER_MINUTE_PER_ADDRESS = 120;

function limitReaders(ctx: ActionContext): Promise<void> {
  return assertRateLimit(
    ctx.deps,
    'newsRead',
    ctx.caller.clientIp,
    READS_PER_MINUTE_PER_ADDRESS,
    ctx.now,
    '访问过于频繁，请一分钟后再试',
  );
}

export async function listNews(
  ctx: ActionContext,
  input: { page?: number; pageSize?: number },
): Promise<Page<NewsSummary>> {
  await limitReaders(ctx);
  const { store } = ctx.deps;
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  const published = { where: { status: 'published' } };
  const [total, docs] = await Promise.all([
    store.count(COLLECTIONS.news, published),
    store.find<NewsDoc>(COLLECTIONS.news, published, {
      orderBy: [
        { field: 'publishedAt', direction: 'desc' },
        { field: '_id', direction: 'asc' },
      ],
      skip: (page - 1) * pageSize,
      limit: pageSize,
    }),
  ]);
  const items = await Promise.all(
    docs.map(async (doc) => toNewsSummary(doc, await coverUrl(ctx, doc))),
  );
  return { items, total, page, pageSize };
}

/**
 * Opens a published item, for anyone. A logged-in member's first view is recorded with the
 * item's viewer count and earns 查看机构动态: both keyed on member and item, so thirty taps
 * at once count once. Visitors, admins and a member who must first change the initial
 * password read it without a trace.
 */
export async function viewNews(ctx: ActionContext, newsId: string): Promise<NewsDetail> {
  await limitReaders(ctx);
  const doc = await ctx.deps.store.get<NewsDoc>(COLLECTIONS.news, newsId);
  if (!doc || doc.status !== 'published') throw new AppError('NOT_FOUND', NEWS_NOT_FOUND);

  const { principal } = ctx;
  if (principal.kind === 'member' && !principal.mustChangePassword) {
    const member = { ...ctx, principal };
    await recordView(member, doc);
    const rules = await readPointsRules(ctx.deps);
    // Awarded on every view, not only the first: a view recorded by a call that failed
    // before its award still earns the points the next time, and never twice.
    await awardPoints(ctx.deps, {
      memberId: principal.memberId,
      kind: 'newsView',
      refId: doc._id,
      points: rules.newsView,
      at: ctx.now,
    });
  }
  return toNewsDetail(doc, await coverUrl(ctx, doc));
}

async function recordView(ctx: ActionContext<MemberPrincipal>, doc: NewsDoc): Promise<void> {
  const id = viewId(doc._id, ctx.principal.memberId);
  if (await ctx.deps.store.get(COLLECTIONS.newsViews, id)) return;
  const view: NewsViewDoc = {
    _id: id,
    newsId: doc._id,
    memberId: ctx.principal.memberId,
    viewedAt: ctx.now.toISOString(),
  };
  try {
    await ctx.deps.store.batch([
      { op: 'insert', collection: COLLECTIONS.newsViews, doc: view },
      { op: 'update', collection: COLLECTIONS.news, id: doc._id, patch: { inc: { viewers: 1 } } },
    ]);
  } catch (error) {
    // Another tap recorded it first.
    if (
      error instanceof StoreConflictError &&
      (await ctx.deps.store.get(COLLECTIONS.newsViews, id))
    ) {
      return;
    }
    throw error;
  }
}
