import type { Finding } from '../report/finding.js';

/** `file:line`, as the audit table shows a finding's place. */
export function locationOf(finding: Pick<Finding, 'file' | 'line'>): string {
  return `${finding.file}:${finding.line}`;
}

const LANGUAGES: Readonly<Record<string, string>> = {
  cjs: 'js', cts: 'ts', js: 'js', jsx: 'jsx', mjs: 'js', mts: 'ts', ts: 'ts', tsx: 'tsx',
};

/** The code-block language of a source file, from its extension. */
export function excerptLanguage(file: string): string {
  const extension = /\.([a-z]+)$/i.exec(file)?.[1]?.toLowerCase() ?? '';
  return LANGUAGES[extension] ?? '';
}
