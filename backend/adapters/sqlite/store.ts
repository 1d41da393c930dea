import Database from 'better-sqlite3';
import { COLLECTIONS, INDEXES, type CollectionName } from '../../schema/collections';
import {
  StoreConflictError,
  StoreUnavailableError,
  type Condition,
  type Doc,
  type DocumentStore,
  type Filter,
  type FindOptions,
  type Patch,
  type Write,
} from '../../ports/store';
import { applyPatch } from './patch';
import { compileFilter, compileOptions, fieldExpr } from './sql';

/** The cloud database's caps, kept here so local runs fail where the cloud would. */
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

export interface SqliteStore extends DocumentStore {
  /** The underlying connection, for benchmarks and tests that count statements. */
  readonly db: Database.Database;
  close(): void;
}

/**
 * The local document store: one table per collection (`_id`, `doc` JSON), an expression index
 * for every declared index, WAL mode. better-sqlite3 is synchronous, so each call (and each
 * batch) runs to completion before another starts: guarded updates are atomic here.
 */
export function createSqliteStore(filename: string): SqliteStore {
  const db = new Database(filename);
  if (filename !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  createSchema(db);

  const table = (collection: string): string => {
    if (!KNOWN.has(collection)) throw new StoreUnavailableError(`unknown collection ${collection}`);
    return `"${collection}"`;
  };

  const read = (row: { _id: string; doc: string } | undefined): Doc | null =>
    row ? { ...(JSON.parse(row.doc) as Record<string, unknown>), _id: row._id } : null;

  const getSync = (collection: string, id: string): Doc | null =>
    read(
      db.prepare(`SELECT _id, doc FROM ${table(collection)} WHERE _id = ?`).get(id) as
        { _id: string; doc: string } | undefined,
    );

  const insertSync = (collection: string, doc: Doc): void => {
    const { _id, ...rest } = doc;
    try {
      db.prepare(`INSERT INTO ${table(collection)} (_id, doc) VALUES (?, ?)`).run(
        _id,
        JSON.stringify(rest),
      );
    } catch (error) {
      throw mapError(error, collection);
    }
  };

  const matchesSync = (collection: string, id: string, expect: Record<string, Condition>) => {
    const where = compileFilter({ where: expect });
    const row = db
      .prepare(`SELECT 1 FROM ${table(collection)} WHERE _id = ? AND (${where.sql})`)
      .get(id, ...where.params);
    return row !== undefined;
  };

  const updateSync = (
    collection: string,
    id: string,
    patch: Patch,
    expect?: Record<string, Condition>,
  ): boolean => {
    const current = getSync(collection, id);
    if (!current) return false;
    if (expect && !matchesSync(collection, id, expect)) return false;
    const { _id, ...next } = applyPatch(current, patch);
    try {
      db.prepare(`UPDATE ${table(collection)} SET doc = ? WHERE _id = ?`).run(
        JSON.stringify(next),
        id,
      );
    } catch (error) {
      throw mapError(error, collection);
    }
    return true;
  };

  const removeSync = (collection: string, id: string): boolean =>
    db.prepare(`DELETE FROM ${table(collection)} WHERE _id = ?`).run(id).changes > 0;

  const runBatch = db.transaction((writes: Write[]) => {
    for (const write of writes) {
      if (write.op === 'insert') insertSync(write.collection, write.doc);
      else if (write.op === 'remove') removeSync(write.collection, write.id);
      else if (!updateSync(write.collection, write.id, write.patch, write.expect)) {
        throw new StoreConflictError(
          `guarded update of ${write.collection} did not apply`,
          write.collection,
        );
      }
    }
  });

  return {
    db,
    close: () => db.close(),

    async get<T extends Doc>(collection: string, id: string) {
      return getSync(collection, id) as T | null;
    },

    async find<T extends Doc>(collection: string, filter?: Filter, options: FindOptions = {}) {
      const where = compileFilter(filter);
      const tail = compileOptions(options, DEFAULT_LIMIT, MAX_LIMIT);
      const rows = db
        .prepare(`SELECT _id, doc FROM ${table(collection)} WHERE ${where.sql}${tail}`)
        .all(...where.params) as { _id: string; doc: string }[];
      return rows.map((row) => read(row) as T);
    },

    async count(collection: string, filter?: Filter) {
      const where = compileFilter(filter);
      const row = db
        .prepare(`SELECT count(*) AS n FROM ${table(collection)} WHERE ${where.sql}`)
        .get(...where.params) as { n: number };
      return row.n;
    },

    async insert(collection: string, doc: Doc) {
      insertSync(collection, doc);
    },

    async update(collection, id, patch, expect) {
      return updateSync(collection, id, patch, expect);
    },

    async remove(collection: string, id: string) {
      return removeSync(collection, id);
    },

    async removeWhere(collection: string, filter: Filter) {
      const where = compileFilter(filter);
      return db.prepare(`DELETE FROM ${table(collection)} WHERE ${where.sql}`).run(...where.params)
        .changes;
    },

    async batch(writes: Write[]) {
      try {
        runBatch(writes);
      } catch (error) {
        throw error instanceof StoreConflictError ? error : mapError(error, 'batch');
      }
    },
  };
}

const KNOWN = new Set<string>(Object.values(COLLECTIONS));

function createSchema(db: Database.Database): void {
  const create = db.transaction(() => {
    for (const name of Object.values(COLLECTIONS) as CollectionName[]) {
      db.exec(`CREATE TABLE IF NOT EXISTS "${name}" (_id TEXT PRIMARY KEY, doc TEXT NOT NULL)`);
      for (const index of INDEXES[name]) {
        const keys = index.fields
          .map((f) => `${fieldExpr(f.field)} ${f.direction === 'desc' ? 'DESC' : 'ASC'}`)
          .join(', ');
        const unique = index.unique ? 'UNIQUE ' : '';
        db.exec(
          `CREATE ${unique}INDEX IF NOT EXISTS "${name}__${index.name}" ON "${name}" (${keys})`,
        );
      }
    }
  });
  create();
}

function mapError(error: unknown, collection: string): Error {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
    return new StoreConflictError(`duplicate key in ${collection}`, collection);
  }
  if (error instanceof StoreConflictError || error instanceof StoreUnavailableError) return error;
  return new StoreUnavailableError(`sqlite error in ${collection}`, { code });
}
