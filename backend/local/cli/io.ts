/** What every command-line tool shares: exit codes, its streams, and secret scrubbing. */
import { resolve } from 'node:path';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A command's view of the outside; tests pass their own. */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  out(text: string): void;
  err(text: string): void;
}

/** Replaces any secret that an SDK message might echo. */
export function scrub(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}

/**
 * Runs `command` with the real process when `entry` is the module node started, so that the
 * same file can be imported by tests without running.
 */
export function runAsMain(
  entry: NodeJS.Module,
  command: (argv: readonly string[], io: CliIo) => Promise<number>,
): void {
  if (require.main !== entry || resolve(process.argv[1] ?? '') !== entry.filename) return;
  command(process.argv.slice(2), {
    env: process.env,
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = EXIT.failed;
    },
  );
}
