import type { BackendDeps } from './core/context';
import { removeExpiredUploads } from './domain/files/expiry';
import { runReminders } from './domain/reminders/job';
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
  description: '删除过期的登录会话、频率限制记录、扫码登录请求、文件下载链接和入会申请上传凭证',
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
    const downloadTickets = await deps.store.removeWhere(COLLECTIONS.downloadTickets, {
      where: { expiresAt: { lte: at } },
    });
    const uploadGrants = await deps.store.removeWhere(COLLECTIONS.uploadGrants, {
      where: { expiresAt: { lte: at } },
    });
    return { sessions, rateWindows, qrLogins, downloadTickets, uploadGrants };
  },
};

/** Uploads past their `expiresAt` (rosters hold phone numbers): bytes and record. */
const expiredUploads: Job = {
  name: 'uploads',
  description: '删除已过保留期（上传后 7 天，入会申请人上传的 1 天）且未被使用的上传文件及其记录',
  run: (deps, now) => removeExpiredUploads(deps, now),
};

/** 会费到期提醒: 30 and 7 days before the expiry and the day after (see reminders/job.ts). */
const reminders: Job = {
  name: 'reminders',
  description: '向会费30天后、7天后到期及昨日已到期的会员发送续费提醒，并记入提醒记录',
  run: (deps, now) => runReminders(deps, now),
};

/** The daily jobs, in the order the timer runs them. */
export const DAILY_JOBS: readonly Job[] = [purgeExpired, expiredUploads, reminders];
