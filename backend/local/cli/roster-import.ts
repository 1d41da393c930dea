/**
 * `npm run roster:import -- FILE [--dry-run] [--json] [--env ENV_ID]`: the secretariat's
 * roster straight into the local SQLite store (DATA_DIR, default .data) or, with --env, into
 * a WeChat Cloud environment. Exit 0 on success (row errors included), 1 when the import
 * failed (unreadable file, no header, a conflict), 2 on bad arguments.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RosterReport } from '../../../typings';
import { createCloudbaseStore } from '../../adapters/cloudbase/store';
import { connectCloudEnv } from './cloud-env';
import { createLocalFileStore } from '../../adapters/local-files/files';
import { createSqliteStore } from '../../adapters/sqlite/store';
import { systemClock } from '../../core/clock';
import { DEFAULT_CONFIG, type BackendDeps } from '../../core/context';
import { AppError } from '../../core/errors';
import { createJsonLogger } from '../../core/logger';
import { importParsedRoster } from '../../domain/roster/import';
import { parseRoster } from '../../domain/roster/parse';
import { formatRosterSummary } from '../../domain/roster/summary';
import type { DocumentStore } from '../../ports/store';
import { EXIT, runAsMain, scrub, type CliIo } from './io';

export { EXIT } from './io';

export const USAGE = [
  '用法：npm run roster:import -- 名册.xlsx [--dry-run] [--json] [--env 环境ID]',
  '  --dry-run   只预览，不写入任何数据',
  '  --json      输出一个 JSON 对象',
  '  --env ID    导入微信云开发环境，密钥取自环境变量 TCB_SECRET_ID 和 TCB_SECRET_KEY',
  '  本地数据目录取自环境变量 DATA_DIR（默认 .data）',
].join('\n');

export interface CliOptions {
  file: string;
  dryRun: boolean;
  json: boolean;
  /** A CloudBase environment id, or null for the local store. */
  envId: string | null;
}

export type ParsedArgs =
  { kind: 'run'; options: CliOptions } | { kind: 'help' } | { kind: 'error'; message: string };

const ENV_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

/** Reads the command line; never echoes an option's value (it might be a pasted secret). */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const files: string[] = [];
  const options = { dryRun: false, json: false, envId: null as string | null };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.startsWith('--') ? splitInline(arg) : [arg, undefined];
    if (arg === '--') {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (flag === '-h' || flag === '--help') return { kind: 'help' };
    if (flag === '--dry-run' && inline === undefined) options.dryRun = true;
    else if (flag === '--json' && inline === undefined) options.json = true;
    else if (flag === '--env') {
      const value = inline ?? argv[(i += 1)];
      if (value === undefined || !ENV_ID.test(value)) return error('--env 需要一个云开发环境 ID');
      if (options.envId !== null && options.envId !== value) return error('--env 只能指定一次');
      options.envId = value;
    } else if (/secret|key|password|token/i.test(flag)) {
      return error('密钥只能通过环境变量 TCB_SECRET_ID 和 TCB_SECRET_KEY 提供，不能写在命令行里');
    } else if (flag.startsWith('-')) return error(`未知参数：${flag}`);
    else files.push(arg);
  }
  if (files.length === 0) return error('请指定名册文件（.xlsx）');
  if (files.length > 1) return error('一次只能导入一个名册文件');
  return { kind: 'run', options: { file: files[0] as string, ...options } };
}

function splitInline(arg: string): [string, string | undefined] {
  const at = arg.indexOf('=');
  return at < 0 ? [arg, undefined] : [arg.slice(0, at), arg.slice(at + 1)];
}

const error = (message: string): ParsedArgs => ({ kind: 'error', message });

export interface CloudCredentials {
  secretId: string;
  secretKey: string;
}

/** What the CLI touches outside itself; tests pass their own. */
export interface CliHooks extends CliIo {
  /** Opens a cloud environment's store; the default loads @cloudbase/node-sdk on first use. */
  openCloudStore?(envId: string, credentials: CloudCredentials): Promise<DocumentStore>;
  now?(): Date;
}

