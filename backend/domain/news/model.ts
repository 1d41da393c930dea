import type {
  AdminNews,
  ContentFile,
  ContentStatus,
  Instant,
  NewsDetail,
  NewsSummary,
} from '../../../typings';
import type { Doc } from '../../ports/store';
import { excerpt } from '../content/rich-text';

/** One 机构动态. `requestKey` (admin:requestId, unique) makes a draft's creation idempotent. */
export interface NewsDoc extends Doc {
  requestKey: string;
  title: string;
  /** Sanitised on the way in (content/rich-text.ts). */
  html: string;
  /** A JPEG or PNG kept under `news/<id>/` (files/attachments.ts), or none. */
  cover: ContentFile | null;
  status: ContentStatus;
  createdAt: Instant;
  createdBy: string;
  updatedAt: Instant;
  publishedAt: Instant | null;
  /** Members who opened it while logged in, counted with their first view. */
  viewers: number;
  /** Counts the edits: a save is guarded on the version it read (a clock may repeat). */
  version: number;
}

/**
 * A member's first opening of a news item. `_id` is `newsId:memberId`, so the view (and
 * the viewer count with it) is recorded once however many taps race.
 */
export interface NewsViewDoc extends Doc {
  newsId: string;
  memberId: string;
  viewedAt: Instant;
}

export const viewId = (newsId: string, memberId: string) => `${newsId}:${memberId}`;

/** The same answer for a draft, a withdrawn item and one that never existed. */
export const NEWS_NOT_FOUND = '动态不存在或已撤回';

export function toNewsSummary(doc: NewsDoc, coverUrl: string | null): NewsSummary {
  return {
    id: doc._id,
    title: doc.title,
    coverUrl,
    publishedAt: doc.publishedAt ?? doc.createdAt,
    excerpt: excerpt(doc.html),
  };
}

export function toNewsDetail(doc: NewsDoc, coverUrl: string | null): NewsDetail {
  return { ...toNewsSummary(doc, coverUrl), html: doc.html };
}

export function toAdminNews(doc: NewsDoc): AdminNews {
  return {
    id: doc._id,
    title: doc.title,
    html: doc.html,
    cover: doc.cover,
    status: doc.status,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    publishedAt: doc.publishedAt,
    viewers: doc.viewers,
  };
}
