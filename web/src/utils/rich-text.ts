/**
 * Quill's semantic HTML writes every space as &nbsp;, which would keep a line of Latin text
 * from wrapping: a run of spaces keeps all but its last as &nbsp;, so it still shows as typed.
 */
export function tidyEditorHtml(html: string): string {
  return html.replace(/&nbsp;(?!&nbsp;)/g, ' ');
}