/** Runs the command line; answers the exit code and never throws. */
export async function runCli(argv: readonly string[], hooks: CliHooks): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed.kind === 'help') {
    hooks.out(USAGE);
    return EXIT.ok;
  }
  if (parsed.kind === 'error') {
    hooks.err(`${parsed.message}\n${USAGE}`);
    return EXIT.usage;
  }
  const { options } = parsed;

  // 1. Credentials come from the environment only, checked before anything is opened.
  let credentials: CloudCredentials | null = null;
  if (options.envId !== null) {
    const { TCB_SECRET_ID: secretId, TCB_SECRET_KEY: secretKey } = hooks.env;
    if (!secretId || !secretKey) {
      hooks.err('导入云开发环境需要设置环境变量 TCB_SECRET_ID 和 TCB_SECRET_KEY');
      return EXIT.usage;
    }
    credentials = { secretId, secretKey };
  }
  const secrets = credentials ? [credentials.secretId, credentials.secretKey] : [];
  const say = (write: (text: string) => void, text: string) => write(scrub(text, secrets));
  const fail = (code: string, message: string): number => {
    if (options.json) say(hooks.out, JSON.stringify({ error: { code, message } }));
    say(hooks.err, message);
    return EXIT.failed;
  };

  // 2. The file, read before any store is opened: an unreadable one leaves no trace.
  let bytes: Buffer;
  try {
    bytes = await readFile(options.file);
  } catch {
    return fail('INVALID_INPUT', `无法读取文件：${options.file}`);
  }

  // 3. The roster, then the store: a broken file opens (and creates) nothing.
  let target: { store: DocumentStore; close(): void } | null = null;
  try {
    const parsedRoster = await parseRoster(bytes);
    target =
      options.envId !== null && credentials
        ? await openCloud(options.envId, credentials, hooks)
        : openLocal(hooks.env.DATA_DIR || '.data', options.dryRun);
    const deps: BackendDeps = {
      store: target.store,
      files: createLocalFileStore(join(hooks.env.DATA_DIR || '.data', 'files')),
      clock: hooks.now ? { now: hooks.now } : systemClock,
      logger: createJsonLogger((line) => say(hooks.err, line), 'warn'),
      config: DEFAULT_CONFIG,
    };
    const report = await importParsedRoster(deps, parsedRoster, bytes, {
      dryRun: options.dryRun,
      actor: null,
      now: deps.clock.now(),
      revealPhones: true,
    });
    say(hooks.out, options.json ? JSON.stringify(toJson(report)) : formatRosterSummary(report));
    return EXIT.ok;
  } catch (caught) {
    if (caught instanceof AppError) return fail(caught.code, caught.message);
    const detail = caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught);
    return fail('INTERNAL', `导入失败：${detail}`);
  } finally {
    target?.close();
  }
}

/** The machine-readable result: counts, refused rows, and conflicts with whole phones. */
function toJson(report: RosterReport) {
  return {
    imported: report.imported,
    updated: report.updated,
    unchanged: report.unchanged,
    rowErrors: report.rowErrors.map(({ row, code, reason }) => ({ row, code, reason })),
    conflicts: report.conflicts.map(({ row, phone, sameAsRow }) => ({ row, phone, sameAsRow })),
  };
}

function openLocal(dataDir: string, dryRun: boolean): { store: DocumentStore; close(): void } {
  const file = join(dataDir, 'store.sqlite');
  // A dry run on a fresh folder must not create one: an empty store in memory answers alike.
  const store = createSqliteStore(
    dryRun && !existsSync(file) ? ':memory:' : prepare(dataDir, file),
  );
  return { store, close: () => store.close() };
}

function prepare(dataDir: string, file: string): string {
  mkdirSync(dataDir, { recursive: true });
  return file;
}

async function openCloud(envId: string, credentials: CloudCredentials, hooks: CliHooks) {
  const open = hooks.openCloudStore ?? openCloudbaseStore;
  return { store: await open(envId, credentials), close: () => undefined };
}

/** The real cloud client, created only inside connectCloudEnv: never in tests. */
async function openCloudbaseStore(
  envId: string,
  credentials: CloudCredentials,
): Promise<DocumentStore> {
  const env = await connectCloudEnv(envId, credentials);
  return createCloudbaseStore(env.database, { sdk: 'node-sdk' });
}

runAsMain(module, runCli);
