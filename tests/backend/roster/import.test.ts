/** @jest-environment node */
import { createHash } from 'node:crypto';
import type { CellValue } from 'exceljs';
import { AppError } from '../../../backend/core/errors';
import { runRosterImport, type ImportRunDoc } from '../../../backend/domain/roster/import';
import type { AuditDoc } from '../../../backend/domain/audit/audit';
import type { AccountDoc, MemberDoc } from '../../../backend/domain/members/model';
import type { DocumentStore } from '../../../backend/ports/store';
import { COLLECTIONS } from '../../../backend/schema/collections';
import { countAll, createRosterDeps, SECRETARIAT } from './support';
import { rosterXlsx, utcDate } from '../../helpers/xlsx';

const HEADER = ['会员编号', '姓名', '手机号码', '工作单位', '会费到期日'];
const BASE: Record<string, CellValue>[] = [
  {
    会员编号: 'SCXH1',
    姓名: '夏慧然',
    手机号码: '13997373133',
    工作单位: '华西二院',
    会费到期日: utcDate('2024-09-30'),
  },
  {
    会员编号: 'SCXH2',
    姓名: '郝璐欣',
    手机号码: '19146344184',
    工作单位: '省妇幼',
    会费到期日: '2027/3/31',
  },
  {
    会员编号: 'SCXH3',
    姓名: '郭雪慧',
    手机号码: '15462005645',
    工作单位: '省妇幼',
    会费到期日: 46934,
  },
];

const roster = (members: Record<string, CellValue>[]) => rosterXlsx(members, { header: HEADER });
const withExpiry = (index: number, expiry: CellValue) =>
  BASE.map((member, i) => (i === index ? { ...member, 会费到期日: expiry } : member));

