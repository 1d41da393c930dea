/**
 * `npm run job -- [NAME ...]`: runs the daily jobs (or the named ones) against the local
 * store in DATA_DIR, as the cloud's timer trigger does once a day.
 */
import { resolve } from 'node:path';
import { createBackend } from '../../app';
import { DAILY_JOBS } from '../../jobs';
import { createLocalDeps } from '../deps';

/** The usage text; jobs are listed from DAILY_JOBS, so a new job appears by itself. */
export function usage(): string {
  const width = Math.max(...DAILY_JOBS.map((job) => job.name.length));
  return [
    '用法：npm run job -- [任务名 ...]',
    '',
    '对 DATA_DIR（默认 .data）中的本地数据运行每日任务，与云端定时触发器相同；',
    '不写任务名则按以下顺序全部运行：',
    ...DAILY_JOBS.map((job) => `  ${job.name.padEnd(width)}  ${job.description}`),
    '',
    '选项：',
    '  --help, -h  显示本说明',
  ].join('\n');
}

/** What the command line asks for: help, the jobs to run, or a mistake to report. */
export function parseJobArgs(
  argv: string[],
): { kind: 'help' } | { kind: 'run'; names: string[] } | { kind: 'error'; message: string } {
  const args = argv.filter((arg) => arg !== '--');
  if (args.includes('--help') || args.includes('-h')) return { kind: 'help' };
  const options = args.filter((arg) => arg.startsWith('-'));
  if (options.length > 0) return { kind: 'error', message: `未知的选项：${options.join(', ')}` };
  const known = DAILY_JOBS.map((job) => job.name);
  const unknown = args.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    return {
      kind: 'error',
      message: `未知的任务：${unknown.join(', ')}。可用：${known.join(', ')}`,
    };
  }
  return { kind: 'run', names: args };
}

async function main(): Promise<number> {
  const parsed = parseJobArgs(process.argv.slice(2));
  if (parsed.kind === 'help') {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`${parsed.message}\n\n${usage()}\n`);
    return 2;
  }
  const deps = createLocalDeps(resolve(process.env.DATA_DIR ?? '.data'));
  try {
    const names = parsed.names.length > 0 ? parsed.names : undefined;
    const results = await createBackend(deps).runJobs(names);
    process.stdout.write(`${JSON.stringify(results)}\n`);
    return 0;
  } finally {
    deps.store.close();
  }
}

// Run only as the command itself, so that tests can import parseJobArgs and usage.
if (require.main === module && resolve(process.argv[1] ?? '') === __filename) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      process.stderr.write(`任务失败：${reason}\n`);
      process.exit(1);
    },
  );
}
