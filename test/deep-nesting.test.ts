import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, temporaryFolder } from './helpers/run-cli.js';

const STATE = 'const seen = new Map();\nexport function keep(id: string) { seen.set(id, 1); }\n';
const terms = (count: number): string => Array.from({ length: count }, (_, index) => `"a${index}"`).join(' + ');

/** Chains the parser reads without recursing, at the lengths of the issue and at 50,000 (what tsc takes). */
const CHAINS: Record<string, string> = {
  'concat-2000.ts': `export const s = ${terms(2000)};\n`,
  'concat-50000.ts': `export const s = ${terms(50_000)};\n`,
  'member-1900.ts': `declare const a: any;\nexport const s = a${'.b'.repeat(1900)};\n`,
  'member-50000.ts': `declare const a: any;\nexport const s = a${'.b'.repeat(50_000)};\n`,
  'calls-900.ts': `declare const a: any;\nexport const s = a${'.b()'.repeat(900)};\n`,
  'calls-20000.ts': `declare const a: any;\nexport const s = a${'.b()'.repeat(20_000)};\n`,
  // A write of state deep inside a chain still counts.
  'write-in-chain.ts': `const deep = new Map();\nexport function keep(id: string) { return ${terms(3000)} + deep.set(id, 1); }\n`,
};

/** Nesting the parser itself recurses on: too deep, it is listed, and the scan goes on. */
const NESTED: Record<string, string> = {
  'parens.ts': `export const s = ${'('.repeat(20_000)}1${')'.repeat(20_000)};\n`,
  'arrays.ts': `export const s = ${'['.repeat(20_000)}1${']'.repeat(20_000)};\n`,
  'blocks.ts': `export function f(x: number) {${'if (x) {'.repeat(20_000)}x++;${'}'.repeat(20_000)}}\n`,
  'jsx.tsx': `export const s = ${'<div>'.repeat(20_000)}${'</div>'.repeat(20_000)};\n`,
};

describe('deep nesting', () => {
  it('long chains of every kind are analysed; nesting too deep to parse is listed under errors, never a crash', () => {
    const folder = temporaryFolder();
    mkdirSync(join(folder, 'src'));
    writeFileSync(join(folder, 'src/cache.ts'), STATE);
    for (const [name, text] of Object.entries({ ...CHAINS, ...NESTED })) writeFileSync(join(folder, 'src', name), text);
    const run = runCli(['scan', '.', '-f', 'json', '--allow-incomplete'], folder, {}, 60_000);
    expect(run.stderr).not.toContain('Maximum call stack');
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.findings.map((finding: { file: string; symbol: string }) => `${finding.file} ${finding.symbol}`)).toEqual(['src/cache.ts seen', 'src/write-in-chain.ts deep']);
    expect(report.errors).toEqual(Object.keys(NESTED).sort().map((name) => ({ file: `src/${name}`, message: 'skipped: nested too deeply to parse' })));
    expect(report.summary.files).toBe(1 + Object.keys(CHAINS).length);
  });
});
