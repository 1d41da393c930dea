import { randomUUID } from 'node:crypto';
import type { Backend } from '../app';
import { DEFAULT_MESSAGES, HTTP_STATUS } from '../core/errors';
import { handleHttpCall, MAX_JSON_BODY } from './http';

/** The part of `cloud.getWXContext()` the transports use. */
export interface WxContext {
  OPENID?: string;
  CLIENTIP?: string;
  SOURCE?: string;
}

/** What CloudBase's HTTP access hands the function. */
interface HttpEvent {
  path: string;
  httpMethod: string;
  headers?: Record<string, string | undefined>;
  body?: string | null;
  isBase64Encoded?: boolean;
}

interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

const isTimer = (event: unknown): boolean => {
  const type =
    (event as { Type?: unknown; type?: unknown })?.Type ?? (event as { type?: unknown })?.type;
  return typeof type === 'string' && type.toLowerCase() === 'timer';
};

const isHttp = (event: unknown): event is HttpEvent =>
  typeof (event as HttpEvent)?.httpMethod === 'string' &&
  typeof (event as HttpEvent)?.path === 'string';

function json(statusCode: number, body: unknown): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  };
}

/**
 * The cloud function's entry: one handler, three ways in. A timer event runs the daily jobs;
 * an HTTP access event is the portal; anything else is a callFunction from the mini-program,
 * whose caller is the OPENID of `getWXContext()`, never a field of the event.
 */
export function createCloudHandler(backend: Backend, getWXContext: () => WxContext) {
  return async (event: unknown): Promise<unknown> => {
    if (isTimer(event)) return { ok: true, data: await backend.runJobs() };

    if (isHttp(event)) return handleHttpEvent(backend, event, getWXContext());

    const context = getWXContext();
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
  if (event.httpMethod !== 'POST' || !route.endsWith('/api')) {
    return json(404, {
      ok: false,
      code: 'UNKNOWN_ACTION',
      message: DEFAULT_MESSAGES.UNKNOWN_ACTION,
    });
  }
  // TODO(cloud uploads): `/api/files` over HTTP access needs multipart parsing of the
  // base64 body; until the dues issue adds it, the portal in the cloud cannot upload files.

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
  const headers = Object.fromEntries(
    Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  );
  const result = await handleHttpCall(
    backend,
    { body, headers, clientIp: context.CLIENTIP ?? null },
    { trustOpenidHeader: false },
  );
  return json(result.status, result.body);
}
