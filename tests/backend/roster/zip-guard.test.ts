/** @jest-environment node */
import ExcelJS from 'exceljs';
import { parseRoster } from '../../../backend/domain/roster/parse';
import { MAX_UNPACKED_BYTES } from '../../../backend/domain/roster/zip-guard';

describe('the workbook size guard', () => {
  it('refuses a small file that unpacks past the cap, before reading it', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('会员名册');
    sheet.addRow(['姓名', '手机号码']);
    // One highly compressible cell: tens of kilobytes packed, past the cap unpacked.
    sheet.addRow(['x'.repeat(MAX_UNPACKED_BYTES + 1024), '13997373133']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());

    expect(bytes.length).toBeLessThan(1024 * 1024);
    await expect(parseRoster(bytes)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('解压后过大'),
    });
  }, 60_000);

  it('lets an ordinary roster through', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('会员名册').addRows([
      ['姓名', '手机号码'],
      ['夏慧然', '13997373133'],
    ]);

    const parsed = await parseRoster(Buffer.from(await workbook.xlsx.writeBuffer()));

    expect(parsed.rows).toHaveLength(1);
  });
});
