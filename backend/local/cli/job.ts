/**
 * `npm run job -- [NAME ...]`: runs the daily jobs (or the named ones) against the local
 * store in DATA_DIR, as the cloud's timer trigger does once a day.
 */
import { resolve } from 'node:path';
import { createBackend } from '../../app';
import { DAILY_JOBS } from '../../jobs';
import { createLocalDeps } from '../deps';

async function main(): Promise<number> {
  const names = process.argv.slice(2).filter((arg) => arg !== '--');
  const known = DAILY_JOBS.map((job) => job.name);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    process.stderr.write(`未知的任务：${unknown.join(', ')}。可用：${known.join(', ')}\n`);
    return 2;
  }
  const deps = createLocalDeps(resolve(process.env.DATA_DIR ?? '.data'));
  try {
    const results = await createBackend(deps).runJobs(names.length > 0 ? names : undefined);
    process.stdout.write(`${JSON.stringify(results)}\n`);
    return 0;
  } finally {
    deps.store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`任务失败：${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
