import QRCode from 'qrcode';
import type {
  ApplicationOptions,
  ApplicationQrCode,
  ApplicationSettings,
  Instant,
} from '../../../typings';
import type { ActionContext, AdminPrincipal, BackendDeps } from '../../core/context';
import { calendarYear } from '../../core/dates';
import { AppError } from '../../core/errors';
import type { Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { auditWrite } from '../audit/audit';
import { prepareAttachment, readAttachedFile, removeStoredFiles } from '../files/attachments';
import { linkTo } from '../files/links';
import { storeUpload } from '../files/uploads';
import { readDuesSettings } from '../dues/settings';
import {
  APPLICATION_SETTINGS_ID,
  DEFAULT_MEMBER_NO_PATTERN,
  formatMemberNo,
  peekMemberNo,
  type ApplicationSettingsDoc,
} from './member-number';
import { limitApplicantRate } from './rate';

/** The page a 入会申请 mini-program code opens, and its scene (at most 32 characters). */
export const APPLY_PAGE = 'package-apply/pages/apply/index';
export const APPLY_SCENE = 'apply';
/** The portal's form, which a local QR code opens. */
export const APPLY_PATH = '/apply';

/** Offered when the dues settings name no member type yet. */
const FALLBACK_MEMBER_TYPES = ['个人会员'];

const NO_TEMPLATE = '学会尚未提供空白申请表，请联系学会秘书处';
const TEMPLATE_TYPE_MESSAGE = '空白申请表只能是 PDF 或 Word（.docx）文件';

export async function readApplicationSettings(
  deps: BackendDeps,
): Promise<ApplicationSettingsDoc | null> {
  return deps.store.get<ApplicationSettingsDoc>(COLLECTIONS.settings, APPLICATION_SETTINGS_ID);
}

/** The member types one may apply for: those 会费设置 names a fee for. */
export async function offeredMemberTypes(deps: BackendDeps): Promise<string[]> {
  const types = (await readDuesSettings(deps)).fees.map((f) => f.memberType);
  return types.length > 0 ? types : FALLBACK_MEMBER_TYPES;
}

/** `application.options`: what the form needs before the applicant types a thing. */
export async function applicationOptions(ctx: ActionContext): Promise<ApplicationOptions> {
  const [memberTypes, settings] = await Promise.all([
    offeredMemberTypes(ctx.deps),
    readApplicationSettings(ctx.deps),
  ]);
  return {
    memberTypes,
    template: settings?.template ? { name: settings.template.name } : null,
    resultTemplateId: ctx.deps.config.applicationResultTemplateId,
  };
}

/** `application.template`: a fresh short-lived link to the blank form. */
export async function templateLink(
  ctx: ActionContext,
): Promise<{ url: string; name: string; expiresAt: Instant }> {
  await limitApplicantRate(ctx, 'applicationTemplate');
  const settings = await readApplicationSettings(ctx.deps);
  const file = settings?.template
    ? await readAttachedFile(ctx.deps, settings.template.fileId)
    : null;
  if (!settings?.template || !file) throw new AppError('NOT_FOUND', NO_TEMPLATE);
  const link = await linkTo(ctx.deps, file, ctx.now);
  return { ...link, name: settings.template.name };
}

export async function getApplicationSettings(ctx: ActionContext): Promise<ApplicationSettings> {
  const settings = await readApplicationSettings(ctx.deps);
  return view(ctx.deps, settings, calendarYear(ctx.now));
}

async function view(
  deps: BackendDeps,
  settings: ApplicationSettingsDoc | null,
  year: number,
): Promise<ApplicationSettings> {
  const { template } = settings ?? {};
  return {
    memberNoPattern: settings?.memberNoPattern ?? DEFAULT_MEMBER_NO_PATTERN,
    nextMemberNo: await peekMemberNo(deps, settings, year),
    template: template
      ? { name: template.name, contentType: template.contentType, size: template.size }
      : null,
  };
}

/**
 * Checks a member number pattern: exactly one `{N…}` of 3-8 Ns, at most one year field,
 * otherwise letters, digits and -; a number of at most 32 characters.
 */
export function checkMemberNoPattern(pattern: string): string | null {
  const runs = pattern.match(/\{N+\}/g) ?? [];
  if (runs.length !== 1) return '编号规则须含且只含一个流水号，如 {NNNN}';
  const width = runs[0]!.length - 2;
  if (width < 3 || width > 8) return '流水号位数应为 3-8 位（{NNN} 至 {NNNNNNNN}）';
  if ((pattern.match(/\{YYYY\}|\{YY\}/g) ?? []).length > 1) return '编号规则中年份只能出现一次';
  const rest = pattern.replace(/\{N+\}|\{YYYY\}|\{YY\}/g, '');
  if (!/^[A-Za-z0-9-]*$/.test(rest)) {
    return '编号规则只能含字母、数字、- 以及 {YYYY}、{YY}、{NNNN}';
  }
  if (formatMemberNo(pattern, 2000, 1).length > 32) return '按此规则生成的会员编号超过32个字符';
  return null;
}

/**
 * Saves the number pattern and, when `templateFileId` is given, the blank form: an upload of
 * the admin's own, kept under `templates/`, or null to remove it. The old template's file
 * goes once the new settings are stored.
 */
export async function updateApplicationSettings(
  ctx: ActionContext<AdminPrincipal>,
  input: { memberNoPattern: string; templateFileId?: string | null },
): Promise<ApplicationSettings> {
  const problem = checkMemberNoPattern(input.memberNoPattern);
  if (problem) throw new AppError('INVALID_INPUT', problem, { field: 'memberNoPattern' });

  const current = await readApplicationSettings(ctx.deps);
  const next: ApplicationSettingsDoc = {
    ...(current ?? {}),
    _id: APPLICATION_SETTINGS_ID,
    memberNoPattern: input.memberNoPattern,
    template: current?.template ?? null,
  };
  const writes: Write[] = [];
  const prepared =
    typeof input.templateFileId === 'string'
      ? await prepareAttachment(
          ctx.deps,
          ctx.principal,
          input.templateFileId,
          { folder: 'templates' },
          TEMPLATE_TYPE_MESSAGE,
          'templateFileId',
        )
      : null;
  if (prepared) {
    next.template = { ...prepared.file };
    writes.push(prepared.write);
  } else if (input.templateFileId === null) {
    next.template = null;
  }
  const replaced =
    current?.template && current.template.fileId !== next.template?.fileId
      ? current.template.fileId
      : null;
  const replacedFile = replaced ? await readAttachedFile(ctx.deps, replaced) : null;
  if (replaced) writes.push({ op: 'remove', collection: COLLECTIONS.files, id: replaced });

  writes.unshift(
    current
      ? {
          op: 'update',
          collection: COLLECTIONS.settings,
          id: APPLICATION_SETTINGS_ID,
          patch: { set: { memberNoPattern: next.memberNoPattern, template: next.template } },
        }
      : { op: 'insert', collection: COLLECTIONS.settings, doc: next },
  );
  writes.push(
    auditWrite(
      ctx.principal,
      ctx.now,
      'admin.applications.settings.update',
      APPLICATION_SETTINGS_ID,
      {
        fields: ['memberNoPattern', ...(input.templateFileId !== undefined ? ['template'] : [])],
        summary: { memberNoPattern: input.memberNoPattern, template: next.template?.name ?? null },
      },
    ),
  );
  try {
    await ctx.deps.store.batch(writes);
  } catch (error) {
    if (prepared) await removeStoredFiles(ctx.deps, [prepared.copy]);
    throw error;
  }
  await removeStoredFiles(ctx.deps, [
    ...(prepared ? [prepared.original] : []),
    ...(replacedFile ? [replacedFile.storedFileId] : []),
  ]);
  return view(ctx.deps, next, calendarYear(ctx.now));
}

/**
 * A blank form for a society that has none yet (the local demo): stored as the setup's own
 * upload, then kept like one the super-admin chose.
 */
export async function seedApplicationTemplate(
  deps: BackendDeps,
  file: { name: string; bytes: Buffer },
  now: Date,
): Promise<void> {
  if ((await readApplicationSettings(deps))?.template) return;
  const owner = { kind: 'admin' as const, id: 'setup' };
  const { fileId } = await storeUpload(deps, owner, file, now);
  const prepared = await prepareAttachment(deps, owner, fileId, { folder: 'templates' }, '');
  const doc: ApplicationSettingsDoc = {
    _id: APPLICATION_SETTINGS_ID,
    memberNoPattern: DEFAULT_MEMBER_NO_PATTERN,
    template: { ...prepared.file },
  };
  await deps.store.batch([prepared.write, { op: 'insert', collection: COLLECTIONS.settings, doc }]);
  await removeStoredFiles(deps, [prepared.original]);
}

/**
 * The 入会申请 code: a mini-program code of the form's page in the cloud, a QR code of the
 * portal's form elsewhere.
 */
export async function applicationQrCode(ctx: ActionContext): Promise<ApplicationQrCode> {
  const { deps } = ctx;
  if (deps.miniProgramCodes) {
    try {
      const code = await deps.miniProgramCodes.unlimited({
        scene: APPLY_SCENE,
        page: APPLY_PAGE,
        envVersion: deps.config.miniProgramEnvVersion,
      });
      const type = code.contentType.startsWith('image/') ? code.contentType : 'image/png';
      return {
        kind: 'wxacode',
        target: APPLY_PAGE,
        image: `data:${type};base64,${code.bytes.toString('base64')}`,
      };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new AppError('UPSTREAM', '微信小程序码生成失败，请稍后重试', {
        detail: { wxacode: detail },
      });
    }
  }
  if (!deps.config.portalUrl) {
    throw new AppError('NOT_CONFIGURED', '尚未配置门户地址（PORTAL_URL），无法生成入会申请二维码');
  }
  const target = `${deps.config.portalUrl}${APPLY_PATH}`;
  // Printed on posters: a larger image and more error correction than a screen code.
  const image = await QRCode.toDataURL(target, {
    errorCorrectionLevel: 'Q',
    margin: 2,
    width: 800,
  });
  return { kind: 'qr', target, image };
}
