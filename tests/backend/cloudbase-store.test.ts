/** @jest-environment node */
import {
  createCloudbaseStore,
  describeCloudIndexes,
  ensureCollections,
  formatIndexGuide,
} from '../../backend/adapters/cloudbase/store';
import { StoreConflictError, StoreUnavailableError } from '../../backend/ports/store';
import { COLLECTIONS, INDEXES } from '../../backend/schema/collections';
import {
  FakeDatabase,
  fakeCommand as _,
  type FakeOptions,
  type Flavour,
} from '../helpers/fake-cloudbase';

const FLAVOURS: Flavour[] = ['wx-server-sdk', 'node-sdk'];

function setup(flavour: Flavour, options?: FakeOptions) {
  const db = new FakeDatabase(flavour, options);
  return { db, store: createCloudbaseStore(db, { sdk: flavour }) };
}

/** How each SDK wants add/update data: wx wraps it in `{ data }`. */
const payload = (flavour: Flavour, fields: object) =>
  flavour === 'wx-server-sdk' ? { data: fields } : fields;

const apis = (db: FakeDatabase) => db.calls.map((c) => c.api);

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe.each(FLAVOURS)('CloudBase store over %s', (flavour) => {
  const wx = flavour === 'wx-server-sdk';

  describe('get', () => {
    it('reads one document with doc(id).get()', async () => {
      const { db, store } = setup(flavour);
      db.seed('members', [{ _id: 'm1', name: '张三' }]);

      await expect(store.get('members', 'm1')).resolves.toEqual({ _id: 'm1', name: '张三' });
      expect(db.calls).toEqual([{ api: 'document.get', collection: 'members', id: 'm1' }]);
    });

    it('answers null for a missing document (wx throws, node answers an empty list)', async () => {
      const { db, store } = setup(flavour);
      db.seed('members');

      await expect(store.get('members', 'nobody')).resolves.toBeNull();
    });

    it('maps a missing collection to StoreUnavailableError and keeps the SDK detail', async () => {
      const { store } = setup(flavour);

      const error = await failure(store.get('members', 'm1'));

      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error.message).toContain('collection members does not exist');
      const detail = (error as StoreUnavailableError).detail;
      expect(detail).toMatchObject(
        wx ? { errCode: -502005, sdk: flavour } : { code: 'DATABASE_COLLECTION_NOT_EXIST' },
      );
    });

    it('maps any other failure to StoreUnavailableError with its code', async () => {
      const { db, store } = setup(flavour);
      db.seed('members').failNext('document.get', {
        code: 'DATABASE_PERMISSION_DENIED',
        message: 'Permission denied',
      });

      const error = await failure(store.get('members', 'm1'));

      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as StoreUnavailableError).detail).toMatchObject({
        operation: 'get',
        collection: 'members',
        ...(wx ? { errCode: -502003 } : { code: 'DATABASE_PERMISSION_DENIED' }),
      });
    });
  });

  describe('insert', () => {
    it('adds the document under its own _id', async () => {
      const { db, store } = setup(flavour);
      db.seed('members');

      await store.insert('members', { _id: 'm1', name: '张三', profile: { city: '北京' } });

      expect(db.calls).toEqual([
        {
          api: 'collection.add',
          collection: 'members',
          payload: payload(flavour, { _id: 'm1', name: '张三', profile: { city: '北京' } }),
        },
      ]);
      expect(db.docs('members')).toEqual([{ _id: 'm1', name: '张三', profile: { city: '北京' } }]);
    });

    it('fails with StoreConflictError on a taken _id and keeps the stored document', async () => {
      const { db, store } = setup(flavour);
      db.seed('members', [{ _id: 'm1', name: '张三' }]);

      const error = await failure(store.insert('members', { _id: 'm1', name: '李四' }));

      expect(error).toBeInstanceOf(StoreConflictError);
      expect((error as StoreConflictError).collection).toBe('members');
      expect(db.doc('members', 'm1')).toEqual({ _id: 'm1', name: '张三' });
    });

    it('fails with StoreConflictError on a unique index value, without echoing it', async () => {
      const { db, store } = setup(flavour);
      db.seed('members', [{ _id: 'm1', phone: '13800000001' }]).unique('members', 'phone');

      const error = await failure(store.insert('members', { _id: 'm2', phone: '13800000001' }));

      expect(error).toBeInstanceOf(StoreConflictError);
      expect(JSON.stringify({ ...error, message: error.message })).not.toContain('13800000001');
      expect(db.doc('members', 'm2')).toBeUndefined();
    });

    it('fails loudly when the store was made for the other SDK', async () => {
      const db = new FakeDatabase(flavour).seed('members');
      const other = createCloudbaseStore(db, { sdk: wx ? 'node-sdk' : 'wx-server-sdk' });

      const error = await failure(other.insert('members', { _id: 'm1' }));

      expect(error).toBeInstanceOf(StoreUnavailableError);
    });
  });

  describe('update', () => {
    it('updates by id with doc(id).update() and answers true', async () => {
      const { db, store } = setup(flavour);
      db.seed('members', [{ _id: 'm1', status: 'pending' }]);

      await expect(store.update('members', 'm1', { set: { status: 'active' } })).resolves.toBe(
        true,
      );
      expect(db.calls).toEqual([
        {
          api: 'document.update',
          collection: 'members',
          id: 'm1',
          payload: payload(flavour, { status: 'active' }),
        },
      ]);
      expect(db.doc('members', 'm1')).toEqual({ _id: 'm1', status: 'active' });
    });

    it('answers false for a missing document', async () => {
      const { db, store } = setup(flavour);
      db.seed('members');

      await expect(store.update('members', 'nobody', { set: { status: 'x' } })).resolves.toBe(
        false,
      );
      expect(db.docs('members')).toEqual([]);
    });

    it('guards with one where({ _id, ...expect }).update() and answers true once', async () => {
      const { db, store } = setup(flavour);
      db.seed('orders', [{ _id: 'o1', state: 'pending' }]);
      const patch = { set: { state: 'paid' } };

      await expect(store.update('orders', 'o1', patch, { state: 'pending' })).resolves.toBe(true);
      await expect(store.update('orders', 'o1', patch, { state: 'pending' })).resolves.toBe(false);

      expect(db.calls[0]).toEqual({
        api: 'collection.update',
        collection: 'orders',
        query: { $and: [{ _id: 'o1' }, { state: 'pending' }] },
        payload: payload(flavour, { state: 'paid' }),
      });
      expect(apis(db)).toEqual(['collection.update', 'collection.update']);
      expect(db.doc('orders', 'o1')).toEqual({ _id: 'o1', state: 'paid' });
    });

    it('leaves the document alone when the guard does not match', async () => {
      const { db, store } = setup(flavour);
      db.seed('orders', [{ _id: 'o1', state: 'paid', amount: 50 }]);

      const done = await store.update('orders', 'o1', { inc: { amount: 10 } }, { state: 'open' });

      expect(done).toBe(false);
      expect(db.doc('orders', 'o1')).toEqual({ _id: 'o1', state: 'paid', amount: 50 });
    });

    it('lets a null guard match a missing field', async () => {
      const { db, store } = setup(flavour);
      db.seed('orders', [{ _id: 'o1', state: 'pending' }]);

      const done = await store.update('orders', 'o1', { set: { paidAt: 1 } }, { paidAt: null });

      expect(done).toBe(true);
      expect(db.doc('orders', 'o1')).toEqual({ _id: 'o1', state: 'pending', paidAt: 1 });
    });

    it('replaces objects, sets dotted paths, starts a missing number at 0, unsets', async () => {
      const { db, store } = setup(flavour);
      db.seed('members', [{ _id: 'm1', profile: { city: '北京', title: '教授' }, legacy: 1 }]);

      await store.update('members', 'm1', {
        set: { profile: { city: '上海' }, 'address.zip': '200000', note: undefined },
        inc: { points: 5 },
        unset: ['legacy'],
      });

      expect(db.calls[0]?.payload).toEqual(
        payload(flavour, {
          profile: _.set({ city: '上海' }),
          'address.zip': '200000',
          note: null,
          points: _.inc(5),
          legacy: _.remove(),
        }),
      );
      expect(db.doc('members', 'm1')).toEqual({
        _id: 'm1',
        profile: { city: '上海' },
        address: { zip: '200000' },
        note: null,
        points: 5,
      });
    });

    it('checks an empty patch with a count instead of an update', async () => {
      const { db, store } = setup(flavour);
      db.seed('members', [{ _id: 'm1', status: 'active' }]);

      await expect(store.update('members', 'm1', {}, { status: 'active' })).resolves.toBe(true);
      await expect(store.update('members', 'm1', {}, { status: 'gone' })).resolves.toBe(false);
      expect(apis(db)).toEqual(['collection.count', 'collection.count']);
    });

    it('maps a unique index clash on update to StoreConflictError', async () => {
      const { db, store } = setup(flavour);
      db.seed('accounts', [
        { _id: 'a1', phone: '13800000001' },
        { _id: 'a2', phone: '13800000002' },
      ]);
      db.unique('accounts', 'phone');

      const error = await failure(
        store.update('accounts', 'a2', { set: { phone: '13800000001' } }),
      );

      expect(error).toBeInstanceOf(StoreConflictError);
      expect(db.doc('accounts', 'a2')).toEqual({ _id: 'a2', phone: '13800000002' });
    });
  });

  describe('remove and removeWhere', () => {
    it('removes one document and answers whether it existed', async () => {
      const { db, store } = setup(flavour);
      db.seed('sessions', [{ _id: 's1' }]);

      await expect(store.remove('sessions', 's1')).resolves.toBe(true);
      await expect(store.remove('sessions', 's1')).resolves.toBe(false);
      expect(db.calls[0]).toEqual({ api: 'document.remove', collection: 'sessions', id: 's1' });
    });

    it('removes every matching document and answers how many', async () => {
      const { db, store } = setup(flavour);
      db.seed('sessions', [
        { _id: 's1', expiresAt: 10 },
        { _id: 's2', expiresAt: 20 },
        { _id: 's3', expiresAt: 30 },
      ]);

      await expect(
        store.removeWhere('sessions', { where: { expiresAt: { lt: 25 } } }),
      ).resolves.toBe(2);
      expect(db.calls).toEqual([
        {
          api: 'collection.remove',
          collection: 'sessions',
          query: { $and: [{ expiresAt: { $lt: 25 } }] },
        },
      ]);
      expect(db.docs('sessions').map((d) => d._id)).toEqual(['s3']);
    });
  });

  describe('find and count', () => {
    const many = (n: number) =>
      Array.from({ length: n }, (_unused, i) => ({ _id: `d${String(i).padStart(4, '0')}` }));

    it('asks for 100 documents by default, ordered by _id', async () => {
      const { db, store } = setup(flavour);
      db.seed('audit_log', many(150));

      const found = await store.find('audit_log');

      expect(found).toHaveLength(100);
      expect(db.calls).toEqual([
        {
          api: 'collection.get',
          collection: 'audit_log',
          query: {},
          order: [['_id', 'asc']],
          limit: 100,
        },
      ]);
    });

    it('caps a query at 1000 documents', async () => {
      const { db, store } = setup(flavour);
      db.seed('audit_log', many(1200));

      const found = await store.find('audit_log', {}, { limit: 5000 });

      expect(found).toHaveLength(1000);
      expect(db.calls[0]?.limit).toBe(1000);
    });

    it('answers nothing for limit 0 without asking (the SDK would read 0 as 100)', async () => {
      const { db, store } = setup(flavour);
      db.seed('audit_log', many(3));

      await expect(store.find('audit_log', {}, { limit: 0 })).resolves.toEqual([]);
      expect(db.calls).toEqual([]);
    });

    it('orders, skips and limits in the chain', async () => {
      const { db, store } = setup(flavour);
      db.seed('members', [
        { _id: 'a', name: '甲', rank: 1 },
        { _id: 'b', name: '乙', rank: 3 },
        { _id: 'c', name: '丙', rank: 3 },
        { _id: 'd', name: '丁', rank: 2 },
      ]);

      const found = await store.find(
        'members',
        {},
        { orderBy: [{ field: 'rank', direction: 'desc' }], skip: 1, limit: 2 },
      );

      expect(found.map((d) => d._id)).toEqual(['c', 'd']);
      expect(db.calls[0]).toMatchObject({
        order: [
          ['rank', 'desc'],
          ['_id', 'asc'],
        ],
        skip: 1,
        limit: 2,
      });
    });

    it('lets null match a missing field as well as an explicit null', async () => {
      const { db, store } = setup(flavour);
      db.seed('members', [
        { _id: 'explicit', deletedAt: null },
        { _id: 'missing' },
        { _id: 'set', deletedAt: 5 },
      ]);

      const found = await store.find('members', { where: { deletedAt: null } });

      expect(found.map((d) => d._id).sort()).toEqual(['explicit', 'missing']);
      expect(db.calls[0]?.query).toEqual({
        $and: [{ $or: [{ deletedAt: { $eq: null } }, { deletedAt: { $exists: false } }] }],
      });
    });

    it('keeps two null conditions apart (one shared $or would match either)', async () => {
      const { db, store } = setup(flavour);
      db.seed('members', [{ _id: 'both' }, { _id: 'only-x', y: 1 }, { _id: 'only-y', x: 1 }]);

      const found = await store.find('members', { where: { x: null, y: null } });

      expect(found.map((d) => d._id)).toEqual(['both']);
    });

    it('compares, excludes, lists and searches as the port says', async () => {
      const { db, store } = setup(flavour);
      db.seed('members', [
        { _id: 'm1', name: '张.三', level: 3, note: null, city: '北京' },
        { _id: 'm2', name: '张x三', level: 5, note: 'vip' },
        { _id: 'm3', name: '李四', level: 7, note: 'new', city: '上海' },
        { _id: 'm4', name: '王五', level: 9 },
      ]);
      const ids = async (where: Parameters<typeof store.find>[1]) =>
        (await store.find('members', where)).map((d) => d._id).sort();

      expect(await ids({ where: { name: { contains: '张.' } } })).toEqual(['m1']);
      expect(await ids({ where: { level: { gt: 3 } } })).toEqual(['m2', 'm3', 'm4']);
      expect(await ids({ where: { level: { lte: 5 } } })).toEqual(['m1', 'm2']);
      const present = { level: { gte: 5 }, note: { ne: null } };
      expect(await ids({ where: present })).toEqual(['m2', 'm3']);
      expect(await ids({ where: { note: { ne: 'vip' } } })).toEqual(['m1', 'm3', 'm4']);
      expect(await ids({ where: { city: { in: ['上海', null] } } })).toEqual(['m2', 'm3', 'm4']);
      expect(await ids({ where: { city: { in: [] } } })).toEqual([]);
      expect(
        await ids({ where: { level: { lt: 9 } }, or: [{ city: '北京' }, { note: 'new' }] }),
      ).toEqual(['m1', 'm3']);
    });

    it('reaches into nested objects with dotted paths', async () => {
      const { db, store } = setup(flavour);
      db.seed('members', [
        { _id: 'm1', profile: { city: '上海' } },
        { _id: 'm2', profile: { city: '北京' } },
      ]);

      const found = await store.find('members', { where: { 'profile.city': '上海' } });

      expect(found.map((d) => d._id)).toEqual(['m1']);
      expect(db.calls[0]?.query).toEqual({ $and: [{ 'profile.city': '上海' }] });
    });

    it('counts matching documents with where().count()', async () => {
      const { db, store } = setup(flavour);
      db.seed('points_ledger', [
        { _id: 'p1', memberId: 'm1' },
        { _id: 'p2', memberId: 'm1' },
        { _id: 'p3', memberId: 'm2' },
      ]);

      await expect(store.count('points_ledger', { where: { memberId: 'm1' } })).resolves.toBe(2);
      expect(db.calls).toEqual([
        {
          api: 'collection.count',
          collection: 'points_ledger',
          query: { $and: [{ memberId: 'm1' }] },
        },
      ]);
    });
  });

  describe('batch', () => {
    const seedOrder = (db: FakeDatabase, state: string) =>
      db
        .seed('orders', [{ _id: 'o1', state, amount: 200, payer: { name: '张三' } }])
        .seed('points_ledger')
        .seed('sessions', [{ _id: 's1' }]);
    const pay = {
      op: 'update' as const,
      collection: 'orders',
      id: 'o1',
      patch: { set: { state: 'paid' } },
      expect: { state: 'pending' },
    };
    const award = { op: 'insert' as const, collection: 'points_ledger', doc: { _id: 'p1', n: 5 } };

    it('applies every write in one transaction with single-document calls', async () => {
      const { db, store } = setup(flavour);
      seedOrder(db, 'pending');

      await store.batch([pay, award, { op: 'remove', collection: 'sessions', id: 's1' }]);

      expect(db.doc('orders', 'o1')).toMatchObject({ state: 'paid' });
      expect(db.doc('points_ledger', 'p1')).toEqual({ _id: 'p1', n: 5 });
      expect(db.doc('sessions', 's1')).toBeUndefined();
      expect(db.calls).toEqual([
        { api: 'runTransaction' },
        { api: 'document.get', collection: 'orders', id: 'o1', inTransaction: true },
        {
          api: 'document.update',
          collection: 'orders',
          id: 'o1',
          payload: payload(flavour, { state: 'paid' }),
          inTransaction: true,
        },
        {
          api: 'collection.add',
          collection: 'points_ledger',
          payload: payload(flavour, { _id: 'p1', n: 5 }),
          inTransaction: true,
        },
        { api: 'document.remove', collection: 'sessions', id: 's1', inTransaction: true },
        { api: 'transaction.commit' },
      ]);
    });

    it('rolls everything back with StoreConflictError when a guard fails', async () => {
      const { db, store } = setup(flavour);
      seedOrder(db, 'paid');

      const error = await failure(store.batch([award, pay]));

      expect(error).toBeInstanceOf(StoreConflictError);
      expect((error as StoreConflictError).collection).toBe('orders');
      expect(db.doc('points_ledger', 'p1')).toBeUndefined();
      expect(apis(db)).not.toContain('document.update');
      expect(apis(db)).toContain('transaction.rollback');
    });

    it('checks every kind of condition of a guard in code', async () => {
      const { db, store } = setup(flavour);
      seedOrder(db, 'overdue');
      const holds = {
        state: { in: ['pending', 'overdue'] },
        amount: { gte: 200 },
        refundedAt: null,
        'payer.name': { contains: '张' },
        note: { ne: 'void' },
      };
      const failing = [
        { state: { in: ['pending'] } },
        { amount: { gte: 201 } },
        { amount: { gt: 200 } },
        { amount: { lt: 200 } },
        { state: null },
        { 'payer.name': { contains: '李' } },
        { payer: { ne: null }, 'payer.name': 'x' },
        { refundedAt: { ne: null } },
      ];
      const guarded = (expectation: object) => ({ ...pay, expect: expectation as never });

      for (const expectation of failing) {
        const error = await failure(store.batch([guarded({ ...holds, ...expectation })]));
        expect([expectation, error]).toEqual([expectation, expect.any(StoreConflictError)]);
      }
      await store.batch([guarded(holds)]);

      expect(db.doc('orders', 'o1')).toMatchObject({ state: 'paid' });
    });

    it('treats an update of a missing document as a conflict', async () => {
      const { db, store } = setup(flavour);
      db.seed('orders');
      const write = { op: 'update' as const, collection: 'orders', id: 'none', patch: {} };

      const error = await failure(store.batch([{ ...write, patch: { inc: { x: 1 } } }]));

      expect(error).toBeInstanceOf(StoreConflictError);
    });

    it('rolls back with StoreConflictError when an insert meets a taken _id', async () => {
      const { db, store } = setup(flavour);
      seedOrder(db, 'pending').seed('points_ledger', [{ _id: 'p1', n: 1 }]);

      const error = await failure(store.batch([pay, award]));

      expect(error).toBeInstanceOf(StoreConflictError);
      expect((error as StoreConflictError).collection).toBe('points_ledger');
      expect(db.doc('orders', 'o1')).toMatchObject({ state: 'pending' });
      expect(db.doc('points_ledger', 'p1')).toEqual({ _id: 'p1', n: 1 });
    });

    it('rolls back with StoreUnavailableError on any other failure', async () => {
      const { db, store } = setup(flavour);
      seedOrder(db, 'pending').failNext('document.remove', {
        code: 'DATABASE_PERMISSION_DENIED',
        message: 'Permission denied',
      });

      const error = await failure(
        store.batch([pay, { op: 'remove', collection: 'sessions', id: 's1' }]),
      );

      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as StoreUnavailableError).detail).toMatchObject({ collection: 'sessions' });
      expect(db.doc('orders', 'o1')).toMatchObject({ state: 'pending' });
      expect(db.doc('sessions', 's1')).toEqual({ _id: 's1' });
    });

    it('starts no transaction for an empty batch', async () => {
      const { db, store } = setup(flavour);

      await store.batch([]);

      expect(db.calls).toEqual([]);
    });
  });

  describe('ensureCollections', () => {
    it('creates every declared collection', async () => {
      const db = new FakeDatabase(flavour);

      const result = await ensureCollections(db);

      expect(result).toEqual({ created: Object.values(COLLECTIONS), existing: [] });
      for (const name of Object.values(COLLECTIONS)) expect(db.hasCollection(name)).toBe(true);
    });

    it('goes on past collections that already exist', async () => {
      const db = new FakeDatabase(flavour).seed('members');

      const result = await ensureCollections(db);

      expect(result.existing).toEqual(['members']);
      expect(result.created).toHaveLength(Object.values(COLLECTIONS).length - 1);
      expect(apis(db)).not.toContain('collection.get');
    });

    it('probes the collection when the failure does not say "exists"', async () => {
      const db = new FakeDatabase(flavour, {
        collectionExists: { code: 'SYS_ERR', message: 'internal error' },
      }).seed('members');

      const result = await ensureCollections(db);

      expect(result.existing).toEqual(['members']);
      expect(db.calls).toContainEqual({ api: 'collection.get', collection: 'members', limit: 1 });
    });

    it('throws StoreUnavailableError when a collection can neither be made nor read', async () => {
      const db = new FakeDatabase(flavour).failNext('createCollection', {
        code: 'DATABASE_PERMISSION_DENIED',
        message: 'Permission denied',
      });

      const error = await failure(ensureCollections(db));

      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as StoreUnavailableError).detail).toMatchObject({
        code: 'DATABASE_PERMISSION_DENIED',
        collection: Object.values(COLLECTIONS)[0],
      });
    });
  });
});

