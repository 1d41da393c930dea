import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Backend } from '../../app';
import { handleHttpCall, MAX_JSON_BODY, type HttpOptions } from '../../transports/http';
import { errorHandler, failure, frameworkErrorHandler, sendFailure } from './failures';
import { applySecurityHeaders } from './security-headers';
import { registerUploads } from './uploads';
import { registerDownloads } from './downloads';

export interface HttpAppOptions extends HttpOptions {
  /** The built portal (index.html and its assets); without one `/` says how to build it. */
  webRoot: string;
}

/**
 * The local server's routes, not yet listening: `/api`, `/api/files`, `/api/health` and the
 * built portal with a history fallback. Every answer carries the security headers; every
 * failure, Fastify's own included, is the envelope.
 */
export async function createHttpApp(
  backend: Backend,
  options: HttpAppOptions,
): Promise<FastifyInstance> {
  const logger = backend.deps.logger;
  const app = Fastify({
    logger: false,
    bodyLimit: MAX_JSON_BODY,
    trustProxy: false,
    frameworkErrors: frameworkErrorHandler(logger),
  });
  const http: HttpOptions = { trustOpenidHeader: options.trustOpenidHeader };

  app.addHook('onSend', async (_request, reply, payload) => {
    applySecurityHeaders(reply);
    return payload;
  });
  // Malformed JSON, a body over the limit, a wrong content type, a fault: the envelope.
  app.setErrorHandler(errorHandler(logger, 'api'));

  app.get('/api/health', async () => ({ ok: true }));
  app.post('/api', async (request, reply) => {
    const result = await handleHttpCall(
      backend,
      { body: request.body, headers: request.headers, clientIp: request.ip },
      http,
    );
    reply.header('cache-control', 'no-store');
    return reply.status(result.status).send(result.body);
  });
  await registerUploads(app, backend, http);
  registerDownloads(app, backend);
  await registerPortal(app, options.webRoot);
  return app;
}

const NOT_BUILT = '门户尚未构建：请先运行 npm run build:web';

const isApiPath = (request: FastifyRequest) => /^\/api(\/|\?|$)/.test(request.url);

/**
 * Any GET or HEAD outside `/api` that names no file is the single page's index.html (HEAD
 * too: link checkers and proxies ask it first). Unknown `/api` paths answer the envelope.
 */
async function registerPortal(app: FastifyInstance, webRoot: string): Promise<void> {
  const built = existsSync(resolve(webRoot, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, { root: webRoot, index: 'index.html', wildcard: false });
  }
  app.setNotFoundHandler((request, reply) => {
    const page = (request.method === 'GET' || request.method === 'HEAD') && !isApiPath(request);
    if (!page) return sendFailure(reply, failure('UNKNOWN_ACTION'));
    if (!built) return reply.type('text/plain; charset=utf-8').send(NOT_BUILT);
    return reply.type('text/html').sendFile('index.html');
  });
}
