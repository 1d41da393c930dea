/**
 * `npm run cloud:setup -- ENV_ID`: creates every collection in a CloudBase environment, the
 * first admin `admin` (password from ADMIN_PASSWORD, else generated and printed once), and
 * prints the indexes to enter in the console (the SDKs cannot create indexes).
 */
import { createCloudbaseFileStore } from '../../adapters/cloudbase/files';
import {
  createCloudbaseStore,
  ensureCollections,
  formatIndexGuide,
} from '../../adapters/cloudbase/store';
import { systemClock } from '../../core/clock';
import { DEFAULT_CONFIG } from '../../core/context';
import { createJsonLogger } from '../../core/logger';
import { ensureFirstAdmin } from '../../domain/admins/accounts';
import { connectCloudEnv } from './cloud-env';

async function main(): Promise<number> {
  const envId = process.argv.slice(2).find((arg) => arg !== '--');
  if (!envId) {
    process.stderr.write(
      '用法：npm run cloud:setup -- 环境ID（密钥放在 TCB_SECRET_ID/TCB_SECRET_KEY）\n',
    );
    return 2;
  }
  const env = await connectCloudEnv(envId);
  const { created, existing } = await ensureCollections(env.database);
  process.stdout.write(
    `已创建集合：${created.join(', ') || '无'}\n已存在：${existing.join(', ') || '无'}\n`,
  );
  const deps = {
    store: createCloudbaseStore(env.database, { sdk: 'node-sdk' }),
    files: createCloudbaseFileStore(env.storage),
    clock: systemClock,
    logger: createJsonLogger(),
    config: DEFAULT_CONFIG,
  };
  const admin = await ensureFirstAdmin(deps, process.env.ADMIN_PASSWORD, systemClock.now());
  if (admin.generatedPassword) {
    process.stdout.write(
      `首个管理员 admin 的初始密码（仅显示这一次）：${admin.generatedPassword}\n`,
    );
  } else if (admin.created) {
    process.stdout.write('已创建首个管理员 admin（密码为 ADMIN_PASSWORD）\n');
  }
  process.stdout.write(
    `\n请在 云开发控制台 → 数据库 → 集合 → 索引管理 中建立以下索引：\n${formatIndexGuide()}\n`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`失败：${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
