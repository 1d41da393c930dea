/**
 * Client-side paging for a table that holds every row (a roster preview): none below one page,
 * so a short list shows no pager.
 */
export function localPaging(total: number, pageSize = 10) {
  return total > pageSize ? { defaultCurrent: 1, defaultPageSize: pageSize, total } : undefined;
}
