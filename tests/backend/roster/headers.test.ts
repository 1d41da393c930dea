/** @jest-environment node */
import { AppError } from '../../../backend/core/errors';
import { parseRoster } from '../../../backend/domain/roster/parse';
import { isChinese } from './support';
import { rosterXlsx, utcDate, xlsxBuffer } from '../../helpers/xlsx';

async function invalidInput(bytes: Buffer): Promise<AppError> {
  const error = await parseRoster(bytes).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('INVALID_INPUT');
  expect(isChinese((error as AppError).message)).toBe(true);
  return error as AppError;
}

describe('finding the roster header', () => {
  it('finds the header below two merged title rows, in a shuffled column order', async () => {
    const header = ['会费到期日', '手机号码', '备注', '姓名', '工作单位', '会员编号', '序号'];
    const bytes = await rosterXlsx(
      [
        {
          会费到期日: utcDate('2027-03-31'),
          手机号码: '13997373133',
          备注: '理事',
          姓名: '夏慧然',
          工作单位: '四川大学华西第二医院',
          会员编号: 'SCXH110001',
          序号: 1,
        },
      ],
      { header, titles: ['四川省性学会会员名册', '（截至2026年11月）'] },
    );

    const parsed = await parseRoster(bytes);

    expect(parsed.headerRow).toBe(3);
    expect(parsed.rows).toEqual([
      expect.objectContaining({
        row: 4,
        phone: '13997373133',
        name: '夏慧然',
        memberNo: 'SCXH110001',
        workUnit: '四川大学华西第二医院',
        notes: '理事',
        expiresOn: '2027-03-31',
      }),
    ]);
  });

  it.each([
    [['编号', '姓名', '手机', '到期时间'], '到期时间'],
    [['会员编号', '姓名', '手机号', '到期日期'], '到期日期'],
    [['编号', '姓名', '联系电话', '有效期至'], '有效期至'],
    [['编号', ' 姓  名 ', '手机号码（登录账号）', '*会费到期日'], '*会费到期日'],
  ])('recognises the header names %j', async (header, expiryLabel) => {
    const [noLabel, nameLabel, phoneLabel] = header as [string, string, string];
    const bytes = await rosterXlsx(
      [
        {
          [noLabel]: 'A1',
          [nameLabel]: '李睿',
          [phoneLabel]: '19113890647',
          [expiryLabel]: '长期',
        },
      ],
      { header },
    );

    const parsed = await parseRoster(bytes);

    expect(parsed.headerRow).toBe(1);
    expect(parsed.rowErrors).toEqual([
      {
        row: 2,
        code: 'EXPIRY_INVALID',
        // The reason names the column as this sheet calls it.
        reason: `${expiryLabel.replace('*', '')}不是有效日期：长期`,
      },
    ]);
  });

  it('maps the other columns by their usual names', async () => {
    const header = ['姓名', '手机', '单位', '会员类别', '入会时间', '邮箱', '性别', '职称', '职务'];
    const bytes = await rosterXlsx(
      [
        {
          姓名: '易婷',
          手机: '18512675285',
          单位: '四川省妇幼保健院',
          会员类别: '个人会员',
          入会时间: '2009/7/19',
          邮箱: 'm19@example.com',
          性别: '女',
          职称: '主任医师',
          职务: '科主任',
        },
      ],
      { header },
    );

    const [row] = (await parseRoster(bytes)).rows;

    expect(row).toEqual(
      expect.objectContaining({
        workUnit: '四川省妇幼保健院',
        memberType: '个人会员',
        joinedOn: '2009-07-19',
        email: 'm19@example.com',
        gender: '女',
        title: '主任医师',
        position: '科主任',
      }),
    );
  });

  it('prefers 手机号码 over 联系电话 when a sheet has both', async () => {
    const header = ['姓名', '联系电话', '手机号码'];
    const bytes = await rosterXlsx(
      [{ 姓名: '林轩', 联系电话: '028-85501234', 手机号码: '13130567818' }],
      {
        header,
      },
    );

    expect((await parseRoster(bytes)).rows[0]?.phone).toBe('13130567818');
  });

  it('takes the first visible sheet that has a header', async () => {
    const roster = [
      ['姓名', '手机号码'],
      ['郝璐欣', '19146344184'],
    ];
    const bytes = await xlsxBuffer([
      { name: '填表说明', rows: [['请按下表填写会员信息'], ['姓名、手机号码为必填项']] },
      {
        name: '旧名册',
        rows: [
          ['姓名', '手机号码'],
          ['旧会员', '13000000000'],
        ],
        state: 'hidden',
      },
      { name: '2026名册', rows: roster },
      {
        name: '2025名册',
        rows: [
          ['姓名', '手机号码'],
          ['其他', '13100000000'],
        ],
      },
    ]);

    const parsed = await parseRoster(bytes);

    expect(parsed.sheet).toBe('2026名册');
    expect(parsed.rows.map((row) => row.name)).toEqual(['郝璐欣']);
  });

  it('refuses a workbook without a recognisable header', async () => {
    const bytes = await xlsxBuffer([
      {
        rows: [
          ['名字', '电话号码'],
          ['张三', '13997373133'],
        ],
      },
      {
        rows: [
          ['姓名', '工作单位'],
          ['李四', '某医院'],
        ],
      },
    ]);

    const error = await invalidInput(bytes);

    expect(error.message).toContain('姓名');
  });

  it.each([
    ['an empty file', Buffer.alloc(0)],
    ['plain text', Buffer.from('姓名,手机号码\n张三,13997373133\n', 'utf8')],
    ['a broken zip', Buffer.from('PK\u0003\u0004 not really a workbook')],
  ])('refuses %s as unreadable', async (_name, bytes) => {
    const error = await invalidInput(bytes);
    expect(error.message).toContain('xlsx');
  });
});
