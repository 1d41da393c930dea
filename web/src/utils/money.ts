/**
 * Money on the portal: amounts travel as integer fen (分) and are shown and typed as 元.
 * Conversion works on the digits, never through floating point, so 0.29 元 is 29 fen exactly.
 */
import type { Fen } from '../../../typings';

/** 30000 → '¥300.00', as every amount is shown. */
export function formatFen(fen: Fen): string {
  return `¥${yuanText(fen)}`;
}

/** 30000 → '300.00': the figure alone, as a bank's transfer form takes it. */
export function yuanText(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Fen as the 元 figure an input shows: 30050 → '300.50', 30000 → '300'. */
export function fenToYuanText(fen: Fen): string {
  const yuan = Math.floor(fen / 100);
  const cents = fen % 100;
  return cents === 0 ? String(yuan) : `${yuan}.${String(cents).padStart(2, '0')}`;
}

/** The largest amount a fee field takes: 100,000 元, the backend's own cap for a year's fee. */
export const MAX_YUAN_FEN = 10_000_000;

/**
 * A typed 元 amount as fen: '300' → 30000, '300.5' → 30050, '0.29' → 29. Null for anything
 * else: empty, negative, more than two decimals, letters, or more than `MAX_YUAN_FEN`.
 */
export function parseYuan(text: string): Fen | null {
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return fen <= MAX_YUAN_FEN ? fen : null;
}
