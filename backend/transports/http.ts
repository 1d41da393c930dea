import { randomUUID } from 'node:crypto';
import type { Backend } from '../app';
import type { Caller } from '../core/context';
import { HTTP_STATUS } from '../core/errors';

/** Largest JSON body `/api` accepts (bytes); files go through `/api/files` instead. */
export const MAX_JSON_BODY = 256 * 1024;

export interface HttpCallInput {
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  clientIp: string | null;
}

export interface HttpOptions {
  /**
   * Only the local server started with SIMULATE_WECHAT=1 takes an OPENID from the
   * `x-wx-openid` header; anywhere else that header is ignored.
   */
  trustOpenidHeader: boolean;
}

function header(headers: HttpCallInput['headers'], name: string): string | null {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** The caller of an HTTP request: the bearer token, and the OPENID only when simulating. */
export function httpCaller(input: Omit<HttpCallInput, 'body'>, options: HttpOptions): Caller {
  const auth = header(input.headers, 'authorization');
  const token = auth && /^Bearer\s+/i.test(auth) ? auth.replace(/^Bearer\s+/i, '').trim() : null;
  const openid = options.trustOpenidHeader ? header(input.headers, 'x-wx-openid') : null;
  return {
    transport: 'http',
    openid: openid && openid.length <= 64 ? openid : null,
    token: token || null,
    clientIp: input.clientIp,
    requestId: randomUUID(),
  };
}

/** `POST /api`: one call in the body, the envelope out, with a fitting HTTP status. */
export async function handleHttpCall(
  backend: Backend,
  input: HttpCallInput,
  options: HttpOptions,
): Promise<{ status: number; body: unknown }> {
  const result = await backend.dispatch(input.body, httpCaller(input, options));
  return { status: result.ok ? 200 : HTTP_STATUS[result.code], body: result };
}
