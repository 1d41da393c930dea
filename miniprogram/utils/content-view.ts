// What the pages of published content (通知, 机构动态) show alike: the rich text and the date.
import { shanghaiTime } from './dues-view';

/** Inline layout for rich-text, which applies no page styles to the content's own tags. */
const RICH_TEXT_STYLES: Record<string, string> = {
  table: 'width:100%;border-collapse:collapse;',
  th: 'border:1px solid #e7e7e7;padding:4px 8px;',
  td: 'border:1px solid #e7e7e7;padding:4px 8px;',
};

/**
 * The HTML of a notice or a news item for <rich-text>: tables with borders. It is already
 * sanitised by the backend (no style attribute survives, no picture is kept), and every `<`
 * of the text is escaped there, so each `<table`, `<th`, `<td` found is a tag of its own.
 */
export function richTextHtml(html: string): string {
  return html.replace(
    /<(table|th|td)\b/g,
    (_whole, tag: string) => `<${tag} style="${RICH_TEXT_STYLES[tag]}"`,
  );
}

/** Beijing calendar date of an instant, `2026-06-15`: the date a notice or news item shows. */
export function shanghaiDate(at: string): string {
  return shanghaiTime(at).slice(0, 10);
}
