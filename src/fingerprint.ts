import { createHash } from 'node:crypto';

/**
 * A finding's stable id: the rule, the file, the holder and its declaration with white space
 * removed. Line numbers stay out, so lines added above or reformatting keep the fingerprint.
 */
export function fingerprintOf(ruleId: string, file: string, symbol: string, declarationText: string): string {
  const normalized = declarationText.replace(/\s+/g, '').replace(/,([)\]}])/g, '$1');
  return createHash('sha256').update(`${ruleId}\0${file}\0${symbol}\0${normalized}`).digest('hex').slice(0, 20);
}
