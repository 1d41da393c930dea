/**
 * A CloudBase environment reached from Node (scripts on a secretariat's or developer's machine)
 * through @cloudbase/node-sdk. Credentials come from TCB_SECRET_ID and TCB_SECRET_KEY only:
 * never from arguments (they would land in shell history) and never printed.
 */
import type { CloudStorageApp } from '../../adapters/cloudbase/files';
import type { CloudDatabase } from '../../adapters/cloudbase/store';

export interface CloudEnv {
  database: CloudDatabase;
  storage: CloudStorageApp;
}

/**
 * Connects lazily: the SDK is loaded only here, never when a module is imported. Credentials
 * default to the environment variables.
 */
export async function connectCloudEnv(
  envId: string,
  credentials: { secretId?: string; secretKey?: string } = {
    secretId: process.env.TCB_SECRET_ID,
    secretKey: process.env.TCB_SECRET_KEY,
  },
): Promise<CloudEnv> {
  const { secretId, secretKey } = credentials;
  if (!secretId || !secretKey) {
    throw new Error('请在环境变量 TCB_SECRET_ID 与 TCB_SECRET_KEY 中提供云开发密钥');
  }
  const tcb = (await import('@cloudbase/node-sdk')).default;
  const app = tcb.init({ env: envId, secretId, secretKey });
  return {
    database: app.database() as unknown as CloudDatabase,
    storage: app as unknown as CloudStorageApp,
  };
}
