/**
 * The document store over the CloudBase (WeChat Cloud) database. Two SDKs reach it: wx-server-sdk
 * 4.0 inside the cloud function (`cloud.database()`) and @cloudbase/node-sdk 3.17 from Node
 * scripts (`app.database()`). Both drive @cloudbase/database 1.4.3, but wx-server-sdk wraps every
 * call. What differs (read in node_modules: wx-server-sdk/index.js, @cloudbase/database/src,
 * @cloudbase/node-sdk/src; codes in docs.cloudbase.net/error-code):
 * - payloads: wx `add({ data })`, `update({ data })`; node `add(fields)`, `update(fields)`.
 * - `add`: wx answers `{ _id }`, node `{ id }` (`{ id, inserted, ok }` in a transaction).
 *   `doc().create()` exists only inside @cloudbase/database (undocumented, absent from its
 *   .d.ts, same `insertDocument` request as `add`); wx has none; `set()` upserts. So inserts
 *   go through `add` with `_id` in both; a taken id fails with DATABASE_DUPLICATE_WRITE.
 * - `doc().get()`: wx `{ data: doc }`, and a missing document throws `document.get:fail
 *   document with _id … does not exist` with errCode -1 (`{ data: null }` when the database was
 *   made with `throwOnNotFound: false`); node `{ data: [doc] }` or `{ data: [] }`, and
 *   `{ data: doc | null }` inside a transaction.
 * - counts: wx `{ stats: { updated } }` / `{ stats: { removed } }`; node `{ updated }` /
 *   `{ deleted }`.
 * - errors: node throws TcbError `{ code, message, requestId }`, or returns it after
 *   `setThrowOnCode(false)`; wx throws an Error whose errCode maps the code through its own table
 *   (unknown codes, DATABASE_DUPLICATE_WRITE among them, become -501001) and whose errMsg is
 *   `api:fail <errCode> <text>. <server message>`: the string code is gone. So duplicates are
 *   known by code or by an E11000 / duplicate key message (a community report saw -502001).
 * - transactions: @cloudbase/database retries DATABASE_TRANSACTION_CONFLICT by `error.code`;
 *   wx's wrappers drop the code, so only node-sdk retries. Errors leave our callback unwrapped.
 * - both serialise alike: a plain object in an update is flattened into dotted `$set` paths
 *   (a merge), and field-level `command.or` is hoisted into one `$or` shared by every field of
 *   the same object; hence `command.set` for whole values and one `and` clause per condition.
 *   `get()` returns 100 without `limit()`, `limit()` caps at 1000, `limit(0)` means 100.
 */
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

export type CloudSdk = 'wx-server-sdk' | 'node-sdk';

/** The query chain as both SDKs expose it; results are awaited and narrowed here. */
export interface CloudQuery {
  where(query: object): CloudQuery;
  orderBy(field: string, direction: 'asc' | 'desc'): CloudQuery;
  skip(offset: number): CloudQuery;
  limit(max: number): CloudQuery;
  get(): unknown;
  count(): unknown;
  update(payload: object | undefined): unknown;
  remove(): unknown;
}

export interface CloudDocumentRef {
  get(): unknown;
  update(payload: object | undefined): unknown;
  remove(): unknown;
}

export interface CloudCollection extends CloudQuery {
  doc(id: string): CloudDocumentRef;
  add(payload: object | undefined): unknown;
}

/** Inside a transaction only single-document operations exist. */
export interface CloudTransaction {
  collection(name: string): Pick<CloudCollection, 'doc' | 'add'>;
}

export interface CloudCommand {
  eq(value: unknown): object;
  neq(value: unknown): object;
  gt(value: unknown): object;
  gte(value: unknown): object;
  lt(value: unknown): object;
  lte(value: unknown): object;
  in(values: unknown[]): object;
  exists(present: boolean): object;
  and(clauses: object[]): object;
  or(clauses: object[]): object;
  set(value: unknown): object;
  inc(delta: number): object;
  remove(): object;
}

/** `cloud.database()` of wx-server-sdk or `app.database()` of @cloudbase/node-sdk. */
export interface CloudDatabase {
  readonly command: CloudCommand;
  RegExp(options: { regexp: string; options?: string }): object;
  collection(name: string): CloudCollection;
  runTransaction(callback: (transaction: CloudTransaction) => Promise<unknown>): unknown;
  createCollection(name: string): unknown;
}

