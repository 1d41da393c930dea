/**
 * Counting and checking members' free text as they see it. An emoji is one character, not
 * two UTF-16 units; invisible format characters (zero-width spaces and joiners, U+FEFF) do
 * not make a text long enough; half of a surrogate pair is no character at all.
 */

/** Characters as members count them. */
export const charCount = (text: string): number => Array.from(text).length;

const INVISIBLE = /[\p{Cf}\s]/gu;
const LONE_SURROGATE = /\p{Cs}/u;

/** Characters one can see: without white space and format characters. */
export const visibleCount = (text: string): number => charCount(text.replace(INVISIBLE, ''));

/** Whether the text holds half of a surrogate pair, which no screen can show. */
export const hasLoneSurrogate = (text: string): boolean => LONE_SURROGATE.test(text);
