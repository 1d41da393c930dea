/** @jest-environment node */
import { createSqliteStore, type SqliteStore } from '../../backend/adapters/sqlite/store';
import { findByIds } from '../../backend/core/find-by-ids';

describe('findByIds', () => {
  let store: SqliteStore;
  beforeEach(() => {
    store = createSqliteStore(':memory:');
  });
  afterEach(() => store.close());

  it('finds every one of 1200 ids, past a find’s default of 100 and a query’s cap of 1000', async () => {
    const ids = Array.from({ length: 1200 }, (_, i) => `m${String(i).padStart(4, '0')}`);
    await store.batch(
      ids.map((id) => ({
        op: 'insert' as const,
        collection: 'members',
        doc: { _id: id, phone: id },
      })),
    );

    const found = await findByIds(store, 'members', ids);

    expect(found.size).toBe(1200);
    expect(found.get('m1199')).toMatchObject({ phone: 'm1199' });
  });

  it('takes repeated and missing ids, and no ids at all', async () => {
    await store.insert('members', { _id: 'a', phone: '1' });

    expect([...(await findByIds(store, 'members', ['a', 'a', 'gone'])).keys()]).toEqual(['a']);
    expect((await findByIds(store, 'members', [])).size).toBe(0);
  });
});