export interface CloudbaseStoreOptions {
  /** Which SDK made `db`: it decides payload and result shapes. */
  sdk: CloudSdk;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
/** Runs of a batch that meets concurrent transactions; then the conflict is the answer. */
const BATCH_ATTEMPTS = 3;

/**
 * A `DocumentStore` over the cloud database chain of either SDK. Guarded updates are one
 * `where({ _id, ...expect }).update()`; batches run in `db.runTransaction`.
 */
export function createCloudbaseStore(
  db: CloudDatabase,
  options: CloudbaseStoreOptions,
): DocumentStore {
  const { sdk } = options;
  const wx = sdk === 'wx-server-sdk';
  const cmd = db.command;
  const wrap = (fields: object): object => (wx ? { data: fields } : fields);

  const run = async (operation: string, collection: string, step: () => unknown) => {
    try {
      return checked(await step());
    } catch (error) {
      throw toStoreError(error, { sdk, operation, collection });
    }
  };
  const query = (collection: string, filter?: Filter) =>
    db.collection(collection).where(compileFilter(db, filter));
  const guarded = (id: string, expect: Record<string, Condition> = {}) =>
    cmd.and([{ _id: id }, ...conditionClauses(db, expect)]);

  const readUpdated = (res: unknown, collection: string): number =>
    readNumber(wx ? field(res, 'stats', 'updated') : field(res, 'updated'), 'update', collection);
  const readRemoved = (res: unknown, collection: string): number =>
    readNumber(wx ? field(res, 'stats', 'removed') : field(res, 'deleted'), 'remove', collection);
  const checkAddedId = (res: unknown, doc: Doc, collection: string): void => {
    if (field(res, wx ? '_id' : 'id') !== doc._id) {
      throw unexpected('insert', collection, 'answered another _id');
    }
  };

  const readDoc = (res: unknown): Doc | null => {
    const data = field(res, 'data');
    const doc = Array.isArray(data) ? data[0] : data;
    return isRecord(doc) ? (doc as Doc) : null;
  };

  type UpdateWrite = Extract<Write, { op: 'update' }>;
  const getInTransaction = async (t: CloudTransaction, write: UpdateWrite) => {
    try {
      return readDoc(checked(await t.collection(write.collection).doc(write.id).get()));
    } catch (error) {
      if (wx && isMissingDocument(readFailure(error))) return null;
      throw error;
    }
  };

  // Raw SDK errors leave this function so that @cloudbase/database still sees their `code`
  // (it retries transaction conflicts) and rolls back; `batch` normalises them afterwards.
  const applyInTransaction = async (t: CloudTransaction, write: Write): Promise<void> => {
    const coll = t.collection(write.collection);
    if (write.op === 'insert') {
      checkAddedId(checked(await coll.add(wrap({ ...write.doc }))), write.doc, write.collection);
      return;
    }
    if (write.op === 'remove') {
      checked(await coll.doc(write.id).remove());
      return;
    }
    const current = await getInTransaction(t, write);
    if (!current || (write.expect && !matchesAll(current, write.expect))) {
      throw new StoreConflictError(
        `guarded update of ${write.collection} did not apply`,
        write.collection,
      );
    }
    const data = compilePatch(cmd, write.patch);
    if (Object.keys(data).length > 0) checked(await coll.doc(write.id).update(wrap(data)));
  };

  return {
    async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
      try {
        return readDoc(checked(await db.collection(collection).doc(id).get())) as T | null;
      } catch (error) {
        if (wx && isMissingDocument(readFailure(error))) return null;
        throw toStoreError(error, { sdk, operation: 'get', collection });
      }
    },

    async find<T extends Doc>(collection: string, filter?: Filter, opts: FindOptions = {}) {
      const limit = clampLimit(opts.limit);
      if (limit === 0) return [];
      const order = [...(opts.orderBy ?? [])];
      // `_id` breaks ties so that pages never overlap, as in the SQLite adapter.
      if (!order.some((o) => o.field === '_id')) order.push({ field: '_id', direction: 'asc' });
      const res = await run('find', collection, () => {
        let chain = query(collection, filter);
        for (const o of order) chain = chain.orderBy(o.field, o.direction);
        const skip = Math.max(Math.trunc(opts.skip ?? 0), 0);
        if (skip > 0) chain = chain.skip(skip);
        return chain.limit(limit).get();
      });
      const data = field(res, 'data');
      if (!Array.isArray(data)) throw unexpected('find', collection, 'answered no data list');
      return data as T[];
    },

    async count(collection: string, filter?: Filter) {
      const res = await run('count', collection, () => query(collection, filter).count());
      return readNumber(field(res, 'total'), 'count', collection);
    },

    async insert(collection: string, doc: Doc) {
      const res = await run('insert', collection, () =>
        db.collection(collection).add(wrap({ ...doc })),
      );
      checkAddedId(res, doc, collection);
    },

    async update(collection, id, patch, expect) {
      const data = compilePatch(cmd, patch);
      if (Object.keys(data).length === 0) {
        // Both SDKs reject an empty update: answer whether the document exists and matches.
        const res = await run('update', collection, () =>
          db.collection(collection).where(guarded(id, expect)).count(),
        );
        return readNumber(field(res, 'total'), 'update', collection) > 0;
      }
      const res = await run('update', collection, () =>
        expect && Object.keys(expect).length > 0
          ? db.collection(collection).where(guarded(id, expect)).update(wrap(data))
          : db.collection(collection).doc(id).update(wrap(data)),
      );
      return readUpdated(res, collection) === 1;
    },

    async remove(collection: string, id: string) {
      const removeOne = () => db.collection(collection).doc(id).remove();
      const res = await run('remove', collection, removeOne);
      return readRemoved(res, collection) > 0;
    },

    async removeWhere(collection: string, filter: Filter) {
      const res = await run('removeWhere', collection, () => query(collection, filter).remove());
      return readRemoved(res, collection);
    },

    async batch(writes: Write[]) {
      if (writes.length === 0) return;
      for (let attempt = 1; ; attempt += 1) {
        let current: Write | undefined;
        try {
          const res = await db.runTransaction(async (t) => {
            for (const write of writes) {
              current = write;
              await applyInTransaction(t, write);
            }
          });
          checked(res);
          return;
        } catch (error) {
          // A failed guard or a taken id: the batch's own answer, never retried.
          if (error instanceof StoreConflictError) throw error;
          // Two transactions on one document (two awards to one member's total): node-sdk
          // retries these itself, wx-server-sdk does not. Run again, re-reading the guards.
          const retry = isTransactionConflict(readFailure(error)) && attempt < BATCH_ATTEMPTS;
          if (retry) continue;
          const collection = current?.collection ?? 'batch';
          throw toStoreError(error, { sdk, operation: `batch ${current?.op ?? ''}`, collection });
        }
      }
    },
  };
}

