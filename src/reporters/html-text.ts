/** Escaping for the HTML report: every string from the scanned code goes through here. */

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const CODE_SPAN = /`([^`\n]+)`/g;

/** Control characters but the tab and the line break: HTML forbids most, and none should reach a reader unseen. */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Text safe in element content and in quoted attribute values; a control character shows as `\uXXXX`. */
export function escapeHtml(text: string): string {
  return text
    .replace(/[&<>"']/g, (character) => ENTITIES[character]!)
    .replace(CONTROLS, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
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
