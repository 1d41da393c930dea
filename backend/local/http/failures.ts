import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ActionFailure, ErrorCode } from '../../../typings';
import { DEFAULT_MESSAGES, HTTP_STATUS } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { applySecurityHeaders } from './security-headers';

/** An answer the server gives without the backend: a status and the envelope. */
export interface HttpFailure {
  status: number;
  body: ActionFailure;
}

/** Which route failed: the upload route words its refusals for a file. */
export type FailureContext = 'api' | 'upload';

export const NO_FILE_MESSAGE = '请选择要上传的文件';
const MALFORMED_MESSAGE = '请求格式有误';
const BAD_URL_MESSAGE = '请求地址有误，请检查链接后重试';

/** Errors of Fastify and @fastify/multipart that say more than their status does. */
const BY_CODE: Record<string, { code: ErrorCode; message: string }> = {
  FST_REQ_FILE_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: '文件不能超过 10 MB' },
  FST_FILES_LIMIT: { code: 'INVALID_INPUT', message: '每次只能上传一个文件' },
  FST_PARTS_LIMIT: { code: 'INVALID_INPUT', message: '每次只能上传一个文件' },
  FST_FIELDS_LIMIT: { code: 'INVALID_INPUT', message: '每次只能上传一个文件' },
  FST_ERR_BAD_URL: { code: 'INVALID_INPUT', message: BAD_URL_MESSAGE },
};

export function failure(code: ErrorCode, message: string = DEFAULT_MESSAGES[code]): HttpFailure {
  return { status: HTTP_STATUS[code], body: { ok: false, code, message } };
}

/**
 * The envelope for an error raised while reading a request: a client's fault (bad JSON, a
 * body over the limit, a broken or missing multipart body) is INVALID_INPUT or
 * PAYLOAD_TOO_LARGE; anything else, including @fastify/multipart's own 5xx, is INTERNAL.
 */
export function failureOf(error: unknown, context: FailureContext): HttpFailure {
  const { code, statusCode } = (error ?? {}) as { code?: unknown; statusCode?: unknown };
  const known = typeof code === 'string' ? BY_CODE[code] : undefined;
  if (known) return failure(known.code, known.message);
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode >= 500) {
    return failure('INTERNAL');
  }
  if (statusCode === 413) {
    return failure('PAYLOAD_TOO_LARGE', context === 'upload' ? '文件不能超过 10 MB' : undefined);
  }
  // 406 (not multipart), 415 (no parser for the type), 400 (bad JSON, broken form) alike.
  return failure('INVALID_INPUT', context === 'upload' ? NO_FILE_MESSAGE : MALFORMED_MESSAGE);
}

/** Sends a failure the way `/api` answers: JSON, never cached, with the security headers. */
export function sendFailure(reply: FastifyReply, answer: HttpFailure): FastifyReply {
  applySecurityHeaders(reply);
  reply.header('cache-control', 'no-store');
  return reply.status(answer.status).send(answer.body);
}

/**
 * Logs a failed request: an INTERNAL with the error's name and message (the logger redacts
 * them), anything else by its codes only. Never the body or the query.
 */
export function logFailure(
  logger: Logger,
  request: FastifyRequest,
  error: unknown,
  answer: HttpFailure,
): void {
  const fields = {
    method: request.method,
    route: request.routeOptions.url ?? '(none)',
    outcome: answer.body.code,
    errorCode: (error as { code?: unknown } | null)?.code,
  };
  if (answer.body.code !== 'INTERNAL') {
    logger.log('info', 'http_refused', fields);
    return;
  }
  const { name, message } =
    error instanceof Error ? error : { name: typeof error, message: String(error) };
  logger.log('error', 'http_error', { ...fields, name, message });
}

/** Fastify's error handler for a route or the whole server. */
export function errorHandler(logger: Logger, context: FailureContext) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const answer = failureOf(error, context);
    logFailure(logger, request, error, answer);
    return sendFailure(reply, answer);
  };
}

/**
 * Fastify's `frameworkErrors`: a URL it cannot decode (`/api/%zz`) is answered before any
 * route or hook, in English and echoing the URL; the envelope answers it instead.
 */
export function frameworkErrorHandler(logger: Logger) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const answer = failureOf(error, 'api');
    logFailure(logger, request, error, answer);
    sendFailure(reply, answer);
  };
}
