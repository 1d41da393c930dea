/**
 * 积分 without the page: the limits the backend checks, checked here first so a typo is caught
 * before the round trip, and the few figures the pages derive. Nothing here calls the backend.
 */

/** One adjustment adds or withdraws at most this many points (the contract's limit). */
export const MAX_ADJUSTMENT = 100;
/** An award's value: 0 switches it off. */
export const RULE_VALUE_RANGE = { min: 0, max: 100 } as const;
/** Points in a year that earn the reward. */
export const THRESHOLD_RANGE = { min: 1, max: 1000 } as const;
/** Characters (code points, as the backend counts them: a Chinese character is one). */
export const ADJUST_REASON_LENGTH = { min: 2, max: 200 } as const;
export const REWARD_LENGTH = { min: 2, max: 100 } as const;

/** 积分管理's tabs: every member with points in the year, or those at the threshold. */
export type PointsTab = 'all' | 'reached';

/** How many years back the console's lists go, besides this one. */
const EARLIER_YEARS = 3;

/** This year and the three before, newest first: the years the console's lists offer. */
export function yearsToOffer(thisYear: number): number[] {
  return Array.from({ length: EARLIER_YEARS + 1 }, (_, back) => thisYear - back);
}

/** +5, -3: a ledger entry's points as both clients show them. */
export function signedPoints(points: number): string {
  return points > 0 ? `+${points}` : String(points);
}

/** How far a total is on the way to the threshold, 0-100 (100 once reached). */
export function progressPercent(total: number, threshold: number): number {
  if (threshold <= 0) return 100;
  return Math.max(0, Math.min(100, Math.floor((total / threshold) * 100)));
}

/** Length in characters as the backend counts them. */
export function characterCount(text: string): number {
  return Array.from(text).length;
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** An adjustment's points: a whole number, not 0, at most 100 either way. */
export function isValidAdjustment(points: unknown): points is number {
  return isIntegerIn(points, -MAX_ADJUSTMENT, MAX_ADJUSTMENT) && points !== 0;
}

export function isValidRuleValue(value: unknown): value is number {
  return isIntegerIn(value, RULE_VALUE_RANGE.min, RULE_VALUE_RANGE.max);
}

export function isValidThreshold(value: unknown): value is number {
  return isIntegerIn(value, THRESHOLD_RANGE.min, THRESHOLD_RANGE.max);
}

/** A trimmed text whose length lies within `range` (code points). */
export function hasLength(text: string, range: { min: number; max: number }): boolean {
  const length = characterCount(text.trim());
  return length >= range.min && length <= range.max;
}
