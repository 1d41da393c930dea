import { z } from 'zod';
import type { DuesSettings } from '../../../typings';
import type { ActionContext, AdminPrincipal, BackendDeps } from '../../core/context';
import { AppError } from '../../core/errors';
import { StoreConflictError, type Doc, type Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { auditWrite } from '../audit/audit';
import { hasControl } from '../../core/text';

/** The settings document's id (the `settings` collection, like the society profile). */
export const DUES_SETTINGS_ID = 'dues';

/**
 * What a society has before the super-admin saves anything: no fee, so no renewal can be
 * ordered (NOT_CONFIGURED) until the fees and the account are filled in.
 */
export const DEFAULT_DUES_SETTINGS: DuesSettings = {
  fees: [],
  defaultFeePerYear: null,
  bank: { accountName: '', bankName: '', accountNumber: '' },
  yearOptions: [1, 2, 3],
};

/** The demo society's settings (backend/local/setup.ts); the account is obviously not real. */
export function demoDuesSettings(societyName: string): DuesSettings {
  return {
    fees: [
      { memberType: '个人会员', feePerYear: 30000 },
      { memberType: '理事', feePerYear: 50000 },
      { memberType: '学生会员', feePerYear: 10000 },
    ],
    defaultFeePerYear: 30000,
    bank: {
      accountName: societyName,
      bankName: '中国银行示范市分行营业部',
      accountNumber: '1234 5678 9012 3456 789',
    },
    yearOptions: [1, 2, 3],
  };
}

interface DuesSettingsDoc extends Doc {
  value: DuesSettings;
  updatedAt: string;
  /** Counts the writes: a save insists nobody wrote since it read. */
  version: number;
}

/** 10 万元 a year: far above any society's fee, low enough that a typo in fen stands out. */
const MAX_FEE = 10_000_000;

const fee = (label: string) =>
  z
    .number({ error: `${label}必须是以分为单位的整数` })
    .int(`${label}必须是以分为单位的整数`)
    // A renewal asks for a transfer and a voucher: a free member type needs no renewal.
    .min(1, `${label}须大于 0（免费的会员类型无需续费）`)
    .max(MAX_FEE, `${label}不能超过 100000 元`);

const line = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过${max}个字`)
    .refine((value) => !hasControl(value), `${label}只能是一行文字`);

/** The settings form: whole, checked field by field; the first problem names its field. */
export const duesSettingsInput: z.ZodType<DuesSettings> = z.strictObject({
  fees: z
    .array(
      z.strictObject({
        memberType: line('会员类型', 20),
        feePerYear: fee('年费'),
      }),
      { error: '会费标准的格式不正确' },
    )
    .max(50, '会费标准最多 50 行')
    .superRefine((rows, ctx) => {
      const seen = new Set<string>();
      rows.forEach((row, index) => {
        if (seen.has(row.memberType)) {
          ctx.addIssue({
            code: 'custom',
            message: `会员类型“${row.memberType}”重复，每种会员类型只能设置一个年费`,
            path: [index, 'memberType'],
          });
        }
        seen.add(row.memberType);
      });
    }),
  defaultFeePerYear: fee('默认年费').nullable(),
  bank: z.strictObject(
    {
      accountName: line('收款户名', 50),
      bankName: line('开户银行', 50),
      accountNumber: line('银行账号', 40).refine(
        (value) => /^[\d ]+$/.test(value) && /\d/.test(value),
        '银行账号只能包含数字和空格',
      ),
    },
    { error: '请填写收款账户' },
  ),
  yearOptions: z
    .array(
      z
        .number({ error: '续费年限必须是 1 到 10 的整数' })
        .int('续费年限必须是 1 到 10 的整数')
        .min(1, '续费年限必须是 1 到 10 的整数')
        .max(10, '续费年限必须是 1 到 10 的整数'),
      { error: '请选择续费年限' },
    )
    .min(1, '请至少提供一个续费年限')
    .max(5, '续费年限最多 5 个选项')
    .refine(
      (years) => years.every((year, i) => i === 0 || year > years[i - 1]!),
      '续费年限须从小到大排列且不能重复',
    ),
});

async function readDoc(deps: BackendDeps): Promise<DuesSettingsDoc | null> {
  return deps.store.get<DuesSettingsDoc>(COLLECTIONS.settings, DUES_SETTINGS_ID);
}

/** The saved settings, or the defaults before the first save. */
export async function readDuesSettings(deps: BackendDeps): Promise<DuesSettings> {
  return { ...DEFAULT_DUES_SETTINGS, ...((await readDoc(deps))?.value ?? {}) };
}

/** An insert the first time, else an update guarded on the version read. */
function settingsWrite(value: DuesSettings, now: Date, readVersion: number | null): Write {
  const updatedAt = now.toISOString();
  if (readVersion === null) {
    const doc: DuesSettingsDoc = { _id: DUES_SETTINGS_ID, value, updatedAt, version: 1 };
    return { op: 'insert', collection: COLLECTIONS.settings, doc };
  }
  return {
    op: 'update',
    collection: COLLECTIONS.settings,
    id: DUES_SETTINGS_ID,
    patch: { set: { value, updatedAt }, inc: { version: 1 } },
    expect: { version: readVersion },
  };
}

/** Which top-level parts of the settings differ, for the audit entry. */
function changedParts(before: DuesSettings, after: DuesSettings): string[] {
  const keys = ['fees', 'defaultFeePerYear', 'bank', 'yearOptions'] as const;
  return keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

/**
 * Saves the whole settings and the audit entry in one batch; two super-admins saving at once:
 * the second is refused rather than silently overwriting the first. An unchanged form writes
 * nothing. Orders keep the fee and account they were created with.
 */
export async function updateDuesSettings(
  ctx: ActionContext<AdminPrincipal>,
  next: DuesSettings,
): Promise<DuesSettings> {
  const doc = await readDoc(ctx.deps);
  const current = { ...DEFAULT_DUES_SETTINGS, ...(doc?.value ?? {}) };
  const fields = changedParts(current, next);
  if (doc && fields.length === 0) return current;

  try {
    await ctx.deps.store.batch([
      settingsWrite(next, ctx.now, doc ? doc.version : null),
      auditWrite(ctx.principal, ctx.now, 'admin.dues.settings.update', DUES_SETTINGS_ID, {
        fields,
      }),
    ]);
  } catch (error) {
    if (error instanceof StoreConflictError) {
      throw new AppError('CONFLICT', '会费设置刚被其他管理员修改，请刷新页面后重试');
    }
    throw error;
  }
  return next;
}

/** Writes the settings unaudited: for the demo seed and tests, not for admins. */
export async function writeDuesSettings(deps: BackendDeps, value: DuesSettings, now: Date) {
  const doc = await readDoc(deps);
  await deps.store.batch([settingsWrite(value, now, doc ? doc.version : null)]);
}
