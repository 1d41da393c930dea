import { registry } from './actions';
import type { BackendDeps, Caller } from './core/context';
import { createDispatcher } from './core/dispatch';
import { resolvePrincipal } from './domain/auth/sessions';
import { storeUpload } from './domain/files/uploads';
import { AppError } from './core/errors';
import { DAILY_JOBS } from './jobs';
import type { ActionResult } from '../typings';

/** The backend, whatever runs it: transports hand it calls, uploads and timer ticks. */
export interface Backend {
  readonly deps: BackendDeps;
  dispatch(call: unknown, caller: Caller): Promise<ActionResult<unknown>>;
  /** Stores an upload for the calling session and answers its file id. */
  upload(
    file: { name: string; contentType: string; bytes: Buffer },
    caller: Caller,
  ): Promise<ActionResult<{ fileId: string }>>;
  /** Runs the named jobs (all daily jobs when none are named). */
  runJobs(names?: string[]): Promise<Record<string, Record<string, number>>>;
}

export function createBackend(deps: BackendDeps): Backend {
  const dispatcher = createDispatcher(deps, registry, resolvePrincipal);

  return {
    deps,
    dispatch: (call, caller) => dispatcher.dispatch(call, caller),

    async upload(file, caller) {
      const now = deps.clock.now();
      const principal = await resolvePrincipal(deps, caller, now);
      try {
        if (principal.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', '请先登录');
        if (principal.mustChangePassword) {
          throw new AppError('PASSWORD_CHANGE_REQUIRED', '首次登录请先修改初始密码');
        }
        const data = await storeUpload(deps, principal, file, now);
        deps.logger.log('info', 'upload', { size: file.bytes.length, outcome: 'OK' });
        return { ok: true, data };
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        deps.logger.log('info', 'upload', { size: file.bytes.length, outcome: error.code });
        return { ok: false, code: error.code, message: error.message };
      }
    },

    async runJobs(names) {
      const now = deps.clock.now();
      const results: Record<string, Record<string, number>> = {};
      for (const job of DAILY_JOBS) {
        if (names && !names.includes(job.name)) continue;
        results[job.name] = await job.run(deps, now);
        deps.logger.log('info', 'job', { job: job.name, ...results[job.name] });
      }
      return results;
    },
  };
}
