import { redact } from './mask';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured logs: one JSON object per line, every payload passed through `redact`. */
export interface Logger {
  log(level: LogLevel, event: string, fields?: Record<string, unknown>): void;
}

/** Writes JSON lines to a sink (stdout by default, which the cloud collects). */
export function createJsonLogger(
  sink: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  minLevel: LogLevel = 'info',
): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  const min = order.indexOf(minLevel);
  return {
    log(level, event, fields = {}) {
      if (order.indexOf(level) < min) return;
      const safe = redact(fields) as Record<string, unknown>;
      sink(JSON.stringify({ at: new Date().toISOString(), level, event, ...safe }));
    },
  };
}

/** A logger that keeps lines in memory, for tests that check what reaches the log. */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const inner = createJsonLogger((line) => lines.push(line), 'debug');
  return { lines, log: inner.log };
}
