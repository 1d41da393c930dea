/** @jest-environment node */
import type { RosterRowErrorCode } from '../../../typings';
import { parseRoster } from '../../../backend/domain/roster/parse';
import { runRosterImport } from '../../../backend/domain/roster/import';
import type { MemberDoc } from '../../../backend/domain/members/model';
import { COLLECTIONS } from '../../../backend/schema/collections';
import { createRosterDeps, isChinese, readSample } from './support';

/** The expected file describes reasons in English; this is the code each one must get. */
const CODE_FOR_DESCRIPTION: Record<string, RosterRowErrorCode> = {
  'missing phone': 'PHONE_MISSING',
  'two phones in one cell': 'PHONE_MULTIPLE',
  'phone has 10 digits': 'PHONE_INVALID',
  'expiry is not a date': 'EXPIRY_INVALID',
};

describe('the shared sample roster', () => {
  const { bytes, expected } = readSample();

  it('finds the sheet and the header row below the title', async () => {
    const parsed = await parseRoster(bytes);
    expect(parsed.sheet).toBe(expected.sheet);
    expect(parsed.headerRow).toBe(expected.headerRow);
  });

  it('gives every member with number, name, normalised phone and expiry', async () => {
    const parsed = await parseRoster(bytes);
    const members = parsed.rows.map(({ row, memberNo, name, phone, expiresOn }) => ({
      row,
      memberNo,
      name,
      phone,
      expiresOn,
    }));
    expect(members).toEqual(expected.members);
    expect(parsed.rows).toHaveLength(expected.memberCount);
  });

  it('refuses exactly the expected rows, each with its code and a Chinese reason', async () => {
    const parsed = await parseRoster(bytes);
    expect(parsed.rowErrors.map((error) => error.row)).toEqual(
      expected.rowErrors.map((error) => error.row),
    );
    for (const want of expected.rowErrors) {
      const code = CODE_FOR_DESCRIPTION[want.reason];
      if (!code) throw new Error(`no code mapped for "${want.reason}"`);
      const got = parsed.rowErrors.find((error) => error.row === want.row);
      expect(got).toMatchObject({ row: want.row, code });
      expect(isChinese(got?.reason ?? '')).toBe(true);
      const digits = /has (\d+) digits/.exec(want.reason)?.[1];
      if (digits) expect(got?.reason).toContain(`${digits}位`);
    }
  });

  it('reports the repeated phone as a conflict with the earlier row', async () => {
    const parsed = await parseRoster(bytes);
    expect(parsed.conflicts).toEqual(expected.conflicts);
    const conflictRows = new Set(expected.conflicts.map((conflict) => conflict.row));
    expect(parsed.rows.some((row) => conflictRows.has(row.row))).toBe(false);
  });

  it('imports the members into an empty store, then finds them all unchanged', async () => {
    const t = createRosterDeps();
    try {
      const options = { dryRun: false, actor: null, now: t.clock.now() };
      const first = await runRosterImport(t.deps, bytes, options);
      expect(first).toMatchObject({ imported: expected.memberCount, updated: 0, unchanged: 0 });

      const stored = await t.store.find<MemberDoc>(COLLECTIONS.members, {}, { limit: 1000 });
      expect(stored.map((member) => member.phone).sort()).toEqual(
        expected.members.map((member) => member.phone).sort(),
      );

      const second = await runRosterImport(t.deps, bytes, options);
      expect(second).toMatchObject({
        imported: 0,
        updated: 0,
        unchanged: expected.memberCount,
      });
      expect(await t.store.count(COLLECTIONS.members)).toBe(expected.memberCount);
    } finally {
      t.close();
    }
  });
});
