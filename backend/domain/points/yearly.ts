import ExcelJS from 'exceljs';
import type { PointsYearlyLists, PointsYearlyRow } from '../../../typings';
import type { ActionContext, AdminPrincipal, BackendDeps } from '../../core/context';
import { calendarYear } from '../../core/dates';
import { allPages } from '../../core/paging';
import { AppError } from '../../core/errors';
import { maskPhone } from '../../core/mask';
import { COLLECTIONS } from '../../schema/collections';
import { auditWrite } from '../audit/audit';
import { personCells, workbookFile, type WorkbookFile } from '../content/workbook';
import type { MemberDoc } from '../members/model';
import type { PointsTotalDoc } from './ledger';
import { readPointsSettings } from './rules';
import { findByIds } from '../../core/find-by-ids';

// 年度名单: the members whose year reached the threshold, as the birthday-gift list (by
// birthday) and the outstanding-member selection's list (by points), and both as a workbook.

/** Chinese names in pinyin order, as the secretariat's own lists sort them. */
const byName = new Intl.Collator('zh-CN');

/** Refuses a year that has not begun in Asia/Shanghai: its lists would only be guesses. */
function assertNotFuture(year: number, now: Date): void {
  if (year > calendarYear(now)) {
    throw new AppError('INVALID_INPUT', '不能查询未来年份的名单', { field: 'year' });
  }
}

/** 1-12 from a `YYYY-MM-DD` calendar date, read as written (no time zone). */
function monthDay(birthDate: string | null): { month: number; day: number } | null {
  const match = birthDate ? /^\d{4}-(\d{2})-(\d{2})$/.exec(birthDate) : null;
  if (!match) return null;
  return { month: Number(match[1]), day: Number(match[2]) };
}

function toRow(member: MemberDoc, total: number): PointsYearlyRow {
  return {
    memberId: member._id,
    name: member.name,
    memberNo: member.memberNo,
    memberType: member.memberType,
    phoneMasked: maskPhone(member.phone),
    birthDate: member.birthDate,
    birthMonth: monthDay(member.birthDate)?.month ?? null,
    total,
  };
}

/** Member numbers in order, members without one after those with one. */
function compareMemberNo(a: PointsYearlyRow, b: PointsYearlyRow): number {
  if (a.memberNo === b.memberNo) return 0;
  if (a.memberNo === null) return 1;
  if (b.memberNo === null) return -1;
  return a.memberNo < b.memberNo ? -1 : 1;
}

/** 生日礼物: by birthday month, then day, then name; unknown birthdays last. */
function giftOrder(a: PointsYearlyRow, b: PointsYearlyRow): number {
  const x = monthDay(a.birthDate);
  const y = monthDay(b.birthDate);
  if (x && y && (x.month !== y.month || x.day !== y.day)) {
    return x.month - y.month || x.day - y.day;
  }
  if (!x !== !y) return x ? -1 : 1;
  return byName.compare(a.name, b.name) || compareMemberNo(a, b);
}

/** 评选资格: most points first, then member number, then name. */
function eligibleOrder(a: PointsYearlyRow, b: PointsYearlyRow): number {
  return b.total - a.total || compareMemberNo(a, b) || byName.compare(a.name, b.name);
}

/**
 * Every member whose total of `year` reaches the threshold as set now, read from the year's
 * totals (year_total index) page by page in `_id` order: totals move while the pages are
 * read, and pages ordered by total could read a member twice or not at all. Both lists are
 * sorted here.
 */
