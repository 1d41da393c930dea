import type { Page } from '../../typings/actions';
import { errorText } from '../utils/error-text';
import { appendNewRows, pagingState, readFirstPages } from '../utils/paged-rows';
import type { PageView } from './page-view';
import { followSessionError } from './session-flow';

/** How a list page shows its state: loading, or why it could not load. */
export interface LoadStateData {
  loading: boolean;
  loadError: string;
}

/** The data of a page with one paged list, its rows under `K` (`rows`, `entries`). */
export type PagedListData<K extends string, R> = ReturnType<typeof unreadList> & Record<K, R[]>;

/** A paged list's data before its first reading; the page adds its rows (`rows: [] as X[]`). */
export function unreadList() {
  return {
    loading: true,
    loadError: '',
    /** True once a list is shown: coming back to the page, or 下拉刷新, then re-reads it. */
    loaded: false,
    /** The last page shown (from 1). */
    page: 0,
    hasMore: false,
    loadingMore: false,
  };
}

/** The first opening and 重新加载: the loading state, then what `read` shows, or the error. */
export async function loadList(
  view: PageView<LoadStateData>,
  read: () => Promise<void>,
): Promise<void> {
  view.setData({ loading: true, loadError: '' });
  try {
    await read();
    view.setData({ loading: false });
  } catch (error) {
    if (followSessionError(error)) return;
    view.setData({ loading: false, loadError: errorText(error) });
  }
}

/** What is shown, read again; on failure it stays as it was (it was right), a toast says why. */
export async function rereadList(read: () => Promise<void>): Promise<void> {
  try {
    await read();
  } catch (error) {
    if (!followSessionError(error)) wx.showToast({ title: errorText(error), icon: 'none' });
  }
}

/**
 * 下拉刷新: nothing while the first load runs; from the error state (nothing shown yet) it is
 * 重新加载, the page's `load`, else `reread`. WeChat's pull-down animation ends either way.
 */
export async function refreshList(
  view: PageView<{ loading: boolean; loaded: boolean }> & { load(): Promise<void> },
  reread: () => Promise<void>,
): Promise<void> {
  try {
    if (view.data.loading) return;
    if (!view.data.loaded) await view.load();
    else await reread();
  } finally {
    wx.stopPullDownRefresh();
  }
}

export interface PagedListOptions<T, R, K extends string, V> {
  rowsKey: K;
  /** One page (from 1) of the list; `view` for what else the page asks with (a year). */
  fetch(page: number, view: V): Promise<Page<T>>;
  toRow(item: T): R;
  /** More data from each page read: after pages read again (`reread`) or by 加载更多 (`more`). */
  extra?(last: Page<T>, view: V, from: 'reread' | 'more'): WechatMiniprogram.IAnyObject;
}

/**
 * The reading of one page's paged list, made once per page file. Answers of a 加载更多
 * started before a re-read are dropped: the re-read replaces the list.
 */
export function pagedList<
  T extends { id: string },
  R extends { id: string },
  K extends string,
  V extends PageView<PagedListData<K, R>> = PageView<PagedListData<K, R>>,
>(options: PagedListOptions<T, R, K, V>) {
  const { rowsKey, fetch, toRow, extra } = options;
  let sequence = 0;

  /** Starts a reading that replaces the list: the answer says whether it still may. */
  function begin(): () => boolean {
    const mine = ++sequence;
    return () => mine === sequence;
  }

  /** Pages 1 to `count` read again, in place of what is shown. */
  async function readPages(view: V, count: number): Promise<void> {
    const current = begin();
    const { rows, last } = await readFirstPages((page) => fetch(page, view), toRow, count);
    if (!current()) return;
    view.setData({
      [rowsKey]: rows,
      ...pagingState(last),
      loadingMore: false,
      loaded: true,
      ...extra?.(last, view, 'reread'),
    });
  }

  /** The first opening and 重新加载: the first page. */
  function load(view: V): Promise<void> {
    return loadList(view, () => readPages(view, 1));
  }

  /** Pages 1 to `count` (those shown unless told) read again, in place of what is shown. */
  function reread(view: V, count = view.data.page): Promise<void> {
    return rereadList(() => readPages(view, Math.max(1, count)));
  }

  /** 加载更多: the next page below the rows shown; on failure they stay, a toast says why. */
  async function loadMore(view: V): Promise<void> {
    if (view.data.loadingMore || !view.data.hasMore) return;
    const started = sequence;
    const current = () => started === sequence;
    view.setData({ loadingMore: true });
    try {
      const next = await fetch(view.data.page + 1, view);
      if (!current()) return;
      view.setData({
        [rowsKey]: appendNewRows(view.data[rowsKey], next.items, toRow),
        ...pagingState(next),
        ...extra?.(next, view, 'more'),
      });
    } catch (error) {
      if (!current() || followSessionError(error)) return;
      wx.showToast({ title: errorText(error), icon: 'none' });
    } finally {
      if (current()) view.setData({ loadingMore: false });
    }
  }

  return { begin, readPages, load, reread, loadMore };
}
