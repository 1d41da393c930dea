import type { DocumentStore } from '../backend/ports/store';

/** Store calls by kind: a read is get/find/count, a write is insert/update/remove or a batch's write. */
export interface StoreCounts {
  reads: number;
  writes: number;
}

/** Wraps a store so a benchmark can count the calls one action makes. */
export function countingStore(
  inner: DocumentStore,
): DocumentStore & { counts: StoreCounts; reset(): void } {
  const counts: StoreCounts = { reads: 0, writes: 0 };
  const read =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    (...args: A) => {
      counts.reads += 1;
      return fn(...args);
    };
  const write =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    (...args: A) => {
      counts.writes += 1;
      return fn(...args);
    };
  return {
    counts,
    reset() {
      counts.reads = 0;
      counts.writes = 0;
    },
    get: read(inner.get.bind(inner)) as DocumentStore['get'],
    find: read(inner.find.bind(inner)) as DocumentStore['find'],
    count: read(inner.count.bind(inner)),
    insert: write(inner.insert.bind(inner)),
    update: write(inner.update.bind(inner)),
    remove: write(inner.remove.bind(inner)),
    removeWhere: write(inner.removeWhere.bind(inner)),
    async batch(writes) {
      counts.writes += writes.length;
      return inner.batch(writes);
    },
  };
}
