import type { Doc, DocumentStore } from '../ports/store';

/** Ids asked for in one query: well inside the cloud database's 1000 documents a query. */
const IDS_PER_QUERY = 500;

/**
 * The documents of `ids` by id; repeated and missing ids are fine. Each query names its own
 * limit, since a find without one answers only 100 documents (the cloud's default, which
 * the SQLite store keeps), and a page of 500 rows would otherwise lose its members.
 */
export async function findByIds<T extends Doc>(
  store: DocumentStore,
  collection: string,
  ids: readonly string[],
): Promise<Map<string, T>> {
  const unique = [...new Set(ids)];
  const found = new Map<string, T>();
  for (let start = 0; start < unique.length; start += IDS_PER_QUERY) {
    const chunk = unique.slice(start, start + IDS_PER_QUERY);
    const docs = await store.find<T>(
      collection,
      { where: { _id: { in: chunk } } },
      { limit: chunk.length },
    );
    for (const doc of docs) found.set(doc._id, doc);
  }
  return found;
}
