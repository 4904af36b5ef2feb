/** Escaping for the HTML report: every string from the scanned code goes through here. */

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const CODE_SPAN = /`([^`\n]+)`/g;

/** Text safe in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character]!);
}

/** Escaped text whose `code spans` (as rule messages write names) become `<code>`. */
export function richText(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(CODE_SPAN)) {
    out += escapeHtml(text.slice(last, match.index));
    out += `<code>${escapeHtml(match[1]!)}</code>`;
    last = match.index + match[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

/** An escaped path that may break after each slash in a narrow column. */
export function breakablePath(path: string): string {
  return path.split('/').map(escapeHtml).join('/<wbr>');
}