describe('wx-server-sdk specifics', () => {
  it('answers null for a missing document with throwOnNotFound: false', async () => {
    const { db, store } = setup('wx-server-sdk', { throwOnNotFound: false });
    db.seed('members');

    await expect(store.get('members', 'nobody')).resolves.toBeNull();
  });

  it('reads a duplicate from an E11000 message under -502001 (community report)', async () => {
    const { db, store } = setup('wx-server-sdk', { duplicateCode: 'DATABASE_REQUEST_FAILED' });
    db.seed('members', [{ _id: 'm1' }]);

    await expect(store.insert('members', { _id: 'm1' })).rejects.toThrow(StoreConflictError);
  });

  // wx-server-sdk drops the failure's code, so its runTransaction never retries a conflict.
  const conflict = { code: 'DATABASE_TRANSACTION_CONFLICT', message: 'transaction conflict' };
  const update = (s: number) =>
    ({ op: 'update', collection: 'orders', id: 'o1', patch: { set: { s } } }) as const;

  it('runs a batch again after a transaction conflict, which the SDK does not retry', async () => {
    const { db, store } = setup('wx-server-sdk');
    db.seed('orders', [{ _id: 'o1' }]).failNext('document.update', conflict);

    await store.batch([update(1)]);

    expect(db.doc('orders', 'o1')).toEqual({ _id: 'o1', s: 1 });
    expect(apis(db).filter((api) => api === 'runTransaction')).toHaveLength(2);
  });

  it('reports a conflict that outlasts three runs as a conflict', async () => {
    const { db, store } = setup('wx-server-sdk');
    db.seed('orders', [{ _id: 'o1' }]);
    for (let i = 0; i < 3; i += 1) db.failNext('document.update', conflict);

    const error = await failure(store.batch([update(1)]));

    expect(error).toBeInstanceOf(StoreConflictError);
    expect(apis(db).filter((api) => api === 'runTransaction')).toHaveLength(3);
    expect(db.doc('orders', 'o1')).toEqual({ _id: 'o1' });
  });
});

