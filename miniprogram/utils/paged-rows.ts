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
