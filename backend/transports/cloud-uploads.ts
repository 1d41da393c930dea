import type { Backend } from '../app';
import { HTTP_STATUS } from '../core/errors';
import { MAX_UPLOAD_BYTES } from '../domain/files/uploads';
import { json, lowerCaseHeaders, type HttpEvent, type HttpResponse } from './cloud-http';
import { httpCaller } from './http';
import { readFilePart } from './multipart';

/**
 * HTTP access refuses request bodies over 6 MB (WECHAT-FACTS.md), well under the 10 MB an
 * upload may have elsewhere. Counted on the decoded body; should the platform count the
 * base64 event instead, it refuses such a request before the function sees it.
 */
export const HTTP_ACCESS_MAX_BODY = 6 * 1024 * 1024;

const NO_FILE = { ok: false, code: 'INVALID_INPUT', message: '请选择要上传的文件' } as const;
const OVER_CAP = {
  ok: false,
  code: 'PAYLOAD_TOO_LARGE',
  message: '文件不能超过 6 MB（云端 HTTP 访问的请求上限），请压缩或拆分后重试',
} as const;
const MULTIPART = /^multipart\/form-data\s*;/i;

/**
 * `POST /api/files` over CloudBase HTTP access: the same steps as the local server's route.
 * Who is calling is settled before the body is decoded; then the field `file` is read from
 * the multipart body and stored through the backend, which checks its type by its bytes.
 */
export async function handleUploadEvent(
  backend: Backend,
  event: HttpEvent,
  clientIp: string | null,
): Promise<HttpResponse> {
  const headers = lowerCaseHeaders(event);
  const caller = httpCaller({ headers, clientIp }, { trustOpenidHeader: false });
  const gate = await backend.openUpload(caller);
  if (!gate.ok) return json(HTTP_STATUS[gate.code], gate);

  const contentType = headers['content-type'] ?? '';
  if (!MULTIPART.test(contentType) || !event.body) return json(400, NO_FILE);
  // HTTP access base64-encodes bodies that are not text, as a multipart upload is.
  const body = Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
  if (body.length > HTTP_ACCESS_MAX_BODY) return json(413, OVER_CAP);

  const part = await readFilePart(contentType, body, MAX_UPLOAD_BYTES);
  if (part.kind === 'tooLarge') return json(413, OVER_CAP);
  if (part.kind !== 'file') {
    const reason = part.kind === 'malformed' ? part.reason.slice(0, 200) : part.kind;
    backend.deps.logger.log('info', 'upload', {
      transport: caller.transport,
      requestId: caller.requestId,
      step: 'read',
      outcome: 'INVALID_INPUT',
      reason,
    });
    return json(400, NO_FILE);
  }

  const result = await gate.store({ name: part.name, bytes: part.bytes });
  return json(result.ok ? 200 : HTTP_STATUS[result.code], result);
}