export async function yearlyLists(deps: BackendDeps, year: number): Promise<PointsYearlyLists> {
  const { threshold, reward } = await readPointsSettings(deps);
  const rows: PointsYearlyRow[] = [];

  const pages = allPages<PointsTotalDoc>(
    deps.store,
    COLLECTIONS.pointsTotals,
    { where: { year, total: { gte: threshold } } },
    [{ field: '_id', direction: 'asc' }],
  );
  for await (const totals of pages) {
    const byId = await findByIds<MemberDoc>(
      deps.store,
      COLLECTIONS.members,
      totals.map((t) => t.memberId),
    );
    // A total whose member was removed since has no one to give a gift to.
    for (const total of totals) {
      const member = byId.get(total.memberId);
      if (member) rows.push(toRow(member, total.total));
    }
  }

  return {
    year,
    threshold,
    reward,
    gift: [...rows].sort(giftOrder),
    eligible: [...rows].sort(eligibleOrder),
  };
}

/** admin.points.yearly: the lists of a year that has begun. */
export async function yearly(ctx: ActionContext<AdminPrincipal>, year: number) {
  assertNotFuture(year, ctx.now);
  return yearlyLists(ctx.deps, year);
}

/**
 * 评选资格's 排名: tied totals share a rank and the next rank skips (1, 2, 2, 4), so no member
 * of equal points is ranked below another.
 */
function ranks(rows: PointsYearlyRow[]): number[] {
  const out: number[] = [];
  rows.forEach((row, index) => {
    const tied = index > 0 && rows[index - 1]!.total === row.total;
    out.push(tied ? out[index - 1]! : index + 1);
  });
  return out;
}

/** 3月5日, or 未知. */
function birthdayText(birthDate: string | null): string {
  const date = monthDay(birthDate);
  return date ? `${date.month}月${date.day}日` : '未知';
}

function giftSheet(workbook: ExcelJS.Workbook, rows: PointsYearlyRow[]): void {
  const sheet = workbook.addWorksheet('生日礼物');
  sheet.columns = [
    { header: '姓名', key: 'name', width: 12 },
    { header: '会员编号', key: 'memberNo', width: 14 },
    { header: '会员类型', key: 'memberType', width: 12 },
    { header: '手机号', key: 'phone', width: 14 },
    { header: '生日', key: 'birthday', width: 10 },
    { header: '年度积分', key: 'total', width: 10 },
  ];
  for (const row of rows) {
    sheet.addRow({
      ...personCells(row),
      memberType: row.memberType ?? '',
      birthday: birthdayText(row.birthDate),
      total: row.total,
    });
  }
}

function eligibleSheet(workbook: ExcelJS.Workbook, rows: PointsYearlyRow[]): void {
  const sheet = workbook.addWorksheet('评选资格');
  sheet.columns = [
    { header: '排名', key: 'rank', width: 8 },
    { header: '姓名', key: 'name', width: 12 },
    { header: '会员编号', key: 'memberNo', width: 14 },
    { header: '会员类型', key: 'memberType', width: 12 },
    { header: '手机号', key: 'phone', width: 14 },
    { header: '年度积分', key: 'total', width: 10 },
  ];
  const rankOf = ranks(rows);
  rows.forEach((row, index) => {
    sheet.addRow({
      rank: rankOf[index],
      ...personCells(row),
      memberType: row.memberType ?? '',
      total: row.total,
    });
  });
}

/** 导出 Excel: both lists as sheets 生日礼物 and 评选资格; audited with counts only. */
export async function exportYearly(
  ctx: ActionContext<AdminPrincipal>,
  year: number,
): Promise<WorkbookFile> {
  assertNotFuture(year, ctx.now);
  const lists = await yearlyLists(ctx.deps, year);

  const workbook = new ExcelJS.Workbook();
  giftSheet(workbook, lists.gift);
  eligibleSheet(workbook, lists.eligible);
  const file = await workbookFile(workbook, `${year}年度积分达标名单.xlsx`);

  // Who took the list of phone numbers out, and when; the audit keeps no one's name or phone.
  await ctx.deps.store.batch([
    auditWrite(ctx.principal, ctx.now, 'admin.points.yearlyExport', String(year), {
      summary: { year, threshold: lists.threshold, members: lists.eligible.length },
    }),
  ]);
  return file;
}
