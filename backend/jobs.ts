import type { BackendDeps } from './core/context';
import { COLLECTIONS } from './schema/collections';

/** A scheduled job: runs from the timer trigger in the cloud, `npm run job -- NAME` locally. */
export interface Job {
  name: string;
  run(deps: BackendDeps, now: Date): Promise<Record<string, number>>;
}

const purgeExpired: Job = {
  name: 'purge',
  async run(deps, now) {
    const at = now.toISOString();
    const sessions = await deps.store.removeWhere(COLLECTIONS.sessions, {
      where: { expiresAt: { lte: at } },
    });
    const rateWindows = await deps.store.removeWhere(COLLECTIONS.rateWindows, {
      where: { expiresAt: { lte: at } },
    });
    return { sessions, rateWindows };
  },
};

/** The daily jobs, in the order the timer runs them. */
export const DAILY_JOBS: readonly Job[] = [purgeExpired];
