/**
 * Recording fakes of the CloudBase database and storage as each SDK flavour presents them:
 * wx-server-sdk 4.0 (`cloud.database()`, `cloud.uploadFile`) and @cloudbase/node-sdk 3.17
 * (`app.database()`, `app.uploadFile`). Argument checks, result shapes and error shapes follow
 * wx-server-sdk/index.js and @cloudbase/database/src as installed; query and update objects are
 * serialised the way @cloudbase/database 1.4.3 serialises them (field-level `or` hoisted and
 * merged per object, plain objects flattened to dotted paths), and recorded in that form.
 *
 * Deliberately stricter than MongoDB: a missing field never equals null here, so a test passes
 * only when the adapter asks for missing fields itself. Server messages that no source documents
 * (the text of a duplicate-key error, of "collection exists") are plausible stand-ins.
 */
export type Flavour = 'wx-server-sdk' | 'node-sdk';

type Doc = Record<string, unknown> & { _id: string };
type Query = Record<string, unknown>;

export class FakeCommand {
  constructor(
    readonly kind: 'query' | 'logic' | 'update',
    readonly op: string,
    readonly operands: unknown[],
  ) {}
}

export class FakeRegExp {
  constructor(
    readonly regexp: string,
    readonly options: string,
  ) {}
}

const listOf = (args: unknown[]): unknown[] => (Array.isArray(args[0]) ? args[0] : args);
const query = (op: string) => (value: unknown) => new FakeCommand('query', op, [value]);

/** `db.command`: the operators the adapter may use, as inert descriptions. */
export const fakeCommand = {
  eq: query('eq'),
  neq: query('ne'),
  gt: query('gt'),
  gte: query('gte'),
  lt: query('lt'),
  lte: query('lte'),
  in: (values: unknown[]) => new FakeCommand('query', 'in', [values]),
  exists: (present: boolean) => new FakeCommand('query', 'exists', [present]),
  and: (...args: unknown[]) => new FakeCommand('logic', 'and', listOf(args)),
  or: (...args: unknown[]) => new FakeCommand('logic', 'or', listOf(args)),
  set: (value: unknown) => new FakeCommand('update', 'set', [value]),
  inc: (delta: number) => new FakeCommand('update', 'inc', [delta]),
  remove: () => new FakeCommand('update', 'remove', []),
};

/** One SDK call that reached the (fake) server. */
export interface Recorded {
  api: string;
  collection?: string;
  id?: string;
  /** The filter as the server receives it. */
  query?: Query;
  order?: [string, string][];
  skip?: number;
  limit?: number;
  /** The argument exactly as the adapter passed it. */
  payload?: unknown;
  inTransaction?: true;
}

/** A failure as the server reports it, before an SDK shapes it. */
export interface ServerFailure {
  code: string;
  message: string;
}

export interface FakeOptions {
  /** wx-server-sdk's `cloud.database({ throwOnNotFound: false })`. */
  throwOnNotFound?: boolean;
  /** node-sdk's `setThrowOnCode(false)`: failures come back as results. */
  throwOnCode?: boolean;
  /** The server code of a duplicate key (one community report saw DATABASE_REQUEST_FAILED). */
  duplicateCode?: string;
  /** What `createCollection` reports for an existing collection. */
  collectionExists?: ServerFailure;
}

// wx-server-sdk's TCB_ERR_CODE and ERR_CODE tables, the entries these tests meet.
const WX_CODES: Record<string, number> = {
  SYS_ERR: -501001,
  INVALID_PARAM: -501007,
  DATABASE_REQUEST_FAILED: -502001,
  DATABASE_PERMISSION_DENIED: -502003,
  DATABASE_COLLECTION_NOT_EXIST: -502005,
  STORAGE_REQUEST_FAIL: -503001,
  STORAGE_EXCEED_AUTHORITY: -503002,
  STORAGE_FILE_NONEXIST: -503003,
};
const WX_TEXT: Record<number, string> = {
  [-501001]: 'resource system error',
  [-501007]: 'invalid parameters',
  [-502001]: 'database request fail',
  [-502003]: 'database permission denied',
  [-502005]: 'database collection not exists',
  [-503001]: 'storage request fail',
  [-503002]: 'storage permission denied',
  [-503003]: 'storage file not exists',
};

