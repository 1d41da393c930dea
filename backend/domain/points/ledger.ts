import type { PointEventKind } from '../../../typings';
import type { BackendDeps } from '../../core/context';
import { calendarYear } from '../../core/dates';
import { COLLECTIONS } from '../../schema/collections';
import { AppError } from '../../core/errors';
import { StoreConflictError, type Doc, type Write } from '../../ports/store';

/**
 * One award. Its `_id` is its identity — member, kind and the thing it is for — so the same
 * award can be inserted only once, however many requests race for it.
 */
export interface LedgerEntryDoc extends Doc {
  memberId: string;
  kind: PointEventKind;
  /** What the award is for: a notice id, an order id, `once` for once-ever awards. */
  refId: string;
  points: number;
  at: string;
  /** Asia/Shanghai calendar year of `at`, whatever the server's time zone. */
  year: number;
  reason: string | null;
}

/** This year's total of one member, kept so that reading it does not scan the ledger. */
export interface PointsTotalDoc extends Doc {
  memberId: string;
  year: number;
  total: number;
}

export const ledgerEntryId = (memberId: string, kind: PointEventKind, refId: string) =>
  `${memberId}:${kind}:${refId}`;

export const totalId = (memberId: string, year: number) => `${memberId}:${year}`;

/** One award: who, for what (the entry's identity), how many points and when. */
export interface Award {
  memberId: string;
  kind: PointEventKind;
  refId: string;
  points: number;
  at: Date;
}

/**
 * The writes of an award, for a batch that stores the state change earning it: the entry
 * and the year's total move with that change or not at all. A second award of the same
 * identity collides on the entry's id and fails its whole batch with StoreConflictError.
 * An award of 0 points (the rules may set one to 0) writes nothing.
 */
export async function awardWrites(deps: BackendDeps, award: Award): Promise<Write[]> {
  if (award.points === 0) return [];
  const year = calendarYear(award.at);
  await ensureTotal(deps, award.memberId, year);
  const entry: LedgerEntryDoc = {
    _id: ledgerEntryId(award.memberId, award.kind, award.refId),
    memberId: award.memberId,
    kind: award.kind,
    refId: award.refId,
    points: award.points,
    at: award.at.toISOString(),
    year,
    reason: null,
  };
  return [
    { op: 'insert', collection: COLLECTIONS.pointsLedger, doc: entry },
    {
      op: 'update',
      collection: COLLECTIONS.pointsTotals,
      id: totalId(award.memberId, year),
      patch: { inc: { total: award.points } },
    },
  ];
}

/**
 * Awards points exactly once, on its own (a notice read, a login): a repeat collides on the
 * entry's id and changes nothing. Answers whether this call made the award.
 */
export async function awardPoints(deps: BackendDeps, award: Award): Promise<boolean> {
  const id = ledgerEntryId(award.memberId, award.kind, award.refId);
  if (award.points === 0) return false;
  // A repeat (a notice opened again, a retried request) reads one document and writes
  // nothing; the insert still decides when two first awards race.
  if (await deps.store.get(COLLECTIONS.pointsLedger, id)) return false;
  try {
    await deps.store.batch(await awardWrites(deps, award));
    return true;
  } catch (error) {
    if (error instanceof StoreConflictError) {
      const existing = await deps.store.get(COLLECTIONS.pointsLedger, id);
      if (existing) return false;
    }
    throw error;
  }
}

/** The total document must exist before a batch increments it. */
async function ensureTotal(deps: BackendDeps, memberId: string, year: number): Promise<void> {
  const id = totalId(memberId, year);
  if (await deps.store.get(COLLECTIONS.pointsTotals, id)) return;
  try {
    await deps.store.insert(COLLECTIONS.pointsTotals, { _id: id, memberId, year, total: 0 });
  } catch (error) {
    if (!(error instanceof StoreConflictError)) throw error;
  }
}

/** A member's total for one Asia/Shanghai calendar year (0 when nothing was awarded). */
export async function yearTotal(deps: BackendDeps, memberId: string, year: number) {
  const doc = await deps.store.get<PointsTotalDoc>(
    COLLECTIONS.pointsTotals,
    totalId(memberId, year),
  );
  return doc?.total ?? 0;
}

/**
 * An admin's adjustment, once per request: the entry's id carries the requestId. A
 * withdrawal is guarded on the total it may not take below 0, so two withdrawals at once
 * cannot overdraw. Answers the entry (the first one, when the request is repeated) and
 * whether this call made it.
 */
