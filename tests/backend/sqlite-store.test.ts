/** @jest-environment node */
import { createSqliteStore, type SqliteStore } from '../../backend/adapters/sqlite/store';
import { StoreConflictError } from '../../backend/ports/store';

describe('the SQLite document store', () => {
  let store: SqliteStore;
  beforeEach(async () => {
    store = createSqliteStore(':memory:');
    await store.insert('members', {
      _id: 'a',
      phone: '1',
      name: '甲',
      memberNo: 'M2',
      active: true,
      n: 1,
    });
    await store.insert('members', {
      _id: 'b',
      phone: '2',
      name: '乙',
      memberNo: 'M1',
      active: false,
      n: 5,
    });
    await store.insert('members', { _id: 'c', phone: '3', name: '甲乙', memberNo: null });
  });
  afterEach(() => store.close());

  const ids = (docs: { _id: string }[]) => docs.map((d) => d._id);

  it('filters by equality, booleans, ranges, in, ne and contains', async () => {
    expect(ids(await store.find('members', { where: { active: true } }))).toEqual(['a']);
    expect(ids(await store.find('members', { where: { n: { gte: 2 } } }))).toEqual(['b']);
    expect(ids(await store.find('members', { where: { phone: { in: ['1', '3'] } } }))).toEqual([
      'a',
      'c',
    ]);
    expect(ids(await store.find('members', { where: { name: { contains: '乙' } } }))).toEqual([
      'b',
      'c',
    ]);
    expect(ids(await store.find('members', { where: { memberNo: { ne: 'M1' } } }))).toEqual([
      'a',
      'c',
    ]);
  });

  it('matches null against a missing field as well as an explicit null', async () => {
    expect(ids(await store.find('members', { where: { n: null } }))).toEqual(['c']);
    expect(ids(await store.find('members', { where: { memberNo: null } }))).toEqual(['c']);
  });

  it('combines alternatives with or', async () => {
    const found = await store.find('members', {
      where: { active: { ne: true } },
      or: [{ phone: '2' }, { phone: '3' }],
    });

    expect(ids(found)).toEqual(['b', 'c']);
  });

  it('orders, skips and caps a page at 1000', async () => {
    const ordered = await store.find(
      'members',
      {},
      { orderBy: [{ field: 'memberNo', direction: 'desc' }], skip: 1 },
    );
    for (let i = 0; i < 1005; i += 1)
      await store.insert('sessions', { _id: `s${i}`, subjectId: 'x' });

    expect(ids(ordered)).toEqual(['b', 'c']);
    expect(await store.find('sessions', {}, { limit: 5000 })).toHaveLength(1000);
    expect(await store.find('sessions')).toHaveLength(100);
    expect(await store.count('sessions', { where: { subjectId: 'x' } })).toBe(1005);
  });

  it('refuses a duplicate id and a duplicate unique value', async () => {
    await expect(store.insert('members', { _id: 'a', phone: '9' })).rejects.toBeInstanceOf(
      StoreConflictError,
    );
    await expect(store.insert('members', { _id: 'z', phone: '1' })).rejects.toBeInstanceOf(
      StoreConflictError,
    );
  });

  it('updates only when the guard holds, with set, inc and unset', async () => {
    expect(await store.update('members', 'a', { set: { name: '丙' } }, { name: '乙' })).toBe(false);
    expect(
      await store.update(
        'members',
        'a',
        { set: { 'profile.city': '成都' }, inc: { n: 2, m: 1 }, unset: ['active'] },
        { name: '甲' },
      ),
    ).toBe(true);
    expect(await store.update('members', 'missing', { set: { name: '丁' } })).toBe(false);

    expect(await store.get('members', 'a')).toEqual({
      _id: 'a',
      phone: '1',
      name: '甲',
      memberNo: 'M2',
      n: 3,
      m: 1,
      profile: { city: '成都' },
    });
  });

  it('applies a batch all or nothing', async () => {
    const attempt = store.batch([
      { op: 'insert', collection: 'members', doc: { _id: 'd', phone: '4' } },
      { op: 'update', collection: 'members', id: 'b', patch: { set: { name: '改' } } },
      {
        op: 'update',
        collection: 'members',
        id: 'a',
        patch: { set: { name: '改' } },
        expect: { name: '不是' },
      },
    ]);

    await expect(attempt).rejects.toBeInstanceOf(StoreConflictError);
    expect(await store.get('members', 'd')).toBeNull();
    expect(await store.get('members', 'b')).toMatchObject({ name: '乙' });
  });

  it('rolls a batch back when an insert collides', async () => {
    const attempt = store.batch([
      { op: 'remove', collection: 'members', id: 'c' },
      { op: 'insert', collection: 'members', doc: { _id: 'e', phone: '1' } },
    ]);

    await expect(attempt).rejects.toBeInstanceOf(StoreConflictError);
    expect(await store.get('members', 'c')).not.toBeNull();
  });

  it('removes by id and by filter', async () => {
    expect(await store.remove('members', 'a')).toBe(true);
    expect(await store.remove('members', 'a')).toBe(false);
    expect(await store.removeWhere('members', { where: { name: { contains: '乙' } } })).toBe(2);
    expect(await store.count('members')).toBe(0);
  });

  it('creates an expression index for every declared index', () => {
    const plan = store.db
      .prepare("EXPLAIN QUERY PLAN SELECT _id FROM members WHERE json_extract(doc, '$.phone') = ?")
      .all('1') as { detail: string }[];

    expect(plan.map((p) => p.detail).join(' ')).toContain('members__phone_unique');
  });
});
