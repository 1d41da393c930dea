import type { BackendDeps } from '../../core/context';
import type { Doc, Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';

/** The settings document of 入会申请; missing means the defaults. */
export const APPLICATION_SETTINGS_ID = 'applications';
/** 学会 + year + a running number of the year: SQ20260001. */
export const DEFAULT_MEMBER_NO_PATTERN = 'SQ{YYYY}{NNNN}';
/** Numbers the roster already gave out are skipped; more than this in a row is a wrong pattern. */
const MAX_SKIPPED = 1000;

/** `settings/applications`: the number pattern and the blank form template. */
export interface ApplicationSettingsDoc extends Doc {
  memberNoPattern?: string;
  template?: { fileId: string; name: string; contentType: string; size: number } | null;
}

/** The year's counter in `settings`: the last number given out in that year. */
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
  const counterId = `memberNo:${year}`;
  const [settings, counter] = await Promise.all([
    store.get<ApplicationSettingsDoc>(COLLECTIONS.settings, APPLICATION_SETTINGS_ID),
    store.get<MemberNoCounterDoc>(COLLECTIONS.settings, counterId),
  ]);
  const { memberNo, n } = await nextFree(deps, settings, year, counter?.value ?? 0);

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
  const counter = await deps.store.get<MemberNoCounterDoc>(
    COLLECTIONS.settings,
    `memberNo:${year}`,
  );
  return (await nextFree(deps, settings, year, counter?.value ?? 0)).memberNo;
}

/** The first number after `last` that no member has (the roster may have given it out). */
async function nextFree(
  deps: BackendDeps,
  settings: ApplicationSettingsDoc | null,
  year: number,
  last: number,
): Promise<{ memberNo: string; n: number }> {
  const pattern = settings?.memberNoPattern ?? DEFAULT_MEMBER_NO_PATTERN;
  let n = last + 1;
  let memberNo = formatMemberNo(pattern, year, n);
  for (let skipped = 0; await isTaken(deps, memberNo); skipped += 1) {
    if (skipped >= MAX_SKIPPED) throw new Error(`member number pattern ${pattern} is exhausted`);
    n += 1;
    memberNo = formatMemberNo(pattern, year, n);
  }
  return { memberNo, n };
}

async function isTaken(deps: BackendDeps, memberNo: string): Promise<boolean> {
  return (await deps.store.count(COLLECTIONS.members, { where: { memberNo } })) > 0;
}
