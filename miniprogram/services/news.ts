import type { NewsDetail, NewsSummary, Page } from '../../typings/actions';
import { absoluteFileUrl } from './file-url';
import { callAction } from './transport';

/**
 * Items per 加载更多 on the landing page. Each row's cover is a fresh link the backend mints
 * (it takes at most 50), so a page is a short one.
 */
export const NEWS_PAGE_SIZE = 10;

function withCoverUrl<T extends NewsSummary>(item: T): T {
  return item.coverUrl ? { ...item, coverUrl: absoluteFileUrl(item.coverUrl) } : item;
}

/** One page (from 1) of the published 机构动态, newest first: public, no login needed. */
export async function listNews(page: number): Promise<Page<NewsSummary>> {
  const answer = await callAction('news.list', { page, pageSize: NEWS_PAGE_SIZE });
  return { ...answer, items: answer.items.map(withCoverUrl) };
}

/**
 * Opens one item, for anyone; a logged-in member's first opening earns 查看机构动态 (the
 * backend keeps count, however often it is opened).
 */
export async function viewNews(newsId: string): Promise<NewsDetail> {
  return withCoverUrl(await callAction('news.view', { newsId }));
}
