/**
 * `npm run admin:reset -- USERNAME [--env ENV_ID]`: the way back in when an admin's password
 * is lost and no other super-admin can reset it. Gives the account a new temporary password
 * (printed once), enables it, makes it change the password at the next login and ends its
 * sessions; the audit log records the system as the actor. Runs on the local store in
 * DATA_DIR (default .data) or, with --env, on a WeChat Cloud environment.
 * Exit 0 when reset, 1 when it failed (unknown account, no data), 2 on bad arguments.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createCloudbaseFileStore } from '../../adapters/cloudbase/files';
import { createCloudbaseStore } from '../../adapters/cloudbase/store';
import { systemClock, type Clock } from '../../core/clock';
import { DEFAULT_CONFIG, type BackendDeps } from '../../core/context';
import { createJsonLogger } from '../../core/logger';
import {
  findAdminByUsername,
  issueTemporaryPassword,
  listAdmins,
} from '../../domain/admins/accounts';
import { ROLE_LABELS } from '../../domain/admins/model';
import { createLocalDeps } from '../deps';
import { connectCloudEnv, type CloudEnv } from './cloud-env';
import { EXIT, runAsMain, scrub, type CliIo } from './io';

export { EXIT } from './io';

export const USAGE = [
  '用法：npm run admin:reset -- 管理员账号名 [--env 环境ID]',
  '  为该管理员生成新的临时密码（只显示一次），重新启用账号，并结束它的所有登录',
  '  --env ID    在微信云开发环境中重置，密钥取自环境变量 TCB_SECRET_ID 和 TCB_SECRET_KEY',
  '  本地数据目录取自环境变量 DATA_DIR（默认 .data）',
].join('\n');

export type ParsedArgs =
  | { kind: 'run'; username: string; envId: string | null }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

const ENV_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

/** Reads the command line; never echoes an option's value (it might be a pasted secret). */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const names: string[] = [];
  let envId: string | null = null;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const [flag, inline] = splitInline(arg);
    if (arg === '--') {
      names.push(...argv.slice(i + 1));
      break;
    }
    if (flag === '-h' || flag === '--help') return { kind: 'help' };
    if (flag === '--env') {
      const value = inline ?? argv[(i += 1)];
      if (value === undefined || !ENV_ID.test(value)) return error('--env 需要一个云开发环境 ID');
      if (envId !== null && envId !== value) return error('--env 只能指定一次');
      envId = value;
    } else if (/secret|key|password|token/i.test(flag) && flag.startsWith('-')) {
      return error('密钥只能通过环境变量 TCB_SECRET_ID 和 TCB_SECRET_KEY 提供，不能写在命令行里');
    } else if (flag.startsWith('-')) return error(`未知参数：${flag}`);
    else names.push(arg);
  }
  if (names.length === 0) return error('请指定要重置的管理员账号名');
  if (names.length > 1) return error('一次只能重置一个管理员账号');
  return { kind: 'run', username: names[0] as string, envId };
}

function splitInline(arg: string): [string, string | undefined] {
  const at = arg.startsWith('--') ? arg.indexOf('=') : -1;
  return at < 0 ? [arg, undefined] : [arg.slice(0, at), arg.slice(at + 1)];
}

const error = (message: string): ParsedArgs => ({ kind: 'error', message });

/** What the command touches outside itself; tests pass their own. */
export interface ResetHooks extends CliIo {
  /** Reaches a cloud environment; the default loads @cloudbase/node-sdk on first use. */
  connect?(envId: string): Promise<CloudEnv>;
  now?(): Date;
}

/** Runs the command; answers the exit code and never throws. */
export async function runReset(argv: readonly string[], hooks: ResetHooks): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed.kind === 'help') {
    hooks.out(USAGE);
    return EXIT.ok;
  }
  if (parsed.kind === 'error') {
    hooks.err(`${parsed.message}\n${USAGE}`);
    return EXIT.usage;
  }

  const secrets = [hooks.env.TCB_SECRET_ID, hooks.env.TCB_SECRET_KEY].filter(
    (value): value is string => typeof value === 'string' && value.length > 0,
  );
  const fail = (message: string): number => {
    hooks.err(scrub(message, secrets));
    return EXIT.failed;
  };
  const clock: Clock = hooks.now ? { now: hooks.now } : systemClock;

  let target: { deps: BackendDeps; close(): void } | null = null;
  try {
    const { envId } = parsed;
    target = envId === null ? openLocal(hooks, clock) : await openCloud(envId, hooks, clock);
    if (!target) return fail(noDataMessage(hooks));
    return await reset(target.deps, parsed.username, hooks, fail);
  } catch (caught) {
    const detail = caught instanceof Error ? caught.message : String(caught);
    return fail(`重置失败：${detail}`);
  } finally {
    target?.close();
  }
}

async function reset(
  deps: BackendDeps,
  username: string,
  hooks: ResetHooks,
  fail: (message: string) => number,
): Promise<number> {
  const admin = await findAdminByUsername(deps, username);
  if (!admin) {
    const known = (await listAdmins(deps)).items.map((item) => item.username);
    const hint = known.length > 0 ? `现有管理员：${known.join('、')}` : '这里还没有任何管理员账号';
    return fail(`没有账号名为“${username}”的管理员。${hint}`);
  }

  const { temporaryPassword } = await issueTemporaryPassword(deps, admin, null, deps.clock.now(), {
    enable: true,
  });
  // The first admin's display name is its role's label: say it once.
  const who = [...new Set([admin.displayName, ROLE_LABELS[admin.role]])].join('，');
  const lines = [
    `已重置管理员 ${admin.username}（${who}）的密码，该账号原有的登录均已结束。`,
    ...(admin.disabled ? ['该账号原已停用，现已重新启用。'] : []),
    `临时密码（只显示这一次）：${temporaryPassword}`,
    '请用它登录管理后台，登录后须立即设置新密码。',
  ];
  hooks.out(lines.join('\n'));
  return EXIT.ok;
}

/** The local store, or null when DATA_DIR holds none: a typo must not create an empty one. */
function openLocal(hooks: ResetHooks, clock: Clock): { deps: BackendDeps; close(): void } | null {
  const dataDir = resolve(hooks.env.DATA_DIR || '.data');
  if (!existsSync(join(dataDir, 'store.sqlite'))) return null;
  const deps = createLocalDeps(dataDir, { clock, logger: quietLogger(hooks) });
  return { deps, close: () => deps.store.close() };
}

function noDataMessage(hooks: ResetHooks): string {
  const dataDir = resolve(hooks.env.DATA_DIR || '.data');
  return `数据目录 ${dataDir} 中没有数据（找不到 store.sqlite），请检查环境变量 DATA_DIR`;
}

async function openCloud(envId: string, hooks: ResetHooks, clock: Clock) {
  // The real client is created only inside connectCloudEnv, never at module load or in tests.
  const env = await (hooks.connect ?? connectCloudEnv)(envId);
  const deps: BackendDeps = {
    store: createCloudbaseStore(env.database, { sdk: 'node-sdk' }),
    files: createCloudbaseFileStore(env.storage),
    clock,
    logger: quietLogger(hooks),
    config: DEFAULT_CONFIG,
  };
  return { deps, close: () => undefined };
}

/** Warnings and errors only, to stderr: stdout carries the result alone. */
function quietLogger(hooks: ResetHooks) {
  return createJsonLogger((line) => hooks.err(line), 'warn');
}

runAsMain(module, runReset);
