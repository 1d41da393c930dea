import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Backend, UploadedFile, UploadGate } from '../../app';
import { HTTP_STATUS } from '../../core/errors';
import { MAX_UPLOAD_BYTES } from '../../domain/files/uploads';
import { httpCaller, type HttpOptions } from '../../transports/http';
import {
  errorHandler,
  failure,
  failureOf,
  logFailure,
  NO_FILE_MESSAGE,
  sendFailure,
} from './failures';

type OpenUpload = Extract<UploadGate, { ok: true }>;

const MULTIPART = /^multipart\/form-data\s*;/i;

/** A failure while reading the multipart stream; busboy's own errors carry no status. */
class MalformedUploadError extends Error {
  readonly statusCode = 400;
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : 'malformed multipart body', { cause });
    this.name = 'MalformedUploadError';
  }
}

/**
 * `POST /api/files`, field `file`. Who is calling is settled in `preParsing`, before a byte
 * of the body is read: a refused caller gets 401/403/429 at once and the body is discarded
 * unread by Node. Only then is the multipart body parsed and the file stored.
 */
export async function registerUploads(
  app: FastifyInstance,
  backend: Backend,
  options: HttpOptions,
): Promise<void> {
  const logger = backend.deps.logger;
  const opened = new WeakMap<FastifyRequest, OpenUpload>();
  // One more byte than allowed, so a file of exactly the limit is not cut (busboy truncates).
  const limits = { fileSize: MAX_UPLOAD_BYTES + 1, files: 1, fields: 0 };
  await app.register(multipart, { limits });

  app.post('/api/files', {
    errorHandler: errorHandler(logger, 'upload'),

    preParsing: async (request, reply, payload) => {
      const caller = httpCaller({ headers: request.headers, clientIp: request.ip }, options);
      const gate = await backend.openUpload(caller);
      if (!gate.ok) return sendFailure(reply, { status: HTTP_STATUS[gate.code], body: gate });
      if (!MULTIPART.test(request.headers['content-type'] ?? '')) {
        return sendFailure(reply, failure('INVALID_INPUT', NO_FILE_MESSAGE));
      }
      opened.set(request, gate);
      return payload;
    },

    handler: async (request, reply) => {
      const gate = opened.get(request);
      if (!gate) throw new Error('upload route reached without preParsing');

      let file: UploadedFile | null;
      try {
        file = await readFilePart(request);
      } catch (error) {
        const answer = failureOf(error, 'upload');
        logFailure(logger, request, error, answer);
        return sendFailure(reply, answer);
      }
      if (!file) return sendFailure(reply, failure('INVALID_INPUT', NO_FILE_MESSAGE));

      const result = await gate.store(file);
      reply.header('cache-control', 'no-store');
      return reply.status(result.ok ? 200 : HTTP_STATUS[result.code]).send(result);
    },
  });
}

/** The first part if it is the field `file`, read whole (at most the limit plus one byte). */
async function readFilePart(request: FastifyRequest): Promise<UploadedFile | null> {
  let part: MultipartFile | undefined;
  let bytes: Buffer;
  try {
    part = await request.file();
    if (!part || part.fieldname !== 'file') return null;
    bytes = await part.toBuffer();
  } catch (error) {
    throw (error as { statusCode?: unknown }).statusCode ? error : new MalformedUploadError(error);
  }
  // toBuffer can miss the limit when it is reached on the last chunk: check it here.
  if (part.file.truncated || bytes.length > MAX_UPLOAD_BYTES) {
    const code = 'FST_REQ_FILE_TOO_LARGE';
    throw Object.assign(new Error('file over the limit'), { code, statusCode: 413 });
  }
  return { name: part.filename, bytes };
}
