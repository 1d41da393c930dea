import { resolve } from 'node:path';
import { createBackend, type Backend } from '../app';
import { createJsonLogger } from '../core/logger';
import { createLocalDeps } from './deps';
import { createHttpApp } from './http/app';
import { prepareDataDir } from './setup';

export interface ServerOptions {
  /** 0 takes any free port. */
  port: number;
  host?: string;
  dataDir: string;
  seedDemo: boolean;
  adminPassword?: string;
  simulateWechat?: boolean;
  /** The portal's public address; defaults to this server's own base URL. */
  portalUrl?: string;
  /** The 会费到期提醒 template that dues.reminders.accept takes (REMINDER_TEMPLATE_ID). */
  reminderTemplateId?: string;
  /** The 入会审核结果 template applicants accept (APPLICATION_RESULT_TEMPLATE_ID). */
  applicationResultTemplateId?: string;
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
  deps.config.reminderTemplateId = options.reminderTemplateId ?? null;
  deps.config.applicationResultTemplateId = options.applicationResultTemplateId ?? null;
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

  const app = await createHttpApp(backend, {
    trustOpenidHeader: Boolean(options.simulateWechat),
    webRoot: options.webRoot ?? DEFAULT_WEB_ROOT,
  });

  const address = await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  // Known only now when the port was 0: 扫码登录 codes and certificate links point here.
  deps.config.portalUrl = (options.portalUrl ?? address.replace('[::1]', 'localhost')).replace(
    /\/+$/,
    '',
  );
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
