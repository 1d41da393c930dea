import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ActionResult } from '../../typings';
import { StoreConflictError } from '../ports/store';
import type { ActionContext, BackendDeps, Caller, Principal } from './context';
import { AppError, DEFAULT_MESSAGES } from './errors';
import type { AnyAction } from './registry';
import { parseInput } from './validation';

/** Finds who is calling from the caller's token and WeChat identity. */
export type PrincipalResolver = (
  deps: BackendDeps,
  caller: Caller,
  now: Date,
) => Promise<Principal>;

export interface Dispatcher {
  /** Runs one call and answers the envelope; never throws. */
  dispatch(call: unknown, caller: Caller): Promise<ActionResult<unknown>>;
}

const ACTION_NAME = /^[a-z][A-Za-z]*(\.[a-z][A-Za-z]*){1,3}$/;

/** The one path every call takes, whatever the transport. */
export function createDispatcher(
  deps: BackendDeps,
  registry: ReadonlyMap<string, AnyAction>,
  resolvePrincipal: PrincipalResolver,
): Dispatcher {
  async function run(call: unknown, caller: Caller): Promise<{ name: string; data: unknown }> {
    // 1. The envelope itself.
    if (!call || typeof call !== 'object' || Array.isArray(call)) {
      throw new AppError('INVALID_INPUT', '请求格式有误');
    }
    const { action, data } = call as { action?: unknown; data?: unknown };
    if (typeof action !== 'string' || !ACTION_NAME.test(action)) {
      throw new AppError('UNKNOWN_ACTION', DEFAULT_MESSAGES.UNKNOWN_ACTION);
    }
    const def = registry.get(action);
    if (!def) throw new AppError('UNKNOWN_ACTION', DEFAULT_MESSAGES.UNKNOWN_ACTION);

    // 2. Who is calling, and may they.
    const now = deps.clock.now();
    const principal = await resolvePrincipal(deps, caller, now);
    const ctx = { deps, caller, principal, now };
    checkAccess(def, principal);

    // 3. The input, then the action.
    const input = parseInput(def.input as z.ZodType<unknown>, data ?? {});
    const result = await (def.handler as (i: unknown, c: ActionContext) => Promise<unknown>)(
      input,
      ctx,
    );
    return { name: action, data: result };
  }

  return {
    async dispatch(call, caller) {
      const started = Date.now();
      const requestId = caller.requestId || randomUUID();
      const action = (call as { action?: unknown } | null)?.action;
      const actionName = typeof action === 'string' ? action.slice(0, 64) : '(none)';
      try {
        const { data } = await run(call, { ...caller, requestId });
        deps.logger.log('info', 'action', {
          action: actionName,
          transport: caller.transport,
          requestId,
          durationMs: Date.now() - started,
          outcome: 'OK',
        });
        return { ok: true, data };
      } catch (error) {
        const failure = toFailure(error);
        deps.logger.log(failure.code === 'INTERNAL' ? 'error' : 'info', 'action', {
          action: actionName,
          transport: caller.transport,
          requestId,
          durationMs: Date.now() - started,
          outcome: failure.code,
          detail: error instanceof AppError ? error.options.detail : describe(error),
        });
        return failure;
      }
    },
  };
}

function checkAccess(def: AnyAction, principal: Principal): void {
  if (def.access === 'public') return;

  if (def.access === 'member') {
    if (principal.kind !== 'member') throw new AppError('UNAUTHENTICATED', '请先登录');
    if (principal.mustChangePassword && !def.allowPendingPasswordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', DEFAULT_MESSAGES.PASSWORD_CHANGE_REQUIRED);
    }
    return;
  }

  if (principal.kind !== 'admin') throw new AppError('UNAUTHENTICATED', '请先以管理员身份登录');
  if (principal.mustChangePassword && !def.allowPendingPasswordChange) {
    throw new AppError('PASSWORD_CHANGE_REQUIRED', '请先修改临时密码');
  }
  if (!def.roles.includes(principal.role)) {
    throw new AppError('FORBIDDEN', DEFAULT_MESSAGES.FORBIDDEN, {
      detail: { role: principal.role, action: def.name },
    });
  }
}

function toFailure(error: unknown): ActionResult<never> & { ok: false } {
  if (error instanceof AppError) {
    return {
      ok: false,
      code: error.code,
      message: error.message,
      ...(error.options.retryAt ? { retryAt: error.options.retryAt.toISOString() } : {}),
      ...(error.options.field ? { field: error.options.field } : {}),
      ...(error.options.reason ? { reason: error.options.reason } : {}),
    };
  }
  if (error instanceof StoreConflictError) {
    return { ok: false, code: 'CONFLICT', message: DEFAULT_MESSAGES.CONFLICT };
  }
  return { ok: false, code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL };
}

function describe(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    return { name: error.name, message: error.message, stack: error.stack?.split('\n')[1]?.trim() };
  }
  return { value: String(error) };
}
