import type { BackendDeps } from './core/context';
import { removeExpiredUploads } from './domain/files/expiry';
import { COLLECTIONS } from './schema/collections';

/** A scheduled job: runs from the timer trigger in the cloud, `npm run job -- NAME` locally. */
export interface Job {
  name: string;
  /** One line for `npm run job -- --help`, in Chinese. */
  description: string;
  run(deps: BackendDeps, now: Date): Promise<Record<string, number>>;
}

const purgeExpired: Job = {
  name: 'purge',
  description: '删除过期的登录会话、频率限制记录和扫码登录请求',
  async run(deps, now) {
    const at = now.toISOString();
    const sessions = await deps.store.removeWhere(COLLECTIONS.sessions, {
      where: { expiresAt: { lte: at } },
    });
    const rateWindows = await deps.store.removeWhere(COLLECTIONS.rateWindows, {
      where: { expiresAt: { lte: at } },
    });
    const qrLogins = await deps.store.removeWhere(COLLECTIONS.qrLogins, {
      where: { expiresAt: { lte: at } },
    });
    return { sessions, rateWindows, qrLogins };
  },
};

/** Uploads past their `expiresAt` (rosters hold phone numbers): bytes and record. */
const expiredUploads: Job = {
  name: 'uploads',
  description: '删除已过保留期（上传后 7 天）的上传文件及其记录',
  run: (deps, now) => removeExpiredUploads(deps, now),
};

/** The daily jobs, in the order the timer runs them. */
export const DAILY_JOBS: readonly Job[] = [purgeExpired, expiredUploads];
