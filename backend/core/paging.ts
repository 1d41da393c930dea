import type { Doc, DocumentStore, Filter, FindOptions } from '../ports/store';

/** A page of documents and the count of all that match, for every paged list. */
export interface DocPage<T> {
  docs: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * One page of `collection` in `orderBy` order, with the total count, read together. `page`
 * counts from 1; the defaults are the lists' own (page 1 of 20).
 */
export async function findPage<T extends Doc>(
  store: DocumentStore,
  collection: string,
  filter: Filter,
  orderBy: NonNullable<FindOptions['orderBy']>,
  input: { page?: number; pageSize?: number },
): Promise<DocPage<T>> {
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  const [total, docs] = await Promise.all([
    store.count(collection, filter),
    store.find<T>(collection, filter, { orderBy, skip: (page - 1) * pageSize, limit: pageSize }),
  ]);
  return { docs, total, page, pageSize };
}

/** Newest created first; documents written at one instant keep a stable order across pages. */
export const NEWEST_FIRST: NonNullable<FindOptions['orderBy']> = [
  { field: 'createdAt', direction: 'desc' },
  { field: '_id', direction: 'asc' },
];

/** Documents read per query when a task reads them all (the cloud database answers 1000). */
const ALL_PAGE = 500;

/** Every document of `filter` in `orderBy` order, page by page: for exports and year lists. */
export async function* allPages<T extends Doc>(
  store: DocumentStore,
  collection: string,
  filter: Filter,
  orderBy: NonNullable<FindOptions['orderBy']>,
): AsyncGenerator<T[]> {
  for (let skip = 0; ; skip += ALL_PAGE) {
    const docs = await store.find<T>(collection, filter, { orderBy, skip, limit: ALL_PAGE });
    yield docs;
    if (docs.length < ALL_PAGE) return;
  }
}
