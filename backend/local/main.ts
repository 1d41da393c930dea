import { resolve } from 'node:path';
import { startServer } from './server';

/** `npm start`: reads the environment, as ARCHITECTURE.md lists it, and serves. */
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got ${process.env.PORT}`);
  }
  const server = await startServer({
    port,
    host: process.env.HOST ?? '127.0.0.1',
    dataDir: resolve(process.env.DATA_DIR ?? '.data'),
    seedDemo: process.env.SEED_DEMO !== '0',
    adminPassword: process.env.ADMIN_PASSWORD || undefined,
    simulateWechat: process.env.SIMULATE_WECHAT === '1',
    portalUrl: process.env.PORTAL_URL || undefined,
    reminderTemplateId: process.env.REMINDER_TEMPLATE_ID?.trim() || undefined,
    applicationResultTemplateId: process.env.APPLICATION_RESULT_TEMPLATE_ID?.trim() || undefined,
  });
  process.stdout.write(`会员系统已启动：${server.url}  （管理后台：${server.url}/admin）\n`);

  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`启动失败：${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
