import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runInProcess, temporaryFolder } from './helpers/run-cli.js';

const SECRET = 'const leakedSecretToken = new Map();\nexport function keep(id: string) { leakedSecretToken.set(id, 1); }\n';

/** A service folder, with a file outside it that links may point at. */
function serviceWithOutside(): { folder: string; outside: string } {
  const root = temporaryFolder();
  const folder = join(root, 'service');
  const outside = join(root, 'outside');
  mkdirSync(join(folder, 'src'), { recursive: true });
  mkdirSync(join(outside, 'lib'), { recursive: true });
  // The server imports what the links lead to, so a followed link would put its findings in the tier.
  writeFileSync(join(folder, 'src/server.ts'), "import { keep } from './leak';\nimport { keep as again } from './vendor/secret';\nexport function handler() { keep('a'); again('b'); }\n");
  writeFileSync(join(outside, 'secret.ts'), SECRET);
  writeFileSync(join(outside, 'lib/secret.ts'), SECRET);
  return { folder, outside };
}

describe('files the scan must not read', () => {
  it('symlinks out of the scanned folder (to a file or a folder) are listed and skipped: their text is in no report', async () => {
    const { folder, outside } = serviceWithOutside();
    symlinkSync(join(outside, 'secret.ts'), join(folder, 'src/leak.ts'));
    symlinkSync(join(outside, 'lib'), join(folder, 'src/vendor'));
    for (const format of ['json', 'markdown', 'html', 'table']) {
      const run = await runInProcess(['scan', '.', '-f', format, '--allow-incomplete'], folder);
      expect(run.stdout, format).not.toContain('leakedSecretToken');
      expect(run.status, format).toBe(0);
    }
    const report = JSON.parse((await runInProcess(['scan', '.', '-f', 'json', '--allow-incomplete'], folder)).stdout);
    expect(report.errors).toEqual([
      { file: 'src/leak.ts', message: 'symlink out of the scanned folders: skipped' },
      { file: 'src/vendor', message: 'symlink out of the scanned folders: skipped' },
    ]);
    expect(report.verdict).toBe('incomplete');
  });

  it('a link within the scanned folder is still followed', async () => {
    const { folder } = serviceWithOutside();
    mkdirSync(join(folder, 'shared'));
    writeFileSync(join(folder, 'shared/cache.ts'), SECRET);
    symlinkSync(join(folder, 'shared'), join(folder, 'src/shared'));
    const report = JSON.parse((await runInProcess(['scan', 'src', '.', '-f', 'json'], folder)).stdout);
    expect(report.errors).toEqual([]);
  });

  it('/dev/zero, /dev/urandom and a FIFO (also in an infra folder) are listed and not read: no hang', async () => {
    const { folder } = serviceWithOutside();
    mkdirSync(join(folder, 'infra'));
    symlinkSync('/dev/zero', join(folder, 'src/zero.ts'));
    symlinkSync('/dev/urandom', join(folder, 'infra/random.ts'));
    expect(spawnSync('mkfifo', [join(folder, 'src/pipe.ts')]).status).toBe(0);
    expect(spawnSync('mkfifo', [join(folder, 'infra/pipe.ts')]).status).toBe(0);
    for (const tsconfig of [false, true]) {
      // With a tsconfig the service's files come from its list and infra/ is walked beside it.
      if (tsconfig) writeFileSync(join(folder, 'tsconfig.json'), JSON.stringify({ include: ['src'] }));
      const started = Date.now();
      const run = runCli(['scan', '.', '-f', 'json', '--allow-incomplete'], folder, {}, 20_000);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(run.status).toBe(0);
      const errors = JSON.parse(run.stdout).errors;
      expect(errors).toEqual(
        expect.arrayContaining([
          { file: 'infra/pipe.ts', message: 'not a regular file: skipped' },
          { file: 'infra/random.ts', message: 'symlink out of the scanned folders: skipped' },
        ]),
      );
      // TypeScript's own listing leaves out what is not a regular file.
      if (!tsconfig) {
        expect(errors).toContainEqual({ file: 'src/pipe.ts', message: 'not a regular file: skipped' });
        expect(errors).toContainEqual({ file: 'src/zero.ts', message: 'symlink out of the scanned folders: skipped' });
      }
    }
  });

  it('merge reads excerpts only from files below its working directory', async () => {
    const { folder, outside } = serviceWithOutside();
    const finding = (file: string) => ({ ruleId: 'module-cache', kind: 'cache', severity: 'error', file, line: 1, column: 7, endLine: 1, endColumn: 20, symbol: 'leakedSecretToken', message: 'm', instanceLocal: true, confidence: 'high', impact: 'i', move: 'v', evidence: [], fingerprint: file, tier: 'service' });
    const version = (await runInProcess(['--version'])).stdout.trim();
    const report = {
      tool: { name: 'hidden-state', version },
      verdict: 'stateful',
      summary: { files: 1, findings: 2, instanceLocal: 2, externalized: 0, bySeverity: { error: 2, warning: 0, info: 0 }, byKind: { cache: 2 } },
      tiers: [{ name: 'service', root: '.', entries: [], entrySources: [], files: 1, verdict: 'stateful', findings: 2, instanceLocal: 2 }],
      findings: [finding('../outside/secret.ts'), finding(join(outside, 'lib/secret.ts'))],
      errors: [],
    };
    writeFileSync(join(folder, 'whole.json'), JSON.stringify(report));
    const run = await runInProcess(['merge', 'whole.json', '-f', 'markdown'], folder);
    expect(run.stdout).toContain('outside/secret.ts');
    expect(run.stdout).not.toContain('new Map()');
  });

  it('UTF-16 files with a byte-order mark are decoded as tsc decodes them, not called binary', async () => {
    const folder = temporaryFolder();
    mkdirSync(join(folder, 'src'));
    const text = 'const seen = new Map();\nexport function keep(id: string) { seen.set(id, "é€"); }\n';
    const bigEndian = Buffer.from(text, 'utf16le').swap16();
    writeFileSync(join(folder, 'src/le.ts'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    writeFileSync(join(folder, 'src/be.ts'), Buffer.concat([Buffer.from([0xfe, 0xff]), bigEndian]));
    writeFileSync(join(folder, 'src/utf8.ts'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    const report = JSON.parse((await runInProcess(['scan', '.', '-f', 'json'], folder)).stdout);
    expect(report.errors).toEqual([]);
    expect(report.findings.map((finding: { file: string; line: number; column: number }) => `${finding.file}:${finding.line}:${finding.column}`)).toEqual(['src/be.ts:1:7', 'src/le.ts:1:7', 'src/utf8.ts:1:7']);
  });
});
