import type { RosterConflict, RosterRowError } from '../../../typings';
import type { RosterField } from '../members/model';

/**
 * One roster line that passed every check of the file itself: a member as the secretariat
 * wrote it. Text is trimmed, dates are `YYYY-MM-DD` calendar dates, `phone` is 11 digits.
 * A null field means the roster says nothing about it (blank cell or no such column).
 */
export interface RosterRow extends Record<RosterField, string | null> {
  /** Excel's own row number. */
  row: number;
  phone: string;
  name: string;
}

/** What a roster file holds, before it is compared with the store. */
export interface ParsedRoster {
  sheet: string;
  headerRow: number;
  /** The roster fields the sheet has a column for. */
  fields: RosterField[];
  rows: RosterRow[];
  rowErrors: RosterRowError[];
  /** Later rows repeating an earlier row's phone; they are neither imported nor merged. */
  conflicts: RosterConflict[];
  /** Non-blank lines passed over as not being members: totals, notes, repeated headers. */
  skippedRows: number[];
}