describe('importing a roster into the store', () => {
  let t: ReturnType<typeof createRosterDeps>;
  beforeEach(() => {
    t = createRosterDeps();
  });
  afterEach(() => t.close());

  const commit = (bytes: Buffer, store: DocumentStore = t.store) =>
    runRosterImport({ ...t.deps, store }, bytes, {
      dryRun: false,
      actor: SECRETARIAT,
      now: t.clock.now(),
    });
  const dryRun = (bytes: Buffer) =>
    runRosterImport(t.deps, bytes, { dryRun: true, actor: SECRETARIAT, now: t.clock.now() });
  const members = () =>
    t.store.find<MemberDoc>(
      COLLECTIONS.members,
      {},
      { orderBy: [{ field: 'phone', direction: 'asc' }] },
    );

  it('writes nothing at all on a dry run, yet reports what a commit would do', async () => {
    await commit(await roster(BASE.slice(0, 2)));
    const before = { counts: await countAll(t.store), members: await members() };

    const report = await dryRun(await roster(withExpiry(0, '2028-09-30')));

    expect(report).toMatchObject({ dryRun: true, imported: 1, updated: 1, unchanged: 1 });
    expect(await countAll(t.store)).toEqual(before.counts);
    expect(await members()).toEqual(before.members);
  });

  it('commits members, one run record and one audit entry, and no accounts', async () => {
    const bytes = await roster(BASE);
    const report = await commit(bytes);

    expect(report).toMatchObject({ dryRun: false, imported: 3, updated: 0, unchanged: 0 });
    const stored = await members();
    expect(stored.map((m) => [m.phone, m.memberNo, m.workUnit, m.expiresOn])).toEqual([
      ['13997373133', 'SCXH1', '华西二院', '2024-09-30'],
      ['15462005645', 'SCXH3', '省妇幼', '2028-06-30'],
      ['19146344184', 'SCXH2', '省妇幼', '2027-03-31'],
    ]);
    const now = t.clock.now().toISOString();
    for (const member of stored) {
      expect(member._id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(member).toMatchObject({ createdAt: now, updatedAt: now, firstLoginAt: null });
    }
    expect(await t.store.count(COLLECTIONS.accounts)).toBe(0);

    const [run] = await t.store.find<ImportRunDoc>(COLLECTIONS.importRuns);
    expect(run).toMatchObject({
      at: now,
      actorKind: 'admin',
      actorId: SECRETARIAT.adminId,
      fileSha256: createHash('sha256').update(bytes).digest('hex'),
      imported: 3,
      updated: 0,
      unchanged: 0,
      rowErrors: 0,
      conflicts: 0,
    });
    // Hex digests can hold eleven digits in a row by chance: look for the members' own data.
    const personal = new RegExp([...stored.map((m) => m.phone), '夏慧然'].join('|'));
    expect(JSON.stringify(run)).not.toMatch(personal);

    const [audit] = await t.store.find<AuditDoc>(COLLECTIONS.auditLog);
    expect(audit).toMatchObject({
      action: 'roster.import',
      actorId: SECRETARIAT.adminId,
      target: run?._id,
    });
    expect(t.logger.lines.join('\n')).not.toMatch(personal);
  });

  it('finds everything unchanged when the same file comes again', async () => {
    const bytes = await roster(BASE);
    await commit(bytes);
    const before = await members();

    const report = await commit(bytes);

    expect(report).toMatchObject({ imported: 0, updated: 0, unchanged: 3 });
    expect(await members()).toEqual(before);
  });

  it('updates exactly the member and the field whose expiry changed', async () => {
    await commit(await roster(BASE));
    const before = await members();
    t.clock.advance(60_000);

    const report = await commit(await roster(withExpiry(1, '2028年3月31日')));

    expect(report).toMatchObject({ imported: 0, updated: 1, unchanged: 2 });
    expect(report.updates).toEqual([
      expect.objectContaining({ row: 3, changedFields: ['expiresOn'], expiresOn: '2028-03-31' }),
    ]);
    const after = await members();
    const changed = after.find((m) => m.phone === '19146344184');
    const was = before.find((m) => m.phone === '19146344184');
    expect(changed).toEqual({
      ...was,
      expiresOn: '2028-03-31',
      rosterValues: { ...was?.rosterValues, expiresOn: '2028-03-31' },
      updatedAt: t.clock.now().toISOString(),
    });
    expect(after.filter((m) => m !== changed)).toEqual(before.filter((m) => m !== was));
  });

  describe('a re-import changes only what the roster itself changed', () => {
    /** Changes a member's stored fields as a member's edit or a renewal would. */
    async function edit(phone: string, set: Partial<MemberDoc>) {
      const member = (await members()).find((m) => m.phone === phone);
      await t.store.update(COLLECTIONS.members, member!._id, { set });
    }
    const stored = async (phone: string) => (await members()).find((m) => m.phone === phone);

    it('keeps a member’s own edit and a moved expiry when the same roster comes again', async () => {
      const bytes = await roster(BASE);
      await commit(bytes);
      await edit('19146344184', { workUnit: '四川大学华西医院', expiresOn: '2028-03-31' });

      const report = await commit(bytes);

      expect(report).toMatchObject({ updated: 0, unchanged: 3 });
      expect(await stored('19146344184')).toMatchObject({
        workUnit: '四川大学华西医院',
        expiresOn: '2028-03-31',
      });
    });

    it('lets a new value in the roster win over an older edit', async () => {
      await commit(await roster(BASE));
      await edit('19146344184', { workUnit: '四川大学华西医院' });

      const changed = BASE.map((m, i) =>
        i === 1 ? { ...m, 工作单位: '成都市妇女儿童中心医院' } : m,
      );
      const report = await commit(await roster(changed));

      expect(report).toMatchObject({ updated: 1 });
      expect(report.updates[0]).toMatchObject({ changedFields: ['workUnit'] });
      expect(await stored('19146344184')).toMatchObject({ workUnit: '成都市妇女儿童中心医院' });
    });

    it('compares with the stored value for members imported before rosterValues was kept', async () => {
      await commit(await roster(BASE));
      const legacy = await stored('19146344184');
      await t.store.update(COLLECTIONS.members, legacy!._id, {
        set: { workUnit: '四川大学华西医院' },
        unset: ['rosterValues'],
      });

      const report = await commit(await roster(BASE));

      expect(report).toMatchObject({ updated: 1 });
      expect(await stored('19146344184')).toMatchObject({
        workUnit: '省妇幼',
        rosterValues: { name: '郝璐欣', memberNo: 'SCXH2', workUnit: '省妇幼' },
      });
    });
  });

  it('keeps a stored value when the cell is blank in the new file', async () => {
    await commit(await roster(BASE));

    const report = await commit(await roster(withExpiry(0, null)));

    expect(report).toMatchObject({ updated: 0, unchanged: 3 });
    expect((await members())[0]?.expiresOn).toBe('2024-09-30');
  });

  it('leaves a changed password alone: accounts are never written', async () => {
    await commit(await roster(BASE));
    const [first] = await members();
    const account: AccountDoc = {
      _id: first?._id ?? '',
      passwordHash: 'scrypt$changed-by-the-member',
      mustChangePassword: false,
      passwordChangedAt: '2026-11-01T08:00:00.000Z',
    };
    await t.store.insert(COLLECTIONS.accounts, { ...account, phone: first?.phone });

    await commit(await roster(withExpiry(0, '2030-12-31')));

    expect(await t.store.get(COLLECTIONS.accounts, account._id)).toEqual({
      ...account,
      phone: first?.phone,
    });
    expect(await t.store.count(COLLECTIONS.accounts)).toBe(1);
  });

  it('refuses a 会员编号 that already belongs to another member', async () => {
    await commit(await roster(BASE.slice(0, 1)));

    const newcomer = { 会员编号: 'SCXH1', 姓名: '石超旭', 手机号码: '13771187335' };
    const report = await commit(await roster([newcomer, BASE[1] ?? {}]));

    expect(report.imported).toBe(1);
    expect(report.rowErrors).toEqual([
      { row: 2, code: 'MEMBER_NO_TAKEN', reason: '会员编号SCXH1已属于其他会员（夏慧然）' },
    ]);
    expect(await t.store.count(COLLECTIONS.members, { where: { phone: '13771187335' } })).toBe(0);
  });

  it('writes nothing when a member changes while the import commits', async () => {
    await commit(await roster(BASE.slice(0, 2)));
    const [target] = await members();
    const before = await countAll(t.store);
    // Another admin saves the member after the import read it, before its batch runs.
    const racing: DocumentStore = {
      ...t.store,
      batch: async (writes) => {
        await t.store.update(COLLECTIONS.members, target?._id ?? '', {
          set: { workUnit: '新单位', updatedAt: '2026-11-20T02:00:30.000Z' },
        });
        return t.store.batch(writes);
      },
    };
    const changed = [{ ...BASE[0], 会费到期日: '2031-12-31' }, BASE[1] ?? {}, BASE[2] ?? {}];

    const error = await commit(await roster(changed), racing).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('CONFLICT');
    expect(await countAll(t.store)).toEqual(before);
    expect(await t.store.get(COLLECTIONS.members, target?._id ?? '')).toMatchObject({
      workUnit: '新单位',
      expiresOn: '2024-09-30',
    });
  });

  it.each([
    ['an unreadable file', async () => Buffer.from('not a workbook')],
    [
      'a sheet without a header',
      () => rosterXlsx([{ 名字: '张三' }], { header: ['名字', '电话'] }),
    ],
  ])('refuses %s with INVALID_INPUT and writes nothing', async (_what, make) => {
    await commit(await roster(BASE.slice(0, 1)));
    const before = await countAll(t.store);

    const error = await commit(await make()).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INVALID_INPUT');
    expect(await countAll(t.store)).toEqual(before);
  });
});
