/**
 * The document store port. Domain code reads and writes documents through this interface only;
 * the SQLite adapter (local runs, tests) and the CloudBase adapter (WeChat Cloud) implement it.
 *
 * The shape follows the cloud database: collections of JSON documents keyed by a string `_id`.
 * Exactly-once effects rest on deterministic `_id`s and unique indexes (an insert that collides
 * fails with `StoreConflictError`), never on read-then-write.
 */

/** A stored document: any JSON object with a string id. */
export interface Doc {
  _id: string;
  [field: string]: unknown;
}

/** A JSON value a filter compares against. */
export type Scalar = string | number | boolean | null;

/**
 * A condition on one field (dotted paths reach into nested objects). A bare scalar means
 * equality; `null` matches a missing field as well as an explicit null, as in the cloud.
 */
export type Condition =
  | Scalar
  | { gt: number | string }
  | { gte: number | string }
  | { lt: number | string }
  | { lte: number | string }
  | { ne: Scalar }
  | { in: Scalar[] }
  /** Case-sensitive substring match on a string field (for admin search). */
  | { contains: string };

/** All conditions must hold; `or` adds alternatives of which at least one must hold. */
export interface Filter {
  where?: Record<string, Condition>;
  or?: Record<string, Condition>[];
}

export interface FindOptions {
  orderBy?: { field: string; direction: 'asc' | 'desc' }[];
  /** At most 1000, the cloud database's cap for one query. */
  limit?: number;
  skip?: number;
}

/**
 * A partial update: `set` assigns fields (dotted paths allowed), `inc` adds to numbers (a
 * missing field counts as 0), `unset` removes fields.
 */
export interface Patch {
  set?: Record<string, unknown>;
  inc?: Record<string, number>;
  unset?: string[];
}

/** One write of a batch; a batch applies all of its writes or none. */
export type Write =
  | { op: 'insert'; collection: string; doc: Doc }
  | {
      op: 'update';
      collection: string;
      id: string;
      patch: Patch;
      /** Conditions the document must meet; otherwise the batch fails with a conflict. */
      expect?: Record<string, Condition>;
    }
  | { op: 'remove'; collection: string; id: string };

export interface DocumentStore {
  get<T extends Doc>(collection: string, id: string): Promise<T | null>;
  find<T extends Doc>(collection: string, filter?: Filter, options?: FindOptions): Promise<T[]>;
  count(collection: string, filter?: Filter): Promise<number>;

  /** Fails with `StoreConflictError` when the id or a unique index value is taken. */
  insert(collection: string, doc: Doc): Promise<void>;

  /**
   * Updates one document if it exists and meets `expect`; answers whether it did. A guarded
   * update is how a state change happens once when two callers race.
   */
  update(
    collection: string,
    id: string,
    patch: Patch,
    expect?: Record<string, Condition>,
  ): Promise<boolean>;

  /** Removes one document; answers whether it existed. */
  remove(collection: string, id: string): Promise<boolean>;

  /** Removes every document matching the filter; answers how many. */
  removeWhere(collection: string, filter: Filter): Promise<number>;

  /**
   * Applies the writes in order as one transaction. An insert that collides, an update whose
   * document is missing or fails `expect`: the whole batch is rolled back and the call fails
   * with `StoreConflictError`.
   */
  batch(writes: Write[]): Promise<void>;
}

/** An insert collided with an existing id or unique value, or a batch's guard failed. */
export class StoreConflictError extends Error {
  constructor(
    message: string,
    readonly collection: string,
  ) {
    super(message);
    this.name = 'StoreConflictError';
  }
}

/** The store could not be reached or answered with an error that is not a conflict. */
export class StoreUnavailableError extends Error {
  constructor(
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}