/** Compiles a port filter; `{}` matches every document. */
export function compileFilter(db: Pick<CloudDatabase, 'command' | 'RegExp'>, filter?: Filter) {
  const clauses = conditionClauses(db, filter?.where ?? {});
  const alternatives = (filter?.or ?? []).map((alt) => {
    const all = conditionClauses(db, alt);
    return all.length === 1 && all[0] ? all[0] : db.command.and(all);
  });
  if (alternatives.length > 0) clauses.push(db.command.or(alternatives));
  return clauses.length === 0 ? {} : db.command.and(clauses);
}

/** One clause object per condition: field-level `or`s sharing an object would be merged. */
function conditionClauses(
  db: Pick<CloudDatabase, 'command' | 'RegExp'>,
  where: Record<string, Condition>,
): object[] {
  const cmd = db.command;
  const missing = () => [cmd.eq(null), cmd.exists(false)];
  return Object.entries(where).map(([path, c]): object => {
    if (c === null) return { [path]: cmd.or(missing()) };
    if (typeof c !== 'object') return { [path]: c };
    if ('gt' in c) return { [path]: cmd.gt(c.gt) };
    if ('gte' in c) return { [path]: cmd.gte(c.gte) };
    if ('lt' in c) return { [path]: cmd.lt(c.lt) };
    if ('lte' in c) return { [path]: cmd.lte(c.lte) };
    if ('ne' in c) {
      const present = () => cmd.and([cmd.neq(null), cmd.exists(true)]);
      return { [path]: c.ne === null ? present() : cmd.neq(c.ne) };
    }
    if ('contains' in c) {
      return { [path]: db.RegExp({ regexp: escapeRegExp(c.contains), options: '' }) };
    }
    const values = c.in.filter((v) => v !== null);
    if (values.length === c.in.length) return { [path]: cmd.in(values) };
    return { [path]: cmd.or([cmd.in(values), ...missing()]) };
  });
}

