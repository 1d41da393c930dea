/** @jest-environment node */
import { parseRoster } from '../../../backend/domain/roster/parse';
import { FIELD_CAPS } from '../../../backend/domain/roster/row';
import { rosterXlsx, SHORT_HEADER, xlsxBuffer } from '../../helpers/xlsx';

const member = (name: string, phone: string, extra: Record<string, string> = {}) => ({
  姓名: name,
  手机号码: phone,
  ...extra,
});

describe('roster lines', () => {
  it('skips blank lines and keeps Excel row numbers', async () => {
    const bytes = await rosterXlsx([
      member('夏慧然', '13997373133'),
      null,
      null,
      member('郝璐欣', '19146344184'),
    ]);

    const parsed = await parseRoster(bytes);

    expect(parsed.rows.map((row) => row.row)).toEqual([2, 5]);
    expect(parsed.rowErrors).toEqual([]);
  });

  it.each([
    ['合计 in the first column', [['合计', '2 人']]],
    ['总计 with a colon', [[null, null, '总计：2人']]],
    ['小计 on its own', [['小计：2人']]],
    ['a note with no name and no phone', [[null, null, null, null, '注：名单截至11月']]],
    ['a numbered empty line', [[3]]],
  ])('skips a closing line: %s', async (_what, tail) => {
    const bytes = await rosterXlsx(
      [member('夏慧然', '13997373133'), member('郝璐欣', '19146344184')],
      { tail },
    );

    const parsed = await parseRoster(bytes);

    expect(parsed.rows).toHaveLength(2);
    expect(parsed.rowErrors).toEqual([]);
    expect(parsed.skippedRows).toEqual([4]);
  });

  it('reads a note merged across the name column as a note, not as a name', async () => {
    const rows = [SHORT_HEADER, [1, 'SCXH1', '夏慧然', '13997373133'], ['注：以上为正式会员']];
    const bytes = await xlsxBuffer([{ rows, merges: ['A3:E3'] }]);

    const parsed = await parseRoster(bytes);

    expect(parsed.rows).toHaveLength(1);
    expect(parsed.rowErrors).toEqual([]);
    expect(parsed.skippedRows).toEqual([3]);
  });

  it('skips the header repeated halfway down the sheet', async () => {
    const rows = [SHORT_HEADER, [1, 'A1', '夏慧然', '13997373133'], SHORT_HEADER];
    rows.push([2, 'A2', '郝璐欣', '19146344184']);

    const parsed = await parseRoster(await xlsxBuffer([{ rows }]));

    expect(parsed.rows.map((row) => row.name)).toEqual(['夏慧然', '郝璐欣']);
    expect(parsed.skippedRows).toEqual([3]);
  });

  it('gives every member of a work unit merged down the rows that unit', async () => {
    const header = ['姓名', '手机号码', '工作单位'];
    const rows = [header, ['易婷', '18512675285', '四川省妇幼保健院'], ['文怡轩', '13359702289']];
    const parsed = await parseRoster(await xlsxBuffer([{ rows, merges: ['C2:C3'] }]));

    expect(parsed.rows.map((row) => row.workUnit)).toEqual([
      '四川省妇幼保健院',
      '四川省妇幼保健院',
    ]);
  });

  it('trims names and keeps rare characters and the middle dot', async () => {
    const bytes = await rosterXlsx([
      member(' 周倩 ', '15637272000'),
      member('周  倩', '15637272001'),
      member('𠮷祥', '15467170417'),
      member('阿依古丽·买买提', '19109323143'),
      member('  Anna  Li ', '19109323144'),
    ]);

    const parsed = await parseRoster(bytes);

    expect(parsed.rows.map((row) => row.name)).toEqual([
      '周倩',
      '周倩',
      '𠮷祥',
      '阿依古丽·买买提',
      'Anna Li',
    ]);
  });

  it('refuses a field longer than its cap instead of cutting it', async () => {
    const header = ['姓名', '手机号码', '工作单位', '备注'];
    const longUnit = '四'.repeat(FIELD_CAPS.workUnit + 1);
    const bytes = await rosterXlsx(
      [
        { 姓名: '石超旭', 手机号码: '13771187335', 工作单位: longUnit },
        { 姓名: '邹琳娟', 手机号码: '18432093858', 备注: '注'.repeat(FIELD_CAPS.notes) },
        { 姓名: '𠮷'.repeat(FIELD_CAPS.name), 手机号码: '15001047492' },
        { 姓名: '𠮷'.repeat(FIELD_CAPS.name + 1), 手机号码: '17915120482' },
      ],
      { header },
    );

    const parsed = await parseRoster(bytes);

    // A name of 50 characters that are each two UTF-16 units is still 50 characters.
    expect(parsed.rows.map((row) => row.row)).toEqual([3, 4]);
    expect(parsed.rowErrors).toEqual([
      {
        row: 2,
        code: 'FIELD_TOO_LONG',
        reason: `工作单位过长（最多${FIELD_CAPS.workUnit}个字，此处为${FIELD_CAPS.workUnit + 1}个字）`,
      },
      {
        row: 5,
        code: 'FIELD_TOO_LONG',
        reason: `姓名过长（最多${FIELD_CAPS.name}个字，此处为${FIELD_CAPS.name + 1}个字）`,
      },
    ]);
  });

  it('lists every problem of a line at once', async () => {
    const header = ['姓名', '手机号码', '会费到期日'];
    const bytes = await rosterXlsx([{ 手机号码: '1798525750', 会费到期日: '长期' }], { header });

    const parsed = await parseRoster(bytes);

    expect(parsed.rowErrors.map((error) => error.code)).toEqual([
      'PHONE_INVALID',
      'NAME_MISSING',
      'EXPIRY_INVALID',
    ]);
    expect(parsed.rowErrors.find((error) => error.code === 'NAME_MISSING')?.reason).toBe(
      '缺少姓名',
    );
  });

  it('keeps the first of two lines with one phone and reports the later one', async () => {
    const bytes = await rosterXlsx([
      member('高静红', '17490327954', { 会员编号: 'SCXH190035' }),
      member('韩明平', '17915120482'),
      member('高静红', '174 9032 7954', { 会员编号: 'SCXH190035' }),
    ]);

    const parsed = await parseRoster(bytes);

    expect(parsed.rows.map((row) => row.row)).toEqual([2, 3]);
    expect(parsed.conflicts).toEqual([{ row: 4, phone: '17490327954', sameAsRow: 2 }]);
    expect(parsed.rowErrors).toEqual([]);
  });

  it('refuses a 会员编号 given to two different phones in one file', async () => {
    const bytes = await rosterXlsx([
      member('夏慧然', '13997373133', { 会员编号: 'SCXH110001' }),
      member('郝璐欣', '19146344184', { 会员编号: 'ＳＣＸＨ110001' }),
    ]);

    const parsed = await parseRoster(bytes);

    expect(parsed.rows.map((row) => row.row)).toEqual([2]);
    expect(parsed.rowErrors).toEqual([
      { row: 3, code: 'MEMBER_NO_TAKEN', reason: '会员编号SCXH110001与第2行重复' },
    ]);
  });
});
