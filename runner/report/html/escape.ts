/** Text and attribute values into HTML: every value from a results file goes through here. */
export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** A table cell; numeric cells are right-aligned by the stylesheet. */
export function cell(content: string, options: { numeric?: boolean; title?: string | null; header?: boolean } = {}): string {
  const tag = options.header === true ? 'th' : 'td';
  const classes = options.numeric === true ? ' class="num"' : '';
  const title = options.title != null ? ` title="${esc(options.title)}"` : '';
  return `<${tag}${classes}${title}>${esc(content)}</${tag}>`;
}

/** Pretty JSON inside a closed <details>, for documents a reader opens only when needed. */
export function jsonDetails(summary: string, value: unknown): string {
  return `<details><summary>${esc(summary)}</summary><pre class="json">${esc(JSON.stringify(value, null, 2))}</pre></details>`;
}