/** Update data for either SDK; whole objects and arrays are replaced, not merged. */
function compilePatch(cmd: CloudCommand, patch: Patch): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(patch.set ?? {})) {
    const replaced = value !== null && typeof value === 'object' && !(value instanceof Date);
    data[path] = replaced ? cmd.set(value) : (value ?? null);
  }
  for (const [path, delta] of Object.entries(patch.inc ?? {})) data[path] = cmd.inc(delta);
  for (const path of patch.unset ?? []) data[path] = cmd.remove();
  return data;
}

function clampLimit(limit: number | undefined): number {
  return Math.min(Math.max(Math.trunc(limit ?? DEFAULT_LIMIT), 0), MAX_LIMIT);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Evaluates port conditions on a document read inside a transaction (same rules as filters). */
function matchesAll(doc: Doc, expect: Record<string, Condition>): boolean {
  return Object.entries(expect).every(([path, c]) => matches(readPath(doc, path), c));
}

function matches(value: unknown, c: Condition): boolean {
  const absent = value === null || value === undefined;
  if (c === null) return absent;
  if (typeof c !== 'object') return value === c;
  if ('gt' in c) return compare(value, c.gt) > 0;
  if ('gte' in c) return compare(value, c.gte) >= 0;
  if ('lt' in c) return compare(value, c.lt) < 0;
  if ('lte' in c) return compare(value, c.lte) <= 0;
  if ('ne' in c) return c.ne === null ? !absent : value !== c.ne;
  if ('contains' in c) return typeof value === 'string' && value.includes(c.contains);
  return c.in.some((v) => (v === null ? absent : v === value));
}

/** Orders values of the bound's type only, as the database does; others never match (NaN). */
function compare(value: unknown, bound: number | string): number {
  if (typeof value !== typeof bound) return Number.NaN;
  const v = value as number | string;
  return v === bound ? 0 : v > bound ? 1 : -1;
}

function readPath(doc: Doc, path: string): unknown {
  let node: unknown = doc;
  for (const key of path.split('.')) node = isRecord(node) ? node[key] : undefined;
  return node;
}

/** What an SDK failure says, whichever SDK threw or returned it. */
export interface SdkFailure {
  code?: string;
  errCode?: number;
  message: string;
  requestId?: string;
}

/** Reads `{ code, message }` (node-sdk) or `{ errCode, errMsg }` (wx-server-sdk). */
export function readFailure(error: unknown): SdkFailure {
  if (typeof error === 'string') return { message: error };
  if (!isRecord(error)) return { message: String(error) };
  const { code, errCode, errMsg, message, requestId } = error;
  const text = [errMsg, message].find((m): m is string => typeof m === 'string' && m !== '');
  return {
    ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
    ...(typeof errCode === 'number' ? { errCode } : {}),
    ...(typeof requestId === 'string' && requestId !== '' ? { requestId } : {}),
    message: text ?? '',
  };
}

/** Drops values a server message may echo (a unique key's value) and bounds its length. */
export function scrubMessage(message: string): string {
  return message
    .replace(/dup key:\s*\{[^}]*\}/gi, 'dup key: {…}')
    .replace(/https?:\/\/\S+/gi, '<url>')
    .slice(0, 300);
}

function isDuplicate(f: SdkFailure): boolean {
  return (
    f.code === 'DATABASE_DUPLICATE_WRITE' ||
    f.code === '11000' ||
    /DATABASE_DUPLICATE_WRITE|E11000|duplicate key/i.test(f.message)
  );
}

function isTransactionConflict(f: SdkFailure): boolean {
  return (
    f.code === 'DATABASE_TRANSACTION_CONFLICT' ||
    /DATABASE_TRANSACTION_CONFLICT|transaction\s*conflict/i.test(f.message)
  );
}

function isMissingCollection(f: SdkFailure): boolean {
  return (
    f.code === 'DATABASE_COLLECTION_NOT_EXIST' ||
    f.errCode === -502005 ||
    /DATABASE_COLLECTION_NOT_EXIST/.test(f.message)
  );
}

/** wx-server-sdk's `document.get` on a missing id (its errCode is -1, not a database code). */
function isMissingDocument(f: SdkFailure): boolean {
  return f.errCode === -1 && /document with _id .* does not exist/.test(f.message);
}

interface Context {
  sdk: CloudSdk | undefined;
  operation: string;
  collection: string;
}

