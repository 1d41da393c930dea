import { z } from 'zod';
import type { SocietyInfo } from '../../../typings';
import type { ActionContext, AdminPrincipal } from '../../core/context';
import { AppError } from '../../core/errors';
import { StoreConflictError } from '../../ports/store';
import { auditWrite } from '../audit/audit';
import { readSocietyForUpdate, SETTING_IDS, societyWrite } from './settings';

type Field = keyof SocietyInfo;

interface TextRule {
  label: string;
  min: number;
  max: number;
  /** Only the introduction may have line breaks; names are one line on every page. */
  multiline: boolean;
}

/** Lengths count characters (code points), as a secretary counts them, not UTF-16 units. */
const RULES: Record<Field, TextRule> = {
  name: { label: '学会名称', min: 2, max: 50, multiline: false },
  shortName: { label: '学会简称', min: 1, max: 20, multiline: false },
  intro: { label: '学会简介', min: 0, max: 2000, multiline: true },
};

const FIELDS = Object.keys(RULES) as Field[];

// Control characters; text pasted from a document keeps its line breaks and tabs.
const CONTROL = /\p{Cc}/u;
const CONTROL_BUT_BREAKS = /[^\P{Cc}\n\t]/u;

/** The first thing wrong with one field's text, or null when it is fine. */
function problemOf(rule: TextRule, text: string): string | null {
  const length = Array.from(text).length;
  if (length === 0 && rule.min > 0) return `请填写${rule.label}`;
  if (length < rule.min) return `${rule.label}至少需要 ${rule.min} 个字`;
  if (length > rule.max) return `${rule.label}不能超过 ${rule.max} 个字`;
  // Plain text everywhere it is shown; refusing angle brackets keeps markup out entirely.
  if (/[<>]/.test(text)) return `${rule.label}只能是纯文本，不能包含 < 或 > 符号`;
  if ((rule.multiline ? CONTROL_BUT_BREAKS : CONTROL).test(text)) {
    return rule.multiline
      ? `${rule.label}包含无法显示的字符`
      : `${rule.label}只能是一行文字，不能换行或包含无法显示的字符`;
  }
  return null;
}

/**
 * The profile form's input: trimmed, Windows line breaks made plain, then checked field by
 * field; the first problem is one whole sentence naming the field, shown to the admin as is.
 */
export const societyProfileInput = z
  .strictObject({
    // A generous cap before any work; the real limits are checked below, in characters.
    name: z.string().max(10_000),
    shortName: z.string().max(10_000),
    intro: z.string().max(10_000),
  })
  .transform((raw, ctx): SocietyInfo => {
    const profile: SocietyInfo = {
      name: raw.name.trim(),
      shortName: raw.shortName.trim(),
      intro: raw.intro.replace(/\r\n?/g, '\n').trim(),
    };
    for (const field of FIELDS) {
      const problem = problemOf(RULES[field], profile[field]);
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem, path: [field] });
        return z.NEVER;
      }
    }
    return profile;
  });

/**
 * Saves the profile and its audit entry in one batch: the audit log must not miss a change
 * that was written, nor record one that was not. An unchanged form writes nothing.
 */
export async function updateSociety(
  ctx: ActionContext<AdminPrincipal>,
  next: SocietyInfo,
): Promise<SocietyInfo> {
  const { deps, principal, now } = ctx;
  const current = await readSocietyForUpdate(deps);
  const changed = FIELDS.filter((field) => current.info[field] !== next[field]);
  if (changed.length === 0) return current.info;

  try {
    await deps.store.batch([
      societyWrite(next, now, current.version),
      // Field names only: the values are in the settings document itself.
      auditWrite(principal, now, 'admin.society.update', SETTING_IDS.society, {
        fields: changed,
      }),
    ]);
  } catch (error) {
    if (error instanceof StoreConflictError) {
      throw new AppError('CONFLICT', '学会信息刚被其他管理员修改，请刷新页面后重试');
    }
    throw error;
  }
  return { ...current.info, ...next };
}
