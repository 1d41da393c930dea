import type { FastifyInstance } from 'fastify';
import type { Backend } from '../../app';
import { redeemTicket } from '../../domain/files/links';
import { errorHandler, failure, sendFailure } from './failures';

const EXPIRED_MESSAGE = '下载链接已失效，请重新打开文件';

/**
 * `Content-Disposition` for a name in any script: an ASCII stand-in for old clients and the
 * real name in RFC 5987 form (`filename*=UTF-8''…`), which every current browser reads.
 */
export function attachmentHeader(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_') || 'file';
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * `GET /api/files/:ticket`: the one-time link `files.link` answers locally. The ticket is
 * spent by the first request that presents it; an unknown, spent or expired one is 404.
 */
export function registerDownloads(app: FastifyInstance, backend: Backend): void {
  app.get<{ Params: { ticket: string } }>('/api/files/:ticket', {
    // No implicit HEAD: a link previewer or download manager probing with HEAD would spend
    // the member's one-time ticket before the download itself.
    exposeHeadRoute: false,
    errorHandler: errorHandler(backend.deps.logger, 'api'),
    handler: async (request, reply) => {
      const file = await redeemTicket(backend.deps, request.params.ticket);
      if (!file) return sendFailure(reply, failure('NOT_FOUND', EXPIRED_MESSAGE));
      return reply
        .header('cache-control', 'no-store')
        .header('content-type', file.contentType)
        .header('content-disposition', attachmentHeader(file.name))
        .send(file.bytes);
    },
  });
}
