import type { Fen } from '../../typings/actions';

/** Integer fen as 元 with two decimals and a thousands separator: 30000 → ¥300.00. */
export function formatFen(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const whole = Math.floor(Math.abs(fen) / 100);
  const cents = Math.abs(fen) % 100;
  const yuan = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}¥${yuan}.${String(cents).padStart(2, '0')}`;
}
