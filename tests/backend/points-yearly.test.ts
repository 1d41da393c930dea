/** @jest-environment node */
import ExcelJS from 'exceljs';
import type { PointsRules, PointsYearlyLists } from '../../typings';
import { awardPoints } from '../../backend/domain/points/ledger';
import { COLLECTIONS } from '../../backend/schema/collections';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';
import { duesAdmin, duesMember, type DuesAdmin } from '../helpers/dues';
import { auditEntries } from '../helpers/members';

/** Noon in Beijing on 15 June 2026. */
const NOW = '2026-06-15T04:00:00Z';
const DEFAULT_REWARD = '生日礼物，并获得年度优秀会员评选资格';

let t: TestBackend;
let secretariat: DuesAdmin;
let phones = 0;
beforeEach(async () => {
  t = createTestBackend({ now: NOW });
  secretariat = await duesAdmin(t, 'secretariat');
  phones = 0;
});
afterEach(() => t.close());

/**
 * A roster member with `points` in one award at `at` (now unless given); the phone is
 * 1380000000N in the order members are made, the member number M000N unless given.
 */
async function member(
  name: string,
  points: number,
  options: { birthDate?: string | null; memberNo?: string; at?: string } = {},
): Promise<string> {
  phones += 1;
  const id = await t.seedMember({
    phone: `1380000000${phones}`,
    name,
    memberNo: options.memberNo ?? `M000${phones}`,
  });
  await t.store.update(COLLECTIONS.members, id, {
    set: { birthDate: options.birthDate ?? null },
  });
  const at = options.at ? new Date(options.at) : t.clock.now();
  await awardPoints(t.deps, { memberId: id, kind: 'noticeView', refId: 'notice-1', points, at });
  return id;
}

async function lists(year: number, admin: DuesAdmin = secretariat): Promise<PointsYearlyLists> {
  return dataOf<PointsYearlyLists>(await admin.call('admin.points.yearly', { year }));
}

const names = (rows: PointsYearlyLists['gift']) => rows.map((row) => row.name);

describe('admin.points.yearly', () => {
  it('lists the members at 20 points and above, not at 19', async () => {
    await member('张明', 19);
    await member('李华', 20, { birthDate: '1985-03-05' });
    await member('王芳', 21);

    const answer = await lists(2026);

    expect(answer).toMatchObject({ year: 2026, threshold: 20, reward: DEFAULT_REWARD });
    expect(names(answer.eligible)).toEqual(['王芳', '李华']);
    expect(names(answer.gift)).toEqual(['李华', '王芳']);
    expect(answer.gift[0]).toEqual({
      memberId: expect.any(String),
      name: '李华',
      memberNo: 'M0002',
      memberType: '个人会员',
      phoneMasked: '138****0002',
      birthDate: '1985-03-05',
      birthMonth: 3,
      total: 20,
    });
    expect(answer.gift[1]).toMatchObject({ name: '王芳', birthDate: null, birthMonth: null });
  });

  it('takes the threshold as set now, for earlier years too', async () => {
    await member('李华', 20, { at: '2025-06-15T04:00:00Z' });
    await member('王芳', 21, { at: '2025-06-15T04:00:00Z' });
    const superAdmin = await duesAdmin(t, 'superAdmin');
    const rules = dataOf<PointsRules>(await superAdmin.call('admin.points.rules.get'));

    const saved = await superAdmin.call('admin.points.rules.update', {
      values: rules.values,
      threshold: 21,
      reward: '年度纪念品',
    });
    expect(saved.ok).toBe(true);

    const answer = await lists(2025);
    expect(answer).toMatchObject({ year: 2025, threshold: 21, reward: '年度纪念品' });
    expect(names(answer.eligible)).toEqual(['王芳']);
  });

  it('orders the gift list by birthday and the selection list by points, then number', async () => {
    await member('陈静', 20, { birthDate: '1990-03-05', memberNo: 'M0006' });
    await member('李华', 25, { birthDate: '1985-03-05' });
    await member('王芳', 30, { birthDate: '1978-01-20' });
    await member('赵强', 22);
    await member('孙丽', 20, { birthDate: '1992-12-31', memberNo: 'M0005' });
    await member('周杰', 21, { birthDate: '1988-03-01' });
    await member('吴敏', 40);

    const answer = await lists(2026);

    // Month and day, then the name in pinyin order (陈 before 李); unknown birthdays last.
    expect(answer.gift.map((r) => [r.name, r.birthMonth])).toEqual([
      ['王芳', 1],
      ['周杰', 3],
      ['陈静', 3],
      ['李华', 3],
      ['孙丽', 12],
      ['吴敏', null],
      ['赵强', null],
    ]);
    // Tied at 20: the member number decides (M0005 孙丽 before M0006 陈静), not the name.
    expect(answer.eligible.map((r) => [r.name, r.total])).toEqual([
      ['吴敏', 40],
      ['王芳', 30],
      ['李华', 25],
      ['赵强', 22],
      ['周杰', 21],
      ['孙丽', 20],
      ['陈静', 20],
    ]);
  });

  it('counts the points of 00:30 on 1 January in Beijing for the new year', async () => {
    await member('张明', 20, { at: '2025-12-31T16:30:00Z' });
    await member('李华', 20, { at: '2025-12-31T15:59:59Z' });

    expect(names((await lists(2026)).eligible)).toEqual(['张明']);
    expect(names((await lists(2025)).eligible)).toEqual(['李华']);
  });

  it('lists everyone, beyond one page of 500 totals', async () => {
    for (let i = 0; i < 501; i += 1) {
      const id = await t.seedMember({
        phone: `139${String(i).padStart(8, '0')}`,
        name: `会员${i}`,
      });
      await awardPoints(t.deps, {
        memberId: id,
        kind: 'renewal',
        refId: 'o',
        points: 20,
        at: t.clock.now(),
      });
    }

    const answer = await lists(2026);

    expect(answer.eligible).toHaveLength(501);
    expect(answer.gift).toHaveLength(501);
    expect(new Set(answer.eligible.map((row) => row.memberId)).size).toBe(501);
  });

  it('refuses a year after this one in Beijing, and a year that is no year', async () => {
    for (const action of ['admin.points.yearly', 'admin.points.yearlyExport'] as const) {
      expect(await secretariat.call(action, { year: 2027 })).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
        field: 'year',
        message: '不能查询未来年份的名单',
      });
    }
    for (const data of [{}, { year: 1999 }, { year: 2025.5 }, { year: '2025' }]) {
      expect(await secretariat.call('admin.points.yearly', data)).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
        field: 'year',
      });
    }

    // 00:00 on 1 January 2027 in Beijing, still 2026 in UTC: 2027 has begun. (A new session:
    // the first one has expired by then.)
    t.clock.set('2026-12-31T16:00:00Z');
    const later = await duesAdmin(t, 'secretariat', 'mishu');
    expect(await lists(2027, later)).toMatchObject({ year: 2027, gift: [], eligible: [] });
  });

  it('is for the secretariat and the super-admin only', async () => {
    await member('李华', 20);
    const finance = await duesAdmin(t, 'finance');
    const superAdmin = await duesAdmin(t, 'superAdmin');
    const self = await duesMember(t, { phone: '13900000009', name: '钱多' });

    for (const action of ['admin.points.yearly', 'admin.points.yearlyExport'] as const) {
      expect(await finance.call(action, { year: 2026 })).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      });
      expect(await self.call(action, { year: 2026 })).toMatchObject({
        ok: false,
        code: 'UNAUTHENTICATED',
      });
    }
    expect(names((await lists(2026, superAdmin)).eligible)).toEqual(['李华']);
  });
});

