import { z } from 'zod';
import { ROSTER_LIST_LIMIT, type AdminRole } from '../../../typings';
import type { ActionContext, AdminPrincipal } from '../../core/context';
import { AppError } from '../../core/errors';
import { defineAction } from '../../core/registry';
import { fields } from '../../core/validation';
import { readOwnUpload } from '../files/uploads';
import { runRosterImport } from './import';
import { limitPlannedRows } from './report';

/** Who may import the roster: the secretariat and the super-admin, not finance. */
const ROSTER_ROLES: readonly AdminRole[] = ['superAdmin', 'secretariat'];

const fileInput = z.strictObject({ fileId: fields.id });
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Runs the import on the caller's own upload; phones in the report are masked and the
 * planned-row lists cut to what a screen can page through.
 */
async function importUpload(fileId: string, ctx: ActionContext<AdminPrincipal>, dryRun: boolean) {
  const { doc, bytes } = await readOwnUpload(ctx.deps, ctx.principal, fileId);
  if (doc.contentType !== XLSX_TYPE) {
    throw new AppError(
      'INVALID_INPUT',
      '名册须为 Excel 工作簿（.xlsx），请另存为 .xlsx 后重新上传',
      {
        field: 'fileId',
      },
    );
  }
  const report = await runRosterImport(ctx.deps, bytes, {
    dryRun,
    actor: ctx.principal,
    now: ctx.now,
  });
  return limitPlannedRows(report, ROSTER_LIST_LIMIT);
}

/** 名册导入: a preview (writes nothing) and the commit of the same uploaded file. */
export const rosterActions = [
  defineAction({
    name: 'admin.roster.preview',
    access: 'admin',
    roles: ROSTER_ROLES,
    input: fileInput,
    handler: ({ fileId }, ctx) => importUpload(fileId, ctx, true),
  }),
  defineAction({
    name: 'admin.roster.commit',
    access: 'admin',
    roles: ROSTER_ROLES,
    input: fileInput,
    handler: ({ fileId }, ctx) => importUpload(fileId, ctx, false),
  }),
];
