import type { BackendDeps } from '../../core/context';
import type { Doc, Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';

/** The settings document of 入会申请; missing means the defaults. */
export const APPLICATION_SETTINGS_ID = 'applications';
/** 学会 + year + a running number of the year: SQ20260001. */
export const DEFAULT_MEMBER_NO_PATTERN = 'SQ{YYYY}{NNNN}';
/** Member numbers read per query while looking past those the roster already gave out. */
const SCAN_PAGE = 500;

/** `settings/applications`: the number pattern and the blank form template. */
export interface ApplicationSettingsDoc extends Doc {
  memberNoPattern?: string;
  template?: { fileId: string; name: string; contentType: string; size: number } | null;
}

/**
 * The counter in `settings`: the last number given out, per year for a pattern with a year
 * (`memberNo:2026`), once for all years for one without (`memberNo:all`).
 */
interface MemberNoCounterDoc extends Doc {
  value: number;
}

/**
 * `{YYYY}` the year, `{YY}` its last two digits, `{N…}` the running number padded to as many
 * digits as there are Ns. The pattern is kept in the `settings/applications` document and
 * set in the console's 入会设置 (settings.ts checks it).
 */
export function formatMemberNo(pattern: string, year: number, n: number): string {
  return pattern
    .replace('{YYYY}', String(year))
    .replace('{YY}', String(year).slice(2))
    .replace(/\{(N+)\}/, (_match, ns: string) => String(n).padStart(ns.length, '0'));
}

/**
 * The next member number of `year`, and the counter write that claims it. The write is
 * guarded by the value read, so of two approvals at once only one batch commits; the other
 * fails with a conflict on `settings` and draws again.
 */
export async function drawMemberNo(
  deps: BackendDeps,
  year: number,
): Promise<{ memberNo: string; write: Write }> {
  const { store } = deps;
  const settings = await store.get<ApplicationSettingsDoc>(
    COLLECTIONS.settings,
    APPLICATION_SETTINGS_ID,
  );
  const pattern = patternOf(settings);
  const counterId = counterIdOf(pattern, year);
  const counter = await store.get<MemberNoCounterDoc>(COLLECTIONS.settings, counterId);
  const { memberNo, n } = await nextFree(deps, pattern, year, counter?.value ?? 0);

  const write: Write = counter
    ? {
        op: 'update',
        collection: COLLECTIONS.settings,
        id: counterId,
        patch: { set: { value: n } },
        expect: { value: counter.value },
      }
    : { op: 'insert', collection: COLLECTIONS.settings, doc: { _id: counterId, value: n } };
  return { memberNo, write };
}

/** The number the next approval of `year` would get, claiming nothing (入会设置's preview). */
export async function peekMemberNo(
  deps: BackendDeps,
  settings: ApplicationSettingsDoc | null,
  year: number,
): Promise<string> {
  const pattern = patternOf(settings);
  const counter = await deps.store.get<MemberNoCounterDoc>(
    COLLECTIONS.settings,
    counterIdOf(pattern, year),
  );
  return (await nextFree(deps, pattern, year, counter?.value ?? 0)).memberNo;
}

const patternOf = (settings: ApplicationSettingsDoc | null) =>
  settings?.memberNoPattern ?? DEFAULT_MEMBER_NO_PATTERN;

/** A pattern without a year counts on across years; one with a year starts each year at 1. */
const counterIdOf = (pattern: string, year: number) =>
  /\{YYYY\}|\{YY\}/.test(pattern) ? `memberNo:${year}` : 'memberNo:all';

/**
 * The first number after `last` that no member has: the roster may have given out a long run
 * of the pattern's numbers. Member numbers from the candidate on are read in order (the
 * member_no index), a page at a time; in that order the pattern's numbers of one width come
 * one after another, so the first one missing from the run is free.
 */
async function nextFree(
  deps: BackendDeps,
  pattern: string,
  year: number,
  last: number,
): Promise<{ memberNo: string; n: number }> {
  let n = last + 1;
  let memberNo = formatMemberNo(pattern, year, n);
  for (;;) {
    const taken = await deps.store.find<Doc & { memberNo: string }>(
      COLLECTIONS.members,
      { where: { memberNo: { gte: memberNo } } },
      { orderBy: [{ field: 'memberNo', direction: 'asc' }], limit: SCAN_PAGE },
    );
    const width = memberNo.length;
    for (const { memberNo: other } of taken) {
      if (other > memberNo) return { memberNo, n };
      if (other === memberNo) {
        n += 1;
        memberNo = formatMemberNo(pattern, year, n);
        // Past the Ns' width (9999 → 10000) the order of strings is not that of numbers:
        // read again from the longer number.
        if (memberNo.length !== width) break;
      }
    }
    if (taken.length < SCAN_PAGE && memberNo.length === width) return { memberNo, n };
  }
}
