import type { Report } from './report.js';

/**
 * Characters a checkout can put in a file name or a symbol that would act on whoever reads the
 * output: line breaks (a new line can start a GitHub workflow command such as `::stop-commands::`),
 * terminal escapes, other C0 and C1 controls, and invisible or bidirectional format characters
 * that make text read other than it is. A tab is left alone.
 */
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

const escapeCharacter = (character: string): string => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** The text with each unsafe character written as a visible `\uXXXX`. */
export function safeText(text: string): string {
  return text.replace(UNSAFE, escapeCharacter);
}

/**
 * A file name for a line of text output: safe, and not starting with `:`, since several formats
 * start a line with the file and GitHub reads a line that starts with `::` as a command.
 */
export function safeFileName(name: string): string {
  const safe = safeText(name);
  return safe.startsWith(':') ? `\\u003a${safe.slice(1)}` : safe;
}

/** Every string of the report made safe for text output (file names by `safeFileName`): for every format but JSON and SARIF. */
export function safeReport(report: Report): Report {
  return safeValue(report, '') as Report;
}

function safeValue(value: unknown, key: string): unknown {
  if (typeof value === 'string') return key === 'file' || key === 'root' ? safeFileName(value) : safeText(value);
  if (Array.isArray(value)) return value.map((item) => safeValue(item, key === 'entries' ? 'file' : ''));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([name, item]) => [safeText(name), safeValue(item, name)]));
}

/**
 * JSON text whose strings keep their exact value but show no unsafe character raw: JSON.stringify
 * escapes C0 controls only; the rest are written as `\uXXXX` escapes, which parse back the same.
 */
export function safeJson(text: string): string {
  return text.replace(UNSAFE_IN_JSON, escapeCharacter);
}

/** UNSAFE less the C0 controls (and so the JSON text's own line breaks): JSON.stringify escapes those. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
