import { registry } from './actions';
import type { BackendDeps, Caller } from './core/context';
import { createDispatcher } from './core/dispatch';
import { AppError, DEFAULT_MESSAGES } from './core/errors';
import { resolvePrincipal } from './domain/auth/sessions';
import { authorizeGrantUpload, isUploadGrant } from './domain/applications/upload-grant';
import { authorizeUpload, storeUpload, type UploadOwner } from './domain/files/uploads';
import { DAILY_JOBS } from './jobs';
import type { ActionFailure, ActionResult } from '../typings';

/** The bytes of one uploaded file and the name the client gave it (for display only). */
export interface UploadedFile {
  name: string;
  bytes: Buffer;
}

/** The answer to `openUpload`: a refusal, or the step that takes the bytes. */
export type UploadGate =
  | ActionFailure
  | { ok: true; store(file: UploadedFile): Promise<ActionResult<{ fileId: string }>> };

/** The backend, whatever runs it: transports hand it calls, uploads and timer ticks. */
export interface Backend {
  readonly deps: BackendDeps;
  dispatch(call: unknown, caller: Caller): Promise<ActionResult<unknown>>;
  /**
   * Starts an upload for the calling session or 入会申请 upload grant. It refuses at once
   * (no session, a pending password change, too many uploads, an expired grant), so a transport reads no byte of a refused
   * body; otherwise `store` checks the bytes' type and size and answers the file id.
   */
  openUpload(caller: Caller): Promise<UploadGate>;
  /** Runs the named jobs (all daily jobs when none are named). */
  runJobs(names?: string[]): Promise<Record<string, Record<string, number>>>;
}

export function createBackend(deps: BackendDeps): Backend {
  const dispatcher = createDispatcher(deps, registry, resolvePrincipal);

  /** One log line per upload step, as `dispatch` writes one per action. */
  const logUpload = (caller: Caller, fields: Record<string, unknown>) =>
    deps.logger.log(fields.outcome === 'INTERNAL' ? 'error' : 'info', 'upload', {
      transport: caller.transport,
      requestId: caller.requestId,
      ...fields,
    });

  return {
    deps,
    dispatch: (call, caller) => dispatcher.dispatch(call, caller),

    async openUpload(caller) {
      const now = deps.clock.now();
      let owner: UploadOwner;
      try {
        // An applicant's upload grant, or a session.
        owner = isUploadGrant(caller.token)
          ? await authorizeGrantUpload(deps, caller.token, now, caller.clientIp)
          : await authorizeUpload(deps, await resolvePrincipal(deps, caller, now), now);
      } catch (error) {
        const failure = toFailure(error);
        logUpload(caller, { step: 'authorize', outcome: failure.code, detail: detailOf(error) });
        return failure;
      }

      // The bytes are read after this answer, so `store` reads the clock again.
      return {
        ok: true,
        async store(file) {
          const started = Date.now();
          try {
            const data = await storeUpload(deps, owner, file, deps.clock.now());
            const ms = Date.now() - started;
            logUpload(caller, { size: file.bytes.length, outcome: 'OK', ms });
            return { ok: true, data };
          } catch (error) {
            const failure = toFailure(error);
            const detail = detailOf(error);
            logUpload(caller, { size: file.bytes.length, outcome: failure.code, detail });
            return failure;
          }
        },
      };
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

/** The envelope of a failed upload; anything but an AppError is a fault of ours. */
function toFailure(error: unknown): ActionFailure {
  if (!(error instanceof AppError)) {
    return { ok: false, code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL };
  }
  const retryAt = error.options.retryAt?.toISOString();
  return { ok: false, code: error.code, message: error.message, ...(retryAt ? { retryAt } : {}) };
}

/** What the log gets: the AppError's detail, or the fault's name and message (redacted). */
function detailOf(error: unknown): unknown {
  if (error instanceof AppError) return error.options.detail;
  return error instanceof Error ? { name: error.name, message: error.message } : String(error);
}
