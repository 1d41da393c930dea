/**
 * The setData patch that changes one row of a list in a page's data (`files`, `vouchers`),
 * found by its key, without sending the whole list again; null when the row is gone (removed
 * while its upload was still running).
 */
export function rowPatch<T extends { key: string }>(
  rows: readonly T[],
  path: string,
  key: string,
  change: Partial<T>,
): Record<string, unknown> | null {
  const index = rows.findIndex((row) => row.key === key);
  if (index < 0) return null;
  return Object.fromEntries(
    Object.entries(change).map(([field, value]) => [`${path}[${index}].${field}`, value]),
  );
}
