/** Characters as the backend counts them: an emoji or a Chinese character is one. */
export function charCount(text: string): number {
  return Array.from(text).length;
}