/** node-sdk's TcbError. */
export function tcbError(failure: ServerFailure): Error {
  return Object.assign(new Error(failure.message), { ...failure, requestId: 'fake-request' });
}

/** wx-server-sdk's error for a server code that its checkError mapped to an errCode. */
export function wxMappedError(api: string, failure: ServerFailure): Error {
  const errCode = WX_CODES[failure.code] ?? -501001;
  const text = `${api}:fail ${errCode} ${WX_TEXT[errCode] ?? ''}. ${failure.message}`;
  return Object.assign(new Error(text), { errCode, errMsg: text });
}

/** wx-server-sdk's toSDKError of an Error (a TcbError keeps its `code`; errCode becomes -1). */
export function wxWrappedError(api: string, cause: Error): Error {
  cause.message = `${api}:fail ${cause.message}`;
  return Object.assign(cause, { errCode: -1, errMsg: cause.message });
}

const clone = <T>(value: T): T => structuredClone(value);
const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  !(v instanceof Date) &&
  !(v instanceof FakeCommand) &&
  !(v instanceof FakeRegExp);

/** Serialises a `where()` argument the way @cloudbase/database's QueryEncoder does. */
export function serialiseQuery(q: unknown): Query {
  if (q instanceof FakeCommand && q.kind === 'logic') {
    return { [`$${q.op}`]: q.operands.map(serialiseQuery) };
  }
  if (!isPlain(q)) throw new Error('where() takes an object');
  const out: Query = {};
  for (const [key, value] of Object.entries(q)) {
    if (value === undefined) continue;
    if (value instanceof FakeCommand && value.kind === 'logic') {
      const op = `$${value.op}`;
      const parts = value.operands.map((o) => serialiseQuery({ [key]: o }));
      out[op] = [...((out[op] as unknown[] | undefined) ?? []), ...parts];
    } else if (value instanceof FakeCommand) {
      out[key] = { [`$${value.op}`]: value.operands[0] };
    } else if (value instanceof FakeRegExp) {
      out[key] = { $regularExpression: { pattern: value.regexp, options: value.options } };
    } else if (isPlain(value)) {
      Object.assign(out, serialiseQuery(flatten(key, value)));
    } else {
      out[key] = value;
    }
  }
  return out;
}

function flatten(prefix: string, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (isPlain(inner)) Object.assign(out, flatten(`${prefix}.${key}`, inner));
    else out[`${prefix}.${key}`] = inner;
  }
  return out;
}

/** Serialises update data the way @cloudbase/database's UpdateSerializer does. */
export function serialiseUpdate(data: Record<string, unknown>): Record<string, Query> {
  const out: Record<string, Query> = { $set: {}, $inc: {}, $unset: {} };
  for (const [key, value] of Object.entries(isPlain(data) ? flattenUpdate(data) : {})) {
    if (value instanceof FakeCommand && value.op === 'inc') out.$inc![key] = value.operands[0];
    else if (value instanceof FakeCommand && value.op === 'remove') out.$unset![key] = '';
    else if (value instanceof FakeCommand) out.$set![key] = value.operands[0];
    else out.$set![key] = value;
  }
  return out;
}

function flattenUpdate(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (isPlain(value)) Object.assign(out, flatten(key, value));
    else out[key] = value;
  }
  return out;
}

function readPath(doc: unknown, path: string): unknown {
  let node = doc;
  for (const key of path.split('.')) node = isPlain(node) ? node[key] : undefined;
  return node;
}

