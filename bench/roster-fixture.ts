import { Workbook, type CellValue } from 'exceljs';

/** The sample roster's columns, in its order. */
const HEADER = [
  '序号',
  '会员编号',
  '姓名',
  '性别',
  '出生日期',
  '手机号码',
  '工作单位',
  '职称',
  '职务',
  '会员类型',
  '入会日期',
  '会费到期日',
  '电子邮箱',
  '备注',
];

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘'];
const GIVEN = [...'明华芳静丽强军敏杰娟涛超秀霞平刚桂英红玉兰建国志宏伟雪慧然欣璐婷睿轩怡'];
const UNITS = ['四川大学华西医院', '四川省人民医院', '成都市第一人民医院', '绵阳市中心医院'];
const TITLES = ['主任医师', '副主任医师', '主治医师', '主管护师', '教授', '讲师', ''];
const POSITIONS = ['科主任', '护士长', '副院长', ''];
const TYPES = ['个人会员', '学生会员', '理事', '常务理事'];
const PREFIXES = ['139', '150', '186', '191', '177', '135', '158', '188'];
const EXPIRY_DAYS = ['03-31', '06-30', '09-30', '12-31'];

/** Multiplier coprime to 10^8: spreads the phone suffixes while keeping them unique. */
const SPREAD = 7919;
const SUFFIX_SPACE = 100_000_000;
const DAY_MS = 86_400_000;
/** Excel's serial day 25569 is 1970-01-01. */
const EXCEL_EPOCH_SERIAL = 25569;

const pick = <T>(list: readonly T[], index: number): T => list[index % list.length] as T;
const utc = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);

/** A unique valid mobile number for member `i`, written the way secretariats write them. */
function phoneCell(i: number): CellValue {
  const suffix = ((Math.floor(i / PREFIXES.length) * SPREAD + 12345) % SUFFIX_SPACE)
    .toString()
    .padStart(8, '0');
  const phone = `${pick(PREFIXES, i)}${suffix}`;
  if (i % 13 === 0) return Number(phone);
  if (i % 17 === 0) return `+86 ${phone}`;
  if (i % 10 === 0) return `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
  return phone;
}

/** A made-up name of two or three characters. */
function fakeName(i: number): string {
  const second = i % 3 === 0 ? '' : pick(GIVEN, i * 13 + 5);
  return `${pick(SURNAMES, i)}${pick(GIVEN, i * 7)}${second}`;
}

/** An expiry as a date cell, mostly; sometimes text or a serial number, as in the sample. */
function expiryCell(i: number): CellValue {
  const iso = `${2024 + (i % 5)}-${pick(EXPIRY_DAYS, i >> 2)}`;
  if (i % 11 === 0) return iso.replace(/-0?/g, '/');
  if (i % 23 === 0) return utc(iso).getTime() / DAY_MS + EXCEL_EPOCH_SERIAL;
  return utc(iso);
}

/**
 * An n-member roster workbook (.xlsx bytes) in the shape of the shared sample: a merged title,
 * the header in row 2, members from row 3, a 合计 line. Deterministic; every name is made up
 * and every phone is a unique valid mobile number, so the import adds all n members.
 */
export async function generateRoster(n: number): Promise<Buffer> {
  const workbook = new Workbook();
  // Fixed document dates: the same n gives the same workbook content on every run.
  workbook.created = utc('2026-01-01');
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet('会员名册');
  sheet.addRow([`示范学会会员名册（共${n}人，测试数据）`]);
  sheet.mergeCells(1, 1, 1, HEADER.length);
  sheet.addRow(HEADER);

  const width = Math.max(4, String(n).length);
  for (let i = 0; i < n; i += 1) {
    const joinedYear = 2005 + (i % 20);
    sheet.addRow([
      i + 1,
      `SCXH${String(joinedYear).slice(2)}${String(i + 1).padStart(width, '0')}`,
      fakeName(i),
      i % 2 === 0 ? '女' : '男',
      new Date(utc('1955-01-01').getTime() + ((i * 97) % 15000) * DAY_MS),
      phoneCell(i),
      pick(UNITS, i * 3),
      pick(TITLES, i),
      pick(POSITIONS, i * 5),
      pick(TYPES, i),
      new Date(utc(`${joinedYear}-01-01`).getTime() + ((i * 31) % 360) * DAY_MS),
      expiryCell(i),
      i % 2 === 0 ? `m${i + 1}@example.com` : '',
      '',
    ]);
  }
  sheet.addRow(['合计', `${n} 人`]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