export async function adjustPoints(
  deps: BackendDeps,
  adjustment: {
    memberId: string;
    points: number;
    reason: string;
    requestId: string;
    at: Date;
    audit: Write;
  },
): Promise<{ entry: LedgerEntryDoc; made: boolean }> {
  const year = calendarYear(adjustment.at);
  const id = ledgerEntryId(adjustment.memberId, 'adminAdjust', adjustment.requestId);
  const earlier = await deps.store.get<LedgerEntryDoc>(COLLECTIONS.pointsLedger, id);
  if (earlier) return { entry: earlier, made: false };
  await ensureTotal(deps, adjustment.memberId, year);

  const entry: LedgerEntryDoc = {
    _id: id,
    memberId: adjustment.memberId,
    kind: 'adminAdjust',
    refId: adjustment.requestId,
    points: adjustment.points,
    at: adjustment.at.toISOString(),
    year,
    reason: adjustment.reason,
  };
  try {
    await deps.store.batch([
      { op: 'insert', collection: COLLECTIONS.pointsLedger, doc: entry },
      {
        op: 'update',
        collection: COLLECTIONS.pointsTotals,
        id: totalId(adjustment.memberId, year),
        patch: { inc: { total: adjustment.points } },
        ...(adjustment.points < 0 ? { expect: { total: { gte: -adjustment.points } } } : {}),
      },
      adjustment.audit,
    ]);
    return { entry, made: true };
  } catch (error) {
    if (!(error instanceof StoreConflictError)) throw error;
    const repeat = await deps.store.get<LedgerEntryDoc>(COLLECTIONS.pointsLedger, id);
    if (repeat) return { entry: repeat, made: false };
    // Only a withdrawal past what the year holds is the member's total's fault; anything
    // else met another write at the same moment.
    const held = await yearTotal(deps, adjustment.memberId, year);
    if (adjustment.points >= 0 || held >= -adjustment.points) {
      throw new AppError('CONFLICT', '积分正在变动，请稍后重试');
    }
    throw new AppError('CONFLICT', '扣减后本年积分将小于 0，请减少扣减的分数', {
      field: 'points',
    });
  }
}

/** A member's entries of one year, newest first (member_year index, then time). */
export async function ledgerPage(
  deps: BackendDeps,
  memberId: string,
  year: number,
  page: number,
  pageSize: number,
): Promise<{ items: LedgerEntryDoc[]; total: number }> {
  const filter = { where: { memberId, year } };
  const [total, items] = await Promise.all([
    deps.store.count(COLLECTIONS.pointsLedger, filter),
    deps.store.find<LedgerEntryDoc>(COLLECTIONS.pointsLedger, filter, {
      orderBy: [
        { field: 'at', direction: 'desc' },
        { field: '_id', direction: 'asc' },
      ],
      skip: (page - 1) * pageSize,
      limit: pageSize,
    }),
  ]);
  return { items, total };
}

/** The id of the entry that withdraws an award: one withdrawal per award, ever. */
export const withdrawalId = (awardId: string) => `${awardId}:withdrawn`;

/** What a withdrawal names: the award taken back (by its identity), why and when. */
export interface Withdrawal {
  memberId: string;
  kind: PointEventKind;
  refId: string;
  reason: string;
  at: Date;
}

/** Withdrawals racing with adjustments on one total: a few rounds settle it. */
const WITHDRAW_ATTEMPTS = 5;

/**
 * The writes that withdraw an award once (a cancelled registration, a service application
 * rejected as invalid), for the batch that stores the state change: a negative entry keyed
 * on the award, counted against the award's own year, so a December registration cancelled
 * in January comes off December's year. It takes no more than that year's total holds now
 * (the secretariat may have withdrawn points already), and the total is guarded on it, so
 * an adjustment landing meanwhile fails the batch rather than the total going below 0.
 * No writes when there was no award, or it was withdrawn before.
 */
export async function withdrawalWrites(
  deps: BackendDeps,
  withdrawal: Withdrawal,
): Promise<Write[]> {
  const awardId = ledgerEntryId(withdrawal.memberId, withdrawal.kind, withdrawal.refId);
  const id = withdrawalId(awardId);
  const original = await deps.store.get<LedgerEntryDoc>(COLLECTIONS.pointsLedger, awardId);
  if (!original || original.points <= 0) return [];
  if (await deps.store.get(COLLECTIONS.pointsLedger, id)) return [];

  const held = await yearTotal(deps, withdrawal.memberId, original.year);
  const points = Math.min(original.points, held);
  const entry: LedgerEntryDoc = {
    _id: id,
    memberId: withdrawal.memberId,
    kind: withdrawal.kind,
    refId: withdrawal.refId,
    points: -points,
    at: withdrawal.at.toISOString(),
    year: original.year,
    reason: withdrawal.reason,
  };
  return [
    { op: 'insert', collection: COLLECTIONS.pointsLedger, doc: entry },
    {
      op: 'update',
      collection: COLLECTIONS.pointsTotals,
      id: totalId(withdrawal.memberId, original.year),
      patch: { inc: { total: -points } },
      expect: { total: { gte: points } },
    },
  ];
}

/**
 * Withdraws an award once, on its own (withdrawalWrites says how). Answers the points
 * withdrawn (0 when there was no award, or it was withdrawn before).
 */
export async function withdrawAward(deps: BackendDeps, withdrawal: Withdrawal): Promise<number> {
  for (let attempt = 0; attempt < WITHDRAW_ATTEMPTS; attempt += 1) {
    const writes = await withdrawalWrites(deps, withdrawal);
    const entry = writes[0];
    if (entry?.op !== 'insert') return 0;
    try {
      await deps.store.batch(writes);
      return -(entry.doc as LedgerEntryDoc).points;
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
    }
  }
  const awardId = ledgerEntryId(withdrawal.memberId, withdrawal.kind, withdrawal.refId);
  if (await deps.store.get(COLLECTIONS.pointsLedger, withdrawalId(awardId))) return 0;
  throw new AppError('CONFLICT', '积分正在变动，请稍后重试');
}
