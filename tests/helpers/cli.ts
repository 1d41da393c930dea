import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { CliIo } from '../../backend/local/cli/io';

const ROOT = resolve(__dirname, '../..');

/** A command as an operator runs it: a child process (tsx) with its own environment. */
export function runChild(cli: string, args: string[], env: Record<string, string>) {
  const child = spawnSync('npx', ['tsx', cli, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** A command in-process, with its output kept; `hooks` replace its view of the outside. */
export async function runInProcess<H extends CliIo>(
  command: (argv: readonly string[], hooks: H) => Promise<number>,
  args: string[],
  hooks: Partial<H> = {},
) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await command(args, {
    env: {},
    out: (text: string) => out.push(text),
    err: (text: string) => err.push(text),
    ...hooks,
  } as unknown as H);
  return { status, out: out.join('\n'), err: err.join('\n') };
}
