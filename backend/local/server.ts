import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { createBackend, type Backend } from '../app';
import { createJsonLogger } from '../core/logger';
import { DEFAULT_MESSAGES, HTTP_STATUS } from '../core/errors';
import { MAX_UPLOAD_BYTES } from '../domain/files/uploads';
import { handleHttpCall, httpCaller, MAX_JSON_BODY } from '../transports/http';
import { createLocalDeps } from './deps';
import { prepareDataDir } from './setup';

export interface ServerOptions {
  /** 0 takes any free port. */
  port: number;
  host?: string;
  dataDir: string;
  seedDemo: boolean;
  adminPassword?: string;
  simulateWechat?: boolean;
  /** The built portal; defaults to web/dist. */
  webRoot?: string;
  /** Where log lines go; stdout by default. */
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  backend: Backend;
  close(): Promise<void>;
}

const DEFAULT_WEB_ROOT = resolve(__dirname, '../../web/dist');

/**
 * The local server: the backend on SQLite and local files, `/api`, `/api/files`,
 * `/api/health`, and the built portal with a history fallback.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger = createJsonLogger(options.log);
  const deps = createLocalDeps(options.dataDir, { logger });
  const backend = createBackend(deps);
  const setup = await prepareDataDir(deps, {
    seedDemo: options.seedDemo,
    adminPassword: options.adminPassword,
  });
  const print = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  if (setup.generatedAdminPassword) {
    // Printed once, on purpose, and not through the redacting logger: it is the only copy.
    print(`首个管理员账号 admin 的初始密码（仅显示这一次）：${setup.generatedAdminPassword}`);
  }
  if (options.simulateWechat) {
    logger.log('warn', 'simulate_wechat', {
      message: 'SIMULATE_WECHAT=1: the x-wx-openid header is trusted. Never expose this server.',
    });
  }

  const app = Fastify({ logger: false, bodyLimit: MAX_JSON_BODY, trustProxy: false });
  registerApi(app, backend, Boolean(options.simulateWechat));
  await registerUploads(app, backend, Boolean(options.simulateWechat));
  await registerPortal(app, options.webRoot ?? DEFAULT_WEB_ROOT);

  const address = await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  logger.log('info', 'server_started', { address, dataDir: options.dataDir });
  return {
    url: address.replace('[::1]', 'localhost'),
    backend,
    async close() {
      await app.close();
      deps.store.close();
    },
  };
}

function registerApi(app: FastifyInstance, backend: Backend, trustOpenidHeader: boolean) {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    return payload;
  });

  app.get('/api/health', async () => ({ ok: true }));

  app.post('/api', async (request, reply) => {
    const result = await handleHttpCall(
      backend,
      { body: request.body, headers: request.headers, clientIp: request.ip },
      { trustOpenidHeader },
    );
    reply.header('cache-control', 'no-store');
    return reply.status(result.status).send(result.body);
  });

  // Malformed JSON, a body over the limit, a wrong content type: the envelope, not HTML.
  app.setErrorHandler((error: { statusCode?: number }, _request, reply) => {
    const tooLarge = error.statusCode === 413;
    const code = tooLarge
      ? 'PAYLOAD_TOO_LARGE'
      : error.statusCode === 415 || error.statusCode === 400
        ? 'INVALID_INPUT'
        : 'INTERNAL';
    const message = code === 'INVALID_INPUT' ? '请求格式有误' : DEFAULT_MESSAGES[code];
    return reply.status(HTTP_STATUS[code]).send({ ok: false, code, message });
  });
}

async function registerUploads(app: FastifyInstance, backend: Backend, trustOpenidHeader: boolean) {
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 0 } });
  app.post('/api/files', async (request, reply) => {
    const caller = httpCaller(
      { headers: request.headers, clientIp: request.ip },
      { trustOpenidHeader },
    );
    const part = await request.file();
    if (!part || part.fieldname !== 'file') {
      return reply
        .status(400)
        .send({ ok: false, code: 'INVALID_INPUT', message: '请选择要上传的文件' });
    }
    const bytes = await part.toBuffer();
    const result = await backend.upload(
      { name: part.filename, contentType: part.mimetype, bytes },
      caller,
    );
    return reply.status(result.ok ? 200 : HTTP_STATUS[result.code]).send(result);
  });
}

async function registerPortal(app: FastifyInstance, webRoot: string) {
  if (!existsSync(resolve(webRoot, 'index.html'))) {
    app.get('/', async () => '门户尚未构建：请先运行 npm run build:web');
    return;
  }
  await app.register(fastifyStatic, { root: webRoot, index: 'index.html', wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    if (request.method === 'GET' && !request.url.startsWith('/api')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply
      .status(404)
      .send({ ok: false, code: 'UNKNOWN_ACTION', message: DEFAULT_MESSAGES.UNKNOWN_ACTION });
  });
}
