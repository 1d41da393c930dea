import type { RosterRowError } from '../../../typings';
import type { BackendDeps } from '../../core/context';
import type { DocumentStore } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { ROSTER_FIELDS, type MemberDoc, type RosterField } from '../members/model';
import type { ParsedRoster, RosterRow } from './types';

/** Values per `in` query: one query answers at most 1000 documents in the cloud. */
const LOOKUP_CHUNK = 100;
/** Queries in flight at once; the cloud database throttles bursts. */
const LOOKUP_CONCURRENCY = 4;
const PAGE_SIZE = 1000;

/** A roster row for a member the store already has, and what it changes. */
export interface RosterUpdate {
  row: RosterRow;
  /** The member as read; its `updatedAt` guards the write. */
  member: MemberDoc;
  /** The roster fields that change, in ROSTER_FIELDS order. */
  changedFields: RosterField[];
  set: Partial<Record<RosterField, string>>;
}

/** What committing a parsed roster would do. */
export interface RosterPlan {
  adds: RosterRow[];
  updates: RosterUpdate[];
  unchanged: RosterRow[];
  /** Rows the store refuses: a 会员编号 that belongs to another member. */
  rowErrors: RosterRowError[];
}

/**
 * Compares parsed rows with the members in the store, matched by phone. A blank cell (or a
 * missing column) never clears a stored value: a re-import of a thinner roster loses nothing.
 * A row whose 会员编号 is held by a member with another phone is a MEMBER_NO_TAKEN error.
 */
export async function planRosterImport(
  deps: Pick<BackendDeps, 'store'>,
  parsed: ParsedRoster,
): Promise<RosterPlan> {
  const phones = parsed.rows.map((row) => row.phone);
  const numbers = [...new Set(parsed.rows.flatMap((row) => (row.memberNo ? [row.memberNo] : [])))];
  const byPhone = new Map(
    (await findMembers(deps.store, 'phone', phones)).map((member) => [member.phone, member]),
  );
  const holders = new Map<string, MemberDoc[]>();
  for (const member of await findMembers(deps.store, 'memberNo', numbers)) {
    if (member.memberNo === null) continue;
    holders.set(member.memberNo, [...(holders.get(member.memberNo) ?? []), member]);
  }

  const plan: RosterPlan = { adds: [], updates: [], unchanged: [], rowErrors: [] };
  for (const row of parsed.rows) {
    const other = row.memberNo
      ? holders.get(row.memberNo)?.find((member) => member.phone !== row.phone)
      : undefined;
    if (other) {
      const reason = `会员编号${row.memberNo}已属于其他会员（${other.name}）`;
      plan.rowErrors.push({ row: row.row, code: 'MEMBER_NO_TAKEN', reason });
      continue;
    }

    const member = byPhone.get(row.phone);
    if (!member) {
      plan.adds.push(row);
      continue;
    }
    const set = rosterChanges(row, member);
    const changedFields = ROSTER_FIELDS.filter((field) => field in set);
    if (changedFields.length === 0) plan.unchanged.push(row);
    else plan.updates.push({ row, member, changedFields, set });
  }
  return plan;
}

/**
 * The fields a row changes. A cell counts only when it differs from what the roster said the
 * last time (`rosterValues`), not from the stored value: a member's own later edit, or a
 * renewal that moved the expiry date, stands until the roster itself says something new.
 * A field the roster never wrote (members imported before `rosterValues` was kept) compares
 * with the stored value.
 */
function rosterChanges(row: RosterRow, member: MemberDoc): Partial<Record<RosterField, string>> {
  const set: Partial<Record<RosterField, string>> = {};
  for (const field of ROSTER_FIELDS) {
    const value = row[field];
    if (value === null || member[field] === value) continue;
    const said = member.rosterValues?.[field];
    if (said === undefined || said !== value) set[field] = value;
  }
  return set;
}

/** The roster's latest word on each field: the row's filled cells over what it said before. */
export function rosterValuesAfter(
  row: RosterRow,
  before: MemberDoc['rosterValues'] = {},
): Partial<Record<RosterField, string>> {
  const values = { ...before };
  for (const field of ROSTER_FIELDS) {
    const value = row[field];
    if (value !== null) values[field] = value;
  }
  return values;
}

/** Members whose `field` is one of `values`, in chunks the cloud database accepts. */
async function findMembers(
  store: DocumentStore,
  field: 'phone' | 'memberNo',
  values: string[],
): Promise<MemberDoc[]> {
  const chunks: string[][] = [];
  for (let i = 0; i < values.length; i += LOOKUP_CHUNK) {
    chunks.push(values.slice(i, i + LOOKUP_CHUNK));
  }
  const found: MemberDoc[] = [];
  for (let i = 0; i < chunks.length; i += LOOKUP_CONCURRENCY) {
    const wave = chunks
      .slice(i, i + LOOKUP_CONCURRENCY)
      .map((chunk) => findAll(store, field, chunk));
    for (const members of await Promise.all(wave)) found.push(...members);
  }
  return found;
}

async function findAll(store: DocumentStore, field: string, chunk: string[]): Promise<MemberDoc[]> {
  const found: MemberDoc[] = [];
  // 会员编号 is not unique in the store, so one chunk may answer more than a page.
  for (let skip = 0; ; skip += PAGE_SIZE) {
    const page = await store.find<MemberDoc>(
      COLLECTIONS.members,
      { where: { [field]: { in: chunk } } },
      { limit: PAGE_SIZE, skip },
    );
    found.push(...page);
    if (page.length < PAGE_SIZE) return found;
  }
}
