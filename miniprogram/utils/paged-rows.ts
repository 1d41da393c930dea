import type { Page } from '../../typings/actions';

/**
 * `shown` followed by the rows of the next page that are not shown yet. Lists are newest
 * first, so an item added while the member reads pushes older ones down and the next page
 * repeats them: those are left out, by id.
 */
export function appendNewRows<T extends { id: string }, R extends { id: string }>(
  shown: readonly R[],
  next: readonly T[],
  toRow: (item: T) => R,
): R[] {
  const ids = new Set(shown.map((row) => row.id));
  return [...shown, ...next.filter((item) => !ids.has(item.id)).map(toRow)];
}

/** True while `page` is not the last one of its list. */
export function hasMorePages(page: Page<unknown>): boolean {
  return page.page * page.pageSize < page.total;
}

/** What a page's data says of the pages shown: the last one (from 1) and whether more follow. */
export function pagingState(last: Page<unknown>): { page: number; hasMore: boolean } {
  return { page: last.page, hasMore: hasMorePages(last) };
}

/**
 * Pages 1 to `count` of a list, read one after the other (fewer when the list is shorter),
 * as rows: the rows and the last page read.
 */
export async function readFirstPages<T extends { id: string }, R extends { id: string }>(
  fetch: (page: number) => Promise<Page<T>>,
  toRow: (item: T) => R,
  count: number,
): Promise<{ rows: R[]; last: Page<T> }> {
  let last = await fetch(1);
  let rows = appendNewRows([], last.items, toRow);
  while (last.page < count && hasMorePages(last)) {
    last = await fetch(last.page + 1);
    rows = appendNewRows(rows, last.items, toRow);
  }
  return { rows, last };
}
