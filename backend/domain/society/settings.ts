import type { PointEventKind, SocietyInfo } from '../../../typings';
import type { BackendDeps } from '../../core/context';
import { COLLECTIONS } from '../../schema/collections';
import type { Doc, Write } from '../../ports/store';

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
  /** Counts the writes, so that a save can insist nobody wrote since it read. */
  version?: number;
}

export const SETTING_IDS = {
  society: 'society',
  pointsRules: 'pointsRules',
  /** The certificate seal's upload (certificates/seal.ts). */
  certificateSeal: 'certificateSeal',
} as const;

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

/**
 * The stored profile and its version: null before the first write, 0 for a document written
 * before versions were kept.
 */
export async function readSocietyForUpdate(
  deps: BackendDeps,
): Promise<{ info: SocietyInfo; version: number | null }> {
  const doc = await deps.store.get<SettingsDoc<Partial<SocietyInfo>>>(
    COLLECTIONS.settings,
    SETTING_IDS.society,
  );
  const info = { ...DEFAULT_SOCIETY, ...(doc?.value ?? {}) };
  return { info, version: doc ? (doc.version ?? 0) : null };
}

/**
 * The write that stores the profile, for a batch: an insert the first time, else an update
 * guarded on the version that was read, so of two saves that race only one passes (a fixed
 * clock or one millisecond would defeat a guard on the time). Only the profile's own fields
 * are set: settings added to the document later survive the save.
 */
export function societyWrite(info: SocietyInfo, now: Date, readVersion: number | null): Write {
  const updatedAt = now.toISOString();
  if (readVersion === null) {
    const doc: SettingsDoc<SocietyInfo> = {
      _id: SETTING_IDS.society,
      value: info,
      updatedAt,
      version: 1,
    };
    return { op: 'insert', collection: COLLECTIONS.settings, doc };
  }
  return {
    op: 'update',
    collection: COLLECTIONS.settings,
    id: SETTING_IDS.society,
    patch: {
      set: {
        'value.name': info.name,
        'value.shortName': info.shortName,
        'value.intro': info.intro,
        updatedAt,
      },
      inc: { version: 1 },
    },
    // A null condition matches the missing field of an unversioned document.
    expect: { version: readVersion === 0 ? null : readVersion },
  };
}

/** Writes the society profile unaudited: for the demo seed and tests, not for admins. */
export async function writeSociety(deps: BackendDeps, value: SocietyInfo, now: Date) {
  const doc: SettingsDoc<SocietyInfo> = {
    _id: SETTING_IDS.society,
    value,
    updatedAt: now.toISOString(),
    version: 1,
  };
  const updated = await deps.store.update(COLLECTIONS.settings, doc._id, {
    set: { value, updatedAt: doc.updatedAt },
    inc: { version: 1 },
  });
  if (!updated) await deps.store.insert(COLLECTIONS.settings, doc);
}
