import { createHash, randomUUID } from 'node:crypto';
import type { RosterReport } from '../../../typings';
import type { BackendDeps, Principal } from '../../core/context';
import { AppError } from '../../core/errors';
import { StoreConflictError, type Doc, type Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { auditWrite } from '../audit/audit';
import type { MemberDoc, RosterField } from '../members/model';
import { parseRoster } from './parse';
import { planRosterImport, rosterValuesAfter, type RosterPlan } from './plan';
import { buildRosterReport } from './report';
import type { ParsedRoster } from './types';

export { planRosterImport } from './plan';
export type { RosterPlan, RosterUpdate } from './plan';

export interface RosterImportOptions {
  /** Plan and report only; nothing at all is written. */
  dryRun: boolean;
  /** Who imports: the admin of the action, or null for the operator's CLI. */
  actor: Principal | null;
  now: Date;
  /** Show conflicting phones whole (the operator's own terminal); masked otherwise. */
  revealPhones?: boolean;
}

/** One committed import: counts, who, when, which file. No personal data. */
export interface ImportRunDoc extends Doc {
  at: string;
  actorKind: Principal['kind'] | 'system';
  actorId: string | null;
  /** sha256 of the file's bytes, hex. */
  fileSha256: string;
  sheet: string;
  headerRow: number;
  imported: number;
  updated: number;
  unchanged: number;
  rowErrors: number;
  conflicts: number;
}

export const ROSTER_AUDIT_ACTION = 'roster.import';

/**
 * Imports a roster workbook: parse, compare with the store, and (unless a dry run) commit
 * everything in ONE batch: new members, guarded updates, the run record and the audit entry.
 * Accounts are never written: a member without an account document still has the initial
 * password, and a re-import cannot reset a password a member has changed.
 * Fails with INVALID_INPUT (unreadable file, no header) or CONFLICT (a member changed while
 * importing); in both cases nothing is written.
 */
export async function runRosterImport(
  deps: Pick<BackendDeps, 'store' | 'logger'>,
  bytes: Buffer,
  options: RosterImportOptions,
): Promise<RosterReport> {
  return importParsedRoster(deps, await parseRoster(bytes), bytes, options);
}

/**
 * The import after parsing, for callers that must know the file is readable before they open
 * a store (the CLI creates no data folder for a broken file). `bytes` name the file in the
 * run record.
 */
export async function importParsedRoster(
  deps: Pick<BackendDeps, 'store' | 'logger'>,
  parsed: ParsedRoster,
  bytes: Buffer,
  options: RosterImportOptions,
): Promise<RosterReport> {
  const started = Date.now();
  const plan = await planRosterImport(deps, parsed);
  const report = buildRosterReport(parsed, plan, {
    dryRun: options.dryRun,
    revealPhones: options.revealPhones ?? false,
  });

  if (!options.dryRun) {
    const fileSha256 = createHash('sha256').update(bytes).digest('hex');
    try {
      await deps.store.batch(commitWrites(plan, report, options, fileSha256));
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
      throw new AppError(
        'CONFLICT',
        '导入期间会员信息发生了变化，本次未导入任何数据，请重新预览后再导入',
        { detail: { collection: error.collection } },
      );
    }
  }

  deps.logger.log('info', ROSTER_AUDIT_ACTION, {
    dryRun: options.dryRun,
    imported: report.imported,
    updated: report.updated,
    unchanged: report.unchanged,
    rowErrors: report.rowErrors.length,
    conflicts: report.conflicts.length,
    durationMs: Date.now() - started,
  });
  return report;
}

function commitWrites(
  plan: RosterPlan,
  report: RosterReport,
  options: RosterImportOptions,
  fileSha256: string,
): Write[] {
  const at = options.now.toISOString();
  const writes: Write[] = [];

  for (const row of plan.adds) {
    const { row: _excelRow, ...values } = row;
    const doc: MemberDoc = {
      _id: randomUUID(),
      ...values,
      rosterValues: rosterValuesAfter(row),
      createdAt: at,
      updatedAt: at,
      firstLoginAt: null,
    };
    writes.push({ op: 'insert', collection: COLLECTIONS.members, doc });
  }
  for (const update of plan.updates) {
    writes.push({
      op: 'update',
      collection: COLLECTIONS.members,
      id: update.member._id,
      patch: {
        set: {
          ...update.set,
          rosterValues: rosterValuesAfter(update.row, update.member.rosterValues),
          updatedAt: at,
        },
      },
      // A member edited since it was read fails the whole batch instead of being overwritten.
      expect: { updatedAt: update.member.updatedAt ?? null },
    });
  }

  const actor = options.actor;
  const run: ImportRunDoc = {
    _id: randomUUID(),
    at,
    actorKind: actor?.kind ?? 'system',
    actorId:
      actor?.kind === 'admin' ? actor.adminId : actor?.kind === 'member' ? actor.memberId : null,
    fileSha256,
    sheet: report.sheet,
    headerRow: report.headerRow,
    imported: report.imported,
    updated: report.updated,
    unchanged: report.unchanged,
    rowErrors: report.rowErrors.length,
    conflicts: report.conflicts.length,
  };
  writes.push({ op: 'insert', collection: COLLECTIONS.importRuns, doc: run });

  const changed = new Set<RosterField>(plan.updates.flatMap((update) => update.changedFields));
  writes.push(
    auditWrite(actor, options.now, ROSTER_AUDIT_ACTION, run._id, {
      fields: [...changed],
      summary: {
        imported: run.imported,
        updated: run.updated,
        unchanged: run.unchanged,
        rowErrors: run.rowErrors,
        conflicts: run.conflicts,
      },
    }),
  );
  return writes;
}