describe('admin.points.yearlyExport', () => {
  it('writes both lists as sheets 生日礼物 and 评选资格, audited without personal data', async () => {
    await member('张明', 19, { birthDate: '1980-05-01' });
    await member('李华', 20, { birthDate: '1985-03-05' });
    await member('王芳', 25);
    await member('赵强', 20, { birthDate: '1990-11-09' });

    const exported = dataOf<{ fileName: string; contentBase64: string }>(
      await secretariat.call('admin.points.yearlyExport', { year: 2026 }),
    );

    expect(exported.fileName).toBe('2026年度积分达标名单.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      Buffer.from(exported.contentBase64, 'base64') as unknown as ArrayBuffer,
    );
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['生日礼物', '评选资格']);
    const rows = (name: string) =>
      (workbook.getWorksheet(name)!.getSheetValues().slice(1) as unknown[][]).map((r) =>
        r.slice(1),
      );
    expect(rows('生日礼物')).toEqual([
      ['姓名', '会员编号', '会员类型', '手机号', '生日', '年度积分'],
      ['李华', 'M0002', '个人会员', '138****0002', '3月5日', 20],
      ['赵强', 'M0004', '个人会员', '138****0004', '11月9日', 20],
      ['王芳', 'M0003', '个人会员', '138****0003', '未知', 25],
    ]);
    // Tied totals share a rank.
    expect(rows('评选资格')).toEqual([
      ['排名', '姓名', '会员编号', '会员类型', '手机号', '年度积分'],
      [1, '王芳', 'M0003', '个人会员', '138****0003', 25],
      [2, '李华', 'M0002', '个人会员', '138****0002', 20],
      [2, '赵强', 'M0004', '个人会员', '138****0004', 20],
    ]);

    const audit = (await auditEntries(t)).filter((a) => a.action === 'admin.points.yearlyExport');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: secretariat.id,
      target: '2026',
      summary: { year: 2026, threshold: 20, members: 3 },
    });
    const recorded = JSON.stringify(audit[0]);
    for (const personal of ['李华', '王芳', '赵强', '13800000002', '138****', 'M000']) {
      expect(recorded).not.toContain(personal);
    }
  });

  it('writes the header rows alone for a year nobody reached', async () => {
    await member('张明', 19);

    const exported = dataOf<{ fileName: string; contentBase64: string }>(
      await secretariat.call('admin.points.yearlyExport', { year: 2025 }),
    );

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      Buffer.from(exported.contentBase64, 'base64') as unknown as ArrayBuffer,
    );
    expect(exported.fileName).toBe('2025年度积分达标名单.xlsx');
    expect(workbook.getWorksheet('生日礼物')!.rowCount).toBe(1);
    expect(workbook.getWorksheet('评选资格')!.rowCount).toBe(1);
  });
});
