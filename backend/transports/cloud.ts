import { randomUUID } from 'node:crypto';
import type { Backend } from '../app';
import { DEFAULT_MESSAGES, HTTP_STATUS } from '../core/errors';
import { json, lowerCaseHeaders, type HttpEvent } from './cloud-http';
import { handleUploadEvent } from './cloud-uploads';
import { handleHttpCall, MAX_JSON_BODY } from './http';

/** The part of `cloud.getWXContext()` the transports use. */
export interface WxContext {
  OPENID?: string;
  CLIENTIP?: string;
  SOURCE?: string;
}

const isTimer = (event: unknown): boolean => {
  const type =
    (event as { Type?: unknown; type?: unknown })?.Type ?? (event as { type?: unknown })?.type;
  return typeof type === 'string' && type.toLowerCase() === 'timer';
};

const isHttp = (event: unknown): event is HttpEvent =>
  typeof (event as HttpEvent)?.httpMethod === 'string' &&
  typeof (event as HttpEvent)?.path === 'string';

/**
 * The cloud function's entry: one handler, three ways in. A timer event runs the daily jobs;
 * an HTTP access event is the portal; anything else is a callFunction from the mini-program,
 * whose caller is the OPENID of `getWXContext()`, never a field of the event.
 */
export function createCloudHandler(backend: Backend, getWXContext: () => WxContext) {
  return async (event: unknown): Promise<unknown> => {
    const context = getWXContext();
    // A mini-program can send any event, `{ Type: 'timer' }` included; a real trigger carries
    // no OPENID, so only an event without one runs the jobs.
    if (isTimer(event) && !context.OPENID) return { ok: true, data: await backend.runJobs() };

    if (isHttp(event)) return handleHttpEvent(backend, event, context);

    const call = (event ?? {}) as { action?: unknown; data?: unknown; token?: unknown };
    return backend.dispatch(
      { action: call.action, data: call.data },
      {
        transport: 'callFunction',
        openid: context.OPENID ?? null,
        token: typeof call.token === 'string' ? call.token : null,
        clientIp: context.CLIENTIP ?? null,
        requestId: randomUUID(),
      },
    );
  };
}

async function handleHttpEvent(backend: Backend, event: HttpEvent, context: WxContext) {
  const route = event.path.replace(/\/+$/, '');
  if (event.httpMethod === 'GET' && route.endsWith('/api/health')) return json(200, { ok: true });
  if (event.httpMethod === 'POST' && route.endsWith('/api/files')) {
    return handleUploadEvent(backend, event, context.CLIENTIP ?? null);
  }
  if (event.httpMethod !== 'POST' || !route.endsWith('/api')) {
    return json(404, {
      ok: false,
      code: 'UNKNOWN_ACTION',
      message: DEFAULT_MESSAGES.UNKNOWN_ACTION,
    });
  }

  const raw = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
    : (event.body ?? '');
  if (Buffer.byteLength(raw) > MAX_JSON_BODY) {
    return json(HTTP_STATUS.PAYLOAD_TOO_LARGE, {
      ok: false,
      code: 'PAYLOAD_TOO_LARGE',
      message: DEFAULT_MESSAGES.PAYLOAD_TOO_LARGE,
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return json(400, { ok: false, code: 'INVALID_INPUT', message: '请求格式有误' });
  }
  const result = await handleHttpCall(
    backend,
    { body, headers: lowerCaseHeaders(event), clientIp: context.CLIENTIP ?? null },
    { trustOpenidHeader: false },
  );
  return json(result.status, result.body);
}
