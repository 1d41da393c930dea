/** @jest-environment node */
import { generateRoster } from '../../../bench/roster-fixture';
import { parseRoster } from '../../../backend/domain/roster/parse';

describe('the benchmark roster fixture', () => {
  it('gives n importable members, unique phones and numbers, the same every time', async () => {
    const n = 400;
    const [first, second] = await Promise.all([generateRoster(n), generateRoster(n)]);

    const parsed = await parseRoster(first);

    expect(parsed).toMatchObject({ sheet: '会员名册', headerRow: 2, rowErrors: [], conflicts: [] });
    expect(parsed.rows).toHaveLength(n);
    expect(new Set(parsed.rows.map((row) => row.phone)).size).toBe(n);
    expect(new Set(parsed.rows.map((row) => row.memberNo)).size).toBe(n);
    expect(parsed.rows.every((row) => row.expiresOn !== null)).toBe(true);
    expect((await parseRoster(second)).rows).toEqual(parsed.rows);
  });
});
