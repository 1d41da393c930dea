import type { PointEventKind, SocietyInfo } from '../../../typings';
import type { BackendDeps } from '../../core/context';
import { COLLECTIONS } from '../../schema/collections';
import type { Doc } from '../../ports/store';

/** Points per event, the defaults of PRODUCT.md; a society may change them in its settings. */
export const DEFAULT_POINTS_RULES: Record<Exclude<PointEventKind, 'adminAdjust'>, number> = {
  firstLogin: 1,
  noticeView: 1,
  noticeFeedback: 1,
  newsView: 1,
  serviceApply: 1,
  renewal: 2,
  eventCheckin: 2,
  eventRegister: 3,
};

/** Points in one Asia/Shanghai calendar year that earn the birthday gift and the selection. */
export const DEFAULT_POINTS_THRESHOLD = 20;

export const DEFAULT_SOCIETY: SocietyInfo = {
  name: '学会会员系统',
  shortName: '学会',
  intro: '欢迎使用学会会员系统。',
};

interface SettingsDoc<T> extends Doc {
  value: T;
  updatedAt: string;
}

const SETTING_IDS = { society: 'society', pointsRules: 'pointsRules' } as const;

async function readSetting<T extends object>(deps: BackendDeps, id: string, fallback: T) {
  const doc = await deps.store.get<SettingsDoc<Partial<T>>>(COLLECTIONS.settings, id);
  return { ...fallback, ...(doc?.value ?? {}) } as T;
}

export function readSociety(deps: BackendDeps): Promise<SocietyInfo> {
  return readSetting(deps, SETTING_IDS.society, DEFAULT_SOCIETY);
}

export function readPointsRules(deps: BackendDeps) {
  return readSetting(deps, SETTING_IDS.pointsRules, DEFAULT_POINTS_RULES);
}

/** Writes the society profile (used by the demo seed and, later, the settings page). */
export async function writeSociety(deps: BackendDeps, value: SocietyInfo, now: Date) {
  const doc: SettingsDoc<SocietyInfo> = {
    _id: SETTING_IDS.society,
    value,
    updatedAt: now.toISOString(),
  };
  const updated = await deps.store.update(COLLECTIONS.settings, doc._id, {
    set: { value, updatedAt: doc.updatedAt },
  });
  if (!updated) await deps.store.insert(COLLECTIONS.settings, doc);
}
