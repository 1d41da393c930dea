/**
 * A name as the public verification page shows it: the first character and, from three
 * characters on, the last, everything between starred. 张三 → 张*, 张三丰 → 张*丰,
 * 欧阳娜娜 → 欧**娜. Characters are code points, so a rare character is not split in two.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