/** Maps any SDK failure to the port's errors, keeping the SDK's detail but no document data. */
function toStoreError(error: unknown, ctx: Context): Error {
  if (error instanceof StoreConflictError || error instanceof StoreUnavailableError) return error;
  const f = readFailure(error);
  if (isDuplicate(f)) {
    const message = `${ctx.operation} on ${ctx.collection}: key taken`;
    return new StoreConflictError(message, ctx.collection);
  }
  if (isTransactionConflict(f)) {
    return new StoreConflictError(`${ctx.operation}: concurrent transaction`, ctx.collection);
  }
  const what = isMissingCollection(f)
    ? `collection ${ctx.collection} does not exist (run the cloud setup)`
    : `${ctx.operation} on ${ctx.collection} failed`;
  return new StoreUnavailableError(`cloud database: ${what}`, {
    ...ctx,
    ...f,
    message: scrubMessage(f.message),
  });
}

/** node-sdk answers `{ code, message }` instead of throwing after `setThrowOnCode(false)`. */
function checked(res: unknown): unknown {
  if (isRecord(res) && typeof res.code === 'string' && res.code !== '') throw res;
  return res;
}

function unexpected(operation: string, collection: string, what: string): StoreUnavailableError {
  return new StoreUnavailableError(`cloud database: ${operation} on ${collection} ${what}`, {
    operation,
    collection,
  });
}

function readNumber(value: unknown, operation: string, collection: string): number {
  if (typeof value !== 'number') throw unexpected(operation, collection, 'answered no count');
  return value;
}

function field(value: unknown, ...path: string[]): unknown {
  let node = value;
  for (const key of path) node = isRecord(node) ? node[key] : undefined;
  return node;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Creates every declared collection. `createCollection` fails on an existing one with a code
 * that varies: a failure counts as "exists" when the message says so or the collection answers
 * a query; anything else is thrown.
 */
export async function ensureCollections(
  db: Pick<CloudDatabase, 'createCollection' | 'collection'>,
): Promise<{ created: string[]; existing: string[] }> {
  const created: string[] = [];
  const existing: string[] = [];
  for (const name of Object.values(COLLECTIONS)) {
    try {
      checked(await db.createCollection(name));
      created.push(name);
    } catch (error) {
      const f = readFailure(error);
      if (!/ALREADY_EXIST|already exist/i.test(`${f.code ?? ''} ${f.message}`)) {
        try {
          checked(await db.collection(name).limit(1).get());
        } catch {
          const ctx = { sdk: undefined, operation: 'createCollection', collection: name };
          throw toStoreError(error, ctx);
        }
      }
      existing.push(name);
    }
  }
  return { created, existing };
}

/** One `tcb/updateindex` request body (without `env`), as the HTTP API takes it. */
export interface CloudIndexRequest {
  collection_name: CollectionName;
  create_indexes: {
    name: string;
    unique: boolean;
    keys: { name: string; direction: '1' | '-1' }[];
  }[];
}

/**
 * The declared indexes in the shape of `tcb/updateindex`. The SDKs cannot create indexes: the
 * deploy guide has them entered in the console (集合 → 索引管理) or sent through that HTTP API.
 */
export function describeCloudIndexes(): CloudIndexRequest[] {
  return (Object.values(COLLECTIONS) as CollectionName[])
    .filter((name) => INDEXES[name].length > 0)
    .map((name) => ({
      collection_name: name,
      create_indexes: INDEXES[name].map((index) => ({
        name: index.name,
        unique: index.unique === true,
        keys: index.fields.map((f) => ({
          name: f.field,
          direction: f.direction === 'desc' ? ('-1' as const) : ('1' as const),
        })),
      })),
    }));
}

/** The same indexes as lines for the deploy guide's console steps. */
export function formatIndexGuide(): string {
  const lines: string[] = [];
  for (const request of describeCloudIndexes()) {
    lines.push(`${request.collection_name}`);
    for (const index of request.create_indexes) {
      const keys = index.keys
        .map((k) => `${k.name} ${k.direction === '1' ? '升序' : '降序'}`)
        .join(', ');
      lines.push(`  - ${index.name}${index.unique ? ' (唯一)' : ''}: ${keys}`);
    }
  }
  // A unique index counts a missing field as null, so only one document may lack it.
  lines.push('', '唯一索引把缺失的字段当作 null：写入时这些字段必须总有值。');
  return lines.join('\n');
}
