import sanitizeHtml from 'sanitize-html';
import { AppError } from '../../core/errors';

/**
 * The rich text of notices and news, as the secretariat pastes it from a word processor:
 * headings, paragraphs, emphasis, lists, quotes, tables and links. Everything else (scripts,
 * styles, event handlers, frames, forms, `javascript:` links) is removed on the way in, so
 * what is stored is safe to render in the portal (v-html) and the mini-program (rich-text).
 * Links open in a new tab without handing over the opener. Pictures are not kept in the
 * text: one from another site would tell that site who read the notice (and the portal's
 * content policy would not show it); a notice attaches its pictures, a news item has a cover.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h2',
    'h3',
    'h4',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'sub',
    'sup',
    'ul',
    'ol',
    'li',
    'blockquote',
    'hr',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'span',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['https', 'http', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer' }),
  },
};

/** Stored rich text at most (characters after sanitising): a long notice, not a book. */
export const MAX_RICH_TEXT = 100_000;

/** Sanitised HTML; INVALID_INPUT on `field` when nothing readable is left or it is too long. */
export function sanitizeRichText(html: string, field: string): string {
  const clean = sanitizeHtml(html, OPTIONS).trim();
  if (clean.length > MAX_RICH_TEXT) {
    throw new AppError('INVALID_INPUT', '正文过长，请精简后再保存', { field });
  }
  if (plainText(clean) === '') {
    throw new AppError('INVALID_INPUT', '请填写正文', { field });
  }
  return clean;
}

/** The text without tags, spaces collapsed: for excerpts and emptiness checks. */
export function plainText(html: string): string {
  // A block's end is a space, so a heading and its paragraph do not run together.
  const spaced = html.replace(/<\/(p|h[2-4]|li|blockquote|td|th)>|<br\s*\/?>/gi, '$& ');
  return sanitizeHtml(spaced, { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first `length` characters of the text (code points), with … when cut. */
export function excerpt(html: string, length = 80): string {
  const chars = Array.from(plainText(html));
  return chars.length <= length ? chars.join('') : `${chars.slice(0, length).join('')}…`;
}
