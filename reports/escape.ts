/** Escaping for the text formats reporters write. Every string that came from a destination passes through here. */

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Escapes text for XML attributes and content, dropping characters XML 1.0 cannot carry. */
export function escapeXml(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping the control characters XML forbids
  return escapeHtml(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ""));
}

/**
 * Escapes text for a Markdown line or table cell: HTML-significant characters become entities (a
 * Markdown renderer passes raw HTML through), Markdown punctuation is backslash-escaped so
 * destination text cannot make links, emphasis or code, `:` and `@` and `www.` are escaped so GFM
 * does not turn a bare URL or address into a link, and line breaks become spaces.
 */
export function escapeMarkdownCell(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_[\]()#|!~:@$])/g, "\\$1")
    .replace(/\b(www)\./gi, "$1\\.")
    .replace(/\r?\n/g, " ");
}