describe('node-sdk specifics', () => {
  it('treats failures returned as results (setThrowOnCode(false)) as failures', async () => {
    const { db, store } = setup('node-sdk', { throwOnCode: false });
    db.seed('members', [{ _id: 'm1' }]);

    await expect(store.insert('members', { _id: 'm1' })).rejects.toThrow(StoreConflictError);
    await expect(store.find('absent')).rejects.toThrow(StoreUnavailableError);
  });

  it('leaves transaction conflicts to the SDK, which retries them', async () => {
    const { db, store } = setup('node-sdk');
    db.seed('orders', [{ _id: 'o1' }]).failNext('document.update', {
      code: 'DATABASE_TRANSACTION_CONFLICT',
      message: 'transaction conflict',
    });

    const write = { op: 'update' as const, collection: 'orders', id: 'o1' };
    await store.batch([{ ...write, patch: { set: { s: 2 } } }]);

    expect(db.doc('orders', 'o1')).toEqual({ _id: 'o1', s: 2 });
    expect(apis(db).filter((api) => api === 'runTransaction')).toHaveLength(2);
  });
});

describe('index description for the deploy guide', () => {
  it('describes every declared index in the shape of tcb/updateindex', () => {
    const requests = describeCloudIndexes();

    const members = requests.find((r) => r.collection_name === 'members');
    expect(members?.create_indexes).toContainEqual({
      name: 'phone_unique',
      unique: true,
      keys: [{ name: 'phone', direction: '1' }],
    });
    expect(members?.create_indexes).toContainEqual({
      name: 'created_at',
      unique: false,
      keys: [{ name: 'createdAt', direction: '-1' }],
    });
    expect(requests.map((r) => r.collection_name)).not.toContain('settings');
    const declared = Object.values(INDEXES).reduce((n, list) => n + list.length, 0);
    expect(requests.reduce((n, r) => n + r.create_indexes.length, 0)).toBe(declared);
  });

  it('lists them as console steps', () => {
    const guide = formatIndexGuide();

    expect(guide).toContain('  - phone_unique (唯一): phone 升序');
    expect(guide).toContain('  - member_time: memberId 升序, at 降序');
  });
});
