import type { NewsDetail, NewsSummary } from '../../typings/actions';
import { richTextHtml, shanghaiDate } from './content-view';
import { appendNewRows } from './paged-rows';

/** One row of the landing page's 机构动态. */
export interface NewsRow {
  id: string;
  title: string;
  /** The Beijing calendar date of publication. */
  date: string;
  /** The cover's short-lived link, or '' without a cover (the row then has no thumbnail). */
  coverUrl: string;
  excerpt: string;
}

/** A news item as its page shows it. */
export interface NewsView {
  id: string;
  title: string;
  date: string;
  coverUrl: string;
  /** The sanitised HTML, with the inline layout rich-text needs. */
  html: string;
}

export function toNewsRow(summary: NewsSummary): NewsRow {
  return {
    id: summary.id,
    title: summary.title,
    date: shanghaiDate(summary.publishedAt),
    coverUrl: summary.coverUrl ?? '',
    excerpt: summary.excerpt,
  };
}

/** The rows shown followed by the next page's, without the items a newer one pushed down. */
export function appendNewsRows(shown: NewsRow[], next: NewsSummary[]): NewsRow[] {
  return appendNewRows(shown, next, toNewsRow);
}

export function toNewsView(news: NewsDetail): NewsView {
  return {
    id: news.id,
    title: news.title,
    date: shanghaiDate(news.publishedAt),
    coverUrl: news.coverUrl ?? '',
    html: richTextHtml(news.html),
  };
}
