/** @jest-environment node */
import type { CellValue } from 'exceljs';
import { parseRoster } from '../../../backend/domain/roster/parse';
import { isChinese } from './support';
import { rosterXlsx } from '../../helpers/xlsx';

/** Parses a one-member roster whose phone cell holds `phone`. */
async function parsePhone(phone: CellValue) {
  const bytes = await rosterXlsx([{ 会员编号: 'SCXH1', 姓名: '侯鹏佳', 手机号码: phone }]);
  return parseRoster(bytes);
}

describe('phone numbers in the roster', () => {
  it.each<[string, CellValue]>([
    ['plain', '15001047492'],
    ['spaced', '150 0104 7492'],
    ['dashed', '150-0104-7492'],
    ['+86 and a space', '+86 15001047492'],
    ['+86 glued', '+8615001047492'],
    ['86 glued', '8615001047492'],
    ['0086', '0086 150 0104 7492'],
    ['full-width digits', '１５００１０４７４９２'],
    ['full-width plus', '＋８６ １５００１０４７４９２'],
    ['trailing spaces', '15001047492  '],
    ['a trailing full-width space', '15001047492\u3000'],
    ['a number cell', 15001047492],
    ['rich text', { richText: [{ text: '150' }, { text: '01047492' }] }],
  ])('reads a phone written %s', async (_how, phone) => {
    const parsed = await parsePhone(phone);

    expect(parsed.rowErrors).toEqual([]);
    expect(parsed.rows.map((row) => row.phone)).toEqual(['15001047492']);
  });

  it.each<[string, CellValue]>([
    ['a slash', '17050886034/18778639912'],
    ['a full-width semicolon', '17050886034；18778639912'],
    ['a comma', '17050886034,18778639912'],
    ['a full-width comma', '17050886034，18778639912'],
    ['an enumeration comma', '17050886034、18778639912'],
    ['a line break', '17050886034\n18778639912'],
    ['only a space', '17050886034 18778639912'],
  ])('refuses two phones separated by %s', async (_how, phone) => {
    const parsed = await parsePhone(phone);

    expect(parsed.rows).toEqual([]);
    expect(parsed.rowErrors).toEqual([
      { row: 2, code: 'PHONE_MULTIPLE', reason: '一个单元格中填写了两个手机号' },
    ]);
  });

  it.each<[string, CellValue, string]>([
    ['10 digits', '1798525750', '手机号应为11位（此处为10位）'],
    ['12 digits', '179852575012', '手机号应为11位（此处为12位）'],
    ['a number cell with 10 digits', 1798525750, '手机号应为11位（此处为10位）'],
    ['a landline', '028-85501234', '手机号应以1开头'],
    ['letters', '1798525750x', '手机号中含有数字以外的字符'],
    ['a foreign number', '+1 415 555 0100', '不是中国大陆手机号'],
  ])('refuses a phone with %s', async (_how, phone, reason) => {
    const parsed = await parsePhone(phone);

    expect(parsed.rows).toEqual([]);
    expect(parsed.rowErrors).toEqual([{ row: 2, code: 'PHONE_INVALID', reason }]);
    expect(isChinese(reason)).toBe(true);
  });

  it('refuses a member line without a phone', async () => {
    const parsed = await parsePhone('   ');

    expect(parsed.rowErrors).toEqual([{ row: 2, code: 'PHONE_MISSING', reason: '缺少手机号' }]);
  });
});
