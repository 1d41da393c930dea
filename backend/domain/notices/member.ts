import type { NoticeDetail, NoticeSummary, Page } from '../../../typings';
import type { ActionContext, MemberPrincipal } from '../../core/context';
import { AppError } from '../../core/errors';
import { StoreConflictError, type Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { awardPoints } from '../points/ledger';
import { readPointsRules } from '../society/settings';
import {
  readId,
  replyOpen,
  toDetail,
  toSummary,
  type NoticeDoc,
  type NoticeReadDoc,
} from './model';
import { charCount } from '../../core/text';

const NOT_FOUND = '通知不存在或已撤回';
/** Notices counted for the unread mark: years of them, far more than a society sends. */
const UNREAD_WINDOW = 1000;
/** Two replies racing: a few rounds settle it. */
const ATTEMPTS = 5;

async function loadPublished(ctx: ActionContext, noticeId: string): Promise<NoticeDoc> {
  const doc = await ctx.deps.store.get<NoticeDoc>(COLLECTIONS.notices, noticeId);
  if (!doc || doc.status !== 'published') throw new AppError('NOT_FOUND', NOT_FOUND);
  return doc;
}

const readOf = (ctx: ActionContext<MemberPrincipal>, noticeId: string) =>
  ctx.deps.store.get<NoticeReadDoc>(
    COLLECTIONS.noticeReads,
    readId(noticeId, ctx.principal.memberId),
  );

/** 通知: published notices, newest first, with this member's marks and unread count. */
export async function listNotices(
  ctx: ActionContext<MemberPrincipal>,
  input: { page?: number; pageSize?: number },
): Promise<Page<NoticeSummary> & { unread: number }> {
  const { store } = ctx.deps;
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  const published = { where: { status: 'published' } };
  const [total, docs, recent, reads] = await Promise.all([
    store.count(COLLECTIONS.notices, published),
    store.find<NoticeDoc>(COLLECTIONS.notices, published, {
      orderBy: [
        { field: 'publishedAt', direction: 'desc' },
        { field: '_id', direction: 'asc' },
      ],
      skip: (page - 1) * pageSize,
      limit: pageSize,
    }),
    store.find<NoticeDoc>(COLLECTIONS.notices, published, {
      orderBy: [{ field: 'publishedAt', direction: 'desc' }],
      limit: UNREAD_WINDOW,
    }),
    store.find<NoticeReadDoc>(
      COLLECTIONS.noticeReads,
      { where: { memberId: ctx.principal.memberId } },
      { limit: UNREAD_WINDOW },
    ),
  ]);
  const readById = new Map(reads.map((r) => [r.noticeId, r]));
  return {
    items: docs.map((doc) => toSummary(doc, readById.get(doc._id) ?? null)),
    total,
    page,
    pageSize,
    unread: recent.filter((doc) => !readById.has(doc._id)).length,
  };
}

/**
 * Opens a notice. The first opening inserts the reading with the notice's reader count, and
 * awards 查看通知: both keyed on member and notice, so fifty taps at once count once.
 */
export async function viewNotice(
  ctx: ActionContext<MemberPrincipal>,
  noticeId: string,
): Promise<NoticeDetail> {
  const doc = await loadPublished(ctx, noticeId);
  const read = (await readOf(ctx, noticeId)) ?? (await firstReading(ctx, doc));
  const rules = await readPointsRules(ctx.deps);
  await awardPoints(ctx.deps, {
    memberId: ctx.principal.memberId,
    kind: 'noticeView',
    refId: noticeId,
    points: rules.noticeView,
    at: ctx.now,
  });
  return toDetail(doc, read, ctx.now);
}

async function firstReading(
  ctx: ActionContext<MemberPrincipal>,
  doc: NoticeDoc,
): Promise<NoticeReadDoc> {
  const read: NoticeReadDoc = {
    _id: readId(doc._id, ctx.principal.memberId),
    noticeId: doc._id,
    memberId: ctx.principal.memberId,
    readAt: ctx.now.toISOString(),
    replied: false,
    reply: null,
  };
  try {
    await ctx.deps.store.batch([
      { op: 'insert', collection: COLLECTIONS.noticeReads, doc: read },
      {
        op: 'update',
        collection: COLLECTIONS.notices,
        id: doc._id,
        patch: { inc: { readers: 1 } },
      },
    ]);
    return read;
  } catch (error) {
    if (!(error instanceof StoreConflictError)) throw error;
    // Another tap inserted it first.
    const existing = await readOf(ctx, doc._id);
    if (existing) return existing;
    throw error;
  }
}

/**
 * 反馈: a choice of the options or a text, until the deadline. The first reply counts the
 * notice's replies and awards 反馈通知; a later one replaces it, awarding nothing more. The
 * write is guarded on the reading's state, so two replies at once both land in order and
 * the count moves once.
 */
export async function replyToNotice(
  ctx: ActionContext<MemberPrincipal>,
  input: { noticeId: string; choice?: string; text?: string },
): Promise<NoticeDetail> {
  const doc = await loadPublished(ctx, input.noticeId);
  if (doc.reply.kind === 'none') throw new AppError('CONFLICT', '该通知无需反馈');
  if (!replyOpen(doc, ctx.now)) throw new AppError('CONFLICT', '反馈已截止，不能再提交或修改');
  const answer = answerOf(doc, input);

  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const read = (await readOf(ctx, doc._id)) ?? (await firstReading(ctx, doc));
    const at = ctx.now.toISOString();
    const reply = { ...answer, repliedAt: read.reply?.repliedAt ?? at, updatedAt: at };
    const writes: Write[] = [
      {
        op: 'update',
        collection: COLLECTIONS.noticeReads,
        id: read._id,
        patch: { set: { reply, replied: true } },
        expect: { replied: read.replied, 'reply.updatedAt': read.reply?.updatedAt ?? null },
      },
    ];
    if (!read.replied) {
      writes.push({
        op: 'update',
        collection: COLLECTIONS.notices,
        id: doc._id,
        patch: { inc: { replies: 1 } },
      });
    }
    try {
      await ctx.deps.store.batch(writes);
    } catch (error) {
      if (error instanceof StoreConflictError) continue;
      throw error;
    }
    const rules = await readPointsRules(ctx.deps);
    await awardPoints(ctx.deps, {
      memberId: ctx.principal.memberId,
      kind: 'noticeFeedback',
      refId: doc._id,
      points: rules.noticeFeedback,
      at: ctx.now,
    });
    return toDetail(doc, { ...read, replied: true, reply }, ctx.now);
  }
  throw new AppError('CONFLICT', '反馈提交过于频繁，请稍后重试');
}

/** The reply the notice's form takes: one of its options, or a text of 1-500 characters. */
function answerOf(doc: NoticeDoc, input: { choice?: string; text?: string }) {
  if (doc.reply.kind === 'choice') {
    if (input.choice === undefined || !doc.reply.options.includes(input.choice)) {
      throw new AppError('INVALID_INPUT', '请选择一项', { field: 'choice' });
    }
    return { choice: input.choice, text: null };
  }
  const text = (input.text ?? '').trim();
  if (text === '') throw new AppError('INVALID_INPUT', '请填写反馈内容', { field: 'text' });
  if (charCount(text) > 500) {
    throw new AppError('INVALID_INPUT', '反馈内容不能超过500个字', { field: 'text' });
  }
  return { choice: null, text };
}
