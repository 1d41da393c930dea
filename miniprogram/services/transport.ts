import type { ActionName, ActionRequest, ActionResponse } from '../../typings/actions';
import type { ActionResult } from '../../typings/envelope';
import { zhCN } from '../locales/zh-CN';
import { ApiError } from './api-error';
import { createDefaultTransport } from './transports';
import { getToken } from './session';

/** One call as a transport carries it; the token is null before login. */
export interface TransportRequest {
  action: ActionName;
  data: unknown;
  token: string | null;
}

/**
 * Delivers a call and answers the backend's envelope as received (not yet checked). Rejects
 * only when no answer arrived at all (offline, timeout, the function could not be reached).
 */
export type Transport = (request: TransportRequest) => Promise<unknown>;

let transport: Transport | null = null;

/** Replaces how calls travel (tests hand calls to an in-process backend); null restores it. */
export function setTransport(next: Transport | null): void {
  transport = next;
}

/**
 * Calls one backend action and answers its data; a failure throws an ApiError carrying the
 * backend's code and Chinese message. The only way pages reach the backend.
 */
export async function callAction<N extends ActionName>(
  name: N,
  data: ActionRequest<N>,
): Promise<ActionResponse<N>> {
  const send = transport ?? (transport = createDefaultTransport());

  let envelope: unknown;
  try {
    envelope = await send({ action: name, data, token: getToken() });
  } catch (error) {
    console.warn('backend unreachable', { action: name, error: describe(error) });
    throw new ApiError('NETWORK', zhCN.common.networkError);
  }
  return unwrap<ActionResponse<N>>(name, envelope);
}

function unwrap<T>(action: ActionName, envelope: unknown): T {
  if (!isEnvelope(envelope)) {
    console.warn('not an envelope', { action });
    throw new ApiError('INTERNAL', zhCN.common.badResponse);
  }
  if (envelope.ok) return envelope.data as T;
  throw new ApiError(
    envelope.code,
    envelope.message,
    envelope.retryAt ?? null,
    envelope.field ?? null,
    envelope.reason ?? null,
  );
}

function isEnvelope(value: unknown): value is ActionResult<unknown> {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as { ok?: unknown; code?: unknown; message?: unknown };
  if (candidate.ok === true) return 'data' in candidate;
  return (
    candidate.ok === false &&
    typeof candidate.code === 'string' &&
    typeof candidate.message === 'string'
  );
}

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'errMsg' in error) {
    return String((error as { errMsg: unknown }).errMsg);
  }
  return error instanceof Error ? error.message : String(error);
}
