/**
 * Counting and checking members' free text as they see it. An emoji is one character, not
 * two UTF-16 units; invisible format characters (zero-width spaces and joiners, U+FEFF) do
 * not make a text long enough; half of a surrogate pair is no character at all.
 */

/** Characters as members count them. */
export const charCount = (text: string): number => Array.from(text).length;

const INVISIBLE = /[\p{Cf}\s]/gu;
const LONE_SURROGATE = /\p{Cs}/u;
const CONTROL = /\p{Cc}/u;
const CONTROL_BUT_LINES = /(?![\n\r\t])\p{Cc}/u;

/** Characters one can see: without white space and format characters. */
export const visibleCount = (text: string): number => charCount(text.replace(INVISIBLE, ''));

/** Whether the text holds half of a surrogate pair, which no screen can show. */
export const hasLoneSurrogate = (text: string): boolean => LONE_SURROGATE.test(text);

/**
 * Whether the text holds a control character; `'many'` lines (a description, a reply) lets
 * line breaks and tabs through, `'one'` (a name, a title) none.
 */
export const hasControl = (text: string, lines: 'one' | 'many' = 'one'): boolean =>
  (lines === 'one' ? CONTROL : CONTROL_BUT_LINES).test(text);
