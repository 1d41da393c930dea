/** @jest-environment node */
import { addDays, addYears, renewalPeriod } from '../../backend/domain/dues/period';

// The suite runs under TZ=UTC and TZ=Asia/Shanghai: these answers must not move with it.

describe('addYears', () => {
  it.each([
    ['2024-02-29', 1, '2025-03-01'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2023-02-28', 1, '2024-02-28'],
    ['2026-12-31', 2, '2028-12-31'],
    ['2026-01-01', 10, '2036-01-01'],
  ])('%s + %i years is %s', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });
});

describe('addDays', () => {
  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2024-03-01', -1, '2024-02-29'],
  ])('%s + %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('renewalPeriod', () => {
  it.each([
    // A current member continues from the day after the expiry.
    ['2026-12-31', '2026-06-15', 1, '2027-01-01', '2027-12-31'],
    ['2026-12-31', '2026-12-31', 2, '2027-01-01', '2028-12-31'],
    ['2026-06-30', '2026-06-15', 3, '2026-07-01', '2029-06-30'],
    // Leap days, both ways.
    ['2024-02-28', '2024-02-01', 1, '2024-02-29', '2025-02-28'],
    ['2023-02-28', '2023-01-10', 1, '2023-03-01', '2024-02-29'],
    ['2024-02-28', '2024-02-01', 4, '2024-02-29', '2028-02-28'],
    // A lapsed member starts on the day of confirmation.
    ['2026-06-14', '2026-06-15', 1, '2026-06-15', '2027-06-14'],
    ['2020-01-01', '2024-02-29', 1, '2024-02-29', '2025-02-28'],
    ['2020-01-01', '2023-03-01', 1, '2023-03-01', '2024-02-29'],
    ['2025-12-30', '2026-01-01', 1, '2026-01-01', '2026-12-31'],
  ])('expires %s, confirmed %s, %i years: %s to %s', (expiresOn, today, years, from, until) => {
    expect(renewalPeriod(expiresOn, today, years)).toEqual({ from, until });
  });

  it('starts on the day of confirmation when the roster has no expiry', () => {
    expect(renewalPeriod(null, '2026-12-31', 1)).toEqual({
      from: '2026-12-31',
      until: '2027-12-30',
    });
  });
});