function writePath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() as string;
  let node = doc;
  for (const key of keys) {
    if (!isPlain(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  if (value === undefined) delete node[last];
  else node[last] = clone(value);
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** Evaluates a serialised query; missing never equals null (see the file comment). */
export function matchesQuery(doc: Doc, q: Query): boolean {
  return Object.entries(q).every(([key, cond]) => {
    if (key === '$and') return (cond as Query[]).every((c) => matchesQuery(doc, c));
    if (key === '$or') return (cond as Query[]).some((c) => matchesQuery(doc, c));
    const value = readPath(doc, key);
    if (!isPlain(cond) || !Object.keys(cond).every((k) => k.startsWith('$'))) {
      return same(value, cond);
    }
    return Object.entries(cond).every(([op, arg]) => operator(op, value, arg));
  });
}

function operator(op: string, value: unknown, arg: unknown): boolean {
  const ordered = typeof value === typeof arg && value !== undefined;
  switch (op) {
    case '$eq':
      return same(value, arg);
    case '$ne':
      return !same(value, arg);
    case '$gt':
      return ordered && (value as number) > (arg as number);
    case '$gte':
      return ordered && (value as number) >= (arg as number);
    case '$lt':
      return ordered && (value as number) < (arg as number);
    case '$lte':
      return ordered && (value as number) <= (arg as number);
    case '$in':
      return (arg as unknown[]).some((v) => same(value, v));
    case '$exists':
      return (value !== undefined) === arg;
    case '$regularExpression': {
      const { pattern, options } = arg as { pattern: string; options: string };
      return typeof value === 'string' && new RegExp(pattern, options).test(value);
    }
    default:
      throw new Error(`the fake does not know ${op}`);
  }
}

interface ChainState {
  query?: Query;
  order: [string, string][];
  skip?: number;
  limit?: number;
}

/** The fake database; pass it where the adapter wants `cloud.database()` or `app.database()`. */
export class FakeDatabase {
  readonly command = fakeCommand;
  readonly calls: Recorded[] = [];
  private data = new Map<string, Map<string, Doc>>();
  private readonly uniques: [string, string][] = [];
  private readonly failures: { api: string; failure: ServerFailure }[] = [];
  private generated = 0;

  constructor(
    readonly flavour: Flavour,
    readonly options: FakeOptions = {},
  ) {}

  RegExp(options: { regexp: string; options?: string }): FakeRegExp {
    return new FakeRegExp(options.regexp, options.options ?? '');
  }

  /** Creates the collection (if needed) and stores copies of the documents. */
  seed(collection: string, docs: Doc[] = []): this {
    const coll = this.data.get(collection) ?? new Map<string, Doc>();
    for (const doc of docs) coll.set(doc._id, clone(doc));
    this.data.set(collection, coll);
    return this;
  }

  /** A unique index: like the cloud's, it counts a missing field as null. */
  unique(collection: string, field: string): this {
    this.uniques.push([collection, field]);
    return this;
  }

  /** The stored document, for assertions. */
  doc(collection: string, id: string): Doc | undefined {
    const doc = this.data.get(collection)?.get(id);
    return doc ? clone(doc) : undefined;
  }

  docs(collection: string): Doc[] {
    return [...(this.data.get(collection)?.values() ?? [])].map(clone);
  }

  hasCollection(name: string): boolean {
    return this.data.has(name);
  }

  /** The next call of `api` fails with this server failure. */
  failNext(api: string, failure: ServerFailure): this {
    this.failures.push({ api, failure });
    return this;
  }

  collection(name: string): FakeCollection {
    return new FakeCollection(this, name, { order: [] }, false);
  }

  async createCollection(name: string): Promise<unknown> {
    this.record({ api: 'createCollection', collection: name });
    const injected = this.takeFailure('createCollection');
    const exists = this.options.collectionExists ?? {
      code: 'DATABASE_COLLECTION_ALREADY_EXIST',
      message: 'collection already exists',
    };
    const failure = injected ?? (this.data.has(name) ? exists : undefined);
    if (failure) {
      // wx-server-sdk's createCollection wraps the TcbError itself, without mapping its code.
      const error = tcbError(failure);
      if (this.flavour === 'wx-server-sdk') throw wxWrappedError('createCollection', error);
      if (this.options.throwOnCode === false) return { ...failure, requestId: 'fake-request' };
      throw error;
    }
    this.data.set(name, new Map());
    return this.flavour === 'wx-server-sdk'
      ? { errMsg: 'createCollection:ok', requestId: 'fake-request' }
      : { requestId: 'fake-request' };
  }

  /** Runs like @cloudbase/database's runTransaction: rollback on a throw, retry on conflict. */
  async runTransaction(callback: (t: FakeTransaction) => Promise<unknown>): Promise<unknown> {
    if (!(this instanceof FakeDatabase)) throw new TypeError('runTransaction lost its database');
    for (let attempt = 0; ; attempt += 1) {
      this.record({ api: 'runTransaction' });
      const snapshot = this.snapshot();
      try {
        const result = await callback(new FakeTransaction(this));
        this.record({ api: 'transaction.commit' });
        return result;
      } catch (error) {
        this.data = snapshot;
        this.record({ api: 'transaction.rollback' });
        const code = (error as { code?: unknown } | null)?.code;
        if (attempt < 3 && code === 'DATABASE_TRANSACTION_CONFLICT') continue;
        throw error;
      }
    }
  }

  // The rest is the fake server behind the chain objects.

  /** Copies the tables by hand: under jest, structuredClone makes Maps of another realm. */
  private snapshot(): Map<string, Map<string, Doc>> {
    const copy = new Map<string, Map<string, Doc>>();
    for (const [name, table] of this.data) {
      copy.set(name, new Map([...table].map(([id, doc]) => [id, clone(doc)])));
    }
    return copy;
  }

  record(call: Recorded): void {
    this.calls.push(call);
  }

  takeFailure(api: string): ServerFailure | undefined {
    const index = this.failures.findIndex((f) => f.api === api);
    return index < 0 ? undefined : this.failures.splice(index, 1)[0]?.failure;
  }

  /** Shapes a server failure as this flavour's SDK does: thrown, or returned by node-sdk. */
  fail(api: string, failure: ServerFailure): unknown {
    if (this.flavour === 'wx-server-sdk') throw wxMappedError(api, failure);
    if (this.options.throwOnCode === false) return { ...failure, requestId: 'fake-request' };
    throw tcbError(failure);
  }

  table(name: string): Map<string, Doc> | undefined {
    return this.data.get(name);
  }

  nextId(): string {
    this.generated += 1;
    return `generated-${this.generated}`;
  }

  duplicate(collection: string, candidate: Doc, others: Iterable<Doc>): ServerFailure | null {
    const code = this.options.duplicateCode ?? 'DATABASE_DUPLICATE_WRITE';
    const list = [...others].filter((d) => d !== candidate);
    if (list.some((d) => d._id === candidate._id)) {
      const key = `{ _id: "${candidate._id}" }`;
      const message = `E11000 duplicate key error index: _id_ dup key: ${key}`;
      return { code, message };
    }
    for (const [coll, field] of this.uniques) {
      const value = readPath(candidate, field) ?? null;
      if (coll === collection && list.some((d) => same(readPath(d, field) ?? null, value))) {
        const message = `E11000 duplicate key error dup key: { ${field}: "${String(value)}" }`;
        return { code, message };
      }
    }
    return null;
  }
}

export class FakeTransaction {
  constructor(private readonly db: FakeDatabase) {}

  collection(name: string): FakeCollection {
    return new FakeCollection(this.db, name, { order: [] }, true);
  }
}

class FakeQuery {
  constructor(
    protected readonly db: FakeDatabase,
    protected readonly name: string,
    protected readonly state: ChainState,
    protected readonly inTransaction: boolean,
  ) {}

  private next(change: Partial<ChainState>): FakeQuery {
    // Query-level calls carry no transaction id in @cloudbase/database: refuse them loudly.
    if (this.inTransaction) throw new Error('only single-document operations in a transaction');
    return new FakeQuery(this.db, this.name, { ...this.state, ...change }, false);
  }

  where(q: object): FakeQuery {
    return this.next({ query: serialiseQuery(q) });
  }

  orderBy(field: string, direction: string): FakeQuery {
    if (direction !== 'asc' && direction !== 'desc') throw new Error('bad direction');
    return this.next({ order: [...this.state.order, [field, direction]] });
  }

  skip(offset: number): FakeQuery {
    if (!Number.isInteger(offset)) throw new Error('offset must be an integer');
    return this.next({ skip: offset });
  }

  limit(max: number): FakeQuery {
    if (!Number.isInteger(max)) throw new Error('limit must be an integer');
    return this.next({ limit: max });
  }

  protected begin(api: string, extra: Partial<Recorded> = {}): Map<string, Doc> | ServerFailure {
    const { query, order, skip, limit } = this.state;
    this.db.record({
      api,
      collection: this.name,
      ...(query ? { query } : {}),
      ...(order.length > 0 ? { order } : {}),
      ...(skip !== undefined ? { skip } : {}),
      ...(limit !== undefined ? { limit } : {}),
      ...extra,
      ...(this.inTransaction ? { inTransaction: true as const } : {}),
    });
    const injected = this.db.takeFailure(api);
    if (injected) return injected;
    const table = this.db.table(this.name);
    return table ?? { code: 'DATABASE_COLLECTION_NOT_EXIST', message: 'Db or Table not exist' };
  }

  protected selected(table: Map<string, Doc>): Doc[] {
    return [...table.values()].filter((d) => matchesQuery(d, this.state.query ?? {}));
  }

  protected ok(api: string, node: Record<string, unknown>, wx: Record<string, unknown>) {
    return this.db.flavour === 'wx-server-sdk'
      ? { ...wx, errMsg: `${api}:ok` }
      : { ...node, requestId: 'fake-request' };
  }

  async get(): Promise<unknown> {
    const table = this.begin('collection.get');
    if (!(table instanceof Map)) return this.db.fail('collection.get', table);
    const docs = this.selected(table).sort((a, b) => this.compare(a, b));
    const { skip = 0, limit } = this.state;
    // @cloudbase/database: no limit means 100, and more than 1000 is cut to 1000.
    const max = limit ? Math.min(limit, 1000) : 100;
    const data = docs.slice(skip, skip + max).map(clone);
    return this.ok('collection.get', { data }, { data });
  }

  private compare(a: Doc, b: Doc): number {
    for (const [field, direction] of this.state.order) {
      const x = readPath(a, field) as string;
      const y = readPath(b, field) as string;
      if (x === y) continue;
      const before = x === undefined || x === null || (y !== undefined && y !== null && x < y);
      return (before ? -1 : 1) * (direction === 'desc' ? -1 : 1);
    }
    return 0;
  }

  async count(): Promise<unknown> {
    const table = this.begin('collection.count');
    if (!(table instanceof Map)) return this.db.fail('collection.count', table);
    const total = this.selected(table).length;
    return this.ok('collection.count', { total }, { total });
  }

  async update(payload: unknown): Promise<unknown> {
    const table = this.begin('collection.update', { payload });
    if (!(table instanceof Map)) return this.db.fail('collection.update', table);
    const data = readUpdateData(this.db, payload);
    if (!data) return this.db.fail('collection.update', INVALID_DATA);
    const updated = applyUpdate(this.db, this.name, table, this.selected(table), data);
    if (typeof updated !== 'number') return this.db.fail('collection.update', updated);
    return this.ok('collection.update', { updated }, { stats: { updated } });
  }

  async remove(): Promise<unknown> {
    const table = this.begin('collection.remove');
    if (!(table instanceof Map)) return this.db.fail('collection.remove', table);
    const gone = this.selected(table);
    for (const doc of gone) table.delete(doc._id);
    const removed = gone.length;
    return this.ok('collection.remove', { deleted: removed }, { stats: { removed } });
  }
}

export class FakeCollection extends FakeQuery {
  doc(id: string): FakeDocumentRef {
    if (typeof id !== 'string' && typeof id !== 'number')
      throw new Error('docId必须为字符串或数字');
    return new FakeDocumentRef(this.db, this.name, id, this.inTransaction);
  }

  async add(payload: unknown): Promise<unknown> {
    const table = this.begin('collection.add', { payload });
    if (!(table instanceof Map)) return this.db.fail('collection.add', table);
    const wx = this.db.flavour === 'wx-server-sdk';
    const fields = wx ? (payload as { data?: unknown } | null)?.data : payload;
    if (!isPlain(fields)) {
      if (wx) throw wxMappedError('collection.add', { code: 'INVALID_PARAM', message: 'data' });
      throw new Error('the fake takes one document');
    }
    const doc = { ...clone(fields), _id: String(fields._id ?? this.db.nextId()) } as Doc;
    const clash = this.db.duplicate(this.name, doc, table.values());
    if (clash) return this.db.fail('collection.add', clash);
    table.set(doc._id, doc);
    if (wx) return { _id: doc._id, errMsg: 'collection.add:ok' };
    return this.inTransaction
      ? { inserted: 1, ok: 1, id: doc._id, requestId: 'fake-request' }
      : { id: doc._id, requestId: 'fake-request' };
  }
}

class FakeDocumentRef {
  constructor(
    private readonly db: FakeDatabase,
    private readonly name: string,
    private readonly id: string,
    private readonly inTransaction: boolean,
  ) {}

  private begin(api: string, extra: Partial<Recorded> = {}): Map<string, Doc> | ServerFailure {
    this.db.record({
      api,
      collection: this.name,
      id: this.id,
      ...extra,
      ...(this.inTransaction ? { inTransaction: true as const } : {}),
    });
    const injected = this.db.takeFailure(api);
    if (injected) return injected;
    const table = this.db.table(this.name);
    return table ?? { code: 'DATABASE_COLLECTION_NOT_EXIST', message: 'Db or Table not exist' };
  }

  async get(): Promise<unknown> {
    const table = this.begin('document.get');
    if (!(table instanceof Map)) return this.db.fail('document.get', table);
    const found = table.get(this.id);
    const doc = found ? clone(found) : undefined;
    if (this.db.flavour === 'node-sdk') {
      const data = this.inTransaction ? (doc ?? null) : doc ? [doc] : [];
      return { data, requestId: 'fake-request' };
    }
    if (doc) return { data: doc, errMsg: 'document.get:ok' };
    const quiet = this.db.options.throwOnNotFound === false;
    if (quiet) return { data: null, errMsg: 'document.get:ok' };
    // wx-server-sdk throws a string here, which its toSDKError turns into this Error.
    const message = `document.get:fail document with _id ${this.id} does not exist`;
    throw Object.assign(new Error(message), { errCode: -1, errMsg: message });
  }

  async update(payload: unknown): Promise<unknown> {
    const table = this.begin('document.update', { payload });
    if (!(table instanceof Map)) return this.db.fail('document.update', table);
    const data = readUpdateData(this.db, payload);
    if (!data) return this.db.fail('document.update', INVALID_DATA);
    const target = table.get(this.id);
    const updated = applyUpdate(this.db, this.name, table, target ? [target] : [], data);
    if (typeof updated !== 'number') return this.db.fail('document.update', updated);
    return this.db.flavour === 'wx-server-sdk'
      ? { stats: { updated }, errMsg: 'document.update:ok' }
      : { updated, requestId: 'fake-request' };
  }

  async remove(): Promise<unknown> {
    const table = this.begin('document.remove');
    if (!(table instanceof Map)) return this.db.fail('document.remove', table);
    const removed = table.delete(this.id) ? 1 : 0;
    return this.db.flavour === 'wx-server-sdk'
      ? { stats: { removed }, errMsg: 'document.remove:ok' }
      : { deleted: removed, requestId: 'fake-request' };
  }
}

/** Unwraps `{ data }` (wx) or takes the fields (node); both SDKs refuse empty data and `_id`. */
function readUpdateData(db: FakeDatabase, payload: unknown): Record<string, unknown> | null {
  const wx = db.flavour === 'wx-server-sdk';
  const data = wx ? (payload as { data?: unknown } | null)?.data : payload;
  return isPlain(data) && Object.keys(data).length > 0 && !('_id' in data) ? data : null;
}

const INVALID_DATA = { code: 'INVALID_PARAM', message: '参数必需是非空对象' };

function applyUpdate(
  db: FakeDatabase,
  collection: string,
  table: Map<string, Doc>,
  targets: Doc[],
  data: Record<string, unknown>,
): number | ServerFailure {
  const { $set, $inc, $unset } = serialiseUpdate(data);
  const next = targets.map((doc) => {
    const copy = clone(doc);
    for (const [path, value] of Object.entries($set ?? {})) writePath(copy, path, value);
    for (const [path, delta] of Object.entries($inc ?? {})) {
      const current = readPath(copy, path);
      writePath(copy, path, (typeof current === 'number' ? current : 0) + (delta as number));
    }
    for (const path of Object.keys($unset ?? {})) writePath(copy, path, undefined);
    return copy;
  });
  for (const doc of next) {
    const others = [...table.values()].filter((d) => d._id !== doc._id);
    const clash = db.duplicate(collection, doc, others);
    if (clash) return clash;
  }
  for (const doc of next) table.set(doc._id, doc);
  return next.length;
}

/** A fake of the storage calls of `cloud` (wx-server-sdk) or `app` (node-sdk). */
export class FakeStorage {
  readonly calls: { api: string; payload: unknown }[] = [];
  readonly files = new Map<string, Buffer>();
  private readonly failures: { api: string; failure: ServerFailure }[] = [];

  constructor(
    readonly flavour: Flavour,
    readonly options: { throwOnCode?: boolean } = {},
  ) {}

  /** The fileID the storage hands out for a cloud path. */
  static fileId(cloudPath: string): string {
    return `cloud://test-env-1a2b.7465-test-env-1a2b-1300000000/${cloudPath}`;
  }

  failNext(api: string, failure: ServerFailure): this {
    this.failures.push({ api, failure });
    return this;
  }

  private take(api: string): ServerFailure | undefined {
    const index = this.failures.findIndex((f) => f.api === api);
    return index < 0 ? undefined : this.failures.splice(index, 1)[0]?.failure;
  }

  /**
   * node-sdk throws a TcbError (or returns the failure after setThrowOnCode(false)); wx-server-sdk
   * rethrows that TcbError through toSDKError, or maps a returned code to its errCode.
   */
  private fail(api: string, failure: ServerFailure): unknown {
    const returned = this.options.throwOnCode === false;
    if (this.flavour === 'node-sdk') {
      if (returned) return { ...failure, requestId: 'fake-request' };
      throw tcbError(failure);
    }
    if (returned) throw wxMappedError(api, failure);
    throw wxWrappedError(api, tcbError(failure));
  }

  async uploadFile(options: { cloudPath: string; fileContent: unknown }): Promise<unknown> {
    this.calls.push({ api: 'uploadFile', payload: options });
    const failure = this.take('uploadFile');
    if (failure) return this.fail('uploadFile', failure);
    if (!Buffer.isBuffer(options.fileContent)) {
      return this.fail('uploadFile', { code: 'INVALID_PARAM', message: 'fileContent' });
    }
    const fileID = FakeStorage.fileId(options.cloudPath);
    this.files.set(fileID, Buffer.from(options.fileContent));
    return this.flavour === 'wx-server-sdk'
      ? { fileID, statusCode: 200, errMsg: 'uploadFile:ok' }
      : { fileID };
  }

  async downloadFile(options: { fileID: string }): Promise<unknown> {
    this.calls.push({ api: 'downloadFile', payload: options });
    const bytes = this.files.get(options.fileID);
    // The temporary-URL lookup reports a missing file by code only: the TcbError has no message.
    const missing = { code: 'STORAGE_FILE_NONEXIST', message: undefined as unknown as string };
    const failure = this.take('downloadFile') ?? (bytes ? undefined : missing);
    if (failure) return this.fail('downloadFile', failure);
    const fileContent = Buffer.from(bytes as Buffer);
    return this.flavour === 'wx-server-sdk'
      ? { fileContent, statusCode: 200, errMsg: 'downloadFile:ok' }
      : { fileContent, message: '文件下载完成' };
  }

  async deleteFile(options: { fileList: string[] }): Promise<unknown> {
    this.calls.push({ api: 'deleteFile', payload: options });
    const failure = this.take('deleteFile');
    const perFile = this.take('deleteFile.item');
    const fileList = options.fileList.map((fileID) => {
      const deleted = () => (this.files.delete(fileID) ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST');
      const code = perFile?.code ?? deleted();
      if (this.flavour === 'node-sdk') return { fileID, code };
      const status = code === 'SUCCESS' ? 0 : (WX_CODES[code] ?? -501001);
      return { fileID, status, errMsg: status === 0 ? 'ok' : WX_TEXT[status] };
    });
    if (failure) return this.fail('deleteFile', failure);
    return this.flavour === 'wx-server-sdk'
      ? { fileList, errMsg: 'deleteFile:ok' }
      : { fileList, requestId: 'fake-request' };
  }
}
