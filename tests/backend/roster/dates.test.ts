/** @jest-environment node */
import type { CellValue } from 'exceljs';
import { parseRoster } from '../../../backend/domain/roster/parse';
import { rosterXlsx, utcDate, xlsxBuffer } from '../../helpers/xlsx';

const HEADER = ['姓名', '手机号码', '出生日期', '入会日期', '会费到期日'];

/** Parses a one-member roster with these date cells. */
async function parseDates(cells: { birth?: CellValue; joined?: CellValue; expiry?: CellValue }) {
  const member = {
    姓名: '肖晶子',
    手机号码: '17931950092',
    出生日期: cells.birth ?? null,
    入会日期: cells.joined ?? null,
    会费到期日: cells.expiry ?? null,
  };
  return parseRoster(await rosterXlsx([member], { header: HEADER }));
}

describe('dates in the roster', () => {
  it.each<[string, CellValue, string]>([
    ['a date cell (UTC midnight)', utcDate('2024-09-30'), '2024-09-30'],
    ['a date cell late in the UTC day', new Date('2025-12-31T23:59:59.000Z'), '2025-12-31'],
    ['text 2024/9/30', '2024/9/30', '2024-09-30'],
    ['text 2026.9.30', '2026.9.30', '2026-09-30'],
    ['text 2027年9月30日', '2027年9月30日', '2027-09-30'],
    ['text 2024-09-30', '2024-09-30', '2024-09-30'],
    ['text 20240930', '20240930', '2024-09-30'],
    ['text with a time', '2024-09-30 00:00:00', '2024-09-30'],
    ['full-width text', '２０２４／９／３０', '2024-09-30'],
    ['an Excel serial number', 46934, '2028-06-30'],
    ['a serial with a time fraction', 46934.75, '2028-06-30'],
    ['a number typed as 20240930', 20240930, '2024-09-30'],
    [
      'a formula with a date result',
      { formula: 'DATE(2026,12,31)', result: utcDate('2026-12-31') },
      '2026-12-31',
    ],
  ])('reads an expiry written as %s', async (_how, expiry, want) => {
    const parsed = await parseDates({ expiry });

    expect(parsed.rowErrors).toEqual([]);
    expect(parsed.rows[0]?.expiresOn).toBe(want);
  });

  it('reads date cells by their UTC calendar date, whatever the process time zone', async () => {
    const parsed = await parseDates({
      birth: utcDate('1978-11-26'),
      joined: utcDate('2011-01-01'),
      expiry: utcDate('2024-12-31'),
    });

    // The zone of this run (the suite runs under TZ=UTC and TZ=Asia/Shanghai) must not matter.
    expect(parsed.rows[0]).toEqual(
      expect.objectContaining({
        birthDate: '1978-11-26',
        joinedOn: '2011-01-01',
        expiresOn: '2024-12-31',
      }),
    );
  });

  it('counts serial numbers from 1904 in a workbook that uses that date system', async () => {
    const rows = [HEADER, ['肖晶子', '17931950092', null, null, 45472]];
    const parsed = await parseRoster(await xlsxBuffer([{ rows }], { date1904: true }));

    expect(parsed.rows[0]?.expiresOn).toBe('2028-06-30');
  });

  it('allows an empty expiry, which is null', async () => {
    const parsed = await parseDates({ expiry: '' });

    expect(parsed.rowErrors).toEqual([]);
    expect(parsed.rows[0]?.expiresOn).toBeNull();
  });

  it.each<[CellValue, string]>([
    ['长期', '会费到期日不是有效日期：长期'],
    ['2024-02-30', '会费到期日不是有效日期：2024-02-30'],
    ['2024年9月', '会费到期日不是有效日期：2024年9月'],
    ['24/9/30', '会费到期日不是有效日期：24/9/30'],
    [12, '会费到期日不是有效日期：12'],
  ])('refuses the expiry %j', async (expiry, reason) => {
    const parsed = await parseDates({ expiry });

    expect(parsed.rows).toEqual([]);
    expect(parsed.rowErrors).toEqual([{ row: 2, code: 'EXPIRY_INVALID', reason }]);
  });

  it('refuses other dates that are not dates, naming the column', async () => {
    const parsed = await parseDates({ birth: '不详', joined: '2015.13.01' });

    expect(parsed.rowErrors).toEqual([
      { row: 2, code: 'DATE_INVALID', reason: '出生日期不是有效日期：不详' },
      { row: 2, code: 'DATE_INVALID', reason: '入会日期不是有效日期：2015.13.01' },
    ]);
  });
});
